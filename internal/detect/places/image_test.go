package places

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"testing"
	"unsafe"
)

// imageInputs reads the committed inputs of data/places.bin.
func imageInputs(tb testing.TB) (gaz, zips []byte) {
	tb.Helper()
	gaz, err := os.ReadFile("data/gaz.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	z, err := os.ReadFile("data/zip.bin.gz")
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		tb.Fatal(err)
	}
	if zips, err = io.ReadAll(zr); err != nil {
		tb.Fatal(err)
	}
	return gaz, zips
}

// TestImageFresh: the embedded image is exactly what its inputs (gaz.tsv,
// zip.bin.gz, the package's word lists and hash function) give today. A
// stale or corrupt image fails here rather than misleading a user's run.
func TestImageFresh(t *testing.T) {
	img, err := BuildImage(imageInputs(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img, []byte(image)) {
		t.Fatalf("data/places.bin (%d bytes) differs from a rebuild from its inputs (%d bytes): run go run ./tools/gendata/places -image", len(image), len(img))
	}
}

// eachKey calls f with every slot of tb that holds a key.
func eachKey(tb *tables, f func(i int, e *slot)) {
	for i := range tb.slots {
		if e := &tb.slots[i]; e.n != 0 {
			f(i, e)
		}
	}
}

// TestImageSlots walks every slot of the embedded image: keys in bounds,
// head and bloom bit agree with the key, and a lookup finds the slot.
func TestImageSlots(t *testing.T) {
	tb := load()
	keys := 0
	eachKey(tb, func(i int, e *slot) {
		keys++
		off := int(e.off & offMask)
		if off+int(e.n) > len(tb.blob) {
			t.Fatalf("slot %d: key %d+%d past the blob (%d)", i, off, e.n, len(tb.blob))
		}
		k := tb.key(e)
		if _, hd := hashKey(k); hd != e.head || tb.find(k) != e {
			t.Fatalf("slot %d: key %q not found in place", i, k)
		}
	})
	if want := int(binary.LittleEndian.Uint32([]byte(image[16:20]))); keys != want || keys == 0 || keys == len(tb.slots) {
		t.Fatalf("%d keys in %d slots, header says %d", keys, len(tb.slots), want)
	}
	if want := 100000 / 8; len(tb.zips) != want {
		t.Errorf("%d bytes of ZIP bits, want %d", len(tb.zips), want)
	}
}

// TestImageOpen: a damaged header is refused, and the copying path (for
// big-endian machines or unaligned data) reads what the in-place path does.
func TestImageOpen(t *testing.T) {
	for name, img := range map[string]string{
		"empty":     "",
		"magic":     "x" + image[1:],
		"version":   image[:8] + "\x09" + image[9:],
		"truncated": image[:len(image)-1],
		"longer":    image + "\x00",
		"slots":     image[:12] + "\x00\x00\x00\x00" + image[16:],
	} {
		if _, err := open(img); err == nil {
			t.Errorf("%s: corrupt image accepted", name)
		}
	}
	view := load()
	// the point of the image: on the usual machines it is read in place
	if littleEndian && unsafe.Pointer(&view.slots[0]) != unsafe.Pointer(unsafe.StringData(image[headerSize:])) {
		t.Error("embedded image copied, not read in place (unaligned?)")
	}
	// one byte in front moves the data off 8-byte alignment
	cp, err := open(("\x00" + image)[1:])
	if err != nil {
		t.Fatal(err)
	}
	if &cp.slots[0] == &view.slots[0] {
		t.Fatal("unaligned image read in place")
	}
	for i := range view.slots {
		if cp.slots[i] != view.slots[i] {
			t.Fatalf("slot %d: copy %+v, view %+v", i, cp.slots[i], view.slots[i])
		}
	}
	if *cp.bloom != *view.bloom || cp.blob != view.blob || cp.zips != view.zips || cp.mask != view.mask ||
		cp.words != view.words || cp.multi != view.multi || *cp.short != *view.short || *cp.shortEntries != *view.shortEntries {
		t.Fatal("copy and view differ")
	}
}

// TestShortTable: the short table answers for every word of one to three
// letters as find does, and every other short word (capitals, digits,
// the bytes next to a and z, UTF-8) goes on to find.
func TestShortTable(t *testing.T) {
	tb := load()
	slow := func(w string) entry {
		if e := tb.find(w); e != nil {
			return e.entry()
		}
		return 0
	}
	// every word of one to three of these bytes
	alphabet := "abcdefghijklmnopqrstuvwxyz`{A@Z[0' \x00\xc3\xa9\xff"
	words := 0
	for i := range len(alphabet) {
		for j := -1; j < len(alphabet); j++ {
			for k := -1; k < len(alphabet); k++ {
				w := []byte{alphabet[i]}
				if j >= 0 {
					w = append(w, alphabet[j])
				}
				if k >= 0 {
					w = append(w, alphabet[k])
				}
				if got, want := tb.lookup(string(w)), slow(string(w)); got != want {
					t.Fatalf("lookup(%q) = %+v, find gives %+v", w, got, want)
				}
				words++
			}
		}
	}
	for x := range uint(shortSize) {
		if w := shortWord(x); w != "" && tb.lookup(w) != slow(w) {
			t.Fatalf("word %d (%q): lookup %+v, find %+v", x, w, tb.lookup(w), slow(w))
		}
	}
	if e := tb.lookup("to"); e == 0 {
		t.Error(`"to" (a cue) reads as no key`)
	}
	t.Logf("%d words", words)
}

// TestNextBits: every word prefix of a multi-word key has the nextBit of
// the byte after it (multiFrom stops where it is missing), and a word that
// is no key has none.
func TestNextBits(t *testing.T) {
	tb := load()
	prefixes := 0
	eachKey(tb, func(_ int, e *slot) {
		k := tb.key(e)
		for sp := 1; sp < len(k)-1; sp++ {
			if k[sp] != ' ' {
				continue
			}
			prefixes++
			if x := tb.lookup(k[:sp]); x.next()&nextBit(k[sp+1]) == 0 {
				t.Fatalf("%q: prefix %q has next %07b, without the bit of %q", k, k[:sp], x.next(), k[sp+1])
			}
		}
	})
	if x := tb.lookup("zzqx"); x.next() != 0 {
		t.Errorf("a word that is no key has next %07b", x.next())
	}
	t.Logf("%d prefixes", prefixes)
}
