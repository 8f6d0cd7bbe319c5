package archive

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

type entry struct {
	name, body string
	mode       fs.FileMode
}

func buildZip(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(fw, e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestZipBasics(t *testing.T) {
	data := buildZip(t, []entry{
		{name: "data/tweets.js", body: "window.YTD.tweets.part0 = []"},
		{name: "data/tweets_media/1-a.jpg", body: "jpeg"},
		{name: "README.txt", body: "hello"},
	})
	fsys, c, err := Open(writeTemp(t, data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := fstest.TestFS(fsys, "data/tweets.js", "data/tweets_media/1-a.jpg", "README.txt"); err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(fsys, "README.txt")
	if err != nil || string(b) != "hello" {
		t.Fatalf("got %q %v", b, err)
	}
	if w := Warnings(fsys); len(w) != 0 {
		t.Fatalf("warnings %v", w)
	}
}

func TestZipHostileEntries(t *testing.T) {
	data := buildZip(t, []entry{
		{name: "../evil.txt", body: "x"},
		{name: "/etc/passwd", body: "x"},
		{name: `..\..\win.txt`, body: "x"},
		{name: "C:/boot.ini", body: "x"},
		{name: "data/../../up.txt", body: "x"},
		{name: "link", body: "/etc/passwd", mode: fs.ModeSymlink | 0o777},
		{name: "data/ok.js", body: "ok"},
		{name: "data/ok.js", body: "dup"},
		{name: "parts/insta-part2.zip", body: "PK"},
	})
	fsys, err := OpenReader(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if got := strings.Join(names, ","); got != "data/ok.js,parts/insta-part2.zip" {
		t.Fatalf("files %s", got)
	}
	b, _ := fs.ReadFile(fsys, "data/ok.js")
	if string(b) != "ok" {
		t.Fatalf("first entry should win, got %q", b)
	}
	ws := Warnings(fsys)
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, w.File+": "+w.Msg)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"../evil.txt: skipped", "/etc/passwd: skipped", "link: skipped: symlink", "data/ok.js: skipped: duplicate", "insta-part2.zip: nested zip", "C:/boot.ini: skipped", "data/../../up.txt: skipped"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing warning %q in\n%s", want, all)
		}
	}
	if len(ws) != 8 {
		t.Errorf("want 8 warnings, got %d:\n%s", len(ws), all)
	}
	if _, err := fsys.Open("../evil.txt"); err == nil {
		t.Fatal("opened ../evil.txt")
	}
}

// zerosDeflate returns a deflate stream of n MiB of zeros, built from
// sync-flushed 1 MiB chunks so that a multi-GiB stream costs milliseconds.
func zerosDeflate(t testing.TB, mib int) []byte {
	t.Helper()
	zeros := make([]byte, 1<<20)
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	fw.Write(zeros)
	fw.Flush()
	first := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	fw.Write(zeros)
	fw.Flush()
	chunk := append([]byte(nil), buf.Bytes()...) // only refers back to zeros
	buf.Reset()
	fw.Close()
	final := append([]byte(nil), buf.Bytes()...)
	out := make([]byte, 0, len(first)+len(chunk)*mib+len(final))
	out = append(out, first...)
	for i := 1; i < mib; i++ {
		out = append(out, chunk...)
	}
	return append(out, final...)
}

func zerosCRC(mib int) uint32 {
	zeros := make([]byte, 1<<20)
	var c uint32
	for i := 0; i < mib; i++ {
		c = crc32.Update(c, crc32.IEEETable, zeros)
	}
	return c
}

// bombZip builds a real zip holding one entry of mib MiB of zeros.
func bombZip(t testing.TB, name string, mib int, declared uint64) []byte {
	raw := zerosDeflate(t, mib)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	if declared == 0 {
		declared = uint64(mib) << 20
	}
	fw, err := w.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: zerosCRC(mib),
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(raw)
	w.Close()
	return buf.Bytes()
}

func TestZipBomb2GiBRefusedFast(t *testing.T) {
	data := bombZip(t, "data/tweets.js", 2048, 0)
	if len(data) > 8<<20 {
		t.Fatalf("bomb is %d bytes", len(data))
	}
	// Check the bomb is genuine: its first MiB inflates to zeros.
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 1<<20)
	if _, err := io.ReadFull(rc, head); err != nil || !bytes.Equal(head, make([]byte, 1<<20)) {
		t.Fatalf("bomb does not inflate: %v", err)
	}
	rc.Close()

	p := writeTemp(t, data)
	start := time.Now()
	_, _, err = Open(p, Limits{})
	if el := time.Since(start); el > time.Second {
		t.Fatalf("took %v", el)
	}
	if !errors.Is(err, ErrBomb) {
		t.Fatalf("want ErrBomb, got %v", err)
	}
	t.Logf("%d-byte zip declaring 2 GiB refused: %v", len(data), err)
}

func TestZipLyingSizeStopsRead(t *testing.T) {
	// 8 MiB of zeros that declares 4 KiB: passes the directory checks,
	// must fail on read at the declared size.
	data := bombZip(t, "data/tweets.js", 8, 4096)
	fsys, err := OpenReader(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(fsys, "data/tweets.js")
	if !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("want ErrSizeMismatch, got %v after %d bytes", err, len(b))
	}
	if len(b) > 4096 {
		t.Fatalf("read %d bytes past the declared size", len(b))
	}
	if len(Warnings(fsys)) != 1 {
		t.Fatalf("warnings %v", Warnings(fsys))
	}
}

func TestZipLimits(t *testing.T) {
	big := strings.Repeat("abcdefghij", 1<<10) // 10 KiB, low ratio
	data := buildZip(t, []entry{{name: "a.json", body: big}, {name: "b.jpg", body: big}, {name: "c.csv", body: "x"}})
	cases := []struct {
		lim     Limits
		err     error
		files   int
		warns   int
		comment string
	}{
		{Limits{}, nil, 3, 0, "defaults"},
		{Limits{MaxEntries: 2}, ErrTooManyEntries, 0, 0, "entries"},
		{Limits{MaxTotal: 15 << 10}, ErrTooLarge, 0, 0, "total"},
		{Limits{MaxImage: 5 << 10}, nil, 2, 1, "image"},
		{Limits{MaxFile: 5 << 10}, nil, 2, 1, "file"},
		{Limits{RatioFloor: 1 << 10, MaxRatio: 2}, ErrBomb, 0, 0, "ratio"},
	}
	for _, c := range cases {
		fsys, err := OpenReader(bytes.NewReader(data), int64(len(data)), c.lim)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s: want %v, got %v", c.comment, c.err, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.comment, err)
		}
		n := 0
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		if n != c.files || len(Warnings(fsys)) != c.warns {
			t.Errorf("%s: %d files %d warnings, want %d %d", c.comment, n, len(Warnings(fsys)), c.files, c.warns)
		}
	}
}

func TestZipTotalEnforcedWhileReading(t *testing.T) {
	body := strings.Repeat("z", 6000)
	data := buildZip(t, []entry{{name: "a", body: body}, {name: "b", body: body}})
	fsys, err := OpenReader(bytes.NewReader(data), int64(len(data)), Limits{MaxTotal: 12000})
	if err != nil {
		t.Fatal(err)
	}
	// Re-reading counts too: the third read passes the total.
	for i, name := range []string{"a", "b"} {
		if _, err := fs.ReadFile(fsys, name); err != nil {
			t.Fatalf("read %d: %v", i, err)
		}
	}
	if _, err := fs.ReadFile(fsys, "a"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
}

func TestNotAZip(t *testing.T) {
	p := writeTemp(t, []byte("this is not a zip"))
	if _, _, err := Open(p, Limits{}); err == nil {
		t.Fatal("opened garbage")
	}
	if _, _, err := Open(filepath.Join(t.TempDir(), "missing.zip"), Limits{}); err == nil {
		t.Fatal("opened a missing file")
	}
}

func TestDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "export")
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "tweets.js"), []byte("[]"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.jpg"), make([]byte, 2048), 0o644)
	os.WriteFile(filepath.Join(base, "secret.txt"), []byte("secret"), 0o644)
	if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "escape.txt")); err != nil {
		t.Skip("no symlinks:", err)
	}
	os.Symlink("../../secret.txt", filepath.Join(dir, "data", "rel.txt"))
	os.Symlink("data/tweets.js", filepath.Join(dir, "inside.js"))

	fsys, c, err := Open(dir, Limits{MaxImage: 1024})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if b, err := fs.ReadFile(fsys, "data/tweets.js"); err != nil || string(b) != "[]" {
		t.Fatalf("%q %v", b, err)
	}
	if b, err := fs.ReadFile(fsys, "inside.js"); err != nil || string(b) != "[]" {
		t.Fatalf("link inside: %q %v", b, err)
	}
	for _, name := range []string{"escape.txt", "data/rel.txt"} {
		b, err := fs.ReadFile(fsys, name)
		if err == nil || strings.Contains(string(b), "secret") {
			t.Fatalf("%s: read %q through an escaping link", name, b)
		}
		if !errors.Is(err, ErrEscape) {
			t.Errorf("%s: want ErrEscape, got %v", name, err)
		}
	}
	if _, err := fs.ReadFile(fsys, "big.jpg"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
	if _, err := fsys.Open("../secret.txt"); err == nil {
		t.Fatal("opened ../secret.txt")
	}
	if len(Warnings(fsys)) != 3 {
		t.Fatalf("warnings %v", Warnings(fsys))
	}
}

func FuzzOpen(f *testing.F) {
	f.Add(buildZip(f, []entry{{name: "data/tweets.js", body: "window.YTD.tweets.part0 = []"}, {name: "a/b/c.csv", body: "x,y\n1,2"}}))
	f.Add(buildZip(f, []entry{{name: "../x", body: "x"}, {name: "l", body: "t", mode: fs.ModeSymlink}}))
	f.Add(bombZip(f, "z", 2, 100))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxTotal: 1 << 20, MaxFile: 256 << 10, MaxImage: 64 << 10, MaxEntries: 1000}
		fsys, err := OpenReader(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			return
		}
		var read int64
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if !fs.ValidPath(p) || strings.Contains(p, "..") && strings.Contains("/"+p+"/", "/../") {
				t.Fatalf("invalid path %q", p)
			}
			fl, err := fsys.Open(p)
			if err != nil {
				return nil
			}
			n, _ := io.Copy(io.Discard, fl)
			fl.Close()
			read += n
			if read > lim.MaxTotal {
				t.Fatalf("read %d bytes, over the total limit", read)
			}
			return nil
		})
	})
}
