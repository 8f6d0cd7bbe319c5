// Package media reads the metadata of a photo and reports what in it could
// identify a person or a place: GPS position, capture time, camera make,
// model and serial number, owner names and free text.
//
// The package does not decode pixels. It walks the container of the file
// (JPEG segments, PNG chunks, ISO BMFF boxes, RIFF chunks, TIFF IFDs) with
// small hand-written parsers that are bounded by construction: every offset
// is checked against the end of the data it points into, every count is
// capped, IFD chains are followed at most once per offset, decompression is
// limited, and the total number of bytes read from the input is capped at
// MaxMetadataBytes. Inspect and Read additionally recover from panics as a
// last guard and turn them into an error.
//
// Why not github.com/evanoberholster/imagemeta: at v0.3.1 it relies on
// recover() inside its JPEG and XMP readers instead of being bounded by
// construction, reads through a streaming io.Reader that has no notion of
// the real file size, and does not expose the PNG tEXt/zTXt/iTXt chunks,
// JPEG comments, IPTC or XPComment-style text that this tool needs to scan.
package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// GPS is a position decoded from EXIF or XMP.
type GPS struct {
	Lat, Lon float64  // decimal degrees, south and west negative
	Alt      *float64 // metres above sea level; nil when absent
}

// Meta is what was found in a photo's metadata.
type Meta struct {
	Format string // "jpeg", "png", "heic", "heif", "avif", "tiff", "webp", "gif", "bmp"
	GPS    *GPS   // nil when absent
	// Taken is DateTimeOriginal, else DateTimeDigitized / XMP CreateDate,
	// else IFD0 DateTime (zero if absent). EXIF times carry the zone of
	// their OffsetTime* tag; without one the recorded wall clock is given
	// as UTC.
	Taken       time.Time
	Make, Model string
	Serial      string   // BodySerialNumber / camera serial / LensSerialNumber
	Owner       string   // CameraOwnerName / Artist / XPAuthor / XMP creator / IPTC By-line
	Text        []string // free text found in metadata
	Warnings    []string // problems that did not stop the inspection
}

// Limits. They are generous for real photos and small enough that a hostile
// file cannot make the reader use much memory or time.
const (
	MaxMetadataBytes = 16 << 20 // total bytes read from one input
	maxBlock         = 4 << 20  // one EXIF, XMP or IPTC block
	maxTextValue     = 64 << 10 // one free-text value (longer ones are cut)
	maxTextItems     = 256      // entries in Meta.Text
	maxWarnings      = 64       // entries in Meta.Warnings
	maxIFDEntries    = 1024     // entries read from one IFD (TIFF allows 65535)
	maxIFDs          = 32       // IFDs visited in one TIFF structure
	maxIFDDepth      = 4        // nesting of Exif/GPS/Sub IFD pointers
	maxSegments      = 4096     // JPEG segments
	maxChunks        = 1 << 16  // PNG or WebP chunks
	maxBoxes         = 4096     // ISO BMFF boxes at one level
	maxItems         = 4096     // HEIF items in iinf / iloc
	maxExtents       = 64       // extents of one HEIF item
	maxNestedBlocks  = 8        // EXIF/XMP/IPTC blocks inside TIFF tags, followed at most this often
)

// Error kinds; test with errors.Is.
var (
	ErrNotImage    = errors.New("not an image")
	ErrUnsupported = errors.New("unsupported image format")
	ErrTruncated   = errors.New("truncated")
	ErrMalformed   = errors.New("malformed")
	ErrEmpty       = errors.New("empty file")
	ErrInternal    = errors.New("internal error")
)

// Error names the file that could not be inspected.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Inspect opens the file at path and reads its metadata. Errors are of
// type *Error and name the file. When the file is a recognised image whose
// structure is damaged (for example truncated), Inspect returns both the
// partial Meta decoded before the damage and the error.
func Inspect(path string) (m *Meta, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, &Error{Path: path, Err: fmt.Errorf("%w: panic: %v", ErrInternal, r)}
		}
	}()
	// Stat before opening: opening a FIFO or device could block forever.
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Err: openReason(err)}
	}
	if st.IsDir() {
		return nil, &Error{Path: path, Err: errors.New("is a directory")}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Err: fmt.Errorf("not a regular file (%s)", st.Mode().Type())}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: openReason(err)}
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Err: openReason(err)}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Err: fmt.Errorf("not a regular file (%s)", st.Mode().Type())}
	}
	m, err = decode(f, st.Size())
	if err != nil {
		return m, &Error{Path: path, Err: err}
	}
	return m, nil
}

func openReason(err error) error {
	var pe *fs.PathError
	inner := err
	if errors.As(err, &pe) {
		inner = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return reason{"no such file", fs.ErrNotExist}
	case errors.Is(err, fs.ErrPermission):
		return reason{"permission denied", fs.ErrPermission}
	}
	return inner
}

// reason is an error with its own wording that still matches err.
type reason struct {
	msg string
	err error
}

func (r reason) Error() string { return r.msg }
func (r reason) Unwrap() error { return r.err }

// Read reads metadata from r, which holds size bytes. r may be shorter than
// size claims; reads past its real end are reported as ErrTruncated. As with
// Inspect, a damaged but recognised image yields a partial Meta and an error.
func Read(r io.ReaderAt, size int64) (m *Meta, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			m, err = nil, fmt.Errorf("%w: panic: %v", ErrInternal, rec)
		}
	}()
	return decode(r, size)
}

// decode is Read without the recover guard; the fuzz test calls it so that
// panics are reported rather than hidden.
func decode(r io.ReaderAt, size int64) (*Meta, error) {
	if r == nil {
		return nil, errors.New("nil reader")
	}
	if size < 0 {
		return nil, fmt.Errorf("negative size %d", size)
	}
	if size == 0 {
		return nil, ErrEmpty
	}
	src := &source{r: r, size: size}
	head, err := src.bytes(0, min(size, 64))
	if err != nil {
		if errors.Is(err, ErrTruncated) {
			return nil, fmt.Errorf("%w file header (%v)", ErrTruncated, err)
		}
		return nil, err
	}
	c := newCollector()
	var perr error
	switch f := sniff(head); f {
	case "jpeg":
		c.m.Format = f
		perr = readJPEG(src, c)
	case "png":
		c.m.Format = f
		perr = readPNG(src, c)
	case "tiff":
		c.m.Format = f
		perr = readTIFFFile(src, c)
	case "webp":
		c.m.Format = f
		perr = readWebP(src, c)
	case "bmff":
		perr = readBMFF(src, c)
	case "gif", "bmp":
		c.m.Format = f
		c.warn("metadata of %s files is not inspected", f)
	default:
		return nil, sniffError(head)
	}
	if perr != nil && errors.Is(perr, errBudget) {
		c.warn("stopped after reading %d bytes of metadata", MaxMetadataBytes)
		perr = nil
	}
	if perr != nil && c.m.Format == "" {
		return nil, perr
	}
	return c.finish(), perr
}

// source is the input with bounds checks and a read budget.
type source struct {
	r    io.ReaderAt
	size int64
	used int64
}

var (
	errBudget = errors.New("metadata read budget exhausted")
	errRange  = errors.New("range outside data")
)

func (s *source) len() int64 { return s.size }

// bytes returns n bytes at off. It fails with errRange when the range is
// outside the stated size, errBudget when the budget is spent and
// ErrTruncated when the reader ends early.
func (s *source) bytes(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off > s.size || n > s.size-off {
		return nil, errRange
	}
	if n > MaxMetadataBytes-s.used {
		return nil, errBudget
	}
	s.used += n
	buf := make([]byte, n)
	got, err := s.r.ReadAt(buf, off)
	if got < len(buf) {
		if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, shortRead{at: off + int64(max(got, 0)), size: s.size}
		}
		return nil, fmt.Errorf("read error at offset %d: %w", off, err)
	}
	return buf, nil
}

// shortRead reports an input that ended before its stated size.
type shortRead struct{ at, size int64 }

func (e shortRead) Error() string {
	return fmt.Sprintf("file ends at %d, before its stated size %d", e.at, e.size)
}
func (e shortRead) Is(target error) bool { return target == ErrTruncated }

// block is a random-access view on bytes: the whole file or a slice of it.
type block interface {
	len() int64
	bytes(off, n int64) ([]byte, error)
}

// mem is an in-memory block.
type mem []byte

func (b mem) len() int64 { return int64(len(b)) }
func (b mem) bytes(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off > int64(len(b)) || n > int64(len(b))-off {
		return nil, errRange
	}
	return b[off : off+n : off+n], nil
}

// window is a sub-range of another block.
type window struct {
	b         block
	base, end int64
}

func (w window) len() int64 { return w.end - w.base }
func (w window) bytes(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off > w.len() || n > w.len()-off {
		return nil, errRange
	}
	return w.b.bytes(w.base+off, n)
}

// readErr turns an error from block.bytes into one that says what was being
// read and where.
func readErr(err error, what string, off int64) error {
	switch {
	case errors.Is(err, errRange):
		return fmt.Errorf("%w %s at offset %d", ErrTruncated, what, off)
	case errors.Is(err, ErrTruncated):
		return fmt.Errorf("%w %s at offset %d (%v)", ErrTruncated, what, off, err)
	}
	return err
}

func sniff(h []byte) string {
	switch {
	case bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg"
	case bytes.HasPrefix(h, pngSig):
		return "png"
	case bytes.HasPrefix(h, []byte("II*\x00")), bytes.HasPrefix(h, []byte("MM\x00*")),
		bytes.HasPrefix(h, []byte("II+\x00")), bytes.HasPrefix(h, []byte("MM\x00+")):
		return "tiff"
	case len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		return "webp"
	case len(h) >= 12 && string(h[4:8]) == "ftyp" && isImageBrand(h):
		return "bmff"
	case bytes.HasPrefix(h, []byte("GIF87a")), bytes.HasPrefix(h, []byte("GIF89a")):
		return "gif"
	case len(h) >= 14 && string(h[:2]) == "BM" && h[6] == 0 && h[7] == 0 && h[8] == 0 && h[9] == 0:
		return "bmp"
	}
	return ""
}

var pngSig = []byte("\x89PNG\r\n\x1a\n")

var heifBrands = map[string]string{
	"heic": "heic", "heix": "heic", "heim": "heic", "heis": "heic", "hevc": "heic", "hevx": "heic",
	"avif": "avif", "avis": "avif",
	"mif1": "heif", "msf1": "heif", "mif2": "heif",
}

// ftypBrands lists major and compatible brands of an ftyp box prefix.
func ftypBrands(h []byte) []string {
	if len(h) < 12 {
		return nil
	}
	out := []string{string(h[8:12])}
	n := int64(be32(h))
	if n > int64(len(h)) {
		n = int64(len(h))
	}
	for i := int64(16); i+4 <= n; i += 4 {
		out = append(out, string(h[i:i+4]))
	}
	return out
}

func isImageBrand(h []byte) bool {
	for _, b := range ftypBrands(h) {
		if heifBrands[b] != "" {
			return true
		}
	}
	return false
}

func sniffError(h []byte) error {
	s := string(h)
	pre := func(p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
	name := ""
	switch {
	case pre("%PDF"):
		name = "PDF"
	case pre("PK\x03\x04"), pre("PK\x05\x06"):
		name = "ZIP archive"
	case pre("\x7fELF"):
		name = "ELF executable"
	case pre("MZ"):
		name = "Windows executable"
	case pre("\x1f\x8b"):
		name = "gzip archive"
	case pre("7z\xbc\xaf"):
		name = "7-Zip archive"
	case pre("Rar!"):
		name = "RAR archive"
	case pre("ID3"), pre("\xff\xfb"), pre("\xff\xf3"):
		name = "MP3 audio"
	case pre("OggS"):
		name = "Ogg media"
	case pre("fLaC"):
		name = "FLAC audio"
	case pre("RIFF") && len(s) >= 12:
		name = "RIFF " + printable(s[8:12]) + " file"
	case len(s) >= 12 && s[4:8] == "ftyp":
		name = "ISO BMFF/QuickTime media (brand " + printable(s[8:12]) + ")"
	case pre("\xd0\xcf\x11\xe0"):
		name = "Microsoft Office document"
	case pre("{\\rtf"):
		name = "RTF document"
	}
	if name != "" {
		return fmt.Errorf("%w: %s", ErrNotImage, name)
	}
	t := bytes.ToLower(bytes.TrimLeft(h, "\xef\xbb\xbf \t\r\n"))
	switch {
	case bytes.HasPrefix(t, []byte("<svg")), bytes.Contains(t, []byte("<svg")):
		return fmt.Errorf("%w: SVG", ErrUnsupported)
	case bytes.HasPrefix(t, []byte("<!doctype html")), bytes.HasPrefix(t, []byte("<html")):
		return fmt.Errorf("%w: HTML", ErrNotImage)
	case bytes.HasPrefix(t, []byte("<?xml")):
		return fmt.Errorf("%w: XML", ErrNotImage)
	case pre("\x00\x00\x01\x00"):
		return fmt.Errorf("%w: ICO", ErrUnsupported)
	case pre("\xff\x0a"), pre("\x00\x00\x00\x0cJXL "):
		return fmt.Errorf("%w: JPEG XL", ErrUnsupported)
	case pre("\x00\x00\x00\x0cjP  "):
		return fmt.Errorf("%w: JPEG 2000", ErrUnsupported)
	case pre("8BPS"):
		return fmt.Errorf("%w: Photoshop PSD", ErrUnsupported)
	case isText(h):
		return fmt.Errorf("%w: text file", ErrNotImage)
	}
	return fmt.Errorf("%w: unrecognised format (starts % x)", ErrNotImage, h[:min(len(h), 8)])
}

func printable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			b[i] = '?'
		}
	}
	return string(b)
}

func isText(h []byte) bool {
	for _, c := range h {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return len(h) > 0
}
