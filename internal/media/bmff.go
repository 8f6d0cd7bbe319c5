package media

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
)

// maxMetaChild caps the size of an iinf or iloc box read into memory.
const maxMetaChild = 1 << 20

// box is one ISO BMFF box: [start, end) with the payload from body.
type box struct {
	typ              string
	start, body, end int64
}

// nextBox reads the box header at off; the box must end by end.
func nextBox(b block, off, end int64, what string) (box, error) {
	if end-off < 8 {
		return box{}, fmt.Errorf("%w %s at offset %d", ErrTruncated, what, off)
	}
	h, err := b.bytes(off, 8)
	if err != nil {
		return box{}, readErr(err, what, off)
	}
	size := int64(be32(h))
	hdr := int64(8)
	switch size {
	case 1:
		if end-off < 16 {
			return box{}, fmt.Errorf("%w %s at offset %d", ErrTruncated, what, off)
		}
		x, err := b.bytes(off+8, 8)
		if err != nil {
			return box{}, readErr(err, what, off)
		}
		big := uint64(be32(x))<<32 | uint64(be32(x[4:]))
		if big > uint64(end-off) {
			return box{}, fmt.Errorf("%w %s %s at offset %d", ErrTruncated, what, printable(string(h[4:8])), off)
		}
		size, hdr = int64(big), 16
	case 0: // extends to the end
		size = end - off
	}
	if size < hdr {
		return box{}, fmt.Errorf("%w %s at offset %d: size %d", ErrMalformed, what, off, size)
	}
	if size > end-off {
		return box{}, fmt.Errorf("%w %s %s at offset %d", ErrTruncated, what, printable(string(h[4:8])), off)
	}
	return box{typ: string(h[4:8]), start: off, body: off + hdr, end: off + size}, nil
}

type heifItem struct {
	typ, contentType string
	cm               uint64 // construction method
	base             uint64
	extents          [][2]uint64 // offset, length
	located          bool
}

// readBMFF reads a HEIF/HEIC/AVIF file: the top-level meta box, its item
// information (iinf) and locations (iloc), and the Exif and XMP items.
func readBMFF(s *source, c *collector) error {
	c.m.Format = bmffFormat(s)
	var meta box
	found := false
	for off, i := int64(0), 0; off < s.len(); i++ {
		if i >= maxBoxes {
			c.warn("ISO BMFF: more than %d top-level boxes; the rest were not read", maxBoxes)
			break
		}
		b, err := nextBox(s, off, s.len(), "ISO BMFF box")
		if err != nil {
			return err
		}
		if b.typ == "meta" {
			meta, found = b, true
			break
		}
		off = b.end
	}
	if !found {
		return nil
	}
	var iinf, iloc, idat box
	var haveIdat bool
	for off, i := meta.body+4, 0; off < meta.end; i++ {
		if i >= maxBoxes {
			c.warn("ISO BMFF: more than %d boxes in meta; the rest were not read", maxBoxes)
			break
		}
		b, err := nextBox(s, off, meta.end, "ISO BMFF box")
		if err != nil {
			return err
		}
		switch b.typ {
		case "iinf":
			iinf = b
		case "iloc":
			iloc = b
		case "idat":
			idat, haveIdat = b, true
		}
		off = b.end
	}
	if iinf.typ == "" || iloc.typ == "" {
		return nil
	}
	items := map[uint32]*heifItem{}
	for _, b := range []box{iinf, iloc} {
		if b.end-b.body > maxMetaChild {
			c.warn("ISO BMFF %s box of %d bytes not read", b.typ, b.end-b.body)
			return nil
		}
		d, err := s.bytes(b.body, b.end-b.body)
		if err != nil {
			return readErr(err, "ISO BMFF box", b.start)
		}
		if b.typ == "iinf" {
			parseIinf(d, items, c)
		} else {
			parseIloc(d, items, c)
		}
	}
	for _, it := range sortedItems(items) {
		isExif := it.typ == "Exif"
		isXMP := it.typ == "mime" && it.contentType == "application/rdf+xml"
		if !isExif && !isXMP {
			continue
		}
		c.nested++
		if c.nested > maxNestedBlocks {
			c.warn("ISO BMFF: more than %d metadata items; the rest were not read", maxNestedBlocks)
			return nil
		}
		if !it.located {
			c.warn("ISO BMFF: %s item has no location", it.typ)
			continue
		}
		data, err := itemData(s, it, idat, haveIdat, c)
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		if isXMP {
			parseXMP(data, c, "HEIF XMP item")
			continue
		}
		if tiff := exifPayload(data); tiff != nil {
			if err := parseTIFF(mem(tiff), c, "HEIF Exif item"); err != nil {
				return err
			}
		} else {
			c.warn("HEIF Exif item has no TIFF header")
		}
	}
	return nil
}

// sortedItems returns items in ascending id order, so results do not depend
// on map iteration order.
func sortedItems(m map[uint32]*heifItem) []*heifItem {
	ids := make([]uint32, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]*heifItem, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out
}

func bmffFormat(s *source) string {
	h, err := s.bytes(0, min(s.len(), 64))
	if err != nil {
		return "heif"
	}
	brands := ftypBrands(h)
	if len(brands) > 0 && heifBrands[brands[0]] != "" {
		return heifBrands[brands[0]]
	}
	format := "heif"
	for _, b := range brands {
		if f := heifBrands[b]; f == "heic" || f == "avif" {
			return f
		}
	}
	return format
}

// cursor reads big-endian fields from a byte slice; any read past the end
// sets bad and yields zero.
type cursor struct {
	b   []byte
	p   int
	bad bool
}

func (c *cursor) u(n int) uint64 {
	if c.bad || n < 0 || n > 8 || n > len(c.b)-c.p {
		c.bad = true
		return 0
	}
	var v uint64
	for _, x := range c.b[c.p : c.p+n] {
		v = v<<8 | uint64(x)
	}
	c.p += n
	return v
}

func (c *cursor) cstr() string {
	if c.bad {
		return ""
	}
	i := bytes.IndexByte(c.b[c.p:], 0)
	if i < 0 {
		c.bad = true
		return ""
	}
	s := string(c.b[c.p : c.p+i])
	c.p += i + 1
	return s
}

func parseIinf(d []byte, items map[uint32]*heifItem, c *collector) {
	cur := &cursor{b: d}
	if cur.u(1) == 0 {
		cur.u(3)
		cur.u(2)
	} else {
		cur.u(3)
		cur.u(4)
	}
	if cur.bad {
		c.warn("ISO BMFF iinf box truncated")
		return
	}
	m := mem(d)
	for off, i := int64(cur.p), 0; off < m.len(); i++ {
		if i >= maxItems {
			c.warn("ISO BMFF: more than %d items; the rest were not read", maxItems)
			return
		}
		b, err := nextBox(m, off, m.len(), "infe box")
		if err != nil {
			c.warn("ISO BMFF iinf: %v", err)
			return
		}
		off = b.end
		if b.typ != "infe" {
			continue
		}
		e := &cursor{b: d[b.body:b.end]}
		v := e.u(1)
		e.u(3)
		var id uint32
		it := &heifItem{}
		if v >= 2 {
			if v == 2 {
				id = uint32(e.u(2))
			} else {
				id = uint32(e.u(4))
			}
			e.u(2) // protection index
			if !e.bad {
				if e.p+4 <= len(e.b) {
					it.typ = string(e.b[e.p : e.p+4])
				}
				e.u(4)
			}
			if it.typ == "mime" {
				e.cstr() // name
				it.contentType = e.cstr()
			}
		} else {
			id = uint32(e.u(2))
			e.u(2)
			e.cstr()
			it.contentType = e.cstr()
			if it.contentType == "application/rdf+xml" {
				it.typ = "mime"
			}
		}
		if e.bad && it.typ == "" {
			c.warn("ISO BMFF infe box at offset %d truncated", b.start)
			continue
		}
		if old, ok := items[id]; ok {
			old.typ, old.contentType = it.typ, it.contentType
		} else {
			items[id] = it
		}
	}
}

func parseIloc(d []byte, items map[uint32]*heifItem, c *collector) {
	cur := &cursor{b: d}
	v := cur.u(1)
	cur.u(3)
	sizes := cur.u(2)
	offSize, lenSize, baseSize := int(sizes>>12&15), int(sizes>>8&15), int(sizes>>4&15)
	idxSize := 0
	if v == 1 || v == 2 {
		idxSize = int(sizes & 15)
	}
	for _, n := range []int{offSize, lenSize, baseSize, idxSize} {
		if n != 0 && n != 4 && n != 8 {
			c.warn("ISO BMFF iloc box: field size %d not valid", n)
			return
		}
	}
	var count uint64
	if v < 2 {
		count = cur.u(2)
	} else {
		count = cur.u(4)
	}
	if v > 2 {
		c.warn("ISO BMFF iloc box version %d not supported", v)
		return
	}
	if count > maxItems {
		c.warn("ISO BMFF iloc box declares %d items; reading %d", count, maxItems)
		count = maxItems
	}
	for i := uint64(0); i < count && !cur.bad; i++ {
		var id uint32
		if v < 2 {
			id = uint32(cur.u(2))
		} else {
			id = uint32(cur.u(4))
		}
		var cm uint64
		if v == 1 || v == 2 {
			cm = cur.u(2) & 15
		}
		cur.u(2) // data reference index
		base := cur.u(baseSize)
		n := cur.u(2)
		if n > maxExtents {
			c.warn("ISO BMFF iloc: item %d has %d extents; not read", id, n)
			return
		}
		ext := make([][2]uint64, 0, n)
		for j := uint64(0); j < n; j++ {
			cur.u(idxSize)
			o := cur.u(offSize)
			l := cur.u(lenSize)
			ext = append(ext, [2]uint64{o, l})
		}
		if cur.bad {
			break
		}
		it, ok := items[id]
		if !ok {
			if len(items) >= maxItems {
				continue
			}
			it = &heifItem{}
			items[id] = it
		}
		it.cm, it.base, it.extents, it.located = cm, base, ext, true
	}
	if cur.bad {
		c.warn("ISO BMFF iloc box truncated")
	}
}

// itemData reads an item's extents. It returns nil data (and a warning)
// when the item cannot be located; the error is non-nil only for failures
// of the input itself.
func itemData(s *source, it *heifItem, idat box, haveIdat bool, c *collector) ([]byte, error) {
	var lo, hi uint64 // range the extents must lie in
	switch it.cm {
	case 0:
		lo, hi = 0, uint64(s.len())
	case 1:
		if !haveIdat {
			c.warn("ISO BMFF: %s item refers to a missing idat box", it.typ)
			return nil, nil
		}
		lo, hi = uint64(idat.body), uint64(idat.end)
	default:
		c.warn("ISO BMFF: %s item construction method %d not supported", it.typ, it.cm)
		return nil, nil
	}
	var out []byte
	for _, e := range it.extents {
		if it.base > hi-lo || e[0] > hi-lo-it.base {
			c.warn("ISO BMFF: %s item extent at offset %d beyond end of data", it.typ, e[0])
			return nil, nil
		}
		start := lo + it.base + e[0]
		n := e[1]
		if n == 0 {
			n = hi - start
		}
		if n > hi-start {
			c.warn("ISO BMFF: %s item extent of %d bytes at offset %d beyond end of data", it.typ, n, start)
			return nil, nil
		}
		if n > uint64(maxBlock-len(out)) {
			c.warn("ISO BMFF: %s item larger than %d bytes not read", it.typ, maxBlock)
			return nil, nil
		}
		d, err := s.bytes(int64(start), int64(n))
		if err != nil {
			if errors.Is(err, errRange) {
				c.warn("ISO BMFF: %s item extent at offset %d beyond end of data", it.typ, start)
				return nil, nil
			}
			return nil, readErr(err, "HEIF item", int64(start))
		}
		out = append(out, d...)
	}
	return out, nil
}

// exifPayload finds the TIFF header in a HEIF Exif item: the item starts
// with a 4-byte offset to it (usually past an "Exif\0\0" prefix).
func exifPayload(d []byte) []byte {
	isTIFF := func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*"))
	}
	if len(d) >= 4 {
		off := uint64(be32(d)) + 4
		if off < uint64(len(d)) && isTIFF(d[off:]) {
			return d[off:]
		}
	}
	if i := bytes.Index(d[:min(len(d), 64)], []byte("Exif\x00\x00")); i >= 0 && isTIFF(d[i+6:]) {
		return d[i+6:]
	}
	for _, i := range []int{0, 4} {
		if i < len(d) && isTIFF(d[i:]) {
			return d[i:]
		}
	}
	return nil
}
