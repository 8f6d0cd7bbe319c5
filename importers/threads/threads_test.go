package threads

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/scrubs-dev/scrubs/importers/importertest"

	"github.com/scrubs-dev/scrubs/importers"
)

func importFS(t *testing.T, fsys fs.FS) ([]importers.Item, []importers.Profile, []importers.Warning) {
	r := importertest.Run(t, Importer{}, fsys, importers.Options{})
	return r.Items, r.Profiles, r.Warnings
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		dir            string
		posts, replies int
		profile        bool
	}{
		{"testdata/igthreads", 3, 0, true},
		{"testdata/oldthreads", 1, 1, false},
	}
	for _, c := range cases {
		items, profs, warns := importFS(t, os.DirFS(c.dir))
		np, nr := 0, 0
		for _, it := range items {
			switch it.Kind {
			case "post":
				np++
			case "reply":
				nr++
			}
			if it.Post.Platform != "threads" || it.Post.CreatedAt == "" || it.Post.ID == "" {
				t.Errorf("%s: incomplete %+v", c.dir, it)
			}
		}
		if np != c.posts || nr != c.replies || len(items) != c.posts+c.replies {
			t.Errorf("%s: posts %d replies %d (items %d), want %d %d", c.dir, np, nr, len(items), c.posts, c.replies)
		}
		if len(warns) != 0 || (len(profs) == 1) != c.profile {
			t.Errorf("%s: warnings %v profiles %+v", c.dir, warns, profs)
		}
		if !(Importer{}).Detect(os.DirFS(c.dir)) {
			t.Errorf("%s not detected", c.dir)
		}
	}
	items, profs, _ := importFS(t, os.DirFS("testdata/igthreads"))
	if items[0].Post.Text != "Hot take: night float is underrated 🌙" || items[0].Post.Media != nil {
		t.Errorf("first: %+v", items[0].Post)
	}
	if m := items[1]; len(m.Post.Media) != 1 || m.Post.Media[0].Path != "your_instagram_activity/threads/media/t2.jpg" || len(m.MediaMeta) != 1 || *m.MediaMeta[0].Lat != 34.05 {
		t.Errorf("second: %+v", m)
	}
	if items[2].Post.Text != "Café run, anyone?" {
		t.Errorf("mojibake: %q", items[2].Post.Text)
	}
	if profs[0].Handle != "janedoe_md" || profs[0].Platform != "threads" {
		t.Errorf("profile %+v", profs[0])
	}
}

func TestAbsent(t *testing.T) {
	fsys := fstest.MapFS{"your_instagram_activity/content/posts_1.json": {Data: []byte(`[]`)}}
	if (Importer{}).Detect(fsys) {
		t.Error("detected without a Threads file")
	}
	items, _, warns := importFS(t, fsys)
	if len(items) != 0 || len(warns) != 0 {
		t.Errorf("items %v warnings %v", items, warns)
	}
}

func FuzzImport(f *testing.F) {
	b, err := os.ReadFile("testdata/igthreads/your_instagram_activity/threads/threads_and_replies.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"a":[{"media":{"uri":"x","title":1}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{
			"threads/threads_and_replies.json":               {Data: b},
			"personal_information/personal_information.json": {Data: b},
		}
		_ = Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
			Item: func(importers.Item) error { return nil },
		})
	})
}
