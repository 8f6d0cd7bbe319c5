package instagram

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scrubs-dev/scrubs/importers/importertest"

	"github.com/scrubs-dev/scrubs/importers"
)

type result struct {
	items    []importers.Item
	profiles []importers.Profile
	warns    []importers.Warning
}

func importFS(t *testing.T, f fs.FS, dms bool) result {
	r := importertest.Run(t, Importer{}, f, importers.Options{IncludeDMs: dms})
	return result{items: r.Items, profiles: r.Profiles, warns: r.Warnings}
}

func count(items []importers.Item, kind string) int { return importertest.Count(items, kind) }

func byText(t *testing.T, items []importers.Item, prefix string) importers.Item {
	t.Helper()
	for _, it := range items {
		if strings.HasPrefix(it.Post.Text, prefix) {
			return it
		}
	}
	t.Fatalf("no item starting %q", prefix)
	return importers.Item{}
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		dir                          string
		dms                          bool
		posts, stories, comments, dm int
		handle, name, bio, vis       string
	}{
		{"testdata/ig2024", false, 3, 1, 3, 0, "janedoe_md", "Jane Doe", "Resident physician · views my own", "public"},
		{"testdata/ig2024", true, 3, 1, 3, 1, "janedoe_md", "Jane Doe", "Resident physician · views my own", "public"},
		{"testdata/igmid", false, 2, 0, 2, 0, "janedoe_md", "Jane Doe", "MS4", "followers"},
		{"testdata/igmid", true, 2, 0, 2, 2, "janedoe_md", "Jane Doe", "MS4", "followers"},
		{"testdata/igold", false, 3, 1, 2, 0, "janedoe_md", "Jane Doe", "Med student", "public"},
		{"testdata/igold", true, 3, 1, 2, 1, "janedoe_md", "Jane Doe", "Med student", "public"},
	}
	for _, c := range cases {
		r := importFS(t, os.DirFS(c.dir), c.dms)
		got := [4]int{count(r.items, "post"), count(r.items, "story"), count(r.items, "comment"), count(r.items, "dm")}
		if want := [4]int{c.posts, c.stories, c.comments, c.dm}; got != want || len(r.items) != c.posts+c.stories+c.comments+c.dm {
			t.Errorf("%s dms=%v: post/story/comment/dm = %v, want %v (%d items)", c.dir, c.dms, got, want, len(r.items))
		}
		if len(r.warns) != 0 {
			t.Errorf("%s: warnings %v", c.dir, r.warns)
		}
		if len(r.profiles) != 1 || r.profiles[0].Handle != c.handle || r.profiles[0].DisplayName != c.name ||
			r.profiles[0].Bio != c.bio || r.profiles[0].Platform != "instagram" || r.profiles[0].Public == nil {
			t.Errorf("%s: profiles %+v", c.dir, r.profiles)
		}
		for _, it := range r.items {
			if it.Post.Platform != "instagram" || it.Post.ID == "" || it.Post.CreatedAt == "" {
				t.Errorf("%s: incomplete item %+v", c.dir, it)
			}
			if it.Kind == "dm" {
				if !it.Post.DM || it.Visibility != "direct" {
					t.Errorf("%s: dm %+v", c.dir, it)
				}
			} else if it.Visibility != c.vis || it.Post.Audience != c.vis {
				t.Errorf("%s: visibility %q/%q, want %q", c.dir, it.Visibility, it.Post.Audience, c.vis)
			}
		}
		if !(Importer{}).Detect(os.DirFS(c.dir)) {
			t.Errorf("%s not detected", c.dir)
		}
	}
}

func TestDetails(t *testing.T) {
	r := importFS(t, os.DirFS("testdata/ig2024"), true)
	p := byText(t, r.items, "First day")
	if p.Post.Text != "First day as an attending 🩺" || p.Post.CreatedAt != "2024-01-01T23:00:00Z" {
		t.Errorf("post: %q %q", p.Post.Text, p.Post.CreatedAt)
	}
	if len(p.Post.Media) != 1 || p.Post.Media[0].Path != "media/posts/202401/17900000000000001.jpg" ||
		len(p.MediaMeta) != 1 || p.MediaMeta[0].Lat == nil || *p.MediaMeta[0].Lat != 40.7128 {
		t.Errorf("media: %+v %+v", p.Post.Media, p.MediaMeta)
	}
	if m := byText(t, r.items, "Caf"); m.Post.Text != "Café con leche before rounds ☕" || len(m.Post.Media) != 2 || m.MediaMeta != nil {
		t.Errorf("carousel: %+v", m)
	}
	if s := byText(t, r.items, "Night shift selfie"); s.Kind != "story" || len(s.MediaMeta) != 1 || s.MediaMeta[0].Lon == nil || *s.MediaMeta[0].Lon != -0.12 {
		t.Errorf("story: %+v", s)
	}
	if c := byText(t, r.items, "So proud"); c.Post.Text != "So proud of you ❤️" || c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "bob.ray" {
		t.Errorf("comment: %+v", c.Post)
	}
	if c := byText(t, r.items, "Haha"); c.Post.CreatedAt != "2024-01-15T06:26:40Z" {
		t.Errorf("reel comment time: %q", c.Post.CreatedAt)
	}
	if d := byText(t, r.items, "Call the clinic"); d.Post.ReplyTo == nil || d.Post.ReplyTo.Text != "My rash is back, what should I take?" {
		t.Errorf("dm: %+v", d.Post)
	}
	for _, it := range r.items {
		if strings.Contains(it.Post.Text, "night float") {
			t.Error("Threads post imported as Instagram")
		}
	}

	old := importFS(t, os.DirFS("testdata/igold"), true)
	if o := byText(t, old.items, "White coat"); o.Post.Text != "White coat ceremony 🩺" || o.Post.CreatedAt != "2018-08-20T15:00:00Z" ||
		len(o.Post.Media) != 1 || o.Post.Media[0].Path != "photos/201808/abc.jpg" {
		t.Errorf("old post: %+v", o.Post)
	}
	if c := byText(t, old.items, "Café tomorrow"); c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "ann.lee.np" {
		t.Errorf("old comment: %+v", c.Post)
	}
	if d := byText(t, old.items, "ok see you"); d.Post.ReplyTo == nil || d.Post.ReplyTo.Text != "lunch?" || d.Post.CreatedAt != "2018-10-03T10:00:00Z" {
		t.Errorf("old dm: %+v", d.Post)
	}

	mid := importFS(t, os.DirFS("testdata/igmid"), true)
	if c := byText(t, mid.items, "Señor"); c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "ann.lee.np" || c.Post.CreatedAt == "" {
		t.Errorf("mid comment: %+v", c.Post)
	}
	if d := byText(t, mid.items, "See you tomorrow"); d.Post.ReplyTo == nil || d.Post.ReplyTo.Author != "Ann Lee" {
		t.Errorf("mid dm: %+v", d.Post)
	}
	if d := byText(t, mid.items, "Night!"); d.Post.ReplyTo != nil {
		t.Errorf("mid dm 2: %+v", d.Post)
	}
}

func TestMalformed(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts_1.json":                           {Data: []byte(`[{"media":[{"uri":"a.jpg","creation_timestamp":1600000000,"title":"ok"}]}, {"media": [`)},
		"comments/post_comments_1.json":                  {Data: []byte(`not json`)},
		"personal_information/personal_information.json": {Data: []byte(`[]`)},
	}
	r := importFS(t, fsys, false)
	if len(r.items) != 1 || len(r.warns) != 3 {
		t.Errorf("items %d warnings %v", len(r.items), r.warns)
	}
}

func FuzzImport(f *testing.F) {
	for _, p := range []string{
		"testdata/ig2024/your_instagram_activity/content/posts_1.json",
		"testdata/ig2024/your_instagram_activity/comments/post_comments_1.json",
		"testdata/igold/media.json",
		"testdata/igold/comments.json",
		"testdata/igold/messages.json",
		"testdata/ig2024/personal_information/personal_information/personal_information.json",
	} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{
			"content/posts_1.json":                           {Data: b},
			"content/stories.json":                           {Data: b},
			"comments/post_comments_1.json":                  {Data: b},
			"personal_information/personal_information.json": {Data: b},
			"messages/inbox/x/message_1.json":                {Data: b},
			"media.json":                                     {Data: b},
			"comments.json":                                  {Data: b},
			"profile.json":                                   {Data: b},
			"messages.json":                                  {Data: b},
		}
		_ = Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: true}, importers.Sink{
			Item: func(importers.Item) error { return nil },
		})
	})
}
