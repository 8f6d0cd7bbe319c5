window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1100000000000000001"
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
        "54"
      ],
      "favorite_count" : "3",
      "id_str" : "1100000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1100000000000000001",
      "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
      "favorited" : false,
      "full_text" : "Long shift in the ED tonight. Grateful for the nurses.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1100000000000000002"
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
        "user_mentions" : [
          {
            "name" : "Dr Smith",
            "screen_name" : "drsmith",
            "indices" : [
              "0",
              "8"
            ],
            "id_str" : "555",
            "id" : "555"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "46"
      ],
      "favorite_count" : "3",
      "id_str" : "1100000000000000002",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1100000000000000002",
      "created_at" : "Thu Oct 11 08:00:00 +0000 2018",
      "favorited" : false,
      "full_text" : "@drsmith agreed, the new sepsis protocol works",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1099999999999999999",
      "in_reply_to_status_id" : "1099999999999999999",
      "in_reply_to_user_id_str" : "555",
      "in_reply_to_user_id" : "555",
      "in_reply_to_screen_name" : "drsmith"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1100000000000000003"
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
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dr_jane_doe/status/1100000000000000003/photo/1",
            "indices" : [
              "40",
              "63"
            ],
            "url" : "https://t.co/AbC",
            "media_url" : "http://pbs.twimg.com/media/AbCdEf.jpg",
            "id_str" : "1100000000000000099",
            "id" : "1100000000000000099",
            "media_url_https" : "https://pbs.twimg.com/media/AbCdEf.jpg",
            "sizes" : {},
            "type" : "photo",
            "display_url" : "pic.twitter.com/AbC"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "39"
      ],
      "favorite_count" : "3",
      "id_str" : "1100000000000000003",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1100000000000000003",
      "created_at" : "Fri Oct 12 14:30:00 +0000 2018",
      "favorited" : false,
      "full_text" : "Interesting case today https://t.co/AbC",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dr_jane_doe/status/1100000000000000003/photo/1",
            "indices" : [
              "40",
              "63"
            ],
            "url" : "https://t.co/AbC",
            "media_url" : "http://pbs.twimg.com/media/AbCdEf.jpg",
            "id_str" : "1100000000000000099",
            "id" : "1100000000000000099",
            "media_url_https" : "https://pbs.twimg.com/media/AbCdEf.jpg",
            "sizes" : {},
            "type" : "photo",
            "display_url" : "pic.twitter.com/AbC"
          },
          {
            "expanded_url" : "https://twitter.com/dr_jane_doe/status/1100000000000000003/photo/1",
            "indices" : [
              "40",
              "63"
            ],
            "url" : "https://t.co/AbC",
            "media_url" : "http://pbs.twimg.com/media/Missing.jpg",
            "id_str" : "1100000000000000099",
            "id" : "1100000000000000099",
            "media_url_https" : "https://pbs.twimg.com/media/Missing.jpg",
            "sizes" : {},
            "type" : "photo",
            "display_url" : "pic.twitter.com/AbC",
            "ext_alt_text" : "X-ray of a left wrist with the patient label visible"
          }
        ]
      }
    }
  }
]
