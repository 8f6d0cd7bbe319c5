// Package instagram imports Instagram's "Download Your Information" export
// in its JSON form, in the three layouts Instagram has used:
//
//   - 2024: your_instagram_activity/content/posts_N.json, reels.json,
//     stories.json, archived_posts.json; your_instagram_activity/comments/
//     post_comments_N.json and reels_comments.json;
//     personal_information/personal_information/personal_information.json;
//     your_instagram_activity/messages/inbox/<thread>/message_N.json.
//   - 2020-2023: the same files under content/, comments/, messages/ and
//     personal_information/personal_information.json.
//   - before 2020: media.json (photos, videos, stories with caption, taken_at
//     and path), comments.json (media_comments as [time, text, owner]),
//     profile.json and messages.json.
//
// Text is repaired of Meta's mojibake (meta.Fix). Threads, which lives in
// the same download, has its own importer (package threads).
package instagram

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/importers/meta"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads an Instagram export.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "instagram" }

// roots are the folders the activity files sit under (2024 layout first).
var roots = []string{"your_instagram_activity/", ""}

var profilePaths = []string{
	"personal_information/personal_information/personal_information.json",
	"personal_information/personal_information.json",
	"account_information/personal_information.json",
}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool {
	for _, r := range roots {
		if len(meta.Files(fsys, r+"content", "posts_", ".json")) > 0 ||
			len(meta.Files(fsys, r+"comments", "post_comments", ".json")) > 0 {
			return true
		}
	}
	if meta.First(fsys, profilePaths...) != "" {
		return true
	}
	// The oldest layout: media.json with Instagram's other top-level files.
	return meta.Exists(fsys, "media.json") &&
		meta.First(fsys, "profile.json", "comments.json", "connections.json", "likes.json") != ""
}

// Account is what the export says about the account, for this importer and
// for Threads (the same account).
type Account struct {
	Profile importers.Profile
	Found   bool
}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	acct := ReadAccount(fsys, out)
	if acct.Found && out.Profile != nil {
		p := acct.Profile
		p.Platform = "instagram"
		out.Profile(p)
	}
	vis, aud := "", ""
	if acct.Profile.Public != nil {
		if *acct.Profile.Public {
			vis, aud = "public", "public"
		} else {
			vis, aud = "followers", "followers"
		}
	}
	emit := func(it importers.Item) error {
		if it.Visibility == "" && it.Kind != "dm" {
			it.Visibility, it.Post.Audience = vis, aud
		}
		return meta.Emit(out, it)
	}
	for _, r := range roots {
		var files []string
		files = append(files, meta.Files(fsys, r+"content", "posts_", ".json")...)
		for _, n := range []string{"archived_posts.json", "reels.json", "stories.json"} {
			if meta.Exists(fsys, r+"content/"+n) {
				files = append(files, r+"content/"+n)
			}
		}
		for _, f := range files {
			kind := "post"
			if strings.HasSuffix(f, "stories.json") {
				kind = "story"
			}
			if err := readPosts(ctx, fsys, f, kind, emit, out); err != nil {
				return err
			}
		}
		var cfiles []string
		cfiles = append(cfiles, meta.Files(fsys, r+"comments", "post_comments", ".json")...)
		if meta.Exists(fsys, r+"comments/reels_comments.json") {
			cfiles = append(cfiles, r+"comments/reels_comments.json")
		}
		for _, f := range cfiles {
			if err := readComments(ctx, fsys, f, emit, out); err != nil {
				return err
			}
		}
	}
	if err := readOldMedia(ctx, fsys, emit, out); err != nil {
		return err
	}
	if err := readOldComments(ctx, fsys, emit, out); err != nil {
		return err
	}
	if opt.IncludeDMs {
		owners := []string{acct.Profile.DisplayName, acct.Profile.Handle}
		if err := meta.Messages(ctx, fsys, "instagram", owners,
			[]string{"your_instagram_activity/messages/inbox", "messages/inbox", "messages/message_requests"}, out); err != nil {
			return err
		}
		if err := readOldMessages(ctx, fsys, acct.Profile.Handle, out); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// upTo1 wants the top-level array and arrays one key down ({"ig_stories": [...]}).
func upTo1(p []string) bool { return len(p) <= 1 }

func readPosts(ctx context.Context, fsys fs.FS, name, kind string, emit func(importers.Item) error, out importers.Sink) error {
	return meta.ReadFile(ctx, fsys, name, out, upTo1, func(_ []string, i int, raw json.RawMessage) error {
		var p meta.Post
		if meta.Decode(raw, &p) != nil {
			return nil
		}
		it, ok := p.Item("instagram", kind, name, i)
		if !ok {
			return nil
		}
		return emit(it)
	})
}

type valueTime struct {
	Value     meta.Str `json:"value"`
	Timestamp meta.Int `json:"timestamp"`
	Href      meta.Str `json:"href"`
}

type comment struct {
	// 2022 onwards.
	StringMapData struct {
		Comment    valueTime `json:"Comment"`
		MediaOwner valueTime `json:"Media Owner"`
		Time       valueTime `json:"Time"`
	} `json:"string_map_data"`
	// Earlier: the owner as title, the text in string_list_data.
	Title          meta.Str             `json:"title"`
	StringListData meta.List[valueTime] `json:"string_list_data"`
}

func readComments(ctx context.Context, fsys fs.FS, name string, emit func(importers.Item) error, out importers.Sink) error {
	return meta.ReadFile(ctx, fsys, name, out, upTo1, func(_ []string, i int, raw json.RawMessage) error {
		var c comment
		if meta.Decode(raw, &c) != nil {
			return nil
		}
		text := string(c.StringMapData.Comment.Value)
		owner := string(c.StringMapData.MediaOwner.Value)
		ts := int64(c.StringMapData.Time.Timestamp)
		if text == "" {
			for _, s := range c.StringListData {
				if s.Value != "" {
					text, ts = string(s.Value), int64(s.Timestamp)
					break
				}
			}
			if owner == "" {
				owner = string(c.Title)
			}
		}
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
		return emit(commentItem(name, i, text, owner, meta.UnixTime(ts), strconv.FormatInt(ts, 10)))
	})
}

func commentItem(source string, i int, text, owner, created, idPart string) importers.Item {
	it := importers.Item{Kind: "comment", Source: source}
	it.Post = model.Post{
		ID:        "comment/" + idPart,
		Text:      text,
		Platform:  "instagram",
		CreatedAt: created,
	}
	if created == "" {
		it.Post.ID = "comment/" + source + "#" + strconv.Itoa(i)
	}
	if owner = strings.TrimSpace(owner); owner != "" {
		it.Post.ReplyTo = &model.ReplyTo{Author: owner}
	}
	return it
}

// parseOldTime reads the times of the oldest layout ("2018-10-01T12:00:00",
// with or without a zone).
func parseOldTime(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return meta.UnixTime(t.Unix())
		}
	}
	return ""
}

type oldMedia struct {
	Caption  meta.Str `json:"caption"`
	TakenAt  meta.Str `json:"taken_at"`
	Path     meta.Str `json:"path"`
	Location meta.Str `json:"location"`
}

func readOldMedia(ctx context.Context, fsys fs.FS, emit func(importers.Item) error, out importers.Sink) error {
	want := func(p []string) bool {
		return len(p) == 1 && (p[0] == "photos" || p[0] == "videos" || p[0] == "stories")
	}
	return meta.ReadFile(ctx, fsys, "media.json", out, want, func(p []string, i int, raw json.RawMessage) error {
		var m oldMedia
		if meta.Decode(raw, &m) != nil {
			return nil
		}
		kind := "post"
		if p[0] == "stories" {
			kind = "story"
		}
		created := parseOldTime(string(m.TakenAt))
		it := importers.Item{Kind: kind, Source: "media.json"}
		it.Post = model.Post{
			ID:        kind + "/" + string(m.TakenAt),
			Text:      strings.TrimSpace(string(m.Caption)),
			Platform:  "instagram",
			CreatedAt: created,
		}
		if created == "" {
			it.Post.ID = kind + "/" + p[0] + "#" + strconv.Itoa(i)
		}
		if mp := meta.MediaPath(string(m.Path)); mp != "" {
			it.Post.Media = []model.Media{{Path: mp}}
		}
		if it.Post.Text == "" && len(it.Post.Media) == 0 {
			return nil
		}
		return emit(it)
	})
}

func readOldComments(ctx context.Context, fsys fs.FS, emit func(importers.Item) error, out importers.Sink) error {
	want := func(p []string) bool { return len(p) == 1 }
	return meta.ReadFile(ctx, fsys, "comments.json", out, want, func(p []string, i int, raw json.RawMessage) error {
		var row meta.List[meta.Str]
		_ = row.UnmarshalJSON(raw)
		if len(row) < 2 {
			return nil
		}
		text := strings.TrimSpace(string(row[1]))
		if text == "" {
			return nil
		}
		owner := ""
		if len(row) > 2 {
			owner = string(row[2])
		}
		created := parseOldTime(string(row[0]))
		return emit(commentItem("comments.json", i, text, owner, created, string(row[0])))
	})
}

type oldMessage struct {
	Sender    meta.Str `json:"sender"`
	CreatedAt meta.Str `json:"created_at"`
	Text      meta.Str `json:"text"`
}

type oldConversation struct {
	Participants meta.List[meta.Str]   `json:"participants"`
	Conversation meta.List[oldMessage] `json:"conversation"`
}

// readOldMessages reads the oldest layout's messages.json, a list of
// conversations, keeping the messages the account itself sent.
func readOldMessages(ctx context.Context, fsys fs.FS, handle string, out importers.Sink) error {
	if !meta.Exists(fsys, "messages.json") {
		return nil
	}
	if handle == "" {
		meta.Warn(out, "messages.json", "direct messages skipped: the export does not say the account's username")
		return nil
	}
	want := func(p []string) bool { return len(p) == 0 }
	return meta.ReadFile(ctx, fsys, "messages.json", out, want, func(_ []string, i int, raw json.RawMessage) error {
		var c oldConversation
		if meta.Decode(raw, &c) != nil {
			return nil
		}
		for k, m := range c.Conversation {
			if !strings.EqualFold(string(m.Sender), handle) || strings.TrimSpace(string(m.Text)) == "" {
				continue
			}
			it := importers.Item{Kind: "dm", Visibility: "direct", Source: "messages.json"}
			it.Post = model.Post{
				ID:        "dm/" + strconv.Itoa(i) + "/" + string(m.CreatedAt),
				Text:      strings.TrimSpace(string(m.Text)),
				Platform:  "instagram",
				DM:        true,
				Audience:  "private",
				CreatedAt: parseOldTime(string(m.CreatedAt)),
			}
			// Newest first: the next element is the message before.
			if k+1 < len(c.Conversation) {
				prev := c.Conversation[k+1]
				if !strings.EqualFold(string(prev.Sender), handle) {
					it.Post.ReplyTo = &model.ReplyTo{Text: string(prev.Text), Author: string(prev.Sender)}
				}
			}
			if err := meta.Emit(out, it); err != nil {
				return err
			}
		}
		return nil
	})
}

type stringMap struct {
	Username       valueTime `json:"Username"`
	Name           valueTime `json:"Name"`
	Bio            valueTime `json:"Bio"`
	PrivateAccount valueTime `json:"Private Account"`
}

// ReadAccount reads the account's profile (all layouts); problems are
// reported through out.Warn.
func ReadAccount(fsys fs.FS, out importers.Sink) Account {
	if name := meta.First(fsys, profilePaths...); name != "" {
		var top struct {
			ProfileUser meta.List[struct {
				StringMapData stringMap `json:"string_map_data"`
			}] `json:"profile_user"`
		}
		if !readSmall(fsys, name, &top, out) || len(top.ProfileUser) == 0 {
			return Account{}
		}
		m := top.ProfileUser[0].StringMapData
		a := Account{Found: true, Profile: importers.Profile{
			Handle:      string(m.Username.Value),
			DisplayName: string(m.Name.Value),
			Bio:         string(m.Bio.Value),
		}}
		if v, err := strconv.ParseBool(strings.TrimSpace(string(m.PrivateAccount.Value))); err == nil {
			pub := !v
			a.Profile.Public = &pub
		}
		return a
	}
	if meta.Exists(fsys, "profile.json") {
		var p struct {
			Username       meta.Str `json:"username"`
			Name           meta.Str `json:"name"`
			Biography      meta.Str `json:"biography"`
			PrivateAccount *bool    `json:"private_account"`
		}
		if !readSmall(fsys, "profile.json", &p, out) {
			return Account{}
		}
		a := Account{Found: true, Profile: importers.Profile{
			Handle:      string(p.Username),
			DisplayName: string(p.Name),
			Bio:         string(p.Biography),
		}}
		if p.PrivateAccount != nil {
			pub := !*p.PrivateAccount
			a.Profile.Public = &pub
		}
		return a
	}
	return Account{}
}

// readSmall decodes a small JSON file (at most 8 MiB) into v.
func readSmall(fsys fs.FS, name string, v any, out importers.Sink) bool {
	f, err := fsys.Open(name)
	if err != nil {
		meta.Warn(out, name, "cannot open: %v", err)
		return false
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 8<<20))
	if err != nil {
		meta.Warn(out, name, "cannot read: %v", err)
		return false
	}
	if err := meta.Decode(b, v); err != nil {
		meta.Warn(out, name, "malformed JSON: %v", err)
		return false
	}
	return true
}
