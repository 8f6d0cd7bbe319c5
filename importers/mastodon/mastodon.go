// Package mastodon imports a Mastodon account archive: outbox.json, an
// ActivityStreams OrderedCollection whose orderedItems are the account's
// activities, and actor.json, the account itself. Each Create activity with
// a Note (or Question, Article, Page) becomes an Item: content HTML turned
// into plain text, the content warning (summary) put first, published time,
// inReplyTo, attachments (files under media_attachments/ with their alt
// text) and the visibility read from to/cc:
//
//	public    as:Public in to             → Audience public
//	unlisted  as:Public in cc             → Audience public
//	followers the followers collection    → Audience followers
//	direct    only the people mentioned   → a DM, kept with IncludeDMs only
//
// Boosts (Announce) are not the account's own words and are skipped.
package mastodon

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/importers/meta"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads a Mastodon archive.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "mastodon" }

// Detect implements importers.Importer: outbox.json (with actor.json or
// likes.json beside it, which other ActivityPub servers' archives share).
func (Importer) Detect(fsys fs.FS) bool {
	return meta.Exists(fsys, "outbox.json") && meta.First(fsys, "actor.json", "likes.json", "bookmarks.json") != ""
}

// Strings are meta.Plain: tolerant of wrong types, and (unlike meta.Plain)
// without Meta's mojibake repair, which Mastodon's proper UTF-8 must not get.

type attachment struct {
	Type      meta.Plain `json:"type"`
	MediaType meta.Plain `json:"mediaType"`
	URL       urlField   `json:"url"`
	Name      meta.Plain `json:"name"`
}

type tag struct {
	Type meta.Plain `json:"type"`
	Href meta.Plain `json:"href"`
	Name meta.Plain `json:"name"`
}

type object struct {
	ID           meta.Plain            `json:"id"`
	Type         meta.Plain            `json:"type"`
	Summary      meta.Plain            `json:"summary"`
	Content      meta.Plain            `json:"content"`
	Published    meta.Plain            `json:"published"`
	URL          urlField              `json:"url"`
	InReplyTo    urlField              `json:"inReplyTo"`
	AttributedTo meta.Plain            `json:"attributedTo"`
	To           meta.List[meta.Plain] `json:"to"`
	Cc           meta.List[meta.Plain] `json:"cc"`
	Attachment   meta.List[attachment] `json:"attachment"`
	Tag          meta.List[tag]        `json:"tag"`
}

type activity struct {
	ID        meta.Plain            `json:"id"`
	Type      meta.Plain            `json:"type"`
	Actor     meta.Plain            `json:"actor"`
	Published meta.Plain            `json:"published"`
	To        meta.List[meta.Plain] `json:"to"`
	Cc        meta.List[meta.Plain] `json:"cc"`
	Object    json.RawMessage       `json:"object"`
}

// urlField is a URL given as a string, a Link object ({"href": ...}) or a
// list of either (the first is taken).
type urlField string

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (u *urlField) UnmarshalJSON(b []byte) error {
	*u = ""
	s := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(s, `"`):
		var v string
		if json.Unmarshal(b, &v) == nil {
			*u = urlField(v)
		}
	case strings.HasPrefix(s, "{"):
		var v struct {
			Href meta.Plain `json:"href"`
			ID   meta.Plain `json:"id"`
		}
		_ = meta.Decode(b, &v)
		*u = urlField(v.Href)
		if *u == "" {
			*u = urlField(v.ID)
		}
	case strings.HasPrefix(s, "["):
		var vs []json.RawMessage
		if json.Unmarshal(b, &vs) == nil {
			for _, r := range vs {
				var x urlField
				_ = x.UnmarshalJSON(r)
				if x != "" {
					*u = x
					break
				}
			}
		}
	}
	return nil
}

const public = "https://www.w3.org/ns/activitystreams#Public"

func isPublic(s string) bool { return s == public || s == "as:Public" || s == "Public" }

// visibility reads Mastodon's four levels from the addressing.
func visibility(to, cc []meta.Plain) string {
	for _, a := range to {
		if isPublic(string(a)) {
			return "public"
		}
	}
	for _, a := range cc {
		if isPublic(string(a)) {
			return "unlisted"
		}
	}
	for _, a := range append(append([]meta.Plain{}, to...), cc...) {
		if strings.HasSuffix(strings.TrimRight(string(a), "/"), "/followers") {
			return "followers"
		}
	}
	return "direct"
}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	readActor(fsys, out)
	want := func(p []string) bool { return len(p) == 1 && (p[0] == "orderedItems" || p[0] == "items") }
	err := meta.ReadFile(ctx, fsys, "outbox.json", out, want, func(_ []string, i int, raw json.RawMessage) error {
		var a activity
		if meta.Decode(raw, &a) != nil || a.Type != "Create" || len(a.Object) == 0 || a.Object[0] != '{' {
			return nil
		}
		var o object
		if meta.Decode(a.Object, &o) != nil {
			return nil
		}
		switch o.Type {
		case "Note", "Question", "Article", "Page":
		default:
			return nil
		}
		it := item(&a, &o)
		if it.Post.ID == "" {
			it.Post.ID = "outbox.json#" + strconv.Itoa(i)
		}
		if it.Kind == "dm" && !opt.IncludeDMs {
			return nil
		}
		if it.Post.Text == "" && len(it.Post.Media) == 0 {
			return nil
		}
		return meta.Emit(out, it)
	})
	if err != nil {
		return err
	}
	return ctx.Err()
}

func item(a *activity, o *object) importers.Item {
	to, cc := []meta.Plain(o.To), []meta.Plain(o.Cc)
	if len(to) == 0 && len(cc) == 0 {
		to, cc = a.To, a.Cc
	}
	vis := visibility(to, cc)
	it := importers.Item{Source: "outbox.json", Visibility: vis, Kind: "post"}
	text := HTMLText(string(o.Content))
	if cw := strings.TrimSpace(HTMLText(string(o.Summary))); cw != "" {
		if text != "" {
			text = cw + "\n\n" + text
		} else {
			text = cw
		}
	}
	published := string(o.Published)
	if published == "" {
		published = string(a.Published)
	}
	it.Post = model.Post{
		ID:        statusID(string(o.ID)),
		Text:      text,
		Platform:  "mastodon",
		CreatedAt: rfc3339(published),
	}
	if it.Post.ID == "" {
		it.Post.ID = statusID(string(a.ID))
	}
	it.URL = webURL(string(o.URL))
	if it.URL == "" {
		it.URL = webURL(string(o.ID))
	}
	switch vis {
	case "public", "unlisted":
		it.Post.Audience = "public"
	case "followers":
		it.Post.Audience = "followers"
	case "direct":
		it.Post.Audience = "private"
		it.Post.DM = true
		it.Kind = "dm"
	}
	if r := string(o.InReplyTo); r != "" {
		it.Post.ReplyTo = &model.ReplyTo{Author: authorOf(r)}
		if it.Kind == "post" {
			it.Kind = "reply"
		}
	} else if it.Post.DM {
		// A direct message answers nobody in particular: name the first
		// person it is addressed to.
		for _, t := range o.Tag {
			if t.Type == "Mention" && t.Name != "" {
				it.Post.ReplyTo = &model.ReplyTo{Author: string(t.Name)}
				break
			}
		}
	}
	for _, at := range o.Attachment {
		if p := mediaPath(string(at.URL)); p != "" {
			it.Post.Media = append(it.Post.Media, model.Media{Path: p, Alt: strings.TrimSpace(string(at.Name))})
		}
	}
	return it
}

// mediaPath maps an attachment URL to its file in the archive
// (media_attachments/files/...).
func mediaPath(u string) string {
	if i := strings.Index(u, "media_attachments/"); i >= 0 {
		u = u[i:]
		if q := strings.IndexAny(u, "?#"); q >= 0 {
			u = u[:q]
		}
	}
	return meta.MediaPath(u)
}

// statusID is the last path segment of an object id
// (https://host/users/alice/statuses/109 → 109).
func statusID(id string) string {
	id = strings.TrimRight(strings.TrimSpace(id), "/")
	id = strings.TrimSuffix(id, "/activity")
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}

// authorOf names the author of a status from its URL: @bob@host for
// https://host/users/bob/statuses/1 or https://host/@bob/1.
func authorOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	segs := strings.Split(strings.Trim(p.Path, "/"), "/")
	for i, s := range segs {
		if s == "users" && i+1 < len(segs) && segs[i+1] != "" {
			return "@" + segs[i+1] + "@" + p.Host
		}
		if strings.HasPrefix(s, "@") && len(s) > 1 {
			return s + "@" + p.Host
		}
	}
	return ""
}

func webURL(s string) string {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	return ""
}

func rfc3339(s string) string {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

type actor struct {
	ID                        meta.Plain `json:"id"`
	PreferredUsername         meta.Plain `json:"preferredUsername"`
	Name                      meta.Plain `json:"name"`
	Summary                   meta.Plain `json:"summary"`
	ManuallyApprovesFollowers *bool      `json:"manuallyApprovesFollowers"`
}

func readActor(fsys fs.FS, out importers.Sink) {
	const name = "actor.json"
	f, err := fsys.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 8<<20))
	if err != nil {
		meta.Warn(out, name, "cannot read: %v", err)
		return
	}
	var a actor
	if err := meta.Decode(b, &a); err != nil {
		meta.Warn(out, name, "malformed JSON: %v", err)
		return
	}
	p := importers.Profile{Platform: "mastodon", DisplayName: string(a.Name), Bio: HTMLText(string(a.Summary))}
	if a.PreferredUsername != "" {
		p.Handle = "@" + string(a.PreferredUsername)
		if u, err := url.Parse(string(a.ID)); err == nil && u.Host != "" {
			p.Handle += "@" + u.Host
		}
	}
	if a.ManuallyApprovesFollowers != nil {
		pub := !*a.ManuallyApprovesFollowers
		p.Public = &pub
	}
	if out.Profile != nil {
		out.Profile(p)
	}
}
