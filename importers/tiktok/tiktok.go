// Package tiktok imports TikTok's "Download your data" export in its JSON
// form: user_data_tiktok.json (older: user_data.json), one object holding
//
//   - Video.Videos.VideoList[] (newer: Post.Posts.VideoList[]): Date, Link,
//     Likes, the caption as Title, Desc or Description, WhoCanView;
//   - Comment.Comments.CommentsList[]: date, comment, url;
//   - Direct Messages...."Chat History with NAME:"[]: Date, From, Content
//     (only with Options.IncludeDMs; only what the account itself sent);
//   - Profile."Profile Information".ProfileMap: userName, bioDescription.
//
// The file is streamed: one list element at a time. Videos themselves are
// not part of the export; each video is an item with its caption and Link.
package tiktok

import (
	"context"
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/importers/meta"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads a TikTok export.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "tiktok" }

var names = []string{"user_data_tiktok.json", "user_data.json", "TikTok_Data/user_data_tiktok.json", "TikTok_Data/user_data.json"}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool { return meta.First(fsys, names...) != "" }

type video struct {
	Date        meta.Plain `json:"Date"`
	Link        meta.Plain `json:"Link"`
	Likes       meta.Plain `json:"Likes"`
	Title       meta.Plain `json:"Title"`
	Desc        meta.Plain `json:"Desc"`
	Description meta.Plain `json:"Description"`
	Caption     meta.Plain `json:"Caption"`
	WhoCanView  meta.Plain `json:"WhoCanView"`
}

type commentRow struct {
	Date    meta.Plain `json:"date"`
	Comment meta.Plain `json:"comment"`
	URL     meta.Plain `json:"url"`
}

type message struct {
	Date    meta.Plain `json:"Date"`
	From    meta.Plain `json:"From"`
	Content meta.Plain `json:"Content"`
}

type profileMap struct {
	UserName       meta.Plain `json:"userName"`
	DisplayName    meta.Plain `json:"displayName"`
	BioDescription meta.Plain `json:"bioDescription"`
}

func last(p []string) string {
	if len(p) == 0 {
		return ""
	}
	return p[len(p)-1]
}

// isVideos: the person's own videos, not Activity's browsing history.
func isVideos(p []string) bool {
	return len(p) >= 2 && (p[0] == "Video" || p[0] == "Post" || p[0] == "Your Activity") && last(p) == "VideoList" &&
		!strings.Contains(strings.ToLower(strings.Join(p, "/")), "history")
}

func isComments(p []string) bool {
	return len(p) >= 2 && p[0] == "Comment" && last(p) == "CommentsList"
}

func isDM(p []string) bool {
	return len(p) >= 2 && strings.Contains(strings.ToLower(p[0]), "direct message") &&
		strings.HasPrefix(strings.ToLower(last(p)), "chat history with")
}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	name := meta.First(fsys, names...)
	if name == "" {
		return nil
	}
	want := func(p []string) bool {
		if len(p) > 6 {
			return false
		}
		return isVideos(p) || isComments(p) || (opt.IncludeDMs && isDM(p))
	}
	wantObj := func(p []string) bool { return len(p) <= 4 && last(p) == "ProfileMap" }
	return meta.WalkFile(ctx, fsys, name, out, want, wantObj, func(p []string, i int, raw json.RawMessage) error {
		switch {
		case i < 0:
			var pm profileMap
			if meta.Decode(raw, &pm) == nil && out.Profile != nil {
				out.Profile(importers.Profile{Platform: "tiktok", Handle: string(pm.UserName),
					DisplayName: string(pm.DisplayName), Bio: string(pm.BioDescription)})
			}
		case isVideos(p):
			var v video
			if meta.Decode(raw, &v) != nil {
				return nil
			}
			return meta.Emit(out, videoItem(name, &v))
		case isComments(p):
			var c commentRow
			if meta.Decode(raw, &c) != nil || strings.TrimSpace(string(c.Comment)) == "" {
				return nil
			}
			created := parseTime(string(c.Date))
			it := importers.Item{Kind: "comment", Source: name, URL: webURL(string(c.URL))}
			it.Post = model.Post{ID: "comment/" + string(c.Date), Text: strings.TrimSpace(string(c.Comment)),
				Platform: "tiktok", CreatedAt: created}
			return meta.Emit(out, it)
		case isDM(p):
			var m message
			if meta.Decode(raw, &m) != nil || strings.TrimSpace(string(m.Content)) == "" {
				return nil
			}
			other := chatPartner(last(p))
			if other == "" || strings.EqualFold(strings.TrimSpace(string(m.From)), other) {
				return nil // the other person's message (or unknown)
			}
			it := importers.Item{Kind: "dm", Source: name, Visibility: "direct"}
			it.Post = model.Post{ID: "dm/" + other + "/" + string(m.Date), Text: strings.TrimSpace(string(m.Content)),
				Platform: "tiktok", DM: true, Audience: "private", CreatedAt: parseTime(string(m.Date)),
				ReplyTo: &model.ReplyTo{Author: other}}
			return meta.Emit(out, it)
		}
		return nil
	})
}

var videoID = regexp.MustCompile(`/(?:video|v)/(\d{6,25})`)

func videoItem(source string, v *video) importers.Item {
	text := ""
	for _, s := range []meta.Plain{v.Title, v.Desc, v.Description, v.Caption} {
		if t := strings.TrimSpace(string(s)); t != "" && !strings.EqualFold(t, "N/A") {
			text = t
			break
		}
	}
	it := importers.Item{Kind: "post", Source: source, URL: webURL(string(v.Link))}
	it.Post = model.Post{Text: text, Platform: "tiktok", CreatedAt: parseTime(string(v.Date))}
	if m := videoID.FindStringSubmatch(string(v.Link)); m != nil {
		it.Post.ID = m[1]
	} else {
		it.Post.ID = "video/" + string(v.Date)
	}
	it.Visibility = visibility(string(v.WhoCanView))
	switch it.Visibility {
	case "public", "followers", "friends", "private":
		it.Post.Audience = it.Visibility
	}
	return it
}

func visibility(who string) string {
	switch w := strings.ToLower(strings.TrimSpace(who)); {
	case w == "":
		return ""
	case strings.Contains(w, "everyone") || w == "public":
		return "public"
	case strings.Contains(w, "friend"):
		return "friends"
	case strings.Contains(w, "follower"):
		return "followers"
	case strings.Contains(w, "only") || strings.Contains(w, "private") || w == "me":
		return "private"
	}
	return ""
}

// webURL keeps an http(s) address; "" for N/A and other text.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	return ""
}

// chatPartner reads NAME from "Chat History with NAME:".
func chatPartner(key string) string {
	k := strings.TrimSpace(key)
	if len(k) < len("chat history with") {
		return ""
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(k[len("chat history with"):]), ":"))
}

// parseTime reads TikTok's "2006-01-02 15:04:05" (UTC) and RFC 3339.
func parseTime(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range []string{"2006-01-02 15:04:05", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return meta.UnixTime(t.Unix())
		}
	}
	return ""
}
