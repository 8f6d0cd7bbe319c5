package archive

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
)

// openDir opens a folder through os.Root: symlinks are followed only while
// they stay inside it, and files over their per-file limit are refused.
func openDir(name string, lim Limits) (fs.FS, io.Closer, error) {
	root, err := os.OpenRoot(name)
	if err != nil {
		return nil, nil, err
	}
	d := &dirFS{root: root, fsys: root.FS(), lim: lim}
	return d, root, nil
}

type dirFS struct {
	root *os.Root
	fsys fs.FS
	lim  Limits

	mu    sync.Mutex
	warns []Warning
}

func (d *dirFS) warn(file, msg string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.warns) < 10000 {
		d.warns = append(d.warns, Warning{File: file, Msg: msg})
	}
}

// Warnings reports files refused for their size or for links that leave
// the folder.
func (d *dirFS) Warnings() []Warning {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Warning(nil), d.warns...)
}

func (d *dirFS) wrap(op, name string, err error) error {
	var pe *fs.PathError
	if err != nil && !errors.Is(err, fs.ErrNotExist) && errors.As(err, &pe) && isEscape(err) {
		d.warn(name, "refused: a link that leads outside the folder")
		return &fs.PathError{Op: op, Path: name, Err: ErrEscape}
	}
	return err
}

// isEscape recognises os.Root's refusal of paths that leave the root.
func isEscape(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e.Error() == "path escapes from parent" {
			return true
		}
	}
	return false
}

// Open implements fs.FS.
func (d *dirFS) Open(name string) (fs.File, error) {
	f, err := d.fsys.Open(name)
	if err != nil {
		return nil, d.wrap("open", name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			f.Close()
			d.warn(name, "refused: not a regular file")
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
		}
		if lim := d.lim.FileLimit(name); st.Size() > lim {
			f.Close()
			d.warn(name, fmt.Sprintf("refused: %d bytes, over the per-file limit of %d", st.Size(), lim))
			return nil, &fs.PathError{Op: "open", Path: name, Err: ErrTooLarge}
		}
		return &limitedFile{File: f, name: name, left: d.lim.FileLimit(name)}, nil
	}
	return f, nil
}

// Stat implements fs.StatFS.
func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(d.fsys, name)
	return st, d.wrap("stat", name, err)
}

// ReadDir implements fs.ReadDirFS.
func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(d.fsys, name)
	return es, d.wrap("readdir", name, err)
}

// limitedFile holds a file that grows while being read to its limit.
type limitedFile struct {
	fs.File
	name string
	left int64
}

func (f *limitedFile) Read(p []byte) (int, error) {
	// Read at most one byte past the limit, to see a file that grew.
	if int64(len(p)) > f.left+1 {
		p = p[:f.left+1]
	}
	n, err := f.File.Read(p)
	if int64(n) > f.left {
		f.left = -1
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: ErrTooLarge}
	}
	f.left -= int64(n)
	return n, err
}
