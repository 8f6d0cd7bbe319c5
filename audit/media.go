package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// MaxPhotoBytes caps how much of one photo is read into memory when the
// export's file system cannot read at an offset (a zip member). Metadata
// sits near the start of a photo; the rest is reported as truncated.
const MaxPhotoBytes = 32 << 20

// MediaOpener returns an opener for scrubs.Options.OpenMedia that reads
// photos from inside the export. Paths are slash-separated and relative to
// the export's root; a leading "/" or "./" is dropped, and paths that
// leave the export are refused.
func MediaOpener(fsys fs.FS) func(string) (io.ReaderAt, int64, error) {
	return func(p string) (io.ReaderAt, int64, error) {
		name, err := cleanPath(p)
		if err != nil {
			return nil, 0, err
		}
		st, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, 0, openErr(err)
		}
		if st.IsDir() {
			return nil, 0, errors.New("is a directory")
		}
		if !st.Mode().IsRegular() {
			return nil, 0, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, 0, openErr(err)
		}
		size := st.Size()
		if ra, ok := f.(io.ReaderAt); ok {
			return readerAtCloser{ra, f}, size, nil
		}
		defer f.Close()
		limit := size
		if limit > MaxPhotoBytes || limit < 0 {
			limit = MaxPhotoBytes
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, io.LimitReader(f, limit)); err != nil {
			return nil, 0, err
		}
		// size is what the export claims; reads past what is really there
		// are reported as truncated by the metadata reader
		return bytes.NewReader(buf.Bytes()), size, nil
	}
}

type readerAtCloser struct {
	io.ReaderAt
	c io.Closer
}

func (r readerAtCloser) Close() error { return r.c.Close() }

func cleanPath(p string) (string, error) {
	p = strings.ReplaceAll(p, "\\", "/")
	p = strings.TrimLeft(p, "/")
	p = path.Clean(p)
	if p == "." || p == "" {
		return "", errors.New("empty path")
	}
	if !fs.ValidPath(p) {
		return "", errors.New("path outside the export")
	}
	return p, nil
}

func openErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("not in the export")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
