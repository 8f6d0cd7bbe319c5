window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1200000000000000001"
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
        "44"
      ],
      "favorite_count" : "3",
      "id_str" : "1200000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1200000000000000001",
      "created_at" : "Fri Mar 20 16:00:00 +0000 2020",
      "favorited" : false,
      "full_text" : "Residency match day! So proud of our interns",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1200000000000000002"
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
        "30"
      ],
      "favorite_count" : "3",
      "id_str" : "1200000000000000002",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1200000000000000002",
      "created_at" : "Fri Mar 20 16:05:00 +0000 2020",
      "favorited" : false,
      "full_text" : "Replying to myself: thread 2/2",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1200000000000000001",
      "in_reply_to_screen_name" : "dr_jane_doe",
      "in_reply_to_user_id_str" : "4242"
    }
  }
]
