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

// TestImageSlots walks every slot of the embedded image: keys in bounds,
// head and bloom bit agree with the key, and a lookup finds the slot.
func TestImageSlots(t *testing.T) {
	tb := load()
	keys := 0
	for i := range tb.slots {
		e := &tb.slots[i]
		if e.n == 0 {
			continue
		}
		keys++
		off := int(e.off & offMask)
		if off+int(e.n) > len(tb.blob) {
			t.Fatalf("slot %d: key %d+%d past the blob (%d)", i, off, e.n, len(tb.blob))
		}
		k := tb.key(e)
		if _, hd := hashKey(k); hd != e.head || tb.find(k) != e {
			t.Fatalf("slot %d: key %q not found in place", i, k)
		}
	}
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
		cp.words != view.words || cp.multi != view.multi {
		t.Fatal("copy and view differ")
	}
}
