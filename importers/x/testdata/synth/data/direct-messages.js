window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "777-4242",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "777",
            "reactions" : [],
            "urls" : [],
            "text" : "Sure, come by the clinic Monday and I will look at the rash",
            "mediaUrls" : [
              "https://ton.twitter.com/1.1/ton/data/dm/1500000000000000003/1500000000000000003/Zz9.jpg"
            ],
            "senderId" : "4242",
            "id" : "1500000000000000003",
            "createdAt" : "2023-02-01T10:05:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "4242",
            "reactions" : [],
            "urls" : [],
            "text" : "Doctor, it is me, your patient from last week. Can you check my rash?",
            "mediaUrls" : [],
            "senderId" : "777",
            "id" : "1500000000000000002",
            "createdAt" : "2023-02-01T10:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "4242",
            "reactions" : [],
            "urls" : [],
            "text" : "hello?",
            "mediaUrls" : [],
            "senderId" : "777",
            "id" : "1500000000000000001",
            "createdAt" : "2023-02-01T09:00:00.000Z"
          }
        }
      ]
    }
  }
]
