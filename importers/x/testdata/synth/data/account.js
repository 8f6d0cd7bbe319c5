window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "jane@example.org",
      "createdVia" : "web",
      "username" : "dr_jane_doe",
      "accountId" : "4242",
      "createdAt" : "2012-03-01T10:00:00.000Z",
      "accountDisplayName" : "Jane Doe, MD"
    }
  }
]
