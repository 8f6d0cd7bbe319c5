package media

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary bytes to decode, the parser without its recover
// guard, so any panic is a failure. Each input is also read once with a
// stated size larger than the data, as a file that lies about its size.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"gps.jpg", "gps-2000-scaled.jpg"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, b := range generated() {
		f.Add(b)
	}
	f.Add(buildPNG(zTXt("Raw profile type exif", []byte("\nexif\n 10\n457869660000"))))
	f.Add(buildHEIC("avif", heifItemSpec{id: 1, typ: "Exif", data: []byte{0, 0, 0, 0}, inIdat: true}))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decode(bytes.NewReader(data), int64(len(data)))
		if err == nil && m == nil && len(data) > 0 {
			t.Fatal("nil Meta and nil error")
		}
		if m != nil && (len(m.Text) > maxTextItems || len(m.Warnings) > maxWarnings) {
			t.Fatalf("caps exceeded: %d texts, %d warnings", len(m.Text), len(m.Warnings))
		}
		_, _ = decode(bytes.NewReader(data), int64(len(data))+1000)
	})
}
