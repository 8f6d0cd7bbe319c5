package facebook

import (
	"context"
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

func importDir(t *testing.T, dir string, dms bool) result {
	r := importertest.Run(t, Importer{}, os.DirFS(dir), importers.Options{IncludeDMs: dms})
	return result{items: r.Items, profiles: r.Profiles, warns: r.Warnings}
}

func count(items []importers.Item, kind string) int { return importertest.Count(items, kind) }

func TestFixtures(t *testing.T) {
	cases := []struct {
		dir                   string
		dms                   bool
		posts, comments, dmsN int
		warns                 int
		handle, name, bio     string
	}{
		{"testdata/fb2024", false, 6, 3, 0, 1, "jane.doe.rn", "Jane Doe", "RN at Mercy General — night shift"},
		{"testdata/fb2024", true, 6, 3, 3, 1, "jane.doe.rn", "Jane Doe", "RN at Mercy General — night shift"},
		{"testdata/fbold", false, 2, 2, 0, 0, "janedoe", "Jane Doe", ""},
		{"testdata/fbold", true, 2, 2, 0, 0, "janedoe", "Jane Doe", ""},
	}
	for _, c := range cases {
		r := importDir(t, c.dir, c.dms)
		if got := count(r.items, "post"); got != c.posts {
			t.Errorf("%s: posts = %d, want %d", c.dir, got, c.posts)
		}
		if got := count(r.items, "comment"); got != c.comments {
			t.Errorf("%s: comments = %d, want %d", c.dir, got, c.comments)
		}
		if got := count(r.items, "dm"); got != c.dmsN {
			t.Errorf("%s dms=%v: dms = %d, want %d", c.dir, c.dms, got, c.dmsN)
		}
		if len(r.items) != c.posts+c.comments+c.dmsN {
			t.Errorf("%s: %d items", c.dir, len(r.items))
		}
		if len(r.warns) != c.warns {
			t.Errorf("%s: warnings %v, want %d", c.dir, r.warns, c.warns)
		}
		if len(r.profiles) != 1 || r.profiles[0].Handle != c.handle || r.profiles[0].DisplayName != c.name || r.profiles[0].Bio != c.bio {
			t.Errorf("%s: profiles %+v", c.dir, r.profiles)
		}
		for _, it := range r.items {
			if it.Post.Platform != "facebook" || it.Post.ID == "" || it.Post.CreatedAt == "" || it.Source == "" {
				t.Errorf("%s: incomplete item %+v", c.dir, it)
			}
			if it.Post.DM != (it.Kind == "dm") {
				t.Errorf("%s: DM flag wrong on %+v", c.dir, it)
			}
		}
		if !(Importer{}).Detect(os.DirFS(c.dir)) {
			t.Errorf("%s not detected", c.dir)
		}
	}
}

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

func TestDetails2024(t *testing.T) {
	r := importDir(t, "testdata/fb2024", true)
	it := byText(t, r.items, "Long shift")
	if it.Post.Text != "Long shift at the café 😴" {
		t.Errorf("mojibake not repaired: %q", it.Post.Text)
	}
	if it.Post.CreatedAt != "2024-01-01T09:06:40Z" || it.Post.ID != "post/1704100000" {
		t.Errorf("time/id: %q %q", it.Post.CreatedAt, it.Post.ID)
	}
	ph := byText(t, r.items, "Best team")
	if len(ph.Post.Media) != 1 || ph.Post.Media[0].Path != "your_activity_across_facebook/posts/media/Mobileuploads_1/10001.jpg" ||
		ph.Post.Media[0].Alt != "Team photo on 4 West, whiteboard behind us" {
		t.Fatalf("media: %+v", ph.Post.Media)
	}
	if len(ph.MediaMeta) != 1 {
		t.Fatalf("media meta: %+v", ph.MediaMeta)
	}
	mm := ph.MediaMeta[0]
	if mm.Lat == nil || *mm.Lat != 42.3601 || mm.Lon == nil || *mm.Lon != -71.0589 || mm.UploadIP != "203.0.113.7" || mm.Taken.Unix() != 1704190000 {
		t.Errorf("exif: %+v", mm)
	}
	if m := byText(t, r.items, "Five years ago"); m.Post.Text != "Five years ago today: white coat ceremony. Naïve but happy." {
		t.Errorf("memory: %q", m.Post.Text)
	}
	if w := byText(t, r.items, "Happy birthday"); w.Post.ReplyTo == nil || w.Post.ReplyTo.Author != "Bob Ray" {
		t.Errorf("timeline post reply: %+v", w.Post.ReplyTo)
	}
	if n := byText(t, r.items, "12345"); n.Post.CreatedAt != "2024-01-07T04:00:00Z" {
		t.Errorf("string timestamp: %q", n.Post.CreatedAt)
	}
	c := byText(t, r.items, "Grüße")
	if c.Kind != "comment" || c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "Bob Ray" {
		t.Errorf("comment: %+v", c)
	}
	if c := byText(t, r.items, "Agreed"); c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "Chris Jones" {
		t.Errorf("reply to Chris Jones': %+v", c.Post.ReplyTo)
	}
	if c := byText(t, r.items, "Thanks everyone"); c.Post.ReplyTo != nil {
		t.Errorf("own post reply: %+v", c.Post.ReplyTo)
	}
	dm := byText(t, r.items, "Yes, room 12")
	if !dm.Post.DM || dm.Post.ReplyTo == nil || dm.Post.ReplyTo.Text != "Are you working tonight?" || dm.Post.ReplyTo.Author != "Bob Ray" {
		t.Errorf("dm: %+v", dm.Post)
	}
	if d := byText(t, r.items, "Hi Bob"); d.Post.Text != "Hi Bob 👋" || d.Post.ReplyTo != nil {
		t.Errorf("dm 2: %+v", d.Post)
	}
	if !strings.Contains(r.warns[0].File, "videos_2.json") {
		t.Errorf("warning names %q", r.warns[0].File)
	}
}

func TestDetailsOld(t *testing.T) {
	r := importDir(t, "testdata/fbold", false)
	it := byText(t, r.items, "Finally an MD")
	if it.Post.Text != "Finally an MD! 🎓" || len(it.MediaMeta) != 1 || it.MediaMeta[0].UploadIP != "198.51.100.4" || it.MediaMeta[0].Lat != nil {
		t.Errorf("old photo post: %+v", it)
	}
	if c := byText(t, r.items, "See you"); c.Post.Text != "See you at the café" || c.Post.ReplyTo == nil || c.Post.ReplyTo.Author != "Ann Lee" {
		t.Errorf("old comment: %+v", c.Post)
	}
}

func TestStopsOnSinkError(t *testing.T) {
	n := 0
	err := Importer{}.Import(context.Background(), os.DirFS("testdata/fb2024"), importers.Options{}, importers.Sink{
		Item: func(importers.Item) error { n++; return context.Canceled },
	})
	if err == nil || n != 1 {
		t.Errorf("err=%v after %d items", err, n)
	}
}

func TestNotDetected(t *testing.T) {
	fsys := fstest.MapFS{"data/tweets.js": {Data: []byte("window.YTD.tweets.part0 = []")}}
	if (Importer{}).Detect(fsys) {
		t.Error("X archive detected as Facebook")
	}
}

func FuzzImport(f *testing.F) {
	for _, p := range []string{
		"testdata/fb2024/your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
		"testdata/fb2024/your_activity_across_facebook/comments_and_reactions/comments.json",
		"testdata/fb2024/your_activity_across_facebook/messages/inbox/bobray_10001/message_1.json",
	} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"profile_v2":{"name":"x"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{
			"posts/your_posts_1.json":                      {Data: b},
			"comments/comments.json":                       {Data: b},
			"profile_information/profile_information.json": {Data: b},
			"messages/inbox/x_1/message_1.json":            {Data: b},
		}
		_ = Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: true}, importers.Sink{
			Item: func(importers.Item) error { return nil },
		})
	})
}
