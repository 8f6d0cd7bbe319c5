package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"unicode/utf16"
)

// maxTIFFValues caps the bytes of tag values one TIFF structure may hand
// out, so that many entries pointing at one large value cannot multiply work.
const maxTIFFValues = 8 << 20

type ifdKind int

const (
	ifdMain ifdKind = iota // IFD0, IFD1, ... (the main chain)
	ifdExif
	ifdGPS
	ifdSub
)

// TIFF field types and their sizes in bytes. BigTIFF types are not read.
func typeSize(typ uint16) int64 {
	switch typ {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11, 13: // LONG, SLONG, FLOAT, IFD
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

// tiffReader walks the IFDs of one TIFF structure (a TIFF file or an EXIF
// block). All offsets are relative to the start of b and checked against
// b.len(); each IFD offset is visited at most once.
type tiffReader struct {
	c       *collector
	b       block
	bo      binary.ByteOrder
	where   string
	visited map[int64]bool
	ifds    int
	err     error // first error that must stop the whole read (budget, real truncation)

	valueBudget int64 // bytes of tag values still allowed

	dates   map[uint16]string // DateTime tags, resolved once their OffsetTime tags are known
	offsets map[uint16]string
}

// parseTIFF reads the TIFF structure in b. Damage inside the structure is
// reported as warnings; the returned error is non-nil only when reading the
// input itself failed (budget exhausted, file shorter than stated).
func parseTIFF(b block, c *collector, where string) error {
	h, err := b.bytes(0, 8)
	if err != nil {
		if errors.Is(err, errRange) {
			c.warn("%s: TIFF header truncated", where)
			return nil
		}
		return err
	}
	var bo binary.ByteOrder
	switch string(h[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	case "II+\x00", "MM\x00+":
		c.warn("%s: BigTIFF metadata is not read", where)
		return nil
	default:
		c.warn("%s: no TIFF header", where)
		return nil
	}
	t := &tiffReader{c: c, b: b, bo: bo, where: where, visited: map[int64]bool{}, valueBudget: maxTIFFValues,
		dates: map[uint16]string{}, offsets: map[uint16]string{}}
	t.walk(int64(bo.Uint32(h[4:8])), ifdMain, 0)
	// DateTimeOriginal/OffsetTimeOriginal, DateTimeDigitized/OffsetTimeDigitized, DateTime/OffsetTime.
	for _, p := range []struct {
		date, off uint16
		prio      int
	}{{0x9003, 0x9011, prioExifPrimary}, {0x9004, 0x9012, prioExifSecondary}, {0x0132, 0x9010, prioDateTime}} {
		if s, ok := t.dates[p.date]; ok {
			c.takenAt(p.prio, exifTime(s, t.offsets[p.off]))
		}
	}
	return t.err
}

// fail records err if it must stop reading; range errors become warnings.
func (t *tiffReader) fail(err error, format string, args ...any) {
	if errors.Is(err, errRange) {
		t.c.warn(t.where+": "+format, args...)
		return
	}
	if t.err == nil {
		t.err = err
	}
}

func (t *tiffReader) walk(off int64, kind ifdKind, depth int) {
	if depth > maxIFDDepth {
		t.c.warn("%s: IFDs nested deeper than %d not read", t.where, maxIFDDepth)
		return
	}
	for off != 0 && t.err == nil {
		if t.visited[off] {
			t.c.warn("%s: IFD loop at offset %d", t.where, off)
			return
		}
		t.visited[off] = true
		t.ifds++
		if t.ifds > maxIFDs {
			t.c.warn("%s: more than %d IFDs; the rest were not read", t.where, maxIFDs)
			return
		}
		hdr, err := t.b.bytes(off, 2)
		if err != nil {
			t.fail(err, "IFD offset %d beyond end of data (%d bytes)", off, t.b.len())
			return
		}
		declared := int64(t.bo.Uint16(hdr))
		n := declared
		if n > maxIFDEntries {
			t.c.warn("%s: IFD at offset %d declares %d entries; reading %d", t.where, off, declared, maxIFDEntries)
			n = maxIFDEntries
		}
		if fit := (t.b.len() - off - 2) / 12; n > fit {
			t.c.warn("%s: IFD at offset %d declares %d entries but only %d fit in the data", t.where, off, declared, fit)
			n = fit
		}
		ents, err := t.b.bytes(off+2, n*12)
		if err != nil {
			t.fail(err, "IFD at offset %d truncated", off)
			return
		}
		var g gpsFields
		for i := int64(0); i < n && t.err == nil; i++ {
			e := ents[i*12 : i*12+12]
			tag, typ, count := t.bo.Uint16(e), t.bo.Uint16(e[2:]), t.bo.Uint32(e[4:])
			if kind == ifdGPS {
				t.gpsEntry(&g, tag, typ, count, e[8:12])
			} else {
				t.entry(tag, typ, count, e[8:12], depth)
			}
		}
		if kind == ifdGPS {
			g.finish(t)
		}
		if kind != ifdMain || n != declared {
			return
		}
		next, err := t.b.bytes(off+2+n*12, 4)
		if err != nil {
			if !errors.Is(err, errRange) {
				t.fail(err, "")
			}
			return
		}
		off = int64(t.bo.Uint32(next))
	}
}

// value returns the bytes of an entry's value, at most limit bytes of it.
func (t *tiffReader) value(tag, typ uint16, count uint32, raw []byte, limit int64) []byte {
	sz := typeSize(typ)
	if sz == 0 {
		return nil
	}
	n := int64(count) * sz
	if n > limit {
		if typ != 1 && typ != 2 && typ != 7 {
			t.c.warn("%s: tag 0x%04x value of %d bytes too large; ignored", t.where, tag, n)
			return nil
		}
		t.c.warn("%s: tag 0x%04x value of %d bytes cut to %d", t.where, tag, n, limit)
		n = limit
	}
	if n > t.valueBudget {
		t.c.warn("%s: more than %d bytes of tag values; the rest were not read", t.where, maxTIFFValues)
		return nil
	}
	t.valueBudget -= n
	if n <= 4 {
		return raw[:n]
	}
	off := int64(t.bo.Uint32(raw))
	v, err := t.b.bytes(off, n)
	if err != nil {
		t.fail(err, "tag 0x%04x value at offset %d beyond end of data", tag, off)
		return nil
	}
	return v
}

func (t *tiffReader) str(tag, typ uint16, count uint32, raw []byte) string {
	v := t.value(tag, typ, count, raw, maxTextValue)
	if i := bytes.IndexByte(v, 0); i >= 0 {
		v = v[:i]
	}
	return utf8OrLatin1(v)
}

func (t *tiffReader) entry(tag, typ uint16, count uint32, raw []byte, depth int) {
	c := t.c
	switch tag {
	case 0x010E: // ImageDescription
		c.text(t.str(tag, typ, count, raw))
	case 0x010F: // Make
		c.add(&c.make, prioExifPrimary, t.str(tag, typ, count, raw))
	case 0x0110: // Model
		c.add(&c.model, prioExifPrimary, t.str(tag, typ, count, raw))
	case 0x0132, 0x9003, 0x9004: // DateTime, DateTimeOriginal, DateTimeDigitized
		if _, dup := t.dates[tag]; !dup {
			t.dates[tag] = t.str(tag, typ, count, raw)
		}
	case 0x9010, 0x9011, 0x9012: // OffsetTime*
		if _, dup := t.offsets[tag]; !dup {
			t.offsets[tag] = t.str(tag, typ, count, raw)
		}
	case 0x013B: // Artist
		c.add(&c.owner, prioExifSecondary, t.str(tag, typ, count, raw))
	case 0x8298: // Copyright
		c.text(t.str(tag, typ, count, raw))
	case 0x9C9B, 0x9C9C, 0x9C9E, 0x9C9F: // XPTitle, XPComment, XPKeywords, XPSubject (UTF-16LE)
		c.text(utf16String(t.value(tag, typ, count, raw, 2*maxTextValue), binary.LittleEndian))
	case 0x9C9D: // XPAuthor
		c.add(&c.owner, prioExifTertiary, utf16String(t.value(tag, typ, count, raw, 2*maxTextValue), binary.LittleEndian))
	case 0x9286: // UserComment
		c.text(encodedText(t.value(tag, typ, count, raw, maxTextValue), t.bo, c, t.where))
	case 0xA430: // CameraOwnerName
		c.add(&c.owner, prioExifPrimary, t.str(tag, typ, count, raw))
	case 0xA431: // BodySerialNumber
		c.add(&c.serial, prioExifPrimary, t.str(tag, typ, count, raw))
	case 0xC62F: // CameraSerialNumber (DNG)
		c.add(&c.serial, prioExifSecondary, t.str(tag, typ, count, raw))
	case 0xA435: // LensSerialNumber
		c.add(&c.serial, prioExifTertiary, t.str(tag, typ, count, raw))
	case 0x8769: // Exif IFD pointer
		if off, ok := t.pointer(typ, count, raw); ok {
			t.walk(off, ifdExif, depth+1)
		}
	case 0x8825: // GPS IFD pointer
		if off, ok := t.pointer(typ, count, raw); ok {
			t.walk(off, ifdGPS, depth+1)
		}
	case 0x014A: // SubIFDs
		if typ != 4 && typ != 13 {
			return
		}
		v := t.value(tag, typ, min(count, 8), raw, 32)
		for i := 0; i+4 <= len(v); i += 4 {
			t.walk(int64(t.bo.Uint32(v[i:])), ifdSub, depth+1)
		}
	case 0x02BC: // XMP packet
		if t.nested() {
			parseXMP(t.value(tag, typ, count, raw, maxBlock), c, t.where+" XMP")
		}
	case 0x83BB: // IPTC-NAA
		if t.nested() {
			parseIPTC(t.value(tag, typ, count, raw, maxBlock), c)
		}
	case 0x8649: // Photoshop image resources
		if t.nested() {
			parseIRB(t.value(tag, typ, count, raw, maxBlock), c)
		}
	}
}

// nested limits how many embedded blocks one input may contain.
func (t *tiffReader) nested() bool {
	t.c.nested++
	if t.c.nested > maxNestedBlocks {
		t.c.warn("%s: more than %d embedded metadata blocks; the rest were not read", t.where, maxNestedBlocks)
		return false
	}
	return true
}

func (t *tiffReader) pointer(typ uint16, count uint32, raw []byte) (int64, bool) {
	if (typ != 4 && typ != 13) || count < 1 {
		return 0, false
	}
	off := int64(t.bo.Uint32(raw))
	return off, off != 0
}

// gpsFields holds the GPS IFD tags needed to build a position.
type gpsFields struct {
	latRef, lonRef string
	lat, lon       []float64
	altRef         byte
	alt            []float64
}

func (t *tiffReader) gpsEntry(g *gpsFields, tag, typ uint16, count uint32, raw []byte) {
	switch tag {
	case 1:
		g.latRef = t.str(tag, typ, count, raw)
	case 2:
		g.lat = t.rationals(tag, typ, count, raw)
	case 3:
		g.lonRef = t.str(tag, typ, count, raw)
	case 4:
		g.lon = t.rationals(tag, typ, count, raw)
	case 5:
		if v := t.value(tag, typ, count, raw, 1); len(v) == 1 {
			g.altRef = v[0]
		}
	case 6:
		g.alt = t.rationals(tag, typ, count, raw)
	case 0x1B, 0x1C: // GPSProcessingMethod, GPSAreaInformation
		t.c.text(encodedText(t.value(tag, typ, count, raw, maxTextValue), t.bo, t.c, t.where))
	}
}

func (t *tiffReader) rationals(tag, typ uint16, count uint32, raw []byte) []float64 {
	if typ != 5 && typ != 10 {
		return nil
	}
	v := t.value(tag, typ, min(count, 3), raw, 24)
	out := make([]float64, 0, len(v)/8)
	for i := 0; i+8 <= len(v); i += 8 {
		var num, den float64
		if typ == 5 {
			num, den = float64(t.bo.Uint32(v[i:])), float64(t.bo.Uint32(v[i+4:]))
		} else {
			num, den = float64(int32(t.bo.Uint32(v[i:]))), float64(int32(t.bo.Uint32(v[i+4:])))
		}
		if den == 0 {
			out = append(out, math.NaN())
			continue
		}
		out = append(out, num/den)
	}
	return out
}

func dms(v []float64) float64 {
	d := 0.0
	for i, f := range v {
		d += f / math.Pow(60, float64(i))
	}
	return d
}

func (g *gpsFields) finish(t *tiffReader) {
	if len(g.lat) == 0 && len(g.lon) == 0 {
		return
	}
	if len(g.lat) == 0 || len(g.lon) == 0 {
		t.c.warn("%s: GPS position incomplete (latitude or longitude missing)", t.where)
		return
	}
	lat, lon := dms(g.lat), dms(g.lon)
	if math.IsNaN(lat) || math.IsNaN(lon) {
		t.c.warn("%s: GPS position has a zero denominator", t.where)
		return
	}
	switch ref := firstUpper(g.latRef); ref {
	case 'S':
		lat = -lat
	case 'N':
	default:
		t.c.warn("%s: GPS latitude reference %q missing or unknown; assumed north", t.where, g.latRef)
	}
	switch ref := firstUpper(g.lonRef); ref {
	case 'W':
		lon = -lon
	case 'E':
	default:
		t.c.warn("%s: GPS longitude reference %q missing or unknown; assumed east", t.where, g.lonRef)
	}
	pos := GPS{Lat: lat, Lon: lon}
	if len(g.alt) == 1 && !math.IsNaN(g.alt[0]) {
		a := g.alt[0]
		if g.altRef == 1 {
			a = -a
		}
		pos.Alt = &a
	}
	t.c.position(prioExifPrimary, pos)
}

func firstUpper(s string) byte {
	if s == "" {
		return 0
	}
	c := s[0]
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	return c
}

// utf16String decodes UTF-16 (honouring a byte order mark) up to the first
// NUL character.
func utf16String(b []byte, bo binary.ByteOrder) string {
	if len(b) >= 2 {
		switch {
		case b[0] == 0xFF && b[1] == 0xFE:
			bo, b = binary.LittleEndian, b[2:]
		case b[0] == 0xFE && b[1] == 0xFF:
			bo, b = binary.BigEndian, b[2:]
		}
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+2 <= len(b); i += 2 {
		v := bo.Uint16(b[i:])
		if v == 0 {
			break
		}
		u = append(u, v)
	}
	return string(utf16.Decode(u))
}

// encodedText decodes the EXIF "character code + text" form used by
// UserComment, GPSProcessingMethod and GPSAreaInformation.
func encodedText(b []byte, bo binary.ByteOrder, c *collector, where string) string {
	if len(b) < 8 {
		return utf8OrLatin1(bytes.TrimRight(b, "\x00 "))
	}
	code, body := b[:8], b[8:]
	switch {
	case bytes.HasPrefix(code, []byte("UNICODE")):
		return utf16String(body, bo)
	case bytes.HasPrefix(code, []byte("JIS")):
		c.warn("%s: JIS-encoded comment not decoded", where)
		return ""
	case bytes.HasPrefix(code, []byte("ASCII")), bytes.Equal(code, make([]byte, 8)):
		return utf8OrLatin1(bytes.TrimRight(body, "\x00 "))
	}
	// No valid character code: take the whole value as text.
	return utf8OrLatin1(bytes.TrimRight(b, "\x00 "))
}

// readTIFFFile reads a TIFF file; its metadata is the TIFF structure itself.
func readTIFFFile(s *source, c *collector) error {
	err := parseTIFF(window{b: s, base: 0, end: s.len()}, c, "TIFF")
	if err != nil && errors.Is(err, ErrTruncated) {
		return readErr(err, "TIFF data", 0)
	}
	return err
}
