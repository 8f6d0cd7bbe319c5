package scrubs

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jpegWithDescription builds a minimal JPEG whose EXIF ImageDescription is desc.
func jpegWithDescription(desc string) []byte {
	var tiff bytes.Buffer
	le := binary.LittleEndian
	val := append([]byte(desc), 0)
	tiff.WriteString("II")
	binary.Write(&tiff, le, uint16(42))
	binary.Write(&tiff, le, uint32(8)) // IFD0 at 8
	binary.Write(&tiff, le, uint16(1)) // one entry
	binary.Write(&tiff, le, uint16(0x010E))
	binary.Write(&tiff, le, uint16(2)) // ASCII
	binary.Write(&tiff, le, uint32(len(val)))
	binary.Write(&tiff, le, uint32(8+2+12+4)) // value right after the IFD
	binary.Write(&tiff, le, uint32(0))        // no next IFD
	tiff.Write(val)
	app1 := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var j bytes.Buffer
	j.Write([]byte{0xFF, 0xD8, 0xFF, 0xE1})
	binary.Write(&j, binary.BigEndian, uint16(len(app1)+2))
	j.Write(app1)
	j.Write([]byte{0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9})
	return j.Bytes()
}

func TestIdentifiersInPhotoMetadata(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xray.jpg")
	if err := os.WriteFile(path, jpegWithDescription("HOLLIS, RAYMOND MRN 00482913 DOB 02/14/1951"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := engine(t).Check(bg, Post{Text: "Classic finding in my patient today. Can you spot it? #RadRes", Media: []Media{{Path: path}}})
	found := false
	for _, f := range r.Findings {
		if f.Field == "exif" && f.Media != nil && *f.Media == 0 && f.Severity == "block" && strings.Contains(f.Text, "00482913") {
			found = true
		}
	}
	if !found {
		t.Errorf("record number in the photo's EXIF description not reported: %s (warnings %v)", summary(r), r.Warnings)
	}
}
