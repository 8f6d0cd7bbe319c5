package tiktok

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/scrubs-dev/scrubs/importers/importertest"

	"github.com/scrubs-dev/scrubs/importers"
)

func importFS(t *testing.T, fsys fs.FS, dms bool) ([]importers.Item, []importers.Profile, []importers.Warning) {
	r := importertest.Run(t, Importer{}, fsys, importers.Options{IncludeDMs: dms})
	return r.Items, r.Profiles, r.Warnings
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		dir                   string
		dms                   bool
		posts, comments, dmsN int
		profiles              int
	}{
		{"testdata/new", false, 4, 2, 0, 1},
		{"testdata/new", true, 4, 2, 2, 1},
		{"testdata/old", true, 1, 1, 0, 0},
	}
	for _, c := range cases {
		items, profs, warns := importFS(t, os.DirFS(c.dir), c.dms)
		n := map[string]int{}
		for _, it := range items {
			n[it.Kind]++
			if it.Post.Platform != "tiktok" || it.Post.ID == "" || it.Post.DM != (it.Kind == "dm") {
				t.Errorf("%s: %+v", c.dir, it)
			}
		}
		if n["post"] != c.posts || n["comment"] != c.comments || n["dm"] != c.dmsN || len(items) != c.posts+c.comments+c.dmsN {
			t.Errorf("%s dms=%v: %v (%d items), want %d/%d/%d", c.dir, c.dms, n, len(items), c.posts, c.comments, c.dmsN)
		}
		if len(profs) != c.profiles || len(warns) != 0 {
			t.Errorf("%s: profiles %+v warnings %v", c.dir, profs, warns)
		}
		if !(Importer{}).Detect(os.DirFS(c.dir)) {
			t.Errorf("%s not detected", c.dir)
		}
	}
	items, profs, _ := importFS(t, os.DirFS("testdata/new"), true)
	want := []struct{ kind, id, text, created, url, vis string }{
		{"comment", "comment/2023-03-01 20:15:00", "This is so true for night shift nurses", "2023-03-01T20:15:00Z", "", ""},
		{"comment", "comment/2023-03-02 21:00:00", "My patient in bed 4 did exactly this 😂", "2023-03-02T21:00:00Z", "https://www.tiktokv.com/share/video/7200000000000000009/", ""},
		{"dm", "dm/bob.ray/2023-04-01 08:05:00", "Send me a photo and your DOB", "2023-04-01T08:05:00Z", "", "direct"},
		{"dm", "dm/bob.ray/2023-04-01 08:06:00", "https://www.tiktokv.com/share/video/7200000000000000010/", "2023-04-01T08:06:00Z", "", "direct"},
		{"post", "7195000000000000001", "POV: your first night shift #nurse", "2023-02-01T18:30:00Z", "https://www.tiktokv.com/share/video/7195000000000000001/", "public"},
		{"post", "7195000000000000002", "Break room tour", "2023-02-05T18:30:00Z", "https://www.tiktokv.com/share/video/7195000000000000002/", "friends"},
		{"post", "7195000000000000003", "", "2023-02-09T18:30:00Z", "https://www.tiktokv.com/share/video/7195000000000000003/", "private"},
		{"post", "video/20230210", "", "", "", ""},
	}
	for i, w := range want {
		it := items[i]
		if it.Kind != w.kind || it.Post.ID != w.id || it.Post.Text != w.text || it.Post.CreatedAt != w.created || it.URL != w.url || it.Visibility != w.vis {
			t.Errorf("item %d: %+v\nwant %+v", i, it, w)
		}
	}
	if items[2].Post.ReplyTo == nil || items[2].Post.ReplyTo.Author != "bob.ray" || items[2].Post.Audience != "private" {
		t.Errorf("dm context: %+v", items[2].Post)
	}
	if profs[0].Handle != "janedoe_rn" || profs[0].Bio != "ICU RN 💉 opinions my own" {
		t.Errorf("profile %+v", profs[0])
	}
}

func TestMalformed(t *testing.T) {
	fsys := fstest.MapFS{"user_data_tiktok.json": {Data: []byte(`{"Video":{"Videos":{"VideoList":[{"Date":"2023-02-01 18:30:00","Title":"ok"},{"Date":`)}}
	items, _, warns := importFS(t, fsys, false)
	if len(items) != 1 || len(warns) != 1 || warns[0].File != "user_data_tiktok.json" {
		t.Errorf("items %v warnings %v", items, warns)
	}
}

func FuzzImport(f *testing.F) {
	b, err := os.ReadFile("testdata/new/user_data_tiktok.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"Direct Messages":{"x":{"Chat History with :":[{"From":1}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{"user_data_tiktok.json": {Data: b}}
		_ = Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: true}, importers.Sink{
			Item: func(importers.Item) error { return nil },
		})
	})
}
