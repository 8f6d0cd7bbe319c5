window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "4242",
    "userName" : "dr_jane_doe",
    "displayName" : "Jane Doe, MD"
  }
}
