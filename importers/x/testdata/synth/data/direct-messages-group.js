window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "g1",
      "messages" : [
        {
          "joinConversation" : {
            "initiatingUserId" : "888",
            "participantsSnapshot" : [
              "4242",
              "888"
            ],
            "createdAt" : "2023-03-01T00:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Group chat: see you at grand rounds",
            "mediaUrls" : [],
            "senderId" : "4242",
            "id" : "1600000000000000001",
            "createdAt" : "2023-03-01T01:00:00.000Z"
          }
        }
      ]
    }
  }
]
