package media

// Test helpers that build small image files with chosen metadata.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"unicode/utf16"
)

// tent is one IFD entry for buildTIFF. When sub > 0 the entry is a LONG
// pointer to ifds[sub] and val is ignored.
type tent struct {
	tag, typ uint16
	count    uint32
	val      []byte
	sub      int
	rat      ratVals // RATIONAL values, written in the TIFF's byte order
}

func asciiE(tag uint16, s string) tent {
	return tent{tag: tag, typ: 2, count: uint32(len(s) + 1), val: append([]byte(s), 0)}
}

func undefE(tag uint16, b []byte) tent {
	return tent{tag: tag, typ: 7, count: uint32(len(b)), val: b}
}

func byteE(tag uint16, b []byte) tent {
	return tent{tag: tag, typ: 1, count: uint32(len(b)), val: b}
}

func ptrE(tag uint16, sub int) tent { return tent{tag: tag, typ: 4, count: 1, sub: sub} }

// ratVals are numerator/denominator pairs.
type ratVals [][2]uint32

func ratE(tag uint16, v ratVals) tent {
	return tent{tag: tag, typ: 5, count: uint32(len(v)), rat: v}
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u)+2)
	for i, x := range u {
		binary.LittleEndian.PutUint16(b[2*i:], x)
	}
	return b
}

// buildTIFF lays out ifds[0] (IFD0) and the IFDs it points to, in order,
// each followed by its out-of-line values.
func buildTIFF(bo binary.ByteOrder, ifds ...[]tent) []byte {
	offs := make([]int, len(ifds))
	pos := 8
	for i, ifd := range ifds {
		offs[i] = pos
		pos += 2 + 12*len(ifd) + 4
		for _, e := range ifd {
			if n := len(entryBytes(bo, e)); n > 4 && e.sub == 0 {
				pos += n + n%2
			}
		}
	}
	out := make([]byte, pos)
	if bo == binary.LittleEndian {
		copy(out, "II*\x00")
	} else {
		copy(out, "MM\x00*")
	}
	bo.PutUint32(out[4:], 8)
	for i, ifd := range ifds {
		p := offs[i]
		bo.PutUint16(out[p:], uint16(len(ifd)))
		data := p + 2 + 12*len(ifd) + 4
		for j, e := range ifd {
			q := p + 2 + 12*j
			bo.PutUint16(out[q:], e.tag)
			bo.PutUint16(out[q+2:], e.typ)
			bo.PutUint32(out[q+4:], e.count)
			if e.sub > 0 {
				bo.PutUint32(out[q+8:], uint32(offs[e.sub]))
				continue
			}
			v := entryBytes(bo, e)
			if len(v) <= 4 {
				copy(out[q+8:], v)
				continue
			}
			bo.PutUint32(out[q+8:], uint32(data))
			copy(out[data:], v)
			data += len(v) + len(v)%2
		}
	}
	return out
}

func entryBytes(bo binary.ByteOrder, e tent) []byte {
	if e.rat != nil {
		b := make([]byte, 8*len(e.rat))
		for i, r := range e.rat {
			bo.PutUint32(b[8*i:], r[0])
			bo.PutUint32(b[8*i+4:], r[1])
		}
		return b
	}
	return e.val
}

// exifGPS returns a GPS IFD for the given DMS position.
func gpsIFD(latRef string, lat ratVals, lonRef string, lon ratVals) []tent {
	return []tent{
		asciiE(1, latRef), ratE(2, lat), asciiE(3, lonRef), ratE(4, lon),
		byteE(5, []byte{0}), ratE(6, ratVals{{1234, 10}}),
	}
}

// sampleTIFF is an EXIF block with every field Meta reports.
func sampleTIFF(bo binary.ByteOrder) []byte {
	ifd0 := []tent{
		asciiE(0x010E, "Wound day 3, J. Smith"),
		asciiE(0x010F, "Canon"),
		asciiE(0x0110, "Canon EOS 5D"),
		asciiE(0x0132, "2021:01:02 03:04:05"),
		asciiE(0x013B, "Dr Artist"),
		ptrE(0x8769, 1),
		ptrE(0x8825, 2),
		byteE(0x9C9C, utf16le("XP comment MRN 123456")),
	}
	exif := []tent{
		asciiE(0x9003, "2020:05:06 07:08:09"),
		asciiE(0x9011, "+02:00"),
		undefE(0x9286, append([]byte("ASCII\x00\x00\x00"), "bed 12 patient Jones"...)),
		asciiE(0xA430, "Jane Owner"),
		asciiE(0xA431, "SN-998877"),
		asciiE(0xA435, "LENS-1"),
	}
	gps := gpsIFD("S", ratVals{{33, 1}, {52, 1}, {1200, 100}}, "E", ratVals{{151, 1}, {12, 1}, {36, 1}})
	return buildTIFF(bo, ifd0, exif, gps)
}

func jpegSeg(marker byte, data []byte) []byte {
	b := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(data)+2))
	return append(b, data...)
}

var jpegScan = []byte{0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9}

// buildJPEG makes SOI, APP0, the given segments, a scan and EOI.
func buildJPEG(segs ...[]byte) []byte {
	b := []byte{0xFF, 0xD8}
	b = append(b, jpegSeg(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))...)
	for _, s := range segs {
		b = append(b, s...)
	}
	return append(b, jpegScan...)
}

func exifSeg(tiff []byte) []byte { return jpegSeg(0xE1, append([]byte("Exif\x00\x00"), tiff...)) }

func xmpSeg(x string) []byte { return jpegSeg(0xE1, append(append([]byte{}, jpegXMP...), x...)) }

const sampleXMP = `<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:exifEX="http://cipa.jp/exif/1.0/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    exif:GPSLatitude="51,30.5N" exif:GPSLongitude="0,7.5W"
    xmp:CreateDate="2019-03-04T05:06:07+01:00"
    photoshop:City="Springfield General Hospital"
    exifEX:BodySerialNumber="XMP-SERIAL-1">
   <dc:creator><rdf:Seq><rdf:li>Nurse Creator</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Patient Mary Roe, ward 7</rdf:li></rdf:Alt></dc:description>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Case title</rdf:li></rdf:Alt></dc:title>
   <Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>John Doe</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`

func pngChunk(typ string, data []byte) []byte {
	b := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(b, uint32(len(data)))
	copy(b[4:], typ)
	b = append(b, data...)
	crc := crc32.ChecksumIEEE(b[4:])
	return binary.BigEndian.AppendUint32(b, crc)
}

// buildPNG makes a 1x1 grey PNG with the given chunks between IHDR and IDAT.
func buildPNG(chunks ...[]byte) []byte {
	b := append([]byte{}, pngSig...)
	b = append(b, pngChunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0})...)
	for _, c := range chunks {
		b = append(b, c...)
	}
	b = append(b, pngChunk("IDAT", zlibBytes([]byte{0, 0x80}))...)
	return append(b, pngChunk("IEND", nil)...)
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func iTXt(keyword, text string, compress bool) []byte {
	b := append([]byte(keyword), 0)
	if compress {
		b = append(b, 1, 0)
	} else {
		b = append(b, 0, 0)
	}
	b = append(b, "en\x00\x00"...)
	if compress {
		return pngChunk("iTXt", append(b, zlibBytes([]byte(text))...))
	}
	return pngChunk("iTXt", append(b, text...))
}

func tEXt(keyword, text string) []byte {
	return pngChunk("tEXt", append(append([]byte(keyword), 0), text...))
}

func zTXt(keyword string, text []byte) []byte {
	return pngChunk("zTXt", append(append([]byte(keyword), 0, 0), zlibBytes(text)...))
}

// bmffBox makes an ISO BMFF box.
func bmffBox(typ string, parts ...[]byte) []byte {
	var body []byte
	for _, p := range parts {
		body = append(body, p...)
	}
	b := make([]byte, 8, 8+len(body))
	binary.BigEndian.PutUint32(b, uint32(8+len(body)))
	copy(b[4:], typ)
	return append(b, body...)
}

func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// heifItemSpec describes one item for buildHEIC.
type heifItemSpec struct {
	id          uint16
	typ         string // "Exif", "mime", "hvc1"
	contentType string
	data        []byte
	inIdat      bool // stored in meta/idat (construction method 1) instead of mdat
}

// buildHEIC makes ftyp, meta (hdlr, pitm, iinf, iloc, idat) and mdat.
func buildHEIC(brand string, items ...heifItemSpec) []byte {
	ftyp := bmffBox("ftyp", []byte(brand), u32(0), []byte("mif1"), []byte(brand))
	var infes [][]byte
	for _, it := range items {
		body := append([]byte{2, 0, 0, 0}, u16(it.id)...)
		body = append(body, u16(0)...)
		body = append(body, it.typ...)
		body = append(body, "name\x00"...)
		if it.typ == "mime" {
			body = append(body, it.contentType+"\x00"...)
		}
		infes = append(infes, bmffBox("infe", body))
	}
	iinf := bmffBox("iinf", append([]byte{0, 0, 0, 0}, u16(uint16(len(items)))...), bytes.Join(infes, nil))
	var idat, mdat []byte
	for _, it := range items {
		if it.inIdat {
			idat = append(idat, it.data...)
		} else {
			mdat = append(mdat, it.data...)
		}
	}
	// iloc version 1, offset/length/base sizes 4/4/0, index size 0.
	mkIloc := func(mdatStart uint32) []byte {
		b := []byte{1, 0, 0, 0, 0x44, 0x00}
		b = append(b, u16(uint16(len(items)))...)
		var mo, io uint32
		for _, it := range items {
			b = append(b, u16(it.id)...)
			if it.inIdat {
				b = append(b, u16(1)...)
			} else {
				b = append(b, u16(0)...)
			}
			b = append(b, u16(0)...) // data reference
			b = append(b, u16(1)...) // one extent
			if it.inIdat {
				b = append(b, u32(io)...)
				io += uint32(len(it.data))
			} else {
				b = append(b, u32(mdatStart+mo)...)
				mo += uint32(len(it.data))
			}
			b = append(b, u32(uint32(len(it.data)))...)
		}
		return bmffBox("iloc", b)
	}
	hdlr := bmffBox("hdlr", make([]byte, 8), []byte("pict"), make([]byte, 13))
	pitm := bmffBox("pitm", []byte{0, 0, 0, 0}, u16(1))
	meta := func(iloc []byte) []byte {
		parts := [][]byte{{0, 0, 0, 0}, hdlr, pitm, iinf, iloc}
		if idat != nil {
			parts = append(parts, bmffBox("idat", idat))
		}
		return bmffBox("meta", parts...)
	}
	m := meta(mkIloc(0))
	start := uint32(len(ftyp) + len(m) + 8)
	m = meta(mkIloc(start))
	return bytes.Join([][]byte{ftyp, m, bmffBox("mdat", mdat)}, nil)
}

// heifExif is the payload of a HEIF Exif item.
func heifExif(tiff []byte) []byte {
	return append(append(u32(6), "Exif\x00\x00"...), tiff...)
}

func riffChunk(typ string, data []byte) []byte {
	b := append([]byte(typ), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func buildWebP(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	body = append(body, riffChunk("VP8X", []byte{0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0})...)
	for _, c := range chunks {
		body = append(body, c...)
	}
	body = append(body, riffChunk("VP8L", []byte{0x2f, 0, 0, 0, 0})...)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}
