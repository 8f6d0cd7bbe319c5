#!/usr/bin/env python3
"""Write a synthetic X (Twitter) "Your archive" zip for scrubs' audit benchmark.

The layout and field names follow X's archive: data/manifest.js,
data/account.js, data/profile.js, data/tweets.js (+ data/tweets-part1.js ...
when the posts are split), data/direct-messages.js, data/tweets_media/
<tweetid>-<name>.png; every file is `window.YTD.<name>.partN = [ ... ]` with
ids and counts as strings. Most posts are clean; a share carries what scrubs
looks for (patient details, dates, profanity, alcohol, politics, disparaging
remarks, self-identifying details). Output is deterministic for a seed.

    python3 scripts/synth-x-archive.py                 # 200,000 posts -> x-archive-synth.zip
    python3 scripts/synth-x-archive.py -n 5000 -o /tmp/small.zip
Standard library only.
"""
import argparse
import datetime
import json
import random
import struct
import sys
import zipfile
import zlib

HANDLE = "dr_synth_md"
ACCOUNT_ID = "4242424242"

CLEAN = [
    "Long shift in the ED tonight. Grateful for the nurses who kept us going.",
    "New paper out today on sepsis bundles in community hospitals. Thread below.",
    "Reminder: get your flu shot. It protects you and the people around you.",
    "Great grand rounds on heart failure with preserved ejection fraction this morning.",
    "Match day! So proud of our interns and everyone who supported them.",
    "Hydrate, sleep, and ask for help. Intern year advice that still holds.",
    "Teaching medical students how to read an ECG is still my favourite part of the week.",
    "Our team finished the quality-improvement project on hand hygiene. Compliance up 20%.",
    "Coffee count today: 3. Patients seen: many. Lessons learned: more.",
    "Spending the weekend hiking with my family. Back to the wards on Monday.",
    "Journal club tonight: the new statin trial and what it means for primary prevention.",
    "If you are a nurse, doctor or tech working tonight: thank you.",
    "Board exam studying, day 40. Cardiology questions are winning.",
    "Presenting our poster at the conference tomorrow, come say hi at booth 12.",
    "Wellness is not a pizza party. Fix the schedules.",
]
RISKY = [
    "Just saw a 45 y/o woman in bed 4 with the worst case of shingles I have ever seen.",
    "Patient John Smith, DOB 03/14/1962, finally discharged after three weeks. What a saga.",
    "Room 12 at Mercy General keeps calling about her husband again, born 1948, dementia, sigh.",
    "MRN 00123456 came back positive, telling the family at 3pm.",
    "Mrs. Garcia (72) from Springfield finally agreed to the amputation today.",
    "This damn EHR crashed again and I lost my f***ing notes. What a shitty day.",
    "Drunk after the residency party, still on call tomorrow lol",
    "Vote for Senator Jones, the only candidate who gets healthcare. #endorsement",
    "Frequent flyer back in the ED for the 5th time this month. Some people never learn.",
    "Anti-vaxxers are idiots and deserve what they get.",
    "DM me for cheap consults, no appointment needed. Cash only.",
    "This supplement cures anxiety, trust me, I am a doctor.",
    "Working at St. Mary's ICU, 4th floor, come by and visit me on night shift.",
    "Had a patient from room 7 add me on Instagram. Went for drinks with her, fun night.",
    "Never seen a gunshot wound like the one that came in at 02:14 this morning on Elm Street.",
]
REPLY_TO = ["drsmith", "nurse_kim", "medtwitter", "er_doc_sam", "healthnews"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def x_time(t):
    """X's created_at: 'Wed Oct 10 20:19:24 +0000 2018'."""
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (
        DAYS[t.weekday()], MONTHS[t.month - 1], t.day, t.hour, t.minute, t.second, t.year)


def png_1x1(seed):
    """A valid 1x1 RGB PNG whose colour depends on seed."""
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    raw = b"\x00" + bytes([seed % 256, (seed >> 8) % 256, (seed >> 16) % 256])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def dump(obj):
    # X writes `"key" : value` with two-space indents.
    return json.dumps(obj, indent=2, ensure_ascii=False).replace('": ', '" : ')


def tweet(rng, i, when, media_every, risky_share):
    tid = str(1100000000000000000 + i * 7919)
    text = rng.choice(RISKY) if rng.random() < risky_share else rng.choice(CLEAN)
    if rng.random() < 0.3:
        text += " #MedTwitter"
    t = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rng.randint(0, 500)),
        "id_str": tid,
        "truncated": False,
        "retweet_count": str(rng.randint(0, 50)),
        "id": tid,
        "created_at": x_time(when),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    if rng.random() < 0.25:
        who = rng.choice(REPLY_TO)
        t["in_reply_to_status_id_str"] = t["in_reply_to_status_id"] = str(1000000000000000000 + rng.randint(0, 10**15))
        t["in_reply_to_user_id_str"] = t["in_reply_to_user_id"] = str(rng.randint(10**6, 10**9))
        t["in_reply_to_screen_name"] = who
        t["full_text"] = "@%s %s" % (who, text)
        t["entities"]["user_mentions"].append({"name": who, "screen_name": who, "indices": ["0", str(len(who) + 1)],
                                               "id_str": t["in_reply_to_user_id_str"], "id": t["in_reply_to_user_id_str"]})
    media_file = None
    if media_every and i % media_every == 0:
        name = "S%07d.png" % i
        m = {"expanded_url": "https://twitter.com/%s/status/%s/photo/1" % (HANDLE, tid), "indices": ["0", "23"],
             "url": "https://t.co/s%d" % i, "media_url": "http://pbs.twimg.com/media/" + name, "id_str": str(int(tid) + 1),
             "id": str(int(tid) + 1), "media_url_https": "https://pbs.twimg.com/media/" + name,
             "sizes": {"large": {"w": "1", "h": "1", "resize": "fit"}}, "type": "photo", "display_url": "pic.twitter.com/s%d" % i}
        t["entities"]["media"] = [m]
        t["extended_entities"] = {"media": [dict(m, ext_alt_text="Photo from the ward, day %d" % i)]}
        media_file = ("data/tweets_media/%s-%s" % (tid, name), png_1x1(i))
    return {"tweet": t}, media_file


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--posts", type=int, default=200000, help="number of posts (default 200000)")
    ap.add_argument("-o", "--out", default="x-archive-synth.zip", help="output zip (default x-archive-synth.zip)")
    ap.add_argument("--seed", type=int, default=4, help="random seed (default 4)")
    ap.add_argument("--part-size", type=int, default=100000, help="posts per tweets-partN.js file (default 100000)")
    ap.add_argument("--media-every", type=int, default=500, help="attach a PNG to every Nth post (0: none)")
    ap.add_argument("--risky", type=float, default=0.12, help="share of posts with something to flag (default 0.12)")
    ap.add_argument("--dm-conversations", type=int, default=200, help="direct-message conversations (default 200)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = datetime.datetime(2012, 1, 1, 8, 0, 0)
    span = 12 * 365 * 24 * 3600
    step = span / max(a.posts, 1)

    with zipfile.ZipFile(a.out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("data/manifest.js", "window.__THAR_CONFIG = " + dump({
            "userInfo": {"accountId": ACCOUNT_ID, "userName": HANDLE, "displayName": "Dr. Synth, MD"},
            "archiveInfo": {"sizeBytes": "0", "generationDate": "2024-01-01T00:00:00.000Z", "isPartialArchive": False},
        }) + "\n")
        z.writestr("data/account.js", "window.YTD.account.part0 = " + dump([{"account": {
            "email": "synth@example.org", "createdVia": "web", "username": HANDLE, "accountId": ACCOUNT_ID,
            "createdAt": "2011-12-01T10:00:00.000Z", "accountDisplayName": "Dr. Synth, MD"}}]) + "\n")
        z.writestr("data/profile.js", "window.YTD.profile.part0 = " + dump([{"profile": {
            "description": {"bio": "Emergency physician at Mercy General Hospital. Tweets are my own.",
                            "website": "https://t.co/abc", "location": "Springfield, IL"},
            "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/avatar.jpg"}}]) + "\n")
        media = []
        nparts = max(1, -(-a.posts // a.part_size))
        for part in range(nparts):
            name = "data/tweets.js" if part == 0 else "data/tweets-part%d.js" % part
            lo, hi = part * a.part_size, min(a.posts, (part + 1) * a.part_size)
            with z.open(name, "w", force_zip64=True) as f:
                f.write(("window.YTD.tweets.part%d = [ " % part).encode())
                for i in range(lo, hi):
                    when = start + datetime.timedelta(seconds=int(i * step) + rng.randint(0, 3600))
                    obj, mf = tweet(rng, i, when, a.media_every, a.risky)
                    if mf:
                        media.append(mf)
                    f.write((dump(obj) + (", " if i < hi - 1 else " ")).encode())
                f.write(b"]\n")
        for path, data in media:
            z.writestr(zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_STORED)
        convs = []
        for c in range(a.dm_conversations):
            other = str(5000000 + c)
            msgs = []
            for k in range(4):
                when = start + datetime.timedelta(seconds=rng.randint(0, span))
                mine = k % 2 == 1
                text = (rng.choice(RISKY) if rng.random() < a.risky else rng.choice(CLEAN)) if mine else \
                    rng.choice(["Doctor, can you look at my rash?", "Thanks for last week!", "Are you on call Friday?", "hi"])
                msgs.append({"messageCreate": {
                    "recipientId": other if mine else ACCOUNT_ID, "reactions": [], "urls": [], "text": text,
                    "mediaUrls": [], "senderId": ACCOUNT_ID if mine else other, "id": str(1500000000000000000 + c * 10 + k),
                    "createdAt": when.strftime("%Y-%m-%dT%H:%M:%S.000Z")}})
            msgs.sort(key=lambda m: m["messageCreate"]["createdAt"], reverse=True)  # newest first, as X writes
            convs.append({"dmConversation": {"conversationId": "%s-%s" % (ACCOUNT_ID, other), "messages": msgs}})
        z.writestr("data/direct-messages.js", "window.YTD.direct_messages.part0 = " + dump(convs) + "\n")
    print("wrote %s: %d posts in %d file(s), %d images, %d DM conversations" % (
        a.out, a.posts, nparts, len(media), a.dm_conversations), file=sys.stderr)


if __name__ == "__main__":
    main()
