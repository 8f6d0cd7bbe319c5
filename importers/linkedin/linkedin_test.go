package linkedin

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scrubs-dev/scrubs/importers/csvrows"

	"github.com/scrubs-dev/scrubs/importers"
)

type result struct {
	items   []importers.Item
	warns   []importers.Warning
	profile *importers.Profile
}

func importAll(t testing.TB, fsys fs.FS) result {
	var r result
	err := Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
		Item:    func(it importers.Item) error { r.items = append(r.items, it); return nil },
		Warn:    func(w importers.Warning) { r.warns = append(r.warns, w) },
		Profile: func(p importers.Profile) { r.profile = &p },
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFixtureCounts(t *testing.T) {
	fsys, _ := fs.Sub(os.DirFS("testdata"), "export")
	if !(Importer{}).Detect(fsys) {
		t.Fatal("not detected")
	}
	r := importAll(t, fsys)
	n := map[string]int{}
	for _, it := range r.items {
		n[it.Kind]++
		if it.Post.Platform != "linkedin" {
			t.Errorf("%+v", it)
		}
	}
	// Shares.csv: 6 rows, one with neither text nor link; Comments.csv: 3.
	if n["post"] != 5 || n["comment"] != 3 || len(r.warns) != 0 {
		t.Fatalf("%v %v", n, r.warns)
	}
	if r.profile == nil || r.profile.DisplayName != "Jane Doe" || !strings.Contains(r.profile.Bio, "Emergency Medicine Resident") {
		t.Errorf("profile %+v", r.profile)
	}
	want := []struct{ id, created, vis, text string }{
		{"7020000000000000001", "2023-01-15T14:30:22Z", "friends", "Thrilled to share"},
		{"7020000000000000002", "2023-02-01T09:00:00Z", "public", "2. \"Ask for help\"\n3. Write"},
		{"7020000000000000003", "2023-03-05T18:45:10Z", "public", `said "never stop learning" and`},
		{"7020000000000000004", "2023-04-10T12:00:00Z", "friends", "https://www.nejm.org/"},
		{"7020000000000000005", "2023-05-20T07:30:00Z", "public", `5" splint`},
		{"", "2023-02-02T10:00:00Z", "", "Congratulations, well deserved!"},
		{"", "2023-02-03T11:15:00Z", "", "I would add: \"document everything\""},
		{"", "2023-02-04T12:00:00Z", "", `Stray "quote" in the middle, then more text`},
	}
	for i, w := range want {
		it := r.items[i]
		id := w.id
		if id == "" {
			id = "702100000000000000" + string(rune('0'+i-4))
		}
		if it.Post.ID != id || it.Post.CreatedAt != w.created || it.Visibility != w.vis || !strings.Contains(it.Post.Text, w.text) || it.URL == "" {
			t.Errorf("%d: %+v", i, it)
		}
	}
	if r.items[0].Post.Audience != "friends" || r.items[5].Post.ReplyTo == nil || r.items[5].Source != "Comments.csv" {
		t.Errorf("%+v %+v", r.items[0], r.items[5])
	}
}

func TestTolerance(t *testing.T) {
	data := "Notes:\n\"This file holds your posts\"\n\nDate,ShareLink,ShareCommentary,Visibility\n" +
		"2023-01-01 00:00:00,x,one,PUBLIC,extra,fields\n" +
		"2023-01-02 00:00:00,x\n" + // too few fields: no text, skipped
		"2023-01-03 00:00:00,x,\"three \"with\" stray\",PUBLIC\n" +
		"2023-01-04 00:00:00,x,\"" + strings.Repeat("y", csvrows.MaxRecord+(2<<20)) + "\n"
	r := importAll(t, fstest.MapFS{"Shares.csv": {Data: []byte(data)}})
	if len(r.items) != 2 || r.items[1].Post.Text != `three "with" stray` || len(r.warns) != 1 {
		t.Fatalf("%d items %+v %v", len(r.items), r.items, r.warns)
	}
	// A Reddit comments.csv is not LinkedIn's.
	if (Importer{}).Detect(fstest.MapFS{"comments.csv": {Data: []byte("id,permalink,subreddit,link,body\n")}}) {
		t.Error("detected Reddit's comments.csv")
	}
	if id := urnID("https://www.linkedin.com/feed/update/urn:li:activity:123/?x=1"); id != "123" {
		t.Error(id)
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n2023-01-15 14:30:22,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,\"a \"\"b\"\"\nc\",,,PUBLIC\n"))
	f.Add([]byte("Date,Link,Message\n2023-02-02 10:00:00,urn:li:activity:1,\"Stray \"quote\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"Shares.csv": {Data: data}, "Comments.csv": {Data: append([]byte("Date,Link,Message\n"), data...)}, "Profile.csv": {Data: data}}
		Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
			Item:    func(importers.Item) error { return nil },
			Warn:    func(importers.Warning) {},
			Profile: func(importers.Profile) {},
		})
	})
}
