window.YTD.deleted_tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1400000000000000001"
          ],
          "editableUntil" : "2020-01-01T00:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "38"
      ],
      "favorite_count" : "3",
      "id_str" : "1400000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1400000000000000001",
      "created_at" : "Mon Jan 09 22:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Deleted: ugh, worst patient ever today",
      "lang" : "en",
      "deleted_at" : "Mon Jan 09 23:00:00 +0000 2023"
    }
  }
]
