package mastodon

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/scrubs-dev/scrubs/importers/importertest"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

func importFS(t *testing.T, fsys fs.FS, dms bool) ([]importers.Item, []importers.Profile, []importers.Warning) {
	r := importertest.Run(t, Importer{}, fsys, importers.Options{IncludeDMs: dms})
	return r.Items, r.Profiles, r.Warnings
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		dir                  string
		dms                  bool
		posts, replies, dmsN int
		profiles, warns      int
	}{
		{"testdata/archive", false, 3, 1, 0, 1, 0},
		{"testdata/archive", true, 3, 1, 1, 1, 0},
		{"testdata/truncated", true, 1, 0, 0, 0, 1},
	}
	for _, c := range cases {
		items, profs, warns := importFS(t, os.DirFS(c.dir), c.dms)
		n := map[string]int{}
		for _, it := range items {
			n[it.Kind]++
			if it.Post.Platform != "mastodon" || it.Post.ID == "" || it.Post.DM != (it.Kind == "dm") {
				t.Errorf("%s: %+v", c.dir, it)
			}
		}
		if n["post"] != c.posts || n["reply"] != c.replies || n["dm"] != c.dmsN || len(items) != c.posts+c.replies+c.dmsN {
			t.Errorf("%s dms=%v: %v, want %d/%d/%d", c.dir, c.dms, n, c.posts, c.replies, c.dmsN)
		}
		if len(profs) != c.profiles || len(warns) != c.warns {
			t.Errorf("%s: profiles %+v warnings %v", c.dir, profs, warns)
		}
		if !(Importer{}).Detect(os.DirFS(c.dir)) {
			t.Errorf("%s not detected", c.dir)
		}
	}
}

func TestDetails(t *testing.T) {
	items, profs, _ := importFS(t, os.DirFS("testdata/archive"), true)
	type want struct {
		id, text, created, url, vis, aud string
		reply                            *model.ReplyTo
		media                            []model.Media
	}
	wants := []want{
		{"110000000000000001", "Proud of my team today & every day! #nursing\n\nLine two\nline three <3 'quoted' https://example.org/a/very/long/path",
			"2023-05-01T20:00:00Z", "https://med.example/@jane/110000000000000001", "public", "public", nil, nil},
		{"110000000000000002", "@bob Totally agree, café breaks save lives", "2023-05-02T08:30:00Z",
			"https://med.example/@jane/110000000000000002", "unlisted", "public", &model.ReplyTo{Author: "@bob@other.example"}, nil},
		{"110000000000000003", "patient story, details changed\n\nLong night in the ED.", "2023-05-03T21:10:00Z",
			"https://med.example/@jane/110000000000000003", "followers", "followers", nil, []model.Media{
				{Path: "media_attachments/files/110/000/001/original/abc123.jpg", Alt: "Whiteboard with room numbers"},
				{Path: "media_attachments/files/110/000/001/original/def456.png"},
			}},
		{"110000000000000004", "@bob send me your labs and I'll take a look", "2023-05-04T10:00:00Z",
			"https://med.example/@jane/110000000000000004", "direct", "private", &model.ReplyTo{Author: "@bob@other.example"}, nil},
		{"outbox.json#7", "42", "", "", "public", "public", nil, nil},
	}
	if len(items) != len(wants) {
		t.Fatalf("%d items", len(items))
	}
	for i, w := range wants {
		p := items[i].Post
		if p.ID != w.id || p.Text != w.text || p.CreatedAt != w.created || items[i].URL != w.url || items[i].Visibility != w.vis || p.Audience != w.aud {
			t.Errorf("item %d: %+v %q %q\nwant %+v", i, p, items[i].URL, items[i].Visibility, w)
		}
		if (p.ReplyTo == nil) != (w.reply == nil) || (p.ReplyTo != nil && *p.ReplyTo != *w.reply) {
			t.Errorf("item %d reply: %+v", i, p.ReplyTo)
		}
		if len(p.Media) != len(w.media) {
			t.Errorf("item %d media: %+v", i, p.Media)
		}
		for k := range w.media {
			if k < len(p.Media) && p.Media[k] != w.media[k] {
				t.Errorf("item %d media %d: %+v", i, k, p.Media[k])
			}
		}
	}
	pr := profs[0]
	if pr.Handle != "@jane@med.example" || pr.DisplayName != "Jane Doe, RN" || pr.Bio != "ICU nurse & educator. Views my own." || pr.Public == nil || !*pr.Public {
		t.Errorf("profile %+v", pr)
	}
}

func TestHTMLText(t *testing.T) {
	cases := map[string]string{
		"plain":                              "plain",
		"<p>a</p><p>b</p>":                   "a\n\nb",
		"a<br>b<BR/>c":                       "a\nb\nc",
		"&lt;script&gt; &amp;amp; &#x1F600;": "<script> &amp; 😀",
		"<p>unclosed <b":                     "unclosed <b",
		"<ul><li>x</li><li>y</li></ul>":      "• x\n\n• y",
	}
	for in, want := range cases {
		if got := HTMLText(in); got != want {
			t.Errorf("HTMLText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNotDetected(t *testing.T) {
	if (Importer{}).Detect(fstest.MapFS{"outbox.json": {Data: []byte("{}")}}) {
		t.Error("outbox.json alone detected")
	}
}

func FuzzImport(f *testing.F) {
	for _, p := range []string{"testdata/archive/outbox.json", "testdata/archive/actor.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{"outbox.json": {Data: b}, "actor.json": {Data: b}}
		_ = Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: true}, importers.Sink{
			Item: func(importers.Item) error { return nil },
		})
		_ = HTMLText(string(b))
	})
}
