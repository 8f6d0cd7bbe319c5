window.YTD.noteTweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1300000000000000001",
      "updatedAt" : "2023-05-01T12:00:00.000Z",
      "lifecycle" : {
        "value" : "2",
        "name" : "Published",
        "originalName" : "Published"
      },
      "createdAt" : "2023-05-01T11:59:00.000Z",
      "core" : {
        "styletags" : [],
        "urls" : [],
        "text" : "A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. A long note tweet about burnout in medicine. ",
        "mentions" : [],
        "cashtags" : [],
        "hashtags" : []
      }
    }
  }
]
