package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

var (
	jpegExif   = []byte("Exif\x00")
	jpegXMP    = []byte("http://ns.adobe.com/xap/1.0/\x00")
	jpegExtXMP = []byte("http://ns.adobe.com/xmp/extension/\x00")
	jpegPS     = []byte("Photoshop 3.0\x00")
)

// extXMP assembles one extended XMP packet from its APP1 parts.
type extXMP struct {
	guid string
	buf  []byte
}

// readJPEG walks the JPEG segments up to the start of scan. Only APP1
// (EXIF, XMP), APP13 (Photoshop/IPTC) and COM segments are read into
// memory; others are skipped by their length.
func readJPEG(s *source, c *collector) error {
	off := int64(2)
	var ext *extXMP
	defer func() {
		if ext != nil {
			parseXMP(ext.buf, c, "JPEG extended XMP")
		}
	}()
	for seg := 0; ; seg++ {
		if seg >= maxSegments {
			c.warn("JPEG: more than %d segments; the rest were not read", maxSegments)
			return nil
		}
		if off == s.len() {
			c.warn("JPEG ends at offset %d before its image data", off)
			return nil
		}
		m, err := s.bytes(off, 2)
		if err != nil {
			return readErr(err, "JPEG segment", off)
		}
		if m[0] != 0xFF {
			return fmt.Errorf("%w JPEG: expected a marker at offset %d, found 0x%02x", ErrMalformed, off, m[0])
		}
		marker := m[1]
		switch {
		case marker == 0xFF: // fill byte
			off++
			continue
		case marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7):
			off += 2
			continue
		case marker == 0xD9: // EOI
			return nil
		}
		lb, err := s.bytes(off+2, 2)
		if err != nil {
			return readErr(err, "JPEG segment", off)
		}
		n := int64(binary.BigEndian.Uint16(lb))
		if n < 2 {
			return fmt.Errorf("%w JPEG segment at offset %d: length %d", ErrMalformed, off, n)
		}
		end := off + 2 + n
		if end > s.len() {
			return fmt.Errorf("%w JPEG segment at offset %d", ErrTruncated, off)
		}
		if marker == 0xDA { // SOS: metadata precedes the scan
			return nil
		}
		if marker == 0xE1 || marker == 0xED || marker == 0xFE {
			data, err := s.bytes(off+4, n-2)
			if err != nil {
				return readErr(err, "JPEG segment", off)
			}
			switch marker {
			case 0xFE:
				c.text(utf8OrLatin1(data))
			case 0xED:
				if bytes.HasPrefix(data, jpegPS) {
					parseIRB(data[len(jpegPS):], c)
				}
			case 0xE1:
				switch {
				case bytes.HasPrefix(data, jpegExif) && len(data) >= 6:
					where := fmt.Sprintf("EXIF in JPEG segment at offset %d", off)
					if err := parseTIFF(mem(data[6:]), c, where); err != nil {
						return err
					}
				case bytes.HasPrefix(data, jpegXMP):
					parseXMP(data[len(jpegXMP):], c, "JPEG XMP")
				case bytes.HasPrefix(data, jpegExtXMP):
					ext = addExtXMP(ext, data[len(jpegExtXMP):], c)
				}
			}
		}
		off = end
	}
}

// addExtXMP copies one extended-XMP part (GUID, full length, offset, data)
// into its packet. Parts of a second GUID are ignored.
func addExtXMP(ext *extXMP, d []byte, c *collector) *extXMP {
	if len(d) < 40 {
		return ext
	}
	guid := string(d[:32])
	full := int64(binary.BigEndian.Uint32(d[32:]))
	at := int64(binary.BigEndian.Uint32(d[36:]))
	part := d[40:]
	if ext == nil {
		if full > maxBlock {
			c.warn("JPEG: extended XMP of %d bytes not read", full)
			return nil
		}
		ext = &extXMP{guid: guid, buf: make([]byte, full)}
	}
	if guid != ext.guid || at > int64(len(ext.buf)) || int64(len(part)) > int64(len(ext.buf))-at {
		return ext
	}
	copy(ext.buf[at:], part)
	return ext
}
