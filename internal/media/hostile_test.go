package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// generated returns every generated sample file, by name.
func generated() map[string][]byte {
	return map[string][]byte{
		"jpeg": buildJPEG(exifSeg(sampleTIFF(binary.LittleEndian)), xmpSeg(sampleXMP), jpegSeg(0xFE, []byte("c"))),
		"png": buildPNG(pngChunk("eXIf", sampleTIFF(binary.BigEndian)), iTXt("XML:com.adobe.xmp", sampleXMP, true),
			tEXt("Comment", "x"), zTXt("Title", []byte("y"))),
		"heic": buildHEIC("heic", heifItemSpec{id: 1, typ: "Exif", data: heifExif(sampleTIFF(binary.BigEndian))},
			heifItemSpec{id: 2, typ: "mime", contentType: "application/rdf+xml", data: []byte(sampleXMP), inIdat: true}),
		"tiff": sampleTIFF(binary.LittleEndian),
		"webp": buildWebP(riffChunk("EXIF", sampleTIFF(binary.LittleEndian)), riffChunk("XMP ", []byte(sampleXMP))),
	}
}

// TestEveryPrefix cuts each sample file at every length: decode (without
// the recover guard) must not panic, and a recognised image must come
// back with a Meta even when it also returns an error.
func TestEveryPrefix(t *testing.T) {
	for name, b := range generated() {
		for n := 1; n < len(b); n++ {
			m, err := decode(bytes.NewReader(b[:n]), int64(n))
			if err == nil && m == nil {
				t.Fatalf("%s[:%d]: nil Meta and nil error", name, n)
			}
			if err != nil && errors.Is(err, ErrInternal) {
				t.Fatalf("%s[:%d]: %v", name, n, err)
			}
		}
	}
}

func TestTruncatedErrors(t *testing.T) {
	g := generated()
	jp := g["jpeg"]
	// Cut inside the APP1 EXIF segment that starts after SOI+APP0 (2+18).
	_, err := readBytes(t, jp[:60])
	if err == nil || err.Error() != "truncated JPEG segment at offset 20" || !errors.Is(err, ErrTruncated) {
		t.Errorf("jpeg: %v", err)
	}
	png := g["png"]
	_, err = readBytes(t, png[:60])
	if err == nil || !strings.HasPrefix(err.Error(), "truncated PNG chunk eXIf at offset 33") {
		t.Errorf("png: %v", err)
	}
	heic := g["heic"]
	_, err = readBytes(t, heic[:40])
	if err == nil || !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "ISO BMFF box meta at offset") {
		t.Errorf("heic: %v", err)
	}
	webp := g["webp"]
	_, err = readBytes(t, webp[:40])
	if err == nil || !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "WebP chunk EXIF at offset 30") {
		t.Errorf("webp: %v", err)
	}
}

// TestPartialMetaOnTruncation: metadata before the damage is still returned.
func TestPartialMetaOnTruncation(t *testing.T) {
	exif := exifSeg(sampleTIFF(binary.LittleEndian))
	b := buildJPEG(exif, jpegSeg(0xFE, bytes.Repeat([]byte("x"), 100)))
	cut := 2 + 18 + len(exif) + 50
	m, err := readBytes(t, b[:cut])
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("err = %v", err)
	}
	if m == nil || m.GPS == nil || m.Make != "Canon" {
		t.Fatalf("partial Meta = %+v", m)
	}
}

func TestLyingSize(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "gps.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	// Claims less than it holds: the APP1 segment no longer fits.
	_, err = Read(bytes.NewReader(b), 100)
	if err == nil || err.Error() != "truncated JPEG segment at offset 20" {
		t.Errorf("short claim: %v", err)
	}
	// Claims more than it holds: a PNG whose IEND is missing makes the
	// reader look past the real end.
	p := buildPNG(tEXt("Comment", "hello"))
	p = p[:len(p)-12]
	m, err := Read(bytes.NewReader(p), int64(len(p))*4)
	if err == nil || !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "before its stated size") {
		t.Errorf("long claim: %v", err)
	}
	if m == nil || !hasText(m, "hello") {
		t.Errorf("long claim: partial Meta %+v", m)
	}
	// A file shorter than its header read.
	_, err = Read(bytes.NewReader([]byte{0xFF, 0xD8}), 1<<30)
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("tiny: %v", err)
	}
}

func TestIFDLoop(t *testing.T) {
	tiff := buildTIFF(binary.LittleEndian, []tent{asciiE(0x010F, "LoopCam"), ptrE(0x8769, 1)}, []tent{ptrE(0x8769, 0)})
	// IFD0's next-IFD pointer points back at IFD0 (offset 8).
	next := 8 + 2 + 12*2
	binary.LittleEndian.PutUint32(tiff[next:], 8)
	// The Exif IFD's pointer entry (sub 0 is written as a plain value) also points to IFD0.
	exifOff := int(binary.LittleEndian.Uint32(tiff[8+2+12+8:]))
	binary.LittleEndian.PutUint32(tiff[exifOff+2+8:], 8)
	for name, b := range map[string][]byte{"jpeg": buildJPEG(exifSeg(tiff)), "tiff": tiff} {
		m := mustRead(t, b)
		if m.Make != "LoopCam" {
			t.Errorf("%s: Make = %q", name, m.Make)
		}
		if !hasWarning(m, "IFD loop at offset 8") {
			t.Errorf("%s: warnings %q", name, m.Warnings)
		}
	}
}

func TestIFDOffsetsBeyondEOF(t *testing.T) {
	tiff := buildTIFF(binary.BigEndian, []tent{
		asciiE(0x010F, "FarCam"),
		{tag: 0x0110, typ: 2, count: 40, val: make([]byte, 40)}, // value offset patched below
		ptrE(0x8825, 1),
	}, gpsIFD("N", ratVals{{1, 1}, {0, 1}, {0, 1}}, "E", ratVals{{2, 1}, {0, 1}, {0, 1}}))
	binary.BigEndian.PutUint32(tiff[8+2+12+8:], 0x7FFFFFF0)   // Model value
	binary.BigEndian.PutUint32(tiff[8+2+12*2+8:], 0xFFFFFF00) // GPS IFD pointer
	m := mustRead(t, buildJPEG(exifSeg(tiff)))
	if m.Make != "FarCam" || m.Model != "" || m.GPS != nil {
		t.Errorf("Meta = %+v", m)
	}
	if !hasWarning(m, "tag 0x0110 value at offset 2147483632 beyond end of data") ||
		!hasWarning(m, "IFD offset 4294967040 beyond end of data") {
		t.Errorf("warnings %q", m.Warnings)
	}
}

func TestGiantEntryCount(t *testing.T) {
	tiff := buildTIFF(binary.LittleEndian, []tent{asciiE(0x010F, "BigCount"), asciiE(0x0110, "M")})
	binary.LittleEndian.PutUint16(tiff[8:], 0xFFFF)
	m := mustRead(t, buildJPEG(exifSeg(tiff)))
	if m.Make != "BigCount" {
		t.Errorf("Make = %q", m.Make)
	}
	if !hasWarning(m, "declares 65535 entries; reading 1024") || !hasWarning(m, "but only 3 fit") {
		t.Errorf("warnings %q", m.Warnings)
	}
	// Inside a large TIFF file the cap itself applies.
	big := append(tiff, make([]byte, 12*70000)...)
	m = mustRead(t, big)
	if m.Make != "BigCount" || !hasWarning(m, "reading 1024") || hasWarning(m, "fit") {
		t.Errorf("big: %+v", m)
	}
}

func TestBadGPS(t *testing.T) {
	cases := map[string][]tent{
		"zero denominator": gpsIFD("N", ratVals{{10, 0}, {0, 1}, {0, 1}}, "E", ratVals{{2, 1}, {0, 1}, {0, 1}}),
		"out of range":     gpsIFD("N", ratVals{{100, 1}, {0, 1}, {0, 1}}, "E", ratVals{{2, 1}, {0, 1}, {0, 1}}),
		"no longitude":     {asciiE(1, "N"), ratE(2, ratVals{{1, 1}})},
	}
	for name, g := range cases {
		m := mustRead(t, buildJPEG(exifSeg(buildTIFF(binary.LittleEndian, []tent{ptrE(0x8825, 1)}, g))))
		if m.GPS != nil || len(m.Warnings) == 0 {
			t.Errorf("%s: GPS %+v warnings %q", name, m.GPS, m.Warnings)
		}
	}
}

// patternReader is an endless file: prefix, then unit repeated.
type patternReader struct {
	prefix, unit []byte
	served       atomic.Int64
}

func (p *patternReader) ReadAt(b []byte, off int64) (int, error) {
	for i := range b {
		o := off + int64(i)
		if o < int64(len(p.prefix)) {
			b[i] = p.prefix[o]
		} else {
			b[i] = p.unit[(o-int64(len(p.prefix)))%int64(len(p.unit))]
		}
	}
	p.served.Add(int64(len(b)))
	return len(b), nil
}

func TestEndlessFiles(t *testing.T) {
	bigChunk := append([]byte{0, 0x3F, 0xFF, 0xF0}, "tEXt"...) // about 4 MiB of zero bytes each
	cases := map[string]struct {
		r    *patternReader
		warn string
	}{
		"jpeg comments":  {&patternReader{prefix: []byte{0xFF, 0xD8}, unit: []byte{0xFF, 0xFE, 0, 3, 'a'}}, "more than 4096 segments"},
		"png tiny":       {&patternReader{prefix: pngSig, unit: append([]byte{0, 0, 0, 0}, "tIME\x00\x00\x00\x00"...)}, "more than 65536 chunks"},
		"png big tEXt":   {&patternReader{prefix: pngSig, unit: append(bigChunk, make([]byte, 0x3FFFF0+4)...)}, "stopped after reading"},
		"jpeg fill only": {&patternReader{prefix: []byte{0xFF, 0xD8}, unit: []byte{0xFF}}, "more than 4096 segments"},
	}
	for name, c := range cases {
		start := time.Now()
		m, err := Read(c.r, 1<<50)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !hasWarning(m, c.warn) {
			t.Errorf("%s: warnings %q", name, m.Warnings)
		}
		if got := c.r.served.Load(); got > MaxMetadataBytes+1<<20 {
			t.Errorf("%s: read %d bytes", name, got)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
}

func TestDecompressionBomb(t *testing.T) {
	bomb := zTXt("Comment", make([]byte, 64<<20))
	if len(bomb) > 1<<20 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	m := mustRead(t, buildPNG(bomb, iTXt("XML:com.adobe.xmp", sampleXMP+strings.Repeat(" ", 20<<20), true)))
	if !hasWarning(m, "decompressed text cut at 65536 bytes") || !hasWarning(m, "cut at 4194304 bytes") {
		t.Errorf("warnings %q", m.Warnings)
	}
}

func TestManyTextValuesCapped(t *testing.T) {
	var chunks [][]byte
	for i := 0; i < maxTextItems+50; i++ {
		chunks = append(chunks, tEXt("Comment", "value "+string(rune('a'+i%26))+strings.Repeat("x", i)))
	}
	m := mustRead(t, buildPNG(chunks...))
	if len(m.Text) != maxTextItems || !hasWarning(m, "rest were dropped") {
		t.Errorf("len(Text) = %d, warnings %q", len(m.Text), m.Warnings)
	}
}

type panicReader struct{}

func (panicReader) ReadAt([]byte, int64) (int, error) { panic("boom") }

func TestRecoverGuard(t *testing.T) {
	m, err := Read(panicReader{}, 100)
	if m != nil || !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Read: %v, %v", m, err)
	}
}

func TestExtendedXMP(t *testing.T) {
	ext := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="extended part text"/></rdf:RDF></x:xmpmeta>`
	guid := strings.Repeat("A", 32)
	part := func(at int, s string) []byte {
		d := append([]byte{}, jpegExtXMP...)
		d = append(d, guid...)
		d = append(d, u32(uint32(len(ext)))...)
		d = append(d, u32(uint32(at))...)
		return jpegSeg(0xE1, append(d, s...))
	}
	m := mustRead(t, buildJPEG(part(0, ext[:50]), part(50, ext[50:])))
	if !hasText(m, "extended part text") {
		t.Errorf("Text %q warnings %q", m.Text, m.Warnings)
	}
}

// TestSharedValueAmplification: many entries pointing at one large value
// must not multiply the work; the per-TIFF value budget stops it.
func TestSharedValueAmplification(t *testing.T) {
	const entries = 1000
	big := bytes.Repeat([]byte("A"), 60000)
	ifd := []tent{asciiE(0x010F, "AmpCam"), {tag: 0x010E, typ: 2, count: uint32(len(big)), val: big}}
	tiff := buildTIFF(binary.LittleEndian, ifd)
	// Rewrite IFD0 as 1 Make entry plus many ImageDescription entries that
	// all point to the same value.
	valOff := binary.LittleEndian.Uint32(tiff[8+2+12+8:])
	ifdBytes := make([]byte, 2+12*(entries+1)+4)
	binary.LittleEndian.PutUint16(ifdBytes, entries+1)
	copy(ifdBytes[2:14], tiff[10:22])
	for i := 1; i <= entries; i++ {
		copy(ifdBytes[2+12*i:], tiff[22:34])
		binary.LittleEndian.PutUint32(ifdBytes[2+12*i+8:], valOff)
	}
	// Append the new IFD after the data and point the header at it.
	file := append(append([]byte{}, tiff...), ifdBytes...)
	binary.LittleEndian.PutUint32(file[4:], uint32(len(tiff)))
	start := time.Now()
	m := mustRead(t, file)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if !hasWarning(m, "bytes of tag values; the rest were not read") {
		t.Errorf("warnings %q", m.Warnings)
	}
	if len(m.Text) != 1 || len(m.Text[0]) != len(big) {
		t.Errorf("Text has %d values", len(m.Text))
	}
}
