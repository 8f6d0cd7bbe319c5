// Package reddit imports the CSV files of Reddit's data request ("Request
// your data"): posts.csv and comments.csv. Column sets vary between
// exports, so columns are found by name (date or created_utc, body or
// selftext...) and missing ones read as empty.
package reddit

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers/csvrows"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads Reddit data-request exports.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "reddit" }

// base is the folder holding posts.csv or comments.csv: the top, or the one
// folder a re-zipped export wraps it in. It returns the two files' names.
func base(fsys fs.FS) (posts, comments string, ok bool) {
	try := func(dir string) bool {
		es, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return false
		}
		for _, e := range es {
			if e.IsDir() {
				continue
			}
			full := path.Join(dir, e.Name())
			switch strings.ToLower(e.Name()) {
			case "posts.csv":
				if posts == "" && looksReddit(fsys, full) {
					posts = full
				}
			case "comments.csv":
				if comments == "" && looksReddit(fsys, full) {
					comments = full
				}
			}
		}
		return posts != "" || comments != ""
	}
	if try(".") {
		return posts, comments, true
	}
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return "", "", false
	}
	var dirs []string
	for _, e := range top {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "__MACOSX") {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 1 && try(dirs[0]) {
		return posts, comments, true
	}
	return "", "", false
}

// looksReddit reads the first line of a CSV for Reddit's columns.
func looksReddit(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	head := strings.ToLower(string(buf[:n]))
	if i := strings.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	return strings.Contains(head, "subreddit") || strings.Contains(head, "permalink")
}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool {
	_, _, ok := base(fsys)
	return ok
}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	posts, comments, ok := base(fsys)
	if !ok {
		return errors.New("reddit: no posts.csv or comments.csv with Reddit's columns")
	}
	for _, f := range []struct {
		name, kind string
	}{{posts, "post"}, {comments, "comment"}} {
		if f.name == "" {
			continue
		}
		file, kind := f.name, f.kind
		warn := func(msg string) {
			if out.Warn != nil {
				out.Warn(importers.Warning{File: file, Msg: msg})
			}
		}
		want := []string{"body", "title", "subreddit", "permalink"}
		err := csvrows.Each(ctx, fsys, file, want, warn, func(r csvrows.Row) error {
			it, ok := item(r, kind, file)
			if !ok || out.Item == nil {
				return nil
			}
			return out.Item(it)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func item(r csvrows.Row, kind, file string) (importers.Item, bool) {
	title := r.Get("title")
	body := r.Get("body", "selftext", "text", "content")
	if body == "[deleted]" || body == "[removed]" {
		body = ""
	}
	text := title
	if body != "" {
		if text != "" {
			text += "\n\n"
		}
		text += body
	}
	id := r.Get("id", "name", "fullname")
	if text == "" {
		return importers.Item{}, false
	}
	post := model.Post{
		ID: id, Text: text, Platform: "reddit", Audience: "public",
		CreatedAt: rfc3339(r.Get("date", "created_utc", "created", "timestamp", "created_at")),
	}
	if kind == "comment" {
		// The export names the parent (t3_ post, t1_ comment) but not its
		// author or text.
		post.ReplyTo = &model.ReplyTo{}
	}
	return importers.Item{Post: post, Kind: kind, URL: permalink(r.Get("permalink", "link", "url")), Visibility: "public", Source: file}, true
}

func permalink(p string) string {
	switch {
	case strings.HasPrefix(p, "https://"), strings.HasPrefix(p, "http://"):
		return p
	case strings.HasPrefix(p, "/r/"), strings.HasPrefix(p, "/u/"), strings.HasPrefix(p, "/user/"):
		return "https://www.reddit.com" + p
	}
	return ""
}

var layouts = []string{
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339Nano,
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// rfc3339 reads the export's times ("2022-08-05 12:00:00 UTC", ISO, or Unix
// seconds) as RFC 3339 UTC; "" when unreadable.
func rfc3339(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1e8 && f < 1e11 {
		return time.Unix(int64(f), 0).UTC().Format(time.RFC3339)
	}
	return ""
}
