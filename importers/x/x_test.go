package x

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scrubs-dev/scrubs/archive"
	"github.com/scrubs-dev/scrubs/importers"
)

type result struct {
	items   []importers.Item
	warns   []importers.Warning
	profile *importers.Profile
}

func run1(t testing.TB, fsys fs.FS, dms bool) result {
	t.Helper()
	var r result
	err := Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: dms}, importers.Sink{
		Item:    func(it importers.Item) error { r.items = append(r.items, it); return nil },
		Warn:    func(w importers.Warning) { r.warns = append(r.warns, w) },
		Profile: func(p importers.Profile) { r.profile = &p },
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sub(t *testing.T, dir string) fs.FS {
	f, err := fs.Sub(os.DirFS("testdata"), dir)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFixtureCounts(t *testing.T) {
	cases := []struct {
		dir          string
		dms          bool
		posts, warns int
		kinds        string
	}{
		{"clio", false, 3, 0, "post,post,post"},
		{"pdpp", false, 4, 0, "post,post,reply,post"},
		{"pdpp", true, 8, 1, "post,post,reply,post,dm,dm,dm,dm"},
		{"pdpp/legacy", false, 1, 0, "post"},
		{"pdpp/empty", false, 0, 0, ""},
		{"dogsheep", true, 0, 0, ""},
		{"synth", false, 7, 0, "post,reply,post,post,reply,note,deleted"},
		{"synth", true, 9, 0, "post,reply,post,post,reply,note,deleted,dm,dm"},
		{"broken", false, 4, 4, "post,post,post,post"},
	}
	for _, c := range cases {
		fsys := sub(t, c.dir)
		if !(Importer{}).Detect(fsys) {
			t.Errorf("%s: not detected", c.dir)
		}
		r := run1(t, fsys, c.dms)
		var kinds []string
		for _, it := range r.items {
			kinds = append(kinds, it.Kind)
			if it.Post.Platform != "x" || it.Source == "" {
				t.Errorf("%s: item %+v", c.dir, it)
			}
		}
		if len(r.items) != c.posts || len(r.warns) != c.warns || strings.Join(kinds, ",") != c.kinds {
			t.Errorf("%s dms=%v: %d posts %d warnings (%s), want %d %d (%s); warnings %v", c.dir, c.dms, len(r.items), len(r.warns), strings.Join(kinds, ","), c.posts, c.warns, c.kinds, r.warns)
		}
	}
}

func TestSynthDetails(t *testing.T) {
	r := run1(t, sub(t, "synth"), true)
	if r.profile == nil || r.profile.Handle != "dr_jane_doe" || r.profile.DisplayName != "Jane Doe, MD" || !strings.Contains(r.profile.Bio, "ER physician") || r.profile.Platform != "x" {
		t.Fatalf("profile %+v", r.profile)
	}
	by := map[string]importers.Item{}
	for _, it := range r.items {
		by[it.Post.ID] = it
	}
	first := by["1100000000000000001"]
	if first.Post.CreatedAt != "2018-10-10T20:19:24Z" || first.URL != "https://x.com/dr_jane_doe/status/1100000000000000001" ||
		first.Visibility != "public" || first.Post.Audience != "public" || first.Source != "data/tweets.js" {
		t.Errorf("first %+v", first)
	}
	reply := by["1100000000000000002"]
	if reply.Kind != "reply" || reply.Post.ReplyTo == nil || reply.Post.ReplyTo.Author != "@drsmith" {
		t.Errorf("reply %+v", reply.Post.ReplyTo)
	}
	photo := by["1100000000000000003"]
	if len(photo.Post.Media) != 2 || photo.Post.Media[0].Path != "data/tweets_media/1100000000000000003-AbCdEf.jpg" ||
		photo.Post.Media[1].Path != "" || !strings.Contains(photo.Post.Media[1].Alt, "X-ray") {
		t.Errorf("media %+v", photo.Post.Media)
	}
	if _, err := fs.Stat(sub(t, "synth"), photo.Post.Media[0].Path); err != nil {
		t.Error(err)
	}
	if by["1200000000000000002"].Source != "data/tweets-part1.js" {
		t.Errorf("part source %q", by["1200000000000000002"].Source)
	}
	note := by["1300000000000000001"]
	if note.Kind != "note" || note.Post.CreatedAt != "2023-05-01T11:59:00Z" || len(note.Post.Text) < 200 {
		t.Errorf("note %+v", note)
	}
	if d := by["1400000000000000001"]; d.Kind != "deleted" || !strings.Contains(d.Post.Text, "worst patient") {
		t.Errorf("deleted %+v", d)
	}
	dm := by["1500000000000000003"]
	if !dm.Post.DM || dm.Kind != "dm" || dm.Visibility != "direct" || dm.Post.ReplyTo == nil ||
		!strings.Contains(dm.Post.ReplyTo.Text, "your patient") || dm.Post.ReplyTo.Author != "777" ||
		dm.URL != "https://x.com/messages/777-4242" || len(dm.Post.Media) != 1 ||
		dm.Post.Media[0].Path != "data/direct_messages_media/1500000000000000003-Zz9.jpg" {
		t.Errorf("dm %+v", dm)
	}
	if _, ok := by["1500000000000000002"]; ok {
		t.Error("the other side's message was imported as the user's")
	}
	if g := by["1600000000000000001"]; g.Source != "data/direct-messages-group.js" || g.Post.ReplyTo != nil {
		t.Errorf("group dm %+v", g)
	}
}

func TestPdppDetails(t *testing.T) {
	r := run1(t, sub(t, "pdpp"), true)
	if r.profile != nil {
		t.Errorf("profile %+v", r.profile)
	}
	it := r.items[1]
	if !strings.Contains(it.Post.Text, `"quotes"`) || !strings.Contains(it.Post.Text, "\n") || it.URL != "https://x.com/i/web/status/1002" {
		t.Errorf("%+v", it)
	}
	if r.items[3].Post.CreatedAt != "" || r.items[3].Post.ID != "1004" {
		t.Errorf("no-date tweet %+v", r.items[3])
	}
	// DMs, oldest first; without account.js both sides are imported.
	if r.items[4].Post.ID != "m1" || r.items[5].Post.ReplyTo == nil || !strings.Contains(r.items[5].Post.ReplyTo.Text, "hey there") {
		t.Errorf("dms %+v %+v", r.items[4].Post, r.items[5].Post)
	}
}

func TestDogsheepProfile(t *testing.T) {
	r := run1(t, sub(t, "dogsheep"), false)
	if r.profile == nil || r.profile.Handle != "simonw" || r.profile.DisplayName != "Simon Willison" {
		t.Fatalf("%+v", r.profile)
	}
}

func TestDetect(t *testing.T) {
	no := fstest.MapFS{"posts.csv": {Data: []byte("id,body\n")}, "data/account.json": {}, "tweets.json": {}}
	if (Importer{}).Detect(no) {
		t.Error("detected a non-X folder")
	}
	wrapped := fstest.MapFS{"twitter-2024-01-01/data/tweets.js": {Data: []byte("window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\",\"full_text\":\"hi\"}}]")}}
	if !(Importer{}).Detect(wrapped) {
		t.Fatal("re-zipped archive not detected")
	}
	if r := run1(t, wrapped, false); len(r.items) != 1 || r.items[0].Source != "twitter-2024-01-01/data/tweets.js" {
		t.Fatalf("%+v", r.items)
	}
}

// TestZip imports the synthetic archive zipped, through the archive package.
func TestZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	src := sub(t, "synth")
	fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(src, p)
		w, _ := zw.Create(p)
		w.Write(b)
		return nil
	})
	zw.Close()
	fsys, err := archive.OpenReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), archive.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if r := run1(t, fsys, true); len(r.items) != 9 || len(r.items[2].Post.Media) != 2 {
		t.Fatalf("%d items", len(r.items))
	}
}

func TestStopsOnSinkError(t *testing.T) {
	n := 0
	err := Importer{}.Import(context.Background(), sub(t, "synth"), importers.Options{}, importers.Sink{
		Item: func(importers.Item) error { n++; return io.ErrClosedPipe },
	})
	if err != io.ErrClosedPipe || n != 1 {
		t.Fatalf("%v after %d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (Importer{}).Import(ctx, sub(t, "synth"), importers.Options{}, importers.Sink{}); err == nil {
		t.Fatal("cancelled context ignored")
	}
}

func TestHugeElementBounded(t *testing.T) {
	big := `window.YTD.tweets.part0 = [{"tweet":{"id_str":"1","full_text":"ok"}}, {"tweet":{"full_text":"` + strings.Repeat("a", maxElement+(1<<20)) + `"}}, {"tweet":{"id_str":"3"}}]`
	r := run1(t, fstest.MapFS{"data/tweets.js": {Data: []byte(big)}}, false)
	if len(r.items) != 1 || len(r.warns) != 1 || !strings.Contains(r.warns[0].Msg, "MiB") {
		t.Fatalf("%d items, warnings %v", len(r.items), r.warns)
	}
}

func FuzzImport(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, which takes long
	// on the multi-KB fixture files.
	for _, s := range []string{
		`window.YTD.tweets.part0 = [{"tweet":{"id_str":"1","full_text":"hi @a","created_at":"Wed Oct 10 20:19:24 +0000 2018","in_reply_to_screen_name":"a","extended_entities":{"media":[{"media_url":"http://x/a.jpg","ext_alt_text":"alt","video_info":{"variants":[{"url":"http://v/b.mp4?t=1"}]}}]}}}]`,
		`window.YTD.direct_messages.part0 = [{"dmConversation":{"conversationId":"1-2","messages":[{"messageCreate":{"id":"m","senderId":"1","text":"t","createdAt":"2024-06-05T13:45:22.000Z","mediaUrls":["u/x.jpg"]}}]}}]`,
		`window.YTD.note_tweet.part0 = [{"noteTweet":{"noteTweetId":"5","createdAt":"2023-05-01T11:59:00.000Z","core":{"text":"n"}}}]`,
		`window.YTD.account.part0 = [{"account":{"username":"u","accountId":"1"},"profile":{"description":{"bio":"b"}},"protectedHistory":{"action":"Protect"}}]`,
		"// c\n/* d */\nwindow.YTD.tweet.part0 = [{\"id\":7,\"full_text\":\"legacy\"}];",
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte("window.YTD.tweets.part0 = [ {\"tweet\": {\"id\": 1e400, \"full_text\": \"\\ud800\"}} ]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"data/tweets.js":            {Data: data},
			"data/note-tweet.js":        {Data: data},
			"data/deleted-tweets.js":    {Data: data},
			"data/direct-messages.js":   {Data: data},
			"data/account.js":           {Data: data},
			"data/profile.js":           {Data: data},
			"data/protected-history.js": {Data: data},
		}
		Importer{}.Import(context.Background(), fsys, importers.Options{IncludeDMs: true}, importers.Sink{
			Item: func(it importers.Item) error {
				for _, m := range it.Post.Media {
					if m.Path != "" && !fs.ValidPath(m.Path) {
						t.Fatalf("media path %q", m.Path)
					}
				}
				return nil
			},
			Warn:    func(importers.Warning) {},
			Profile: func(importers.Profile) {},
		})
	})
}

// TestSynthArchive imports a zip written by scripts/synth-x-archive.py when
// SCRUBS_SYNTH_X names one (and SCRUBS_SYNTH_X_POSTS its post count).
func TestSynthArchive(t *testing.T) {
	p := os.Getenv("SCRUBS_SYNTH_X")
	if p == "" {
		t.Skip("set SCRUBS_SYNTH_X to a zip from scripts/synth-x-archive.py")
	}
	start := time.Now()
	fsys, c, err := archive.Open(p, archive.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := run1(t, fsys, true)
	posts, media := 0, 0
	for _, it := range r.items {
		if it.Kind != "dm" {
			posts++
		}
		media += len(it.Post.Media)
	}
	t.Logf("%d posts, %d DMs, %d media, %d warnings in %v", posts, len(r.items)-posts, media, len(r.warns), time.Since(start))
	if want := os.Getenv("SCRUBS_SYNTH_X_POSTS"); want != "" && want != strconv.Itoa(posts) {
		t.Fatalf("want %s posts", want)
	}
}
