window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "ER physician at Mercy General. Views my own.",
        "website" : "https://t.co/x",
        "location" : "Springfield"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/a.jpg"
    }
  }
]
