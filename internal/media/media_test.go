package media

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func readBytes(t testing.TB, b []byte) (*Meta, error) {
	t.Helper()
	return Read(bytes.NewReader(b), int64(len(b)))
}

func mustRead(t *testing.T, b []byte) *Meta {
	t.Helper()
	m, err := readBytes(t, b)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if m == nil {
		t.Fatal("Read returned nil Meta without error")
	}
	return m
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func hasText(m *Meta, s string) bool { return slices.Contains(m.Text, s) }

func hasWarning(m *Meta, sub string) bool {
	for _, w := range m.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

func TestFixtureGPSJPEG(t *testing.T) {
	m, err := Inspect(filepath.Join("testdata", "gps.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Format != "jpeg" {
		t.Errorf("Format = %q", m.Format)
	}
	if m.GPS == nil {
		t.Fatal("no GPS")
	}
	// N 26°35'12" W 80°3'13"
	if want := 26 + 35.0/60 + 12.0/3600; !near(m.GPS.Lat, want, 1e-9) {
		t.Errorf("Lat = %v, want %v", m.GPS.Lat, want)
	}
	if want := -(80 + 3.0/60 + 13.0/3600); !near(m.GPS.Lon, want, 1e-9) {
		t.Errorf("Lon = %v, want %v", m.GPS.Lon, want)
	}
	if m.Make != "samsung" || m.Model != "SM-N920T" {
		t.Errorf("Make/Model = %q/%q", m.Make, m.Model)
	}
	// Taken prefers DateTimeOriginal over IFD0 DateTime (checked below).
	if want := time.Date(2018, 4, 28, 21, 23, 12, 0, time.UTC); !m.Taken.Equal(want) {
		t.Errorf("Taken = %v, want %v", m.Taken, want)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %q", m.Warnings)
	}
}

// TestFixtureGPSJPEGDateTime checks the IFD0 DateTime of gps.jpg, which
// Meta only exposes as a fallback for Taken, through the collector.
func TestFixtureGPSJPEGDateTime(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "gps.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	c := newCollector()
	if err := readJPEG(&source{r: bytes.NewReader(b), size: int64(len(b))}, c); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2018, 6, 9, 1, 7, 30, 0, time.UTC)
	found := false
	for _, tc := range c.taken {
		if tc.prio == prioDateTime && tc.val.Equal(want) {
			found = true
		}
	}
	if !found {
		t.Errorf("DateTime 2018:06:09 01:07:30 not decoded; candidates %v", c.taken)
	}
}

func TestFixtureGPSScaled(t *testing.T) {
	m, err := Inspect(filepath.Join("testdata", "gps-2000-scaled.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if m.GPS == nil {
		t.Fatal("no GPS")
	}
	// S 38°24.31' E 144°11.34', to the hundredth of a minute.
	latMin := (-m.GPS.Lat - 38) * 60
	lonMin := (m.GPS.Lon - 144) * 60
	if m.GPS.Lat >= 0 || math.Round(latMin*100) != 2431 {
		t.Errorf("Lat = %v (%.4f')", m.GPS.Lat, latMin)
	}
	if m.GPS.Lon <= 0 || math.Round(lonMin*100) != 1134 {
		t.Errorf("Lon = %v (%.4f')", m.GPS.Lon, lonMin)
	}
	if m.Make != "" || m.Model != "" {
		t.Errorf("Make/Model = %q/%q, want none", m.Make, m.Model)
	}
}

// checkSample asserts the fields of sampleTIFF.
func checkSample(t *testing.T, m *Meta) {
	t.Helper()
	if m.GPS == nil {
		t.Fatal("no GPS")
	}
	if want := -(33 + 52.0/60 + 12.0/3600); !near(m.GPS.Lat, want, 1e-9) {
		t.Errorf("Lat = %v, want %v", m.GPS.Lat, want)
	}
	if want := 151 + 12.0/60 + 36.0/3600; !near(m.GPS.Lon, want, 1e-9) {
		t.Errorf("Lon = %v, want %v", m.GPS.Lon, want)
	}
	if m.GPS.Alt == nil || !near(*m.GPS.Alt, 123.4, 1e-9) {
		t.Errorf("Alt = %v", m.GPS.Alt)
	}
	want := time.Date(2020, 5, 6, 7, 8, 9, 0, time.FixedZone("", 2*3600))
	if !m.Taken.Equal(want) {
		t.Errorf("Taken = %v, want %v", m.Taken, want)
	}
	if _, off := m.Taken.Zone(); off != 7200 {
		t.Errorf("Taken zone offset = %d", off)
	}
	if m.Make != "Canon" || m.Model != "Canon EOS 5D" {
		t.Errorf("Make/Model = %q/%q", m.Make, m.Model)
	}
	if m.Serial != "SN-998877" {
		t.Errorf("Serial = %q", m.Serial)
	}
	if m.Owner != "Jane Owner" {
		t.Errorf("Owner = %q", m.Owner)
	}
	for _, s := range []string{"Wound day 3, J. Smith", "XP comment MRN 123456", "bed 12 patient Jones", "Dr Artist"} {
		if !hasText(m, s) {
			t.Errorf("Text lacks %q: %q", s, m.Text)
		}
	}
}

func TestJPEGGenerated(t *testing.T) {
	for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(bo.String(), func(t *testing.T) {
			iptc := []byte{0x1C, 2, 80, 0, 9}
			iptc = append(iptc, "IPTC Name"...)
			iptc = append(iptc, 0x1C, 2, 90, 0, 6)
			iptc = append(iptc, "Boston"...)
			irb := append([]byte("8BIM\x04\x04\x00\x00"), u32(uint32(len(iptc)))...)
			irb = append(irb, iptc...)
			if len(iptc)%2 == 1 {
				irb = append(irb, 0)
			}
			b := buildJPEG(exifSeg(sampleTIFF(bo)), xmpSeg(sampleXMP),
				jpegSeg(0xED, append([]byte("Photoshop 3.0\x00"), irb...)),
				jpegSeg(0xFE, []byte("JPEG comment: room 4")))
			m := mustRead(t, b)
			if m.Format != "jpeg" {
				t.Errorf("Format = %q", m.Format)
			}
			checkSample(t, m) // EXIF wins over XMP and IPTC
			for _, s := range []string{"Patient Mary Roe, ward 7", "Nurse Creator", "John Doe",
				"Springfield General Hospital", "JPEG comment: room 4", "IPTC Name", "Boston"} {
				if !hasText(m, s) {
					t.Errorf("Text lacks %q: %q", s, m.Text)
				}
			}
			if len(m.Warnings) != 0 {
				t.Errorf("warnings: %q", m.Warnings)
			}
		})
	}
}

func TestXMPOnly(t *testing.T) {
	m := mustRead(t, buildJPEG(xmpSeg(sampleXMP)))
	if m.GPS == nil || !near(m.GPS.Lat, 51+30.5/60, 1e-9) || !near(m.GPS.Lon, -7.5/60, 1e-9) {
		t.Fatalf("GPS = %+v", m.GPS)
	}
	if want := time.Date(2019, 3, 4, 4, 6, 7, 0, time.UTC); !m.Taken.Equal(want) {
		t.Errorf("Taken = %v, want %v", m.Taken, want)
	}
	if m.Owner != "Nurse Creator" || m.Serial != "XMP-SERIAL-1" {
		t.Errorf("Owner/Serial = %q/%q", m.Owner, m.Serial)
	}
	for _, s := range []string{"Patient Mary Roe, ward 7", "Case title", "John Doe", "Springfield General Hospital"} {
		if !hasText(m, s) {
			t.Errorf("Text lacks %q: %q", s, m.Text)
		}
	}
}

func TestPNG(t *testing.T) {
	b := buildPNG(
		pngChunk("eXIf", sampleTIFF(binary.BigEndian)),
		iTXt("XML:com.adobe.xmp", sampleXMP, false),
		iTXt("Description", "compressed iTXt: Ann Lee DOB 1970", true),
		tEXt("Comment", "tEXt caf\xe9 note"), // Latin-1
		zTXt("Title", []byte("zTXt title: bay 3")),
		tEXt("Author", "PNG Author"),
	)
	m := mustRead(t, b)
	if m.Format != "png" {
		t.Errorf("Format = %q", m.Format)
	}
	checkSample(t, m)
	for _, s := range []string{"Patient Mary Roe, ward 7", "compressed iTXt: Ann Lee DOB 1970",
		"tEXt café note", "zTXt title: bay 3", "PNG Author", "Nurse Creator"} {
		if !hasText(m, s) {
			t.Errorf("Text lacks %q: %q", s, m.Text)
		}
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %q", m.Warnings)
	}
}

func TestPNGRawProfile(t *testing.T) {
	tiff := append([]byte("Exif\x00\x00"), sampleTIFF(binary.LittleEndian)...)
	hx := hex.EncodeToString(tiff)
	var lines strings.Builder
	for i := 0; i < len(hx); i += 72 {
		lines.WriteString("\n" + hx[i:min(i+72, len(hx))])
	}
	text := "\nexif\n     " + strconv.Itoa(len(tiff)) + lines.String() + "\n"
	m := mustRead(t, buildPNG(zTXt("Raw profile type exif", []byte(text))))
	checkSample(t, m)
}

func TestHEIC(t *testing.T) {
	b := buildHEIC("heic",
		heifItemSpec{id: 1, typ: "hvc1", data: []byte("not really hevc")},
		heifItemSpec{id: 2, typ: "Exif", data: heifExif(sampleTIFF(binary.BigEndian))},
		heifItemSpec{id: 3, typ: "mime", contentType: "application/rdf+xml", data: []byte(sampleXMP), inIdat: true},
	)
	m := mustRead(t, b)
	if m.Format != "heic" {
		t.Errorf("Format = %q", m.Format)
	}
	checkSample(t, m)
	if !hasText(m, "Patient Mary Roe, ward 7") {
		t.Errorf("XMP item not read: %q", m.Text)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %q", m.Warnings)
	}
}

func TestAVIFExifInIdat(t *testing.T) {
	b := buildHEIC("avif", heifItemSpec{id: 7, typ: "Exif", data: heifExif(sampleTIFF(binary.LittleEndian)), inIdat: true})
	m := mustRead(t, b)
	if m.Format != "avif" {
		t.Errorf("Format = %q", m.Format)
	}
	checkSample(t, m)
}

func TestTIFFFile(t *testing.T) {
	m := mustRead(t, sampleTIFF(binary.LittleEndian))
	if m.Format != "tiff" {
		t.Errorf("Format = %q", m.Format)
	}
	checkSample(t, m)
}

func TestWebP(t *testing.T) {
	b := buildWebP(riffChunk("EXIF", sampleTIFF(binary.LittleEndian)), riffChunk("XMP ", []byte(sampleXMP)))
	m := mustRead(t, b)
	if m.Format != "webp" {
		t.Errorf("Format = %q", m.Format)
	}
	checkSample(t, m)
	if !hasText(m, "John Doe") {
		t.Errorf("XMP chunk not read: %q", m.Text)
	}
}

func TestNoMetadata(t *testing.T) {
	cases := map[string][]byte{
		"jpeg": buildJPEG(),
		"png":  buildPNG(),
		"heic": buildHEIC("heic", heifItemSpec{id: 1, typ: "hvc1", data: []byte{1, 2, 3}}),
		"webp": buildWebP(),
		"tiff": buildTIFF(binary.BigEndian, []tent{{tag: 0x0100, typ: 3, count: 1, val: []byte{0, 1}}}),
	}
	for want, b := range cases {
		m := mustRead(t, b)
		if m.Format != want {
			t.Errorf("%s: Format = %q", want, m.Format)
		}
		if m.GPS != nil || !m.Taken.IsZero() || m.Make != "" || m.Model != "" || m.Serial != "" || m.Owner != "" || len(m.Text) != 0 {
			t.Errorf("%s: unexpected metadata %+v", want, m)
		}
		if len(m.Warnings) != 0 {
			t.Errorf("%s: warnings %q", want, m.Warnings)
		}
	}
}

func TestNotImage(t *testing.T) {
	cases := []struct {
		data []byte
		want string
		is   error
	}{
		{[]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "not an image: PDF", ErrNotImage},
		{[]byte("PK\x03\x04\x14\x00\x06\x00"), "not an image: ZIP archive", ErrNotImage},
		{[]byte("Dear colleague,\nplease see the attached.\n"), "not an image: text file", ErrNotImage},
		{append(bmffBox("ftyp", []byte("isom"), u32(0), []byte("isomavc1")), bmffBox("mdat")...), "not an image: ISO BMFF/QuickTime media (brand isom)", ErrNotImage},
		{[]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "not an image: unrecognised format", ErrNotImage},
		{[]byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), "unsupported image format: SVG", ErrUnsupported},
		{nil, "empty file", ErrEmpty},
	}
	for _, c := range cases {
		m, err := readBytes(t, c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !errors.Is(err, c.is) {
			t.Errorf("%q: err = %v, want %q", c.data, err, c.want)
		}
		if m != nil {
			t.Errorf("%q: Meta = %+v", c.data, m)
		}
	}
}

func TestInspectErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.jpg")
	_, err := Inspect(missing)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || err.Error() != missing+": no such file" {
		t.Errorf("missing: %v", err)
	}
	pdf := filepath.Join(dir, "scan.jpg")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Inspect(pdf)
	var me *Error
	if !errors.As(err, &me) || me.Path != pdf || err.Error() != pdf+": not an image: PDF" {
		t.Errorf("pdf: %v", err)
	}
	if _, err := Inspect(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("dir: %v", err)
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		if _, err := Inspect("/dev/null"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("/dev/null: %v", err)
		}
	}
	trunc := filepath.Join(dir, "cut.jpg")
	b, err := os.ReadFile(filepath.Join("testdata", "gps.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(trunc, b[:1000], 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := Inspect(trunc)
	if err == nil || err.Error() != trunc+": truncated JPEG segment at offset 20" || !errors.Is(err, ErrTruncated) {
		t.Errorf("truncated: %v", err)
	}
	if m == nil || m.Format != "jpeg" {
		t.Errorf("truncated: want partial Meta, got %+v", m)
	}
}

func BenchmarkInspect(b *testing.B) {
	path := filepath.Join("testdata", "gps.jpg")
	b.ReportAllocs()
	for b.Loop() {
		m, err := Inspect(path)
		if err != nil || m.GPS == nil {
			b.Fatal(err)
		}
	}
}

func TestTakenFallbackOrder(t *testing.T) {
	only := buildTIFF(binary.BigEndian, []tent{asciiE(0x0132, "2001:02:03 04:05:06")})
	m := mustRead(t, only)
	if want := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC); !m.Taken.Equal(want) {
		t.Errorf("DateTime only: Taken = %v", m.Taken)
	}
	// XMP capture date beats the IFD0 modification time.
	m = mustRead(t, buildJPEG(exifSeg(only), xmpSeg(sampleXMP)))
	if want := time.Date(2019, 3, 4, 4, 6, 7, 0, time.UTC); !m.Taken.Equal(want) {
		t.Errorf("with XMP: Taken = %v", m.Taken)
	}
}
