package media

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxInflated caps the bytes decompressed from all zTXt/iTXt chunks of one
// file together.
const maxInflated = 32 << 20

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// readPNG walks the PNG chunks. Only eXIf and the text chunks are read into
// memory; image data is skipped by length.
func readPNG(s *source, c *collector) error {
	off := int64(len(pngSig))
	for i := 0; ; i++ {
		if i >= maxChunks {
			c.warn("PNG: more than %d chunks; the rest were not read", maxChunks)
			return nil
		}
		if off == s.len() {
			c.warn("PNG ends at offset %d without an IEND chunk", off)
			return nil
		}
		h, err := s.bytes(off, 8)
		if err != nil {
			return readErr(err, "PNG chunk", off)
		}
		n := int64(be32(h))
		typ := string(h[4:8])
		if n > 0x7FFFFFFF {
			return fmt.Errorf("%w PNG chunk at offset %d: length %d", ErrMalformed, off, n)
		}
		end := off + 12 + n
		if end > s.len() {
			return fmt.Errorf("%w PNG chunk %s at offset %d", ErrTruncated, printable(typ), off)
		}
		switch typ {
		case "IEND":
			return nil
		case "eXIf", "tEXt", "zTXt", "iTXt":
			if n > maxBlock {
				c.warn("PNG %s chunk of %d bytes at offset %d not read", typ, n, off)
				break
			}
			data, err := s.bytes(off+8, n)
			if err != nil {
				return readErr(err, "PNG chunk", off)
			}
			if typ == "eXIf" {
				// Some writers keep the JPEG "Exif\0\0" prefix.
				data = bytes.TrimPrefix(data, []byte("Exif\x00\x00"))
				if err := parseTIFF(mem(data), c, fmt.Sprintf("PNG eXIf chunk at offset %d", off)); err != nil {
					return err
				}
				break
			}
			pngText(typ, data, off, c)
		}
		off = end
	}
}

// pngText handles one tEXt, zTXt or iTXt chunk.
func pngText(typ string, data []byte, off int64, c *collector) {
	kw, rest, ok := bytes.Cut(data, []byte{0})
	if !ok || len(kw) == 0 || len(kw) > 79 {
		c.warn("PNG %s chunk at offset %d has no keyword", typ, off)
		return
	}
	keyword := latin1(kw)
	limit := int64(maxTextValue)
	if keyword == "XML:com.adobe.xmp" || strings.HasPrefix(keyword, "Raw profile type ") {
		limit = maxBlock
	}
	var text string
	switch typ {
	case "tEXt":
		text = latin1(rest)
	case "zTXt":
		if len(rest) < 1 || rest[0] != 0 {
			c.warn("PNG zTXt chunk at offset %d: unknown compression", off)
			return
		}
		b, ok := c.inflate(rest[1:], limit, off)
		if !ok {
			return
		}
		text = latin1(b)
	case "iTXt":
		if len(rest) < 2 {
			c.warn("PNG iTXt chunk at offset %d truncated", off)
			return
		}
		compressed, method := rest[0] == 1, rest[1]
		rest = rest[2:]
		_, rest, ok1 := bytes.Cut(rest, []byte{0}) // language tag
		_, rest, ok2 := bytes.Cut(rest, []byte{0}) // translated keyword
		if !ok1 || !ok2 {
			c.warn("PNG iTXt chunk at offset %d truncated", off)
			return
		}
		if compressed {
			if method != 0 {
				c.warn("PNG iTXt chunk at offset %d: unknown compression", off)
				return
			}
			b, ok := c.inflate(rest, limit, off)
			if !ok {
				return
			}
			rest = b
		}
		text = utf8OrLatin1(rest)
	}
	switch {
	case keyword == "XML:com.adobe.xmp":
		parseXMP([]byte(text), c, "PNG XMP")
	case strings.HasPrefix(keyword, "Raw profile type "):
		rawProfile(strings.TrimPrefix(keyword, "Raw profile type "), text, off, c)
	case keyword == "Author":
		c.add(&c.owner, prioXMP, text)
	default:
		c.text(text)
	}
}

// inflate decompresses zlib data, stopping at limit bytes and at the
// per-file decompression budget.
func (c *collector) inflate(b []byte, limit int64, off int64) ([]byte, bool) {
	left := int64(maxInflated) - c.inflated
	if left <= 0 {
		c.warn("PNG: more than %d bytes decompressed; further compressed text not read", maxInflated)
		return nil, false
	}
	limit = min(limit, left)
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		c.warn("PNG text chunk at offset %d: %v", off, err)
		return nil, false
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	c.inflated += int64(len(out))
	if int64(len(out)) > limit {
		c.warn("PNG text chunk at offset %d: decompressed text cut at %d bytes", off, limit)
		return out[:limit], true
	}
	if err != nil {
		c.warn("PNG text chunk at offset %d: %v", off, err)
		// keep what was decompressed before the damage
	}
	return out, true
}

// rawProfile decodes the hex "Raw profile type NAME" text written by
// ImageMagick and others: "\nNAME\n  LENGTH\nHEX...".
func rawProfile(name, text string, off int64, c *collector) {
	fields := strings.Fields(text)
	if len(fields) < 3 {
		return
	}
	n, err := strconv.Atoi(fields[1])
	if err != nil || n <= 0 || n > maxBlock {
		c.warn("PNG raw %s profile at offset %d has a bad length", name, off)
		return
	}
	hx := strings.Join(fields[2:], "")
	if len(hx) > 2*n {
		hx = hx[:2*n]
	}
	if len(hx)%2 == 1 {
		hx = hx[:len(hx)-1]
	}
	b, err := hex.DecodeString(hx)
	if err != nil {
		c.warn("PNG raw %s profile at offset %d: %v", name, off, err)
		return
	}
	where := fmt.Sprintf("PNG raw %s profile at offset %d", name, off)
	switch strings.ToLower(name) {
	case "exif", "app1":
		b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
		_ = parseTIFF(mem(b), c, where) // an in-memory block cannot fail to read
	case "xmp":
		parseXMP(b, c, where)
	case "iptc", "8bim":
		if bytes.HasPrefix(b, []byte("8BIM")) {
			parseIRB(b, c)
		} else {
			parseIPTC(b, c)
		}
	}
}
