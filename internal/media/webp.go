package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// readWebP walks the RIFF chunks of a WebP file and reads its EXIF and XMP
// chunks.
func readWebP(s *source, c *collector) error {
	h, err := s.bytes(0, 12)
	if err != nil {
		return readErr(err, "WebP header", 0)
	}
	end := 8 + int64(binary.LittleEndian.Uint32(h[4:]))
	if end > s.len() {
		c.warn("WebP: RIFF size %d larger than the file", end)
		end = s.len()
	}
	off := int64(12)
	for i := 0; off < end; i++ {
		if i >= maxChunks {
			c.warn("WebP: more than %d chunks; the rest were not read", maxChunks)
			return nil
		}
		ch, err := s.bytes(off, 8)
		if err != nil {
			return readErr(err, "WebP chunk", off)
		}
		typ := string(ch[:4])
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		next := off + 8 + n + n%2
		if off+8+n > end {
			return fmt.Errorf("%w WebP chunk %s at offset %d", ErrTruncated, printable(typ), off)
		}
		if typ == "EXIF" || typ == "XMP " {
			if n > maxBlock {
				c.warn("WebP %s chunk of %d bytes at offset %d not read", typ, n, off)
			} else {
				data, err := s.bytes(off+8, n)
				if err != nil {
					return readErr(err, "WebP chunk", off)
				}
				if typ == "XMP " {
					parseXMP(data, c, "WebP XMP")
				} else {
					data = bytes.TrimPrefix(data, []byte("Exif\x00\x00"))
					if err := parseTIFF(mem(data), c, fmt.Sprintf("WebP EXIF chunk at offset %d", off)); err != nil {
						return err
					}
				}
			}
		}
		off = next
	}
	return nil
}
