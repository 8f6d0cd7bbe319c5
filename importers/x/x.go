// Package x imports the X (Twitter) "Your archive" download: tweets
// (data/tweets.js and its split parts, the older data/tweet.js), long-form
// note tweets, deleted tweets, and with Options.IncludeDMs the direct
// messages (one-to-one and group). data/account.js, data/profile.js and
// data/protected-history.js give the Profile.
//
// Every .js file is a JavaScript assignment, `window.YTD.tweets.part0 = [`,
// around a JSON array; the array is streamed one element at a time. Numbers
// may be strings and any field may hold the wrong type: such fields are
// read as empty rather than failing the file.
package x

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads X archives.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "x" }

var (
	reTweets = regexp.MustCompile(`^(tweets?|note-tweet|deleted-tweets?)(?:-part(\d+))?\.js$`)
	reDMs    = regexp.MustCompile(`^direct-messages?(-group)?(?:-part(\d+))?\.js$`)
)

// base finds the folder holding the archive's .js files: "data" (the
// archive's own layout), the same one folder down (a re-zipped archive), or
// the top (loose files).
func base(fsys fs.FS) (string, []fs.DirEntry, bool) {
	try := func(dir string, loose bool) ([]fs.DirEntry, bool) {
		es, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, false
		}
		for _, e := range es {
			n := e.Name()
			if e.IsDir() {
				continue
			}
			if m := reTweets.FindStringSubmatch(n); m != nil && (m[1] == "tweets" || m[1] == "tweet") {
				return es, true
			}
			if !loose && (n == "manifest.js" || n == "account.js") {
				return es, true
			}
		}
		return nil, false
	}
	if es, ok := try("data", false); ok {
		return "data", es, true
	}
	if es, ok := try(".", true); ok {
		return ".", es, true
	}
	top, err := fs.ReadDir(fsys, ".")
	if err == nil {
		var dirs []string
		for _, e := range top {
			if e.IsDir() && !strings.HasPrefix(e.Name(), "__MACOSX") {
				dirs = append(dirs, e.Name())
			}
		}
		if len(dirs) == 1 {
			if es, ok := try(dirs[0]+"/data", false); ok {
				return dirs[0] + "/data", es, true
			}
		}
	}
	return "", nil, false
}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool {
	_, _, ok := base(fsys)
	return ok
}

type part struct {
	name  string
	kind  string // tweets, tweet, note-tweet, deleted-tweets, dm
	order int
	num   int
}

var kindOrder = map[string]int{"tweets": 0, "tweet": 1, "note-tweet": 2, "deleted-tweets": 3, "deleted-tweet": 3, "dm": 4}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	dir, entries, ok := base(fsys)
	if !ok {
		return errors.New("x: no tweets.js, tweet.js or account.js found")
	}
	im := &run{ctx: ctx, fsys: fsys, dir: dir, out: out}
	im.readProfile()

	var parts []part
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		if m := reTweets.FindStringSubmatch(n); m != nil {
			num, _ := strconv.Atoi(m[2])
			parts = append(parts, part{name: n, kind: m[1], order: kindOrder[m[1]], num: num})
		} else if m := reDMs.FindStringSubmatch(n); m != nil && opt.IncludeDMs {
			num, _ := strconv.Atoi(m[2])
			parts = append(parts, part{name: n, kind: "dm", order: kindOrder["dm"], num: num})
		}
	}
	sort.Slice(parts, func(a, b int) bool {
		pa, pb := parts[a], parts[b]
		if pa.order != pb.order {
			return pa.order < pb.order
		}
		if pa.kind != pb.kind {
			return pa.kind < pb.kind
		}
		if pa.num != pb.num {
			return pa.num < pb.num
		}
		return pa.name < pb.name
	})
	if opt.IncludeDMs && im.accountID == "" {
		for _, p := range parts {
			if p.kind == "dm" {
				im.warn(p.name, "no account id in account.js: messages from both sides of each conversation are audited")
				break
			}
		}
	}
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := im.file(p); err != nil {
			return err
		}
	}
	return nil
}

type run struct {
	ctx       context.Context
	fsys      fs.FS
	dir       string
	out       importers.Sink
	handle    string
	accountID string
	protected bool
}

func (r *run) path(name string) string {
	if r.dir == "." {
		return name
	}
	return r.dir + "/" + name
}

func (r *run) warn(file, msg string) {
	if r.out.Warn != nil {
		r.out.Warn(importers.Warning{File: r.path(file), Msg: msg})
	}
}

// each streams the elements of one archive .js file into fn; a syntax error
// ends the file with a warning. It returns only fn's errors.
func (r *run) each(name string, fn func(raw *envelope) error) error {
	f, err := r.fsys.Open(r.path(name))
	if err != nil {
		r.warn(name, "cannot open: "+err.Error())
		return nil
	}
	defer f.Close()
	cr := &capReader{r: f}
	br := bufio.NewReaderSize(cr, 64<<10)
	if err := skipPrefix(br); err != nil {
		r.warn(name, "not an archive data file: "+err.Error())
		return nil
	}
	cr.off = cr.n - int64(br.Buffered()) // bytes the prefix took
	dec := json.NewDecoder(br)
	tok, err := dec.Token()
	if err != nil {
		r.warn(name, "unreadable: "+describe(err))
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		r.warn(name, "not an archive data file: expected a JSON array")
		return nil
	}
	cr.start(dec.InputOffset())
	typeErrs := 0
	defer func() {
		if typeErrs > 0 {
			r.warn(name, fmt.Sprintf("%d element(s) held values of the wrong type (read as empty)", typeErrs))
		}
	}()
	for dec.More() {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		var env envelope
		if err := dec.Decode(&env); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				r.warn(name, "stopped reading: "+describe(err))
				return nil
			}
			// A value of the wrong type: the element was read whole and
			// that field left empty; keep what was readable.
			typeErrs++
		}
		cr.mark(dec.InputOffset())
		if err := fn(&env); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		r.warn(name, "truncated: "+describe(err))
	}
	return nil
}

func describe(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the file ends in the middle of the data"
	}
	return err.Error()
}

func (r *run) readProfile() {
	var p importers.Profile
	found := false
	has := func(n string) bool {
		_, err := fs.Stat(r.fsys, r.path(n))
		return err == nil
	}
	if has("account.js") {
		found = true
		r.each("account.js", func(e *envelope) error {
			if e.Account == nil {
				return nil
			}
			a := e.Account
			if a.Username != "" {
				p.Handle = string(a.Username)
			}
			if a.DisplayName != "" {
				p.DisplayName = string(a.DisplayName)
			}
			if a.AccountID != "" {
				r.accountID = string(a.AccountID)
			}
			return nil
		})
	}
	if has("profile.js") {
		found = true
		r.each("profile.js", func(e *envelope) error {
			if e.Profile != nil && e.Profile.Description != nil && e.Profile.Description.Bio != "" {
				p.Bio = string(e.Profile.Description.Bio)
			}
			return nil
		})
	}
	if has("protected-history.js") {
		var last time.Time
		var action string
		r.each("protected-history.js", func(e *envelope) error {
			if e.ProtectedHistory == nil {
				return nil
			}
			h := e.ProtectedHistory
			t := parseTime(string(h.ProtectedAt))
			if action == "" || !t.Before(last) {
				last, action = t, strings.ToLower(string(h.Action))
			}
			return nil
		})
		if action != "" {
			found = true
			pub := action != "protect"
			p.Public = &pub
			r.protected = !pub
		}
	}
	r.handle = p.Handle
	if found && r.out.Profile != nil {
		p.Platform = "x"
		r.out.Profile(p)
	}
}

func (r *run) file(p part) error {
	switch p.kind {
	case "dm":
		return r.each(p.name, func(e *envelope) error {
			if e.DMConversation == nil {
				return nil
			}
			return r.conversation(p.name, e.DMConversation)
		})
	case "note-tweet":
		return r.each(p.name, func(e *envelope) error {
			if e.NoteTweet == nil {
				return nil
			}
			return r.note(p.name, e.NoteTweet)
		})
	default:
		kind := ""
		if strings.HasPrefix(p.kind, "deleted") {
			kind = "deleted"
		}
		return r.each(p.name, func(e *envelope) error {
			t := e.Tweet // {"tweet": {...}}
			if t == nil {
				if !e.tweet.idOrText() {
					return nil
				}
				t = &e.tweet // the older flat shape, without the wrapper
			}
			return r.tweet(p.name, kind, t)
		})
	}
}

func (r *run) statusURL(id string) string {
	if id == "" {
		return ""
	}
	if r.handle != "" {
		return "https://x.com/" + r.handle + "/status/" + id
	}
	return "https://x.com/i/web/status/" + id
}

func (r *run) visibility() string {
	if r.protected {
		return "followers"
	}
	return "public"
}

func (r *run) tweet(file, kind string, t *tweet) error {
	id := string(t.IDStr)
	if id == "" {
		id = string(t.ID)
	}
	text := string(t.FullText)
	if text == "" {
		text = string(t.Text)
	}
	if id == "" && text == "" {
		return nil
	}
	post := model.Post{ID: id, Text: text, Platform: "x", CreatedAt: rfc3339(string(t.CreatedAt)), Audience: r.visibility()}
	if kind == "" {
		kind = "post"
		if t.InReplyToStatusID != "" || t.InReplyToScreenName != "" || t.InReplyToUserID != "" {
			kind = "reply"
		}
	}
	if t.InReplyToScreenName != "" {
		post.ReplyTo = &model.ReplyTo{Author: "@" + string(t.InReplyToScreenName)}
	} else if t.InReplyToStatusID != "" || t.InReplyToUserID != "" {
		post.ReplyTo = &model.ReplyTo{}
	}
	var media []media
	if t.ExtendedEntities != nil {
		media = t.ExtendedEntities.Media
	}
	if len(media) == 0 && t.Entities != nil {
		media = t.Entities.Media
	}
	mediaDirs := []string{"tweets_media", "tweet_media"}
	if kind == "deleted" {
		mediaDirs = []string{"deleted_tweets_media", "tweets_media"}
	}
	post.Media = r.media(id, media, mediaDirs)
	return r.emit(importers.Item{Post: post, Kind: kind, URL: r.statusURL(id), Visibility: post.Audience, Source: r.path(file)})
}

func (r *run) note(file string, n *noteTweet) error {
	if n.Core == nil || n.Core.Text == "" {
		return nil
	}
	created := string(n.CreatedAt)
	if created == "" {
		created = string(n.UpdatedAt)
	}
	post := model.Post{ID: string(n.NoteTweetID), Text: string(n.Core.Text), Platform: "x", CreatedAt: rfc3339(created), Audience: r.visibility()}
	return r.emit(importers.Item{Post: post, Kind: "note", Visibility: post.Audience, Source: r.path(file)})
}

func (r *run) conversation(file string, c *dmConversation) error {
	msgs := make([]messageCreate, 0, len(c.Messages))
	for _, m := range c.Messages {
		if m.MessageCreate != nil {
			msgs = append(msgs, *m.MessageCreate)
		}
	}
	// Archives list messages newest first; answer context needs oldest
	// first. Messages without a time keep their place.
	var first, last time.Time
	for _, m := range msgs {
		if t := parseTime(string(m.CreatedAt)); !t.IsZero() {
			if first.IsZero() {
				first = t
			}
			last = t
		}
	}
	if first.After(last) {
		slices.Reverse(msgs)
	}
	var prev *messageCreate
	for i := range msgs {
		m := &msgs[i]
		own := r.accountID == "" || string(m.SenderID) == r.accountID
		if own && m.Text != "" {
			post := model.Post{ID: string(m.ID), Text: string(m.Text), Platform: "x", DM: true, CreatedAt: rfc3339(string(m.CreatedAt)), Audience: "private"}
			if prev != nil {
				post.ReplyTo = &model.ReplyTo{Text: string(prev.Text), Author: string(prev.SenderID)}
			} else if m.RecipientID != "" {
				post.ReplyTo = &model.ReplyTo{Author: string(m.RecipientID)}
			}
			post.Media = r.dmMedia(string(m.ID), m.MediaURLs)
			item := importers.Item{Post: post, Kind: "dm", Visibility: "direct", Source: r.path(file)}
			if c.ConversationID != "" {
				item.URL = "https://x.com/messages/" + string(c.ConversationID)
			}
			if err := r.emit(item); err != nil {
				return err
			}
		}
		if !own || r.accountID == "" {
			prev = m
		}
	}
	return nil
}

func (r *run) emit(it importers.Item) error {
	if r.out.Item == nil {
		return nil
	}
	return r.out.Item(it)
}

// media finds each attachment's file, data/tweets_media/<tweetid>-<name>.
func (r *run) media(id string, ms []media, dirs []string) []model.Media {
	var out []model.Media
	for _, m := range ms {
		var names []string
		if m.VideoInfo != nil {
			for _, v := range m.VideoInfo.Variants {
				names = append(names, urlBase(string(v.URL)))
			}
		}
		names = append(names, urlBase(string(m.MediaURLHTTPS)), urlBase(string(m.MediaURL)))
		alt := string(m.ExtAltText)
		if alt == "" {
			alt = string(m.AltText)
		}
		p := r.find(id, names, dirs)
		if p == "" && alt == "" {
			continue
		}
		out = append(out, model.Media{Path: p, Alt: alt})
	}
	return out
}

func (r *run) dmMedia(id string, urls []str) []model.Media {
	var out []model.Media
	for _, u := range urls {
		if p := r.find(id, []string{urlBase(string(u))}, []string{"direct_messages_media", "direct_messages_group_media"}); p != "" {
			out = append(out, model.Media{Path: p})
		}
	}
	return out
}

func (r *run) find(id string, names, dirs []string) string {
	if id == "" {
		return ""
	}
	for _, d := range dirs {
		for _, n := range names {
			if n == "" {
				continue
			}
			p := r.path(d + "/" + id + "-" + n)
			if !fs.ValidPath(p) {
				continue
			}
			if st, err := fs.Stat(r.fsys, p); err == nil && !st.IsDir() {
				return p
			}
		}
	}
	return ""
}

// urlBase is the last path element of a URL, without query or fragment.
func urlBase(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	b := path.Base(u)
	if b == "." || b == "/" || strings.ContainsAny(b, `/\`) || b == ".." {
		return ""
	}
	return b
}

var layouts = []string{
	"Mon Jan 02 15:04:05 -0700 2006", // tweets: "Wed Oct 10 20:19:24 +0000 2018"
	time.RFC3339Nano,                 // DMs, notes: "2024-06-05T13:45:22.000Z"
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05",
}

func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// rfc3339 turns an archive time into RFC 3339 UTC ("" when unreadable).
func rfc3339(s string) string {
	t := parseTime(s)
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
