// Package linkedin imports LinkedIn's data export ("Get a copy of your
// data"): Shares.csv (the member's posts: Date, ShareLink, ShareCommentary,
// SharedUrl, MediaUrl, Visibility) and Comments.csv (Date, Link, Message),
// with Profile.csv for the Profile.
//
// LinkedIn's CSVs are loosely quoted: multi-line fields, doubled quotes and
// stray unescaped quotes. They are read with csv.Reader in LazyQuotes mode
// with any number of fields per record, row by row; a malformed row is
// reported and skipped, and notes lines before the header are skipped.
package linkedin

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers/csvrows"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

func init() { importers.Register(Importer{}) }

// Importer reads LinkedIn exports.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "linkedin" }

type files struct{ shares, comments, profile string }

// find looks for the CSVs (any letter case) at the top or in the one folder
// a re-zipped export wraps them in.
func find(fsys fs.FS) (files, bool) {
	try := func(dir string) (files, bool) {
		var f files
		es, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return f, false
		}
		for _, e := range es {
			if e.IsDir() {
				continue
			}
			full := path.Join(dir, e.Name())
			switch strings.ToLower(e.Name()) {
			case "shares.csv":
				f.shares = full
			case "comments.csv":
				if hasColumns(fsys, full, "message", "link") {
					f.comments = full
				}
			case "profile.csv":
				f.profile = full
			}
		}
		return f, f.shares != "" || f.comments != ""
	}
	if f, ok := try("."); ok {
		return f, true
	}
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return files{}, false
	}
	var dirs []string
	for _, e := range top {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "__MACOSX") {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 1 {
		return try(dirs[0])
	}
	return files{}, false
}

// hasColumns checks the first 4 KiB of a CSV for the named columns (Reddit
// also ships a comments.csv).
func hasColumns(fsys fs.FS, name string, cols ...string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	head := strings.ToLower(string(buf[:n]))
	if strings.Contains(head, "subreddit") {
		return false
	}
	for _, c := range cols {
		if !strings.Contains(head, c) {
			return false
		}
	}
	return true
}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool {
	_, ok := find(fsys)
	return ok
}

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	f, ok := find(fsys)
	if !ok {
		return errors.New("linkedin: no Shares.csv or Comments.csv")
	}
	warner := func(file string) func(string) {
		return func(msg string) {
			if out.Warn != nil {
				out.Warn(importers.Warning{File: file, Msg: msg})
			}
		}
	}
	emit := func(it importers.Item) error {
		if out.Item == nil {
			return nil
		}
		return out.Item(it)
	}
	if f.profile != "" && out.Profile != nil {
		var p *importers.Profile
		csvrows.Each(ctx, fsys, f.profile, []string{"First Name", "Headline"}, warner(f.profile), func(r csvrows.Row) error {
			if p == nil {
				name := strings.TrimSpace(r.Get("First Name") + " " + r.Get("Last Name"))
				bio := r.Get("Headline")
				if s := r.Get("Summary"); s != "" {
					bio = strings.TrimSpace(bio + "\n" + s)
				}
				p = &importers.Profile{Platform: "linkedin", DisplayName: name, Bio: bio}
			}
			return nil
		})
		if p != nil {
			out.Profile(*p)
		}
	}
	if f.shares != "" {
		w := warner(f.shares)
		err := csvrows.Each(ctx, fsys, f.shares, []string{"ShareCommentary", "ShareLink"}, w, func(r csvrows.Row) error {
			text := unescape(r.Get("ShareCommentary", "Commentary"))
			shared := r.Get("SharedUrl", "SharedURL")
			if text == "" && shared == "" {
				return nil
			}
			if text == "" {
				text = shared
			}
			link := r.Get("ShareLink")
			vis := visibility(r.Get("Visibility"))
			post := model.Post{ID: urnID(link), Text: text, Platform: "linkedin", CreatedAt: rfc3339(r.Get("Date")), Audience: audience(vis)}
			return emit(importers.Item{Post: post, Kind: "post", URL: httpURL(link), Visibility: vis, Source: f.shares})
		})
		if err != nil {
			return err
		}
	}
	if f.comments != "" {
		w := warner(f.comments)
		err := csvrows.Each(ctx, fsys, f.comments, []string{"Message"}, w, func(r csvrows.Row) error {
			text := unescape(r.Get("Message"))
			if text == "" {
				return nil
			}
			link := r.Get("Link")
			post := model.Post{ID: urnID(link), Text: text, Platform: "linkedin", CreatedAt: rfc3339(r.Get("Date")),
				// A comment answers a post the export does not include.
				ReplyTo: &model.ReplyTo{}}
			return emit(importers.Item{Post: post, Kind: "comment", URL: httpURL(link), Source: f.comments})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// unescape undoes the doubled quotes LinkedIn leaves inside some unquoted
// fields ("He said ""hi""" read lazily keeps the pairs).
func unescape(s string) string {
	if strings.Contains(s, `""`) {
		s = strings.ReplaceAll(s, `""`, `"`)
	}
	return strings.TrimSpace(s)
}

// visibility maps LinkedIn's values to the importers' vocabulary.
func visibility(v string) string {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "PUBLIC", "ANYONE", "MEMBER_ALL", "LOGGED_IN":
		return "public"
	case "MEMBER_NETWORK", "CONNECTIONS", "CONNECTIONS_ONLY":
		return "friends"
	case "CONTAINER", "GROUP", "PRIVATE":
		return "private"
	}
	return ""
}

func audience(vis string) string {
	switch vis {
	case "public", "friends", "private":
		return vis
	}
	return ""
}

// urnID is the number at the end of a LinkedIn URN in a link
// (.../feed/update/urn%3Ali%3Ashare%3A7012345 or urn:li:activity:7012345).
func urnID(link string) string {
	if link == "" {
		return ""
	}
	if u, err := url.PathUnescape(link); err == nil {
		link = u
	}
	link = strings.TrimRight(link, "/")
	if i := strings.IndexAny(link, "?#"); i >= 0 {
		link = link[:i]
	}
	i := strings.LastIndex(link, "urn:li:")
	if i < 0 {
		return ""
	}
	urn := link[i:]
	if j := strings.IndexAny(urn, "/,)"); j >= 0 {
		urn = urn[:j]
	}
	parts := strings.Split(urn, ":")
	return parts[len(parts)-1]
}

func httpURL(s string) string {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	return ""
}

var layouts = []string{
	"2006-01-02 15:04:05",
	time.RFC3339Nano,
	"2006-01-02 15:04:05 MST",
	"2006-01-02T15:04:05",
	"01/02/06, 03:04 PM",
	"2006-01-02",
}

// rfc3339 reads LinkedIn's "2023-01-15 14:30:22" (UTC) as RFC 3339.
func rfc3339(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return ""
}
