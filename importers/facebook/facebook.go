// Package facebook imports Facebook's "Download Your Information" export in
// its JSON form: posts, posts in groups, comments, the profile and (with
// Options.IncludeDMs) Messenger messages, in the older layout (posts/,
// comments/, profile_information/) and the 2023-2024 layouts (the same
// files under your_activity_across_facebook/ or your_facebook_activity/,
// the profile under personal_information/).
//
// The export stores UTF-8 text as one \u00XX escape per byte; every string
// is repaired (meta.Fix). Photos keep the exif_data Meta writes into the
// JSON (position, upload IP, capture time) as Item.MediaMeta.
package facebook

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/importers/meta"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads a Facebook export.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "facebook" }

// roots are the folders the activity files sit under, oldest layout first.
var roots = []string{"", "your_activity_across_facebook/", "your_facebook_activity/"}

var profilePaths = []string{
	"personal_information/profile_information/profile_information.json",
	"profile_information/profile_information.json",
	"about_you/profile_information.json",
}

func postFiles(fsys fs.FS) []string {
	var out []string
	for _, r := range roots {
		out = append(out, meta.Files(fsys, r+"posts", "your_posts", ".json")...)
		for _, g := range []string{"your_posts_in_groups.json", "your_group_posts.json"} {
			if meta.Exists(fsys, r+"groups/"+g) {
				out = append(out, r+"groups/"+g)
			}
		}
	}
	return out
}

func commentFiles(fsys fs.FS) []string {
	var out []string
	for _, r := range roots {
		for _, c := range []string{"comments_and_reactions/comments.json", "comments/comments.json"} {
			if meta.Exists(fsys, r+c) {
				out = append(out, r+c)
			}
		}
	}
	return out
}

// Detect implements importers.Importer: a posts, comments or profile file
// where Facebook puts them.
func (Importer) Detect(fsys fs.FS) bool {
	if meta.First(fsys, profilePaths...) != "" {
		return true
	}
	for _, r := range roots {
		if len(meta.Files(fsys, r+"posts", "your_posts", ".json")) > 0 {
			return true
		}
	}
	return len(commentFiles(fsys)) > 0
}

// upTo2 wants the top-level array and arrays one or two keys down
// ({"status_updates": [...]}, {"comments_v2": [...]}).
func upTo2(p []string) bool { return len(p) <= 2 }

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	owner := readProfile(fsys, out)
	for _, f := range postFiles(fsys) {
		if err := readPosts(ctx, fsys, f, out); err != nil {
			return err
		}
	}
	for _, f := range commentFiles(fsys) {
		if err := readComments(ctx, fsys, f, out); err != nil {
			return err
		}
	}
	if opt.IncludeDMs {
		var dirs []string
		for _, r := range roots {
			dirs = append(dirs, r+"messages/inbox", r+"messages/archived_threads", r+"messages/e2ee_cutover")
		}
		if err := meta.Messages(ctx, fsys, "facebook", []string{owner}, dirs, out); err != nil {
			return err
		}
	}
	return ctx.Err()
}

type textData struct {
	Post            meta.Str `json:"post"`
	UpdateTimestamp meta.Int `json:"update_timestamp"`
}

type attachData struct {
	Media           *meta.Media `json:"media"`
	ExternalContext struct {
		URL meta.Str `json:"url"`
	} `json:"external_context"`
	Text meta.Str `json:"text"`
}

type attachment struct {
	Data meta.List[attachData] `json:"data"`
}

type post struct {
	Timestamp   meta.Int              `json:"timestamp"`
	Title       meta.Str              `json:"title"`
	Data        meta.List[textData]   `json:"data"`
	Attachments meta.List[attachment] `json:"attachments"`
}

func readPosts(ctx context.Context, fsys fs.FS, name string, out importers.Sink) error {
	return meta.ReadFile(ctx, fsys, name, out, upTo2, func(_ []string, i int, raw json.RawMessage) error {
		var p post
		if meta.Decode(raw, &p) != nil {
			return nil
		}
		var texts []string
		for _, d := range p.Data {
			if t := strings.TrimSpace(string(d.Post)); t != "" {
				texts = append(texts, t)
			}
		}
		it := importers.Item{Kind: "post", Source: name}
		it.Post = model.Post{
			ID:        "post/" + strconv.FormatInt(int64(p.Timestamp), 10),
			Text:      strings.Join(texts, "\n\n"),
			Platform:  "facebook",
			CreatedAt: meta.UnixTime(int64(p.Timestamp)),
		}
		if p.Timestamp == 0 {
			it.Post.ID = "post/" + name + "#" + strconv.Itoa(i)
		}
		for _, a := range p.Attachments {
			for _, d := range a.Data {
				if d.Media != nil {
					meta.AddMedia(&it, d.Media, strings.TrimSpace(string(d.Media.Description)))
				}
			}
		}
		meta.TrimMeta(&it)
		if who := target(string(p.Title)); who != "" {
			// "X wrote on Y's timeline."
			it.Post.ReplyTo = &model.ReplyTo{Author: who}
		}
		if it.Post.Text == "" && len(it.Post.Media) == 0 {
			return nil
		}
		return meta.Emit(out, it)
	})
}

type commentData struct {
	Comment struct {
		Timestamp meta.Int `json:"timestamp"`
		Comment   meta.Str `json:"comment"`
		Author    meta.Str `json:"author"`
		Group     meta.Str `json:"group"`
	} `json:"comment"`
}

type comment struct {
	Timestamp   meta.Int               `json:"timestamp"`
	Title       meta.Str               `json:"title"`
	Data        meta.List[commentData] `json:"data"`
	Attachments meta.List[attachment]  `json:"attachments"`
}

func readComments(ctx context.Context, fsys fs.FS, name string, out importers.Sink) error {
	return meta.ReadFile(ctx, fsys, name, out, upTo2, func(_ []string, i int, raw json.RawMessage) error {
		var c comment
		if meta.Decode(raw, &c) != nil {
			return nil
		}
		ts := c.Timestamp
		var texts []string
		for _, d := range c.Data {
			if t := strings.TrimSpace(string(d.Comment.Comment)); t != "" {
				texts = append(texts, t)
			}
			if ts == 0 {
				ts = d.Comment.Timestamp
			}
		}
		it := importers.Item{Kind: "comment", Source: name}
		it.Post = model.Post{
			ID:        "comment/" + strconv.FormatInt(int64(ts), 10),
			Text:      strings.Join(texts, "\n\n"),
			Platform:  "facebook",
			CreatedAt: meta.UnixTime(int64(ts)),
		}
		if ts == 0 {
			it.Post.ID = "comment/" + name + "#" + strconv.Itoa(i)
		}
		for _, a := range c.Attachments {
			for _, d := range a.Data {
				if d.Media != nil {
					meta.AddMedia(&it, d.Media, strings.TrimSpace(string(d.Media.Description)))
				}
			}
		}
		meta.TrimMeta(&it)
		if who := target(string(c.Title)); who != "" {
			it.Post.ReplyTo = &model.ReplyTo{Author: who}
		}
		if it.Post.Text == "" && len(it.Post.Media) == 0 {
			return nil
		}
		return meta.Emit(out, it)
	})
}

// target finds whose post, comment or timeline a title names: "Ann Lee
// commented on Bob Ray's post." → "Bob Ray"; "" for one's own or unnamed.
func target(title string) string {
	t := strings.ReplaceAll(title, "’", "'")
	best := -1
	verb := ""
	for _, v := range []string{" commented on ", " replied to ", " wrote on ", " responded to ", " posted on "} {
		if i := strings.Index(t, v); i >= 0 && (best < 0 || i < best) {
			best, verb = i, v
		}
	}
	if best < 0 {
		return ""
	}
	rest := t[best+len(verb):]
	j := strings.LastIndex(rest, "'s ")
	if j < 0 {
		j = strings.LastIndex(rest, "' ")
	}
	if j <= 0 {
		return ""
	}
	who := strings.TrimSpace(rest[:j])
	switch strings.ToLower(who) {
	case "his", "her", "their", "his own", "her own", "their own", "your", "a", "an", "the":
		return ""
	}
	return who
}

// nameObj is {"full_name": ...} or, in some exports, a plain string.
type nameObj struct {
	FullName meta.Str `json:"full_name"`
}

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (n *nameObj) UnmarshalJSON(b []byte) error {
	*n = nameObj{}
	if len(b) > 0 && b[0] == '"' {
		return n.FullName.UnmarshalJSON(b)
	}
	var v struct {
		FullName meta.Str `json:"full_name"`
	}
	_ = meta.Decode(b, &v)
	n.FullName = v.FullName
	return nil
}

type profile struct {
	Name     nameObj  `json:"name"`
	Username meta.Str `json:"username"`
	IntroBio meta.Str `json:"intro_bio"`
	AboutMe  struct {
		Text meta.Str `json:"text"`
	} `json:"about_me"`
}

// readProfile reports the profile and returns the account's full name (who
// the sender of one's own messages is).
func readProfile(fsys fs.FS, out importers.Sink) string {
	name := meta.First(fsys, profilePaths...)
	if name == "" {
		return ""
	}
	f, err := fsys.Open(name)
	if err != nil {
		meta.Warn(out, name, "cannot open: %v", err)
		return ""
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 8<<20))
	if err != nil {
		meta.Warn(out, name, "cannot read: %v", err)
		return ""
	}
	var top struct {
		V2 *profile `json:"profile_v2"`
		V1 *profile `json:"profile"`
	}
	if err := meta.Decode(b, &top); err != nil {
		meta.Warn(out, name, "malformed JSON: %v", err)
		return ""
	}
	p := top.V2
	if p == nil {
		p = top.V1
	}
	if p == nil {
		meta.Warn(out, name, "no profile_v2 object")
		return ""
	}
	pr := importers.Profile{
		Platform:    "facebook",
		Handle:      string(p.Username),
		DisplayName: string(p.Name.FullName),
		Bio:         string(p.IntroBio),
	}
	if pr.Bio == "" {
		pr.Bio = string(p.AboutMe.Text)
	}
	if out.Profile != nil {
		out.Profile(pr)
	}
	return pr.DisplayName
}
