package bluesky

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
)

// result gathers what an import produced.
type result struct {
	items    []importers.Item
	profiles []importers.Profile
	warns    []importers.Warning
	err      error
}

func (r *result) count(pred func(importers.Item) bool) int {
	n := 0
	for _, it := range r.items {
		if pred(it) {
			n++
		}
	}
	return n
}

func run(t testing.TB, fsys fs.FS) *result {
	t.Helper()
	r := &result{}
	r.err = Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
		Item:    func(it importers.Item) error { r.items = append(r.items, it); return nil },
		Profile: func(p importers.Profile) { r.profiles = append(r.profiles, p) },
		Warn:    func(w importers.Warning) { r.warns = append(r.warns, w) },
	})
	return r
}

func fixtureFS(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{"repo.car": {Data: b}}
}

// rawPostCount counts the post records of a CAR the crude way: occurrences
// of the DAG-CBOR bytes `"$type": "app.bsky.feed.post"`. It knows nothing of
// CAR, CIDs or the MST, so it is an independent check of the importer's
// counts for exports without history (each record stored once, all live).
func rawPostCount(b []byte) int {
	return bytes.Count(b, []byte("\x65$type\x72app.bsky.feed.post"))
}

func TestFixtures(t *testing.T) {
	// Counts cross-checked with github.com/bluesky-social/indigo's own CAR,
	// MST and app.bsky.feed.post readers (outside this module) and, for
	// posts, with rawPostCount.
	tests := []struct {
		file                                  string
		did                                   string
		posts, replies, images, alts, profile int
		warns                                 int
		displayName                           string
	}{
		{"bnewbold.robocracy.org.20250310005405.car", "did:plc:nhxcyu4ewwhl5pqil4dotqjo", 23, 2, 4, 2, 1, 0, "now roaming free"},
		{"fakermaker.repo.car", "did:plc:dpg45vsnuir2vqqqadsn6afg", 26, 23, 1, 1, 1, 0, "Herminia Schroeder"},
		{"greenground.repo.car", "did:plc:kzcqyc3unb33eh5sxzsfs25z", 0, 0, 0, 0, 0, 0, ""},
		// A slice of a repository: its tree names records the file lacks.
		{"repo_slice.car", "did:plc:6evlgoug7wwijzxhzt2riyic", 1, 0, 1, 1, 0, 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			fsys := fixtureFS(t, tc.file)
			if !(Importer{}).Detect(fsys) {
				t.Fatal("not detected")
			}
			r := run(t, fsys)
			if r.err != nil {
				t.Fatal(r.err)
			}
			if got := len(r.items); got != tc.posts {
				t.Errorf("posts = %d, want %d", got, tc.posts)
			}
			if raw := rawPostCount(fsys["repo.car"].Data); raw != tc.posts {
				t.Errorf("raw count %d disagrees with expected %d", raw, tc.posts)
			}
			if got := r.count(func(it importers.Item) bool { return it.Post.ReplyTo != nil }); got != tc.replies {
				t.Errorf("replies = %d, want %d", got, tc.replies)
			}
			if got := r.count(func(it importers.Item) bool { return it.Kind == "reply" }); got != tc.replies {
				t.Errorf("kind reply = %d, want %d", got, tc.replies)
			}
			imgs, alts := 0, 0
			for _, it := range r.items {
				for _, m := range it.Post.Media {
					imgs++
					if m.Alt != "" {
						alts++
					}
				}
			}
			if imgs != tc.images || alts != tc.alts {
				t.Errorf("images %d (alt %d), want %d (%d)", imgs, alts, tc.images, tc.alts)
			}
			if len(r.profiles) != tc.profile {
				t.Errorf("profiles = %d, want %d", len(r.profiles), tc.profile)
			}
			if tc.profile == 1 {
				p := r.profiles[0]
				if p.DisplayName != tc.displayName || p.Handle != tc.did || p.Platform != "bluesky" || p.Public == nil || !*p.Public {
					t.Errorf("profile = %+v", p)
				}
			}
			if len(r.warns) != tc.warns {
				t.Errorf("warnings = %v, want %d", r.warns, tc.warns)
			}
			ids := map[string]bool{}
			for _, it := range r.items {
				p := it.Post
				if p.Platform != "bluesky" || p.Audience != "public" || it.Visibility != "public" || it.Source != "repo.car" {
					t.Errorf("bad item %+v", it)
				}
				rkey := p.ID[strings.LastIndexByte(p.ID, '/')+1:]
				if p.ID != "at://"+tc.did+"/app.bsky.feed.post/"+rkey {
					t.Errorf("id %q", p.ID)
				}
				if it.URL != "https://bsky.app/profile/"+tc.did+"/post/"+rkey {
					t.Errorf("url %q", it.URL)
				}
				if p.Created().IsZero() {
					t.Errorf("%s: created %q", p.ID, p.CreatedAt)
				}
				if p.ReplyTo != nil && !strings.HasPrefix(p.ReplyTo.Author, "at://did:") {
					t.Errorf("reply to %+v", p.ReplyTo)
				}
				if ids[p.ID] {
					t.Errorf("duplicate %s", p.ID)
				}
				ids[p.ID] = true
			}
		})
	}
}

func TestFixtureContent(t *testing.T) {
	r := run(t, fixtureFS(t, "bnewbold.robocracy.org.20250310005405.car"))
	byID := map[string]importers.Item{}
	for _, it := range r.items {
		byID[it.Post.ID] = it
	}
	it, ok := byID["at://did:plc:nhxcyu4ewwhl5pqil4dotqjo/app.bsky.feed.post/3lhip3wawuk22"]
	if !ok {
		t.Fatal("post missing")
	}
	if it.Post.Text != "of course the grass is greener on self-hosted PDS" || it.Post.CreatedAt != "2025-02-06T08:45:31Z" {
		t.Errorf("post = %+v", it.Post)
	}
	if len(it.Post.Media) != 1 || it.Post.Media[0].Alt != `windows "bliss" wallpaper of green grassy hill` || it.Post.Media[0].Path != "" {
		t.Errorf("media = %+v", it.Post.Media)
	}
	rep := byID["at://did:plc:nhxcyu4ewwhl5pqil4dotqjo/app.bsky.feed.post/3lj2ex7vyjc2h"]
	if rep.Kind != "reply" || rep.Post.ReplyTo == nil || rep.Post.ReplyTo.Author != "at://did:plc:box3ql3jyrlb7ptzh2tnn2aw/app.bsky.feed.post/3lizyzajiks23" || rep.Post.ReplyTo.Text != "" {
		t.Errorf("reply = %+v %+v", rep, rep.Post.ReplyTo)
	}
}

// --- a tiny DAG-CBOR and CAR writer for synthetic repositories ---

type tlink []byte // a CID to encode as a tag-42 link

func cborHead(buf *bytes.Buffer, major byte, n uint64) {
	switch {
	case n < 24:
		buf.WriteByte(major<<5 | byte(n))
	case n < 1<<8:
		buf.WriteByte(major<<5 | 24)
		buf.WriteByte(byte(n))
	case n < 1<<16:
		buf.WriteByte(major<<5 | 25)
		buf.Write(binary.BigEndian.AppendUint16(nil, uint16(n)))
	case n < 1<<32:
		buf.WriteByte(major<<5 | 26)
		buf.Write(binary.BigEndian.AppendUint32(nil, uint32(n)))
	default:
		buf.WriteByte(major<<5 | 27)
		buf.Write(binary.BigEndian.AppendUint64(nil, n))
	}
}

func enc(buf *bytes.Buffer, v any) {
	switch v := v.(type) {
	case nil:
		buf.WriteByte(0xf6)
	case bool:
		if v {
			buf.WriteByte(0xf5)
		} else {
			buf.WriteByte(0xf4)
		}
	case int:
		if v >= 0 {
			cborHead(buf, 0, uint64(v))
		} else {
			cborHead(buf, 1, uint64(-1-v))
		}
	case string:
		cborHead(buf, 3, uint64(len(v)))
		buf.WriteString(v)
	case []byte:
		cborHead(buf, 2, uint64(len(v)))
		buf.Write(v)
	case tlink:
		cborHead(buf, 6, 42)
		cborHead(buf, 2, uint64(len(v)+1))
		buf.WriteByte(0)
		buf.Write(v)
	case []any:
		cborHead(buf, 4, uint64(len(v)))
		for _, e := range v {
			enc(buf, e)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			if len(keys[a]) != len(keys[b]) {
				return len(keys[a]) < len(keys[b])
			}
			return keys[a] < keys[b]
		})
		cborHead(buf, 5, uint64(len(v)))
		for _, k := range keys {
			enc(buf, k)
			enc(buf, v[k])
		}
	default:
		panic("enc: unsupported type")
	}
}

func cb(v any) []byte {
	var b bytes.Buffer
	enc(&b, v)
	return b.Bytes()
}

func cidOf(data []byte, codec byte) tlink {
	sum := sha256.Sum256(data)
	return tlink(append([]byte{1, codec, 0x12, 0x20}, sum[:]...))
}

type block struct {
	cid  tlink
	data []byte
}

func carBytes(root tlink, blocks []block) []byte {
	var out bytes.Buffer
	h := cb(map[string]any{"roots": []any{root}, "version": 1})
	out.Write(binary.AppendUvarint(nil, uint64(len(h))))
	out.Write(h)
	for _, b := range blocks {
		out.Write(binary.AppendUvarint(nil, uint64(len(b.cid)+len(b.data))))
		out.Write(b.cid)
		out.Write(b.data)
	}
	return out.Bytes()
}

const testDID = "did:plc:testtesttesttesttesttest"

// repoCAR builds a one-node repository of the given records (key → value)
// with extra raw blocks appended; records that are []byte are used as the
// block's data as is.
func repoCAR(records map[string]any, extra ...block) []byte {
	keys := make([]string, 0, len(records))
	for k := range records {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var blocks []block
	var entries []any
	for _, k := range keys {
		var data []byte
		if raw, ok := records[k].([]byte); ok {
			data = raw
		} else {
			data = cb(records[k])
		}
		c := cidOf(data, 0x71)
		blocks = append(blocks, block{c, data})
		entries = append(entries, map[string]any{"p": 0, "k": []byte(k), "v": c, "t": nil})
	}
	node := cb(map[string]any{"l": nil, "e": entries})
	nodeCID := cidOf(node, 0x71)
	commit := cb(map[string]any{"did": testDID, "version": 3, "data": nodeCID, "rev": "3lk00000000aa", "prev": nil, "sig": []byte("sig")})
	commitCID := cidOf(commit, 0x71)
	all := append([]block{{commitCID, commit}, {nodeCID, node}}, blocks...)
	all = append(all, extra...)
	return carBytes(commitCID, all)
}

func post(text string, extra map[string]any) map[string]any {
	m := map[string]any{"$type": "app.bsky.feed.post", "text": text, "createdAt": "2024-03-01T10:00:00.123Z"}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestSynthetic(t *testing.T) {
	parent := post("my own first post", nil)
	parentData := cb(parent)
	parentCID := "b" + b32.EncodeToString(cidOf(parentData, 0x71))
	blob := cidOf([]byte("jpeg bytes"), 0x55)
	blobName := "b" + b32.EncodeToString(blob)
	ref := func(uri, cid string) map[string]any { return map[string]any{"uri": uri, "cid": cid} }
	records := map[string]any{
		"app.bsky.feed.post/3kaaaaaaaaaa2": parentData,
		"app.bsky.feed.post/3kaaaaaaaaab2": post("answering myself", map[string]any{"reply": map[string]any{
			"root":   ref("at://"+testDID+"/app.bsky.feed.post/3kaaaaaaaaaa2", parentCID),
			"parent": ref("at://"+testDID+"/app.bsky.feed.post/3kaaaaaaaaaa2", parentCID),
		}}),
		"app.bsky.feed.post/3kaaaaaaaaac2": post("quote with photo", map[string]any{"embed": map[string]any{
			"$type":  "app.bsky.embed.recordWithMedia",
			"record": map[string]any{"record": ref("at://did:plc:other/app.bsky.feed.post/x", "bafyx")},
			"media": map[string]any{"$type": "app.bsky.embed.images", "images": []any{
				map[string]any{"alt": "chest x-ray", "image": map[string]any{"$type": "blob", "ref": blob, "mimeType": "image/jpeg", "size": 10}},
				map[string]any{"alt": 7, "image": "wrong"},
			}},
		}}),
		"app.bsky.feed.post/3kaaaaaaaaad2": post("video", map[string]any{"embed": map[string]any{
			"$type": "app.bsky.embed.video", "alt": "ward round", "video": map[string]any{"cid": "bafylegacy"},
		}}),
		// No createdAt: the time comes from the TID.
		"app.bsky.feed.post/3kaaaaaaaaae2": map[string]any{"$type": "app.bsky.feed.post", "text": "no time"},
		// Wrong types: skipped with a warning.
		"app.bsky.feed.post/3kaaaaaaaaaf2": map[string]any{"$type": "app.bsky.feed.post", "text": 42},
		"app.bsky.feed.post/3kaaaaaaaaag2": map[string]any{"$type": "app.bsky.feed.like", "text": "x"},
		"app.bsky.feed.post/3kaaaaaaaaah2": []any{"not", "a", "map"},
		"app.bsky.feed.post/3kaaaaaaaaai2": []byte{0xff, 0x00},
		"app.bsky.feed.like/3kaaaaaaaaaa2": map[string]any{"$type": "app.bsky.feed.like", "subject": ref("at://x", "bafy")},
		"app.bsky.actor.profile/self":      map[string]any{"$type": "app.bsky.actor.profile", "displayName": "Dr. Test, MD", "description": "ER doc"},
		"net.example.unknown/1":            map[string]any{"$type": "net.example.unknown", "text": "not a post"},
	}
	car := repoCAR(records)
	fsys := fstest.MapFS{
		"test.car":             {Data: car},
		"blobs/" + blobName:    {Data: []byte("jpeg bytes")},
		"blobs/unrelated.json": {Data: []byte("{}")},
	}
	r := run(t, fsys)
	if r.err != nil {
		t.Fatal(r.err)
	}
	byKey := map[string]importers.Item{}
	for _, it := range r.items {
		byKey[it.Post.ID[strings.LastIndexByte(it.Post.ID, '/')+1:]] = it
	}
	if len(r.items) != 5 {
		t.Fatalf("items = %d: %+v", len(r.items), r.items)
	}
	if it := byKey["3kaaaaaaaaab2"]; it.Post.ReplyTo == nil || it.Post.ReplyTo.Text != "my own first post" || it.Kind != "reply" ||
		it.Post.ReplyTo.Author != "at://"+testDID+"/app.bsky.feed.post/3kaaaaaaaaaa2" {
		t.Errorf("self reply = %+v", it.Post.ReplyTo)
	}
	if m := byKey["3kaaaaaaaaac2"].Post.Media; len(m) != 2 || m[0].Alt != "chest x-ray" || m[0].Path != "blobs/"+blobName || m[1].Alt != "" || m[1].Path != "" {
		t.Errorf("recordWithMedia media = %+v", m)
	}
	if m := byKey["3kaaaaaaaaad2"].Post.Media; len(m) != 1 || m[0].Alt != "ward round" {
		t.Errorf("video media = %+v", m)
	}
	if c := byKey["3kaaaaaaaaaa2"].Post.CreatedAt; c != "2024-03-01T10:00:00Z" {
		t.Errorf("createdAt = %q", c)
	}
	if c := byKey["3kaaaaaaaaae2"].Post.CreatedAt; !strings.HasPrefix(c, "2023-") {
		t.Errorf("TID time = %q", c)
	}
	if len(r.profiles) != 1 || r.profiles[0].DisplayName != "Dr. Test, MD" || r.profiles[0].Bio != "ER doc" || r.profiles[0].Handle != testDID {
		t.Errorf("profiles = %+v", r.profiles)
	}
	// One warning for the undecodable block, one for the four bad records.
	if len(r.warns) != 2 || !strings.Contains(r.warns[0].Msg, "not valid DAG-CBOR") || !strings.Contains(r.warns[1].Msg, "4 records") {
		t.Errorf("warnings = %+v", r.warns)
	}
	for _, w := range r.warns {
		if w.File != "test.car" {
			t.Errorf("warning file %q", w.File)
		}
	}
}

func TestTIDTime(t *testing.T) {
	tm, ok := tidTime("3jzfcijpj2z2a")
	if !ok || tm.UTC().Format(time.RFC3339Nano) != "2023-06-30T15:03:01.887007Z" { // as indigo's syntax.TID.Time gives
		t.Errorf("tid time %v %v", tm, ok)
	}
	for _, bad := range []string{"", "zzzzzzzzzzzzz", "3jzfcijpj2z2", "3jzfcijpj2z2!", "self"} {
		if _, ok := tidTime(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestHostile(t *testing.T) {
	good := repoCAR(map[string]any{"app.bsky.feed.post/3kaaaaaaaaaa2": post("hello", nil)})
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-3] ^= 0xff // inside the post record: its hash no longer matches
	huge := repoCAR(map[string]any{"app.bsky.feed.post/3kaaaaaaaaaa2": post(strings.Repeat("x", maxBlock+1000), nil)})
	long := repoCAR(map[string]any{"app.bsky.feed.post/3kaaaaaaaaaa2": post(strings.Repeat("é", maxText), nil)})
	v2 := append([]byte{0x0a, 0xa1, 0x67}, []byte("version\x02")...)
	noRoot := carBytes(cidOf([]byte("nothing"), 0x71), nil)
	// A block whose length runs far past the end of the file.
	pastEnd := append(bytes.Clone(good), binary.AppendUvarint(nil, 1<<40)...)
	tests := []struct {
		name  string
		data  []byte
		posts int
		warn  string
	}{
		{"good", good, 1, ""},
		{"truncated", good[:len(good)-5], 0, "truncated"},
		{"corrupt block", corrupt, 0, "corrupt"},
		{"huge block", huge, 0, "blocks over 2 MiB"},
		{"long text", long, 1, "cut there"},
		{"CAR v2", v2, 0, "version 2"},
		{"empty", nil, 0, "empty file"},
		{"not a CAR", []byte("{\"posts\": []}"), 0, "not a readable"},
		{"no root commit", noRoot, 0, "root commit is missing"},
		{"length past end", pastEnd, 1, "truncated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, fstest.MapFS{"repo.car": {Data: tc.data}})
			if r.err != nil {
				t.Fatal(r.err)
			}
			if len(r.items) != tc.posts {
				t.Errorf("posts = %d, want %d", len(r.items), tc.posts)
			}
			all := ""
			for _, w := range r.warns {
				all += w.Msg + "\n"
			}
			if tc.warn == "" && all != "" || !strings.Contains(all, tc.warn) {
				t.Errorf("warnings %q, want %q", all, tc.warn)
			}
			for _, it := range r.items {
				if len(it.Post.Text) > maxText {
					t.Errorf("text of %d bytes", len(it.Post.Text))
				}
			}
		})
	}
}

func TestTruncatedFixture(t *testing.T) {
	// Every cut of a real export: no panic, never more posts than the whole
	// file, and a warning for each cut.
	b, err := os.ReadFile("testdata/bnewbold.robocracy.org.20250310005405.car")
	if err != nil {
		t.Fatal(err)
	}
	step := 1
	if testing.Short() {
		step = 97
	}
	for n := 0; n < len(b); n += step {
		r := run(t, fstest.MapFS{"repo.car": {Data: b[:n]}})
		if r.err != nil || len(r.items) > 23 || len(r.warns) == 0 {
			t.Fatalf("cut at %d: err %v, %d posts, %d warnings", n, r.err, len(r.items), len(r.warns))
		}
	}
}

func TestDetect(t *testing.T) {
	car := []byte("x")
	cases := []struct {
		fsys fs.FS
		want bool
	}{
		{fstest.MapFS{"repo.car": {Data: car}}, true},
		{fstest.MapFS{"Account.CAR": {Data: car}}, true},
		{fstest.MapFS{"export/repo.car": {Data: car}}, true},
		{fstest.MapFS{"export/repo.car": {Data: car}, "other.txt": {Data: car}}, false},
		{fstest.MapFS{"a/b/repo.car": {Data: car}}, false},
		{fstest.MapFS{"tweets.js": {Data: car}}, false},
		{fstest.MapFS{"car": {Data: car}}, false},
		{fstest.MapFS{}, false},
	}
	for i, c := range cases {
		if got := (Importer{}).Detect(c.fsys); got != c.want {
			t.Errorf("case %d: %v", i, got)
		}
	}
	if im, ok := importers.Get("bluesky"); !ok || im.Platform() != "bluesky" {
		t.Error("not registered")
	}
}

func TestStopAndCancel(t *testing.T) {
	fsys := fixtureFS(t, "fakermaker.repo.car")
	stop := errors.New("stop")
	n := 0
	err := Importer{}.Import(context.Background(), fsys, importers.Options{}, importers.Sink{
		Item: func(importers.Item) error { n++; return stop },
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("sink error: %v after %d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Importer{}.Import(ctx, fsys, importers.Options{}, importers.Sink{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// No sink functions at all: nothing to call, no panic.
	if err := (Importer{}).Import(context.Background(), fstest.MapFS{"x.car": {Data: []byte{1}}}, importers.Options{}, importers.Sink{}); err != nil {
		t.Error(err)
	}
	// No CAR: one warning.
	r := run(t, fstest.MapFS{"posts.csv": {Data: []byte("a")}})
	if len(r.warns) != 1 || len(r.items) != 0 {
		t.Errorf("no car: %+v", r)
	}
}

// fuzzFile turns fuzz input into a CAR file: mode 0 uses it as the whole
// file; mode 1 as the raw bytes of a post record and mode 2 as the raw bytes
// of the MST root node, each inside an otherwise valid repository with
// matching CIDs, so that the fuzzer reaches the record and tree decoders
// without having to forge SHA-256 hashes.
func fuzzFile(mode uint8, data []byte) []byte {
	switch mode % 3 {
	case 1:
		return repoCAR(map[string]any{"app.bsky.feed.post/3kaaaaaaaaaa2": data, "app.bsky.actor.profile/self": data})
	case 2:
		rec := cb(post("hello", nil))
		recCID := cidOf(rec, 0x71)
		nodeCID := cidOf(data, 0x71)
		commit := cb(map[string]any{"did": testDID, "version": 3, "data": nodeCID, "rev": "3lk00000000aa", "prev": nil, "sig": []byte("sig")})
		commitCID := cidOf(commit, 0x71)
		return carBytes(commitCID, []block{{commitCID, commit}, {nodeCID, data}, {recCID, rec}})
	}
	return data
}

func FuzzImport(f *testing.F) {
	for _, name := range []string{"repo_slice.car", "greenground.repo.car", "bnewbold.robocracy.org.20250310005405.car"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), b)
		f.Add(uint8(0), b[:len(b)/2])
	}
	f.Add(uint8(0), repoCAR(map[string]any{
		"app.bsky.feed.post/3kaaaaaaaaaa2": post("hi", map[string]any{"embed": map[string]any{"$type": "app.bsky.embed.images", "images": []any{map[string]any{"alt": "a"}}}}),
		"app.bsky.actor.profile/self":      map[string]any{"$type": "app.bsky.actor.profile", "displayName": "x"},
	}))
	f.Add(uint8(1), cb(post("hi", map[string]any{
		"reply": map[string]any{"parent": map[string]any{"uri": "at://did:plc:x/app.bsky.feed.post/1", "cid": "bafy"}},
		"embed": map[string]any{"$type": "app.bsky.embed.recordWithMedia", "media": map[string]any{"$type": "app.bsky.embed.images", "images": []any{map[string]any{"alt": "a", "image": map[string]any{"ref": tlink(cidOf(nil, 0x55))}}}}},
	})))
	f.Add(uint8(1), cb(map[string]any{"$type": "app.bsky.actor.profile", "displayName": "x", "description": "y"}))
	rec := cb(post("hello", nil))
	f.Add(uint8(2), cb(map[string]any{"l": nil, "e": []any{
		map[string]any{"p": 0, "k": []byte("app.bsky.feed.post/3kaaaaaaaaaa2"), "v": cidOf(rec, 0x71), "t": nil},
		map[string]any{"p": 19, "k": []byte("3kaaaaaaaaab2"), "v": cidOf(rec, 0x71), "t": nil},
	}}))
	f.Fuzz(func(t *testing.T, mode uint8, data []byte) {
		file := fuzzFile(mode, data)
		n := 0
		err := Importer{}.Import(context.Background(), fstest.MapFS{"repo.car": {Data: file}}, importers.Options{}, importers.Sink{
			Item: func(it importers.Item) error {
				n++
				if it.Post.Platform != "bluesky" || len(it.Post.Text) > maxText || len(it.Post.Media) > maxMedia {
					t.Fatalf("bad item %+v", it)
				}
				return nil
			},
			Profile: func(importers.Profile) {},
			Warn:    func(importers.Warning) {},
		})
		if err != nil {
			t.Fatal(err)
		}
		if n > len(file) {
			t.Fatalf("%d posts from %d bytes", n, len(file))
		}
	})
}
