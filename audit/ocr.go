package audit

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync/atomic"
	"time"
)

// OCROptions control reading text burned into photos with tesseract.
type OCROptions struct {
	// Disable turns OCR off.
	Disable bool
	// Command is the tesseract binary (default: "tesseract" on PATH).
	Command string
	// Timeout for one image (default 30s).
	Timeout time.Duration
	// Concurrency is the number of tesseract processes at once (default
	// half the workers, at least one).
	Concurrency int
	// MaxBytes skips larger images (default 25 MB).
	MaxBytes int64
}

type ocr struct {
	bin      string
	why      string // why OCR is not run
	sem      chan struct{}
	timeout  time.Duration
	maxBytes int64
	n        atomic.Int64 // images read
	failed   atomic.Int64
}

func newOCR(o OCROptions, workers int) *ocr {
	c := &ocr{timeout: o.Timeout, maxBytes: o.MaxBytes}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	if c.maxBytes <= 0 {
		c.maxBytes = 25 << 20
	}
	if o.Disable {
		c.why = "OCR not run: turned off"
		return c
	}
	cmd := o.Command
	if cmd == "" {
		cmd = "tesseract"
	}
	bin, err := exec.LookPath(cmd)
	if err != nil {
		c.why = "OCR not run: tesseract not installed"
		return c
	}
	c.bin = bin
	n := o.Concurrency
	if n <= 0 {
		n = max(1, workers/2)
	}
	c.sem = make(chan struct{}, n)
	return c
}

func (c *ocr) enabled() bool { return c.bin != "" }

func (c *ocr) done() int { return int(c.n.Load()) }

func (c *ocr) status() string {
	if !c.enabled() {
		return c.why
	}
	s := "OCR run with tesseract on " + itoa(int(c.n.Load())) + " images"
	if f := c.failed.Load(); f > 0 {
		s += " (" + itoa(int(f)) + " could not be read)"
	}
	return s
}

// Image formats tesseract (through leptonica) reads.
var ocrExt = set(".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pnm", ".pgm", ".ppm")

// read runs tesseract on one photo of the export and returns its text.
func (c *ocr) read(ctx context.Context, fsys fs.FS, p string) (string, error) {
	name, err := cleanPath(p)
	if err != nil || !ocrExt[strings.ToLower(path.Ext(name))] {
		return "", err
	}
	st, err := fs.Stat(fsys, name)
	if err != nil || !st.Mode().IsRegular() || st.Size() > c.maxBytes || st.Size() == 0 {
		return "", err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	img, err := io.ReadAll(io.LimitReader(f, c.maxBytes))
	f.Close()
	if err != nil {
		return "", err
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-c.sem }()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.bin, "stdin", "stdout")
	cmd.Stdin = bytes.NewReader(img)
	var out limited
	out.max = 64 << 10
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	// one thread per process: concurrency comes from running several
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	c.n.Add(1)
	if err := cmd.Run(); err != nil {
		c.failed.Add(1)
		return "", err
	}
	return strings.TrimSpace(out.b.String()), nil
}

// limited keeps at most max bytes of what is written to it.
type limited struct {
	b   bytes.Buffer
	max int
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		if len(p) > room {
			l.b.Write(p[:room])
		} else {
			l.b.Write(p)
		}
	}
	return len(p), nil
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
