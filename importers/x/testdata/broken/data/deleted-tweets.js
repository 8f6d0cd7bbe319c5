window.YTD.deleted_tweets.part0 = {"not": "an array"}
