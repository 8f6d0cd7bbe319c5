package media

import (
	"bytes"
	"encoding/binary"
)

// IPTC IIM record 2 datasets that carry names, places or free text.
var iptcText = map[byte]bool{
	5:   true, // ObjectName
	25:  true, // Keywords
	40:  true, // SpecialInstructions
	85:  true, // By-lineTitle
	90:  true, // City
	92:  true, // Sub-location
	95:  true, // Province/State
	101: true, // Country
	105: true, // Headline
	110: true, // Credit
	115: true, // Source
	116: true, // CopyrightNotice
	118: true, // Contact
	120: true, // Caption/Abstract
	122: true, // Writer/Editor
}

// parseIPTC reads IPTC IIM datasets (0x1C, record, dataset, length, data).
// The loop advances by at least five bytes per dataset and stops at the end
// of b, at the first byte that is not a dataset marker, or at an unusable
// extended length.
func parseIPTC(b []byte, c *collector) {
	for i := 0; i+5 <= len(b); {
		if b[i] != 0x1C {
			return
		}
		rec, ds := b[i+1], b[i+2]
		n := int(binary.BigEndian.Uint16(b[i+3:]))
		i += 5
		if n&0x8000 != 0 { // extended length: the next n&0x7fff bytes hold it
			k := n & 0x7FFF
			if k == 0 || k > 4 || i+k > len(b) {
				return
			}
			n = 0
			for _, x := range b[i : i+k] {
				n = n<<8 | int(x)
			}
			i += k
		}
		if n < 0 || n > len(b)-i {
			c.warn("IPTC: dataset %d:%d runs past the end of its block", rec, ds)
			return
		}
		v := b[i : i+n]
		i += n
		if rec != 2 {
			continue
		}
		switch {
		case ds == 80: // By-line
			c.add(&c.owner, prioIPTC, utf8OrLatin1(v))
		case ds == 55: // DateCreated CCYYMMDD
			if len(v) == 8 {
				c.takenAt(prioIPTC, exifTime(string(v[:4])+":"+string(v[4:6])+":"+string(v[6:8]), ""))
			}
		case iptcText[ds]:
			c.text(utf8OrLatin1(v))
		}
	}
}

// parseIRB reads Photoshop image resource blocks ("8BIM", id, Pascal name,
// size, data) and hands the IPTC resource (0x0404) to parseIPTC.
func parseIRB(b []byte, c *collector) {
	for i := 0; i+12 <= len(b); {
		if !bytes.Equal(b[i:i+4], []byte("8BIM")) {
			return
		}
		id := binary.BigEndian.Uint16(b[i+4:])
		nameLen := int(b[i+6])
		j := i + 6 + 1 + nameLen
		if (1+nameLen)%2 == 1 {
			j++
		}
		if j+4 > len(b) {
			return
		}
		n := int64(binary.BigEndian.Uint32(b[j:]))
		j += 4
		if n > int64(len(b)-j) {
			c.warn("Photoshop resource 0x%04x runs past the end of its block", id)
			return
		}
		if id == 0x0404 {
			parseIPTC(b[j:j+int(n)], c)
		}
		next := j + int(n)
		if n%2 == 1 {
			next++
		}
		i = next
	}
}
