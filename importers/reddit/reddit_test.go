package reddit

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

func importAll(t testing.TB, fsys fs.FS) ([]importers.Item, []importers.Warning) {
	var items []importers.Item
	var warns []importers.Warning
	err := Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
		Item: func(it importers.Item) error { items = append(items, it); return nil },
		Warn: func(w importers.Warning) { warns = append(warns, w) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return items, warns
}

func sub(t *testing.T, dir string) fs.FS {
	f, _ := fs.Sub(os.DirFS("testdata"), dir)
	return f
}

func TestFixtureCounts(t *testing.T) {
	cases := []struct {
		dir                    string
		posts, comments, warns int
	}{
		{"potluck", 24, 30, 0},
		{"tolerant", 2, 2, 0},
	}
	for _, c := range cases {
		fsys := sub(t, c.dir)
		if !(Importer{}).Detect(fsys) {
			t.Fatalf("%s not detected", c.dir)
		}
		items, warns := importAll(t, fsys)
		n := map[string]int{}
		for _, it := range items {
			n[it.Kind]++
			if it.Post.Platform != "reddit" || it.Visibility != "public" || it.Post.Audience != "public" {
				t.Errorf("%+v", it)
			}
		}
		if n["post"] != c.posts || n["comment"] != c.comments || len(warns) != c.warns {
			t.Errorf("%s: %v, %d warnings %v", c.dir, n, len(warns), warns)
		}
	}
}

func TestDetails(t *testing.T) {
	items, _ := importAll(t, sub(t, "potluck"))
	p := items[1]
	if p.Post.ID != "p001" || p.Post.CreatedAt != "2022-08-05T19:13:00Z" || !strings.HasPrefix(p.Post.Text, "basil ember hazel kelp\n\n") ||
		!strings.Contains(p.Post.Text, `"quartz thyme"`) || p.URL != "https://www.reddit.com/r/synthcooking/comments/p001/cliff_glade_meadow/" || p.Source != "posts.csv" {
		t.Errorf("%+v", p)
	}
	c := items[24]
	if c.Kind != "comment" || c.Post.ID != "c000" || c.Post.ReplyTo == nil || c.Source != "comments.csv" {
		t.Errorf("%+v", c)
	}
	items, _ = importAll(t, sub(t, "tolerant"))
	if items[0].Post.CreatedAt != "2022-08-08T23:06:40Z" || items[0].URL != "https://www.reddit.com/r/medicine/comments/a1/night/" ||
		items[0].Post.Text != "Night shift tips\n\nBring snacks, \"real\" ones\nand water" || items[1].Post.Text != "Match" {
		t.Errorf("%+v", items[:2])
	}
	if items[2].Post.Text != `He said "ok" and left` || !strings.Contains(items[3].Post.Text, "unclosed quote") {
		t.Errorf("%+v", items[2:])
	}
}

func TestDetect(t *testing.T) {
	if (Importer{}).Detect(fstest.MapFS{"posts.csv": {Data: []byte("Date,ShareLink,ShareCommentary\n")}}) {
		t.Error("detected a non-Reddit posts.csv")
	}
	wrapped := fstest.MapFS{"export_user_20240101/comments.csv": {Data: []byte("id,subreddit,body\nc1,a,hello\n")}}
	if items, _ := importAll(t, wrapped); len(items) != 1 || items[0].Source != "export_user_20240101/comments.csv" {
		t.Errorf("%+v", items)
	}
}

func TestHugeRecordBounded(t *testing.T) {
	data := "id,subreddit,body\nc1,a,ok\nc2,a,\"" + strings.Repeat("x", csvrows.MaxRecord+(2<<20)) + "\nc3,a,never\n"
	items, warns := importAll(t, fstest.MapFS{"comments.csv": {Data: []byte(data)}})
	if len(items) != 1 || len(warns) != 1 || !strings.Contains(warns[0].Msg, "MiB") {
		t.Fatalf("%d items, %v", len(items), warns)
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte("id,permalink,date,subreddit,title,body\np1,/r/a/comments/p1/,2022-08-05 12:00:00 UTC,a,T,\"b \"\"q\"\"\nline\"\n"))
	f.Add([]byte("id,subreddit,body,parent\nc1,a,\"x\ny\",t3_1\nc2,a,\"bad\"quote,\n"))
	f.Add([]byte("\ufeffname,created_utc,subreddit,selftext\nt3,1660000000,m,s\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"posts.csv": {Data: append([]byte("id,subreddit,title,body\n"), data...)}, "comments.csv": {Data: data}}
		Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
			Item: func(importers.Item) error { return nil },
			Warn: func(importers.Warning) {},
		})
	})
}
