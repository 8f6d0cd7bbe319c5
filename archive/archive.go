// Package archive opens a platform export, given as a .zip file or an
// unpacked folder, as a read-only fs.FS that is safe to hand to importers.
//
// A zip is checked from its central directory before anything is read:
// entries with absolute paths, ".." elements, drive letters or backslash
// tricks, symlink entries, encrypted entries and nested zips are skipped
// with a warning; an archive whose declared sizes exceed the total limit,
// that holds too many entries, or that holds an entry compressed more than
// MaxRatio:1 (a zip bomb) is refused outright. While reading, every entry is
// held to its declared size and its per-file limit, and all entries together
// to the total limit, so an archive that lies in its headers fails on the
// first byte past the lie.
//
// A folder is opened through os.Root, so symlinks that lead outside it are
// refused, and files over the per-file limits are refused on open.
package archive

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
)

// Warning is a skipped or refused entry (the importers' Warning type).
type Warning = importers.Warning

// Limits bound what an export may expand to. Zero fields take the defaults.
type Limits struct {
	// MaxTotal is the most uncompressed bytes of all entries together
	// (default 4 GiB).
	MaxTotal int64
	// MaxFile is the most uncompressed bytes of one file that is not an
	// image: JSON, CSV, CAR, video (default 1 GiB).
	MaxFile int64
	// MaxImage is the most uncompressed bytes of one image (default 64 MiB).
	MaxImage int64
	// MaxRatio is the highest compression ratio allowed for an entry larger
	// than RatioFloor (default 100, i.e. 100:1).
	MaxRatio int64
	// RatioFloor is the size from which MaxRatio applies (default 1 MiB).
	RatioFloor int64
	// MaxEntries is the most entries a zip may hold (default 1,000,000).
	MaxEntries int
}

// Defaults for Limits.
const (
	DefaultMaxTotal   = 4 << 30
	DefaultMaxFile    = 1 << 30
	DefaultMaxImage   = 64 << 20
	DefaultMaxRatio   = 100
	DefaultRatioFloor = 1 << 20
	DefaultMaxEntries = 1_000_000
)

// DefaultLimits returns the default limits.
func DefaultLimits() Limits { return Limits{}.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.MaxTotal <= 0 {
		l.MaxTotal = DefaultMaxTotal
	}
	if l.MaxFile <= 0 {
		l.MaxFile = DefaultMaxFile
	}
	if l.MaxImage <= 0 {
		l.MaxImage = DefaultMaxImage
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	if l.RatioFloor <= 0 {
		l.RatioFloor = DefaultRatioFloor
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	return l
}

// FileLimit is the per-file limit that applies to name: MaxImage for
// images, MaxFile for everything else.
func (l Limits) FileLimit(name string) int64 {
	l = l.withDefaults()
	if IsImage(name) {
		return l.MaxImage
	}
	return l.MaxFile
}

// IsImage reports whether name has an image extension.
func IsImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".tif", ".tiff", ".bmp", ".avif":
		return true
	}
	return false
}

// Errors that Open and reads wrap (test with errors.Is).
var (
	// ErrBomb: an entry expands more than MaxRatio:1.
	ErrBomb = errors.New("zip bomb: compression ratio over the limit")
	// ErrTooLarge: sizes over MaxTotal or a per-file limit.
	ErrTooLarge = errors.New("over the size limit")
	// ErrTooManyEntries: more entries than MaxEntries.
	ErrTooManyEntries = errors.New("too many entries")
	// ErrSizeMismatch: an entry expands past the size its header declares.
	ErrSizeMismatch = errors.New("entry expands past its declared size")
	// ErrEscape: a path or link that leads outside the export.
	ErrEscape = errors.New("path leads outside the export")
)

// Warner is implemented by the file systems Open returns.
type Warner interface {
	Warnings() []Warning
}

// Warnings returns the warnings of an FS that Open returned (nil for any
// other FS).
func Warnings(fsys fs.FS) []Warning {
	if w, ok := fsys.(Warner); ok {
		return w.Warnings()
	}
	return nil
}

// Open opens a .zip file or a folder. The Closer releases the file; the FS
// must not be used after Close.
func Open(name string, lim Limits) (fs.FS, io.Closer, error) {
	lim = lim.withDefaults()
	st, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return openDir(name, lim)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	z, err := OpenReader(f, st.Size(), lim)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return z, f, nil
}

// OpenReader opens a zip held in r (size bytes) with the checks of Open.
func OpenReader(r io.ReaderAt, size int64, lim Limits) (fs.FS, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a readable zip: %w", err)
	}
	if zr == nil {
		return nil, fmt.Errorf("not a readable zip: %w", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w: %d entries (limit %d)", ErrTooManyEntries, len(zr.File), lim.MaxEntries)
	}
	z := &zipFS{lim: lim, files: map[string]*zip.File{}, dirs: map[string]map[string]bool{"": {}}}
	var total uint64
	for _, f := range zr.File {
		name, ok := cleanName(f.Name)
		if !ok {
			z.warn(f.Name, "skipped: absolute path or '..' (path traversal)")
			continue
		}
		mode := f.Mode()
		if mode&fs.ModeSymlink != 0 {
			z.warn(name, "skipped: symlink entry")
			continue
		}
		if mode&fs.ModeType&^fs.ModeDir != 0 {
			z.warn(name, "skipped: not a regular file")
			continue
		}
		isDir := mode.IsDir() || strings.HasSuffix(f.Name, "/") || strings.HasSuffix(f.Name, `\`)
		if isDir {
			if name != "" {
				z.addDir(name)
			}
			continue
		}
		if name == "" {
			continue
		}
		if f.Flags&0x1 != 0 {
			z.warn(name, "skipped: encrypted entry")
			continue
		}
		us, cs := f.UncompressedSize64, f.CompressedSize64
		if us > uint64(lim.RatioFloor) && (cs == 0 || us/cs > uint64(lim.MaxRatio)) {
			return nil, fmt.Errorf("%w: %s declares %d bytes from %d compressed", ErrBomb, name, us, cs)
		}
		total += us
		if total > uint64(lim.MaxTotal) || total < us {
			return nil, fmt.Errorf("%w: entries declare more than %d bytes in all", ErrTooLarge, lim.MaxTotal)
		}
		if us > uint64(lim.FileLimit(name)) {
			z.warn(name, fmt.Sprintf("skipped: %d bytes uncompressed, over the per-file limit of %d", us, lim.FileLimit(name)))
			continue
		}
		if _, dup := z.files[name]; dup || z.dirs[name] != nil {
			z.warn(name, "skipped: duplicate entry")
			continue
		}
		if strings.EqualFold(path.Ext(name), ".zip") {
			z.warn(name, "nested zip not opened (unpack it and audit it on its own)")
		}
		z.files[name] = f
		z.addParents(name)
	}
	for name := range z.files {
		if z.dirs[name] != nil {
			z.warn(name, "skipped: a file and a folder share the name")
			delete(z.files, name)
		}
	}
	return z, nil
}

// cleanName turns a zip entry name into an fs.ValidPath name ("" for the
// root), or reports false for names that lead outside the archive.
func cleanName(n string) (string, bool) {
	n = strings.ReplaceAll(n, `\`, "/")
	if strings.HasPrefix(n, "/") || strings.ContainsRune(n, 0) {
		return "", false
	}
	if len(n) >= 2 && n[1] == ':' {
		return "", false // C:/...
	}
	for _, el := range strings.Split(n, "/") {
		if el == ".." {
			return "", false
		}
	}
	c := path.Clean(n)
	if c == "." {
		return "", true
	}
	if !fs.ValidPath(c) {
		return "", false
	}
	return c, true
}

type zipFS struct {
	lim   Limits
	files map[string]*zip.File
	dirs  map[string]map[string]bool // dir -> child names (files and dirs)
	read  atomic.Int64               // bytes decompressed so far, all entries

	mu    sync.Mutex
	warns []Warning
}

func (z *zipFS) warn(file, msg string) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if len(z.warns) < 10000 {
		z.warns = append(z.warns, Warning{File: file, Msg: msg})
	}
}

// Warnings reports skipped entries and limits hit while reading.
func (z *zipFS) Warnings() []Warning {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]Warning(nil), z.warns...)
}

func (z *zipFS) addDir(name string) {
	if z.dirs[name] == nil {
		z.dirs[name] = map[string]bool{}
	}
	z.addParents(name)
}

func (z *zipFS) addParents(name string) {
	for name != "" {
		parent := path.Dir(name)
		if parent == "." {
			parent = ""
		}
		d := z.dirs[parent]
		if d == nil {
			d = map[string]bool{}
			z.dirs[parent] = d
		}
		base := path.Base(name)
		if d[base] {
			return
		}
		d[base] = true
		name = parent
	}
}

func (z *zipFS) key(name, op string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return "", nil
	}
	return name, nil
}

// Open implements fs.FS.
func (z *zipFS) Open(name string) (fs.File, error) {
	k, err := z.key(name, "open")
	if err != nil {
		return nil, err
	}
	if f, ok := z.files[k]; ok {
		rc, err := f.Open()
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		limit := int64(f.UncompressedSize64)
		return &zipFile{z: z, f: f, name: name, rc: rc, limit: limit}, nil
	}
	if _, ok := z.dirs[k]; ok {
		return &zipDir{z: z, name: k}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Stat implements fs.StatFS.
func (z *zipFS) Stat(name string) (fs.FileInfo, error) {
	k, err := z.key(name, "stat")
	if err != nil {
		return nil, err
	}
	if f, ok := z.files[k]; ok {
		return fileInfo{name: path.Base(k), size: int64(f.UncompressedSize64), mod: f.Modified}, nil
	}
	if _, ok := z.dirs[k]; ok {
		return z.dirInfo(k), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (z *zipFS) ReadDir(name string) ([]fs.DirEntry, error) {
	k, err := z.key(name, "readdir")
	if err != nil {
		return nil, err
	}
	if _, ok := z.dirs[k]; !ok {
		if _, isFile := z.files[k]; isFile {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return z.entries(k), nil
}

func (z *zipFS) entries(dir string) []fs.DirEntry {
	kids := z.dirs[dir]
	names := make([]string, 0, len(kids))
	for n := range kids {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		full := n
		if dir != "" {
			full = dir + "/" + n
		}
		if f, ok := z.files[full]; ok {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: n, size: int64(f.UncompressedSize64), mod: f.Modified}))
		} else if _, ok := z.dirs[full]; ok {
			out = append(out, fs.FileInfoToDirEntry(z.dirInfo(full)))
		}
	}
	return out
}

func (z *zipFS) dirInfo(k string) fileInfo {
	n := path.Base(k)
	if k == "" {
		n = "."
	}
	return fileInfo{name: n, dir: true}
}

type fileInfo struct {
	name string
	size int64
	mod  time.Time
	dir  bool
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return i.mod }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

type zipFile struct {
	z     *zipFS
	f     *zip.File
	name  string
	rc    io.ReadCloser
	n     int64
	limit int64
	err   error
}

func (f *zipFile) Stat() (fs.FileInfo, error) {
	return fileInfo{name: path.Base(f.name), size: int64(f.f.UncompressedSize64), mod: f.f.Modified}, nil
}

// Read decompresses, failing once the entry passes its declared size or
// all entries together pass the total limit.
func (f *zipFile) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	// Read up to the declared size, then probe one byte past it to see a
	// lie (archive/zip answers that probe with ErrFormat).
	room := f.limit - f.n
	if room <= 0 {
		room = 1
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := f.rc.Read(p)
	f.n += int64(n)
	if f.n > f.limit || (errors.Is(err, zip.ErrFormat) && f.n >= f.limit && n == 0) {
		f.err = &fs.PathError{Op: "read", Path: f.name, Err: ErrSizeMismatch}
		f.z.warn(f.name, fmt.Sprintf("stopped: expands past its declared %d bytes (zip bomb?)", f.limit))
		return 0, f.err
	}
	if total := f.z.read.Add(int64(n)); total > f.z.lim.MaxTotal {
		f.err = &fs.PathError{Op: "read", Path: f.name, Err: ErrTooLarge}
		f.z.warn(f.name, fmt.Sprintf("stopped: the export expands past the total limit of %d bytes", f.z.lim.MaxTotal))
		return 0, f.err
	}
	if err != nil && err != io.EOF {
		f.err = &fs.PathError{Op: "read", Path: f.name, Err: err}
		return n, f.err
	}
	return n, err
}

func (f *zipFile) Close() error { return f.rc.Close() }

type zipDir struct {
	z    *zipFS
	name string
	list []fs.DirEntry
	read bool
}

func (d *zipDir) Stat() (fs.FileInfo, error) { return d.z.dirInfo(d.name), nil }
func (d *zipDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *zipDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *zipDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		d.list = d.z.entries(d.name)
		d.read = true
	}
	if n <= 0 {
		out := d.list
		d.list = nil
		return out, nil
	}
	if len(d.list) == 0 {
		return nil, io.EOF
	}
	if n > len(d.list) {
		n = len(d.list)
	}
	out := d.list[:n]
	d.list = d.list[n:]
	return out, nil
}
