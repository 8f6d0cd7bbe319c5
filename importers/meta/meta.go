// Package meta holds what the Meta exports (Facebook, Instagram, Threads)
// have in common: the mojibake repair their JSON needs, a streaming JSON
// walker that decodes one array element at a time, tolerant value types,
// media with the exif_data Meta keeps in the JSON, and direct messages.
//
// The walker (Stream) is also used by other JSON exports (TikTok).
package meta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/importers"
)

// Fix repairs Meta's mojibake: the exports write each UTF-8 byte of a
// non-ASCII character as its own \u00XX escape, so "café" arrives as
// "cafÃ©". When every rune of s is below U+0100 and at least one is above
// U+007F, the runes are taken as bytes; the result replaces s only when it
// is valid UTF-8 (a real "café" written as one \u00e9 stays as it is).
func Fix(s string) string {
	high := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return s
		}
		if r > 0xFF {
			return s
		}
		if r >= 0x80 {
			high = true
		}
		i += size
	}
	if !high {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// Str is a string that also accepts a number or a boolean (written as
// text) and ignores any other JSON type; it repairs mojibake.
type Str string

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (s *Str) UnmarshalJSON(b []byte) error {
	*s = ""
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		var v string
		if json.Unmarshal(b, &v) == nil {
			*s = Str(Fix(v))
		}
	case 't', 'f':
		*s = Str(b)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		*s = Str(b)
	}
	return nil
}

// Plain is Str without the mojibake repair, for exports written in proper
// UTF-8 (Mastodon, TikTok).
type Plain string

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (s *Plain) UnmarshalJSON(b []byte) error {
	*s = ""
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		var v string
		if json.Unmarshal(b, &v) == nil {
			*s = Plain(v)
		}
	case 't', 'f', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		*s = Plain(b)
	}
	return nil
}

// Int is an integer that also accepts a float or a numeric string and
// ignores any other JSON type.
type Int int64

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (n *Int) UnmarshalJSON(b []byte) error {
	*n = 0
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, `"`) {
		var v string
		if json.Unmarshal(b, &v) != nil {
			return nil
		}
		s = strings.TrimSpace(v)
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = Int(v)
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && math.Abs(f) < 9e18 {
		*n = Int(f)
	}
	return nil
}

// Float is a number that also accepts a numeric string; Set says whether a
// finite value was present.
type Float struct {
	V   float64
	Set bool
}

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (f *Float) UnmarshalJSON(b []byte) error {
	*f = Float{}
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, `"`) {
		var v string
		if json.Unmarshal(b, &v) != nil {
			return nil
		}
		s = strings.TrimSpace(v)
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		*f = Float{V: v, Set: true}
	}
	return nil
}

// List decodes a JSON array of T, taking a single value (an object, or a
// string for List[Str]) as a one-element list and null as empty; elements of the wrong type are dropped.
type List[T any] []T

// UnmarshalJSON implements json.Unmarshaler and never fails.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	*l = nil
	s := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(s, "["):
		var raws []json.RawMessage
		if json.Unmarshal(b, &raws) != nil {
			return nil
		}
		for _, r := range raws {
			var v T
			if Decode(r, &v) == nil {
				*l = append(*l, v)
			}
		}
	case strings.HasPrefix(s, "{"):
		var v T
		if Decode(b, &v) == nil {
			*l = append(*l, v)
		}
	case s != "" && s != "null":
		var v T
		if json.Unmarshal(b, &v) == nil {
			*l = append(*l, v)
		}
	}
	return nil
}

// Decode unmarshals raw into v, ignoring fields of the wrong type (they stay
// zero); it fails only on a syntax error or when raw is not an object.
func Decode(raw []byte, v any) error {
	err := json.Unmarshal(raw, v)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		return nil
	}
	return err
}

// UnixTime formats Unix seconds as RFC 3339 (UTC); "" for zero or a time
// outside years 1990-2200 (a value in milliseconds is recognised as such).
func UnixTime(sec int64) string {
	if sec <= 0 {
		return ""
	}
	t := time.Unix(sec, 0)
	if t.Year() > 2200 && sec/1000 > 0 {
		t = time.UnixMilli(sec)
	}
	return goodTime(t)
}

// UnixMilli formats Unix milliseconds as RFC 3339 (UTC).
func UnixMilli(ms int64) string {
	if ms <= 0 {
		return ""
	}
	return goodTime(time.UnixMilli(ms))
}

func goodTime(t time.Time) string {
	t = t.UTC()
	if t.Year() < 1990 || t.Year() > 2200 {
		return ""
	}
	return t.Format(time.RFC3339)
}

// ErrStop wraps an error returned by Sink.Item: the import stops with it.
type ErrStop struct{ Err error }

func (e *ErrStop) Error() string { return e.Err.Error() }
func (e *ErrStop) Unwrap() error { return e.Err }

// Stopped reports whether err must end the whole import (a sink error or a
// cancelled context) rather than be reported as a warning about one file.
func Stopped(err error) bool {
	var s *ErrStop
	return errors.As(err, &s) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Emit sends it to the sink; a sink error is wrapped in ErrStop.
func Emit(out importers.Sink, it importers.Item) error {
	if out.Item == nil {
		return nil
	}
	if err := out.Item(it); err != nil {
		return &ErrStop{err}
	}
	return nil
}

// Warn reports a problem with one file.
func Warn(out importers.Sink, file string, format string, args ...any) {
	if out.Warn != nil {
		out.Warn(importers.Warning{File: file, Msg: fmt.Sprintf(format, args...)})
	}
}

// maxDepth bounds how deep Stream follows nested objects looking for arrays.
const maxDepth = 24

// ElemFunc receives one element of a wanted array, with the keys leading to
// the array, and its index.
type ElemFunc func(path []string, i int, raw json.RawMessage) error

// Stream reads one JSON document from r without holding more than one array
// element at a time. Objects are walked key by key; when an array's path
// (the object keys leading to it; the top-level array has an empty path) is
// wanted, each of its elements is decoded as raw JSON and handed to fn,
// otherwise the array is skipped token by token. It returns fn's first
// error, or a syntax error (elements before it have been delivered).
func Stream(ctx context.Context, r io.Reader, want func(path []string) bool, fn ElemFunc) error {
	return Walk(ctx, r, want, nil, fn)
}

// Walk is Stream that also hands fn, with index -1, each whole object whose
// path wantObj accepts (a small object such as a profile; nil: none).
func Walk(ctx context.Context, r io.Reader, want, wantObj func(path []string) bool, fn ElemFunc) error {
	if wantObj == nil {
		wantObj = func([]string) bool { return false }
	}
	w := walker{want: want, wantObj: wantObj, fn: fn}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return errors.New("empty file")
		}
		return err
	}
	return w.walk(ctx, dec, tok, nil)
}

type walker struct {
	want, wantObj func([]string) bool
	fn            ElemFunc
}

func (w *walker) walk(ctx context.Context, dec *json.Decoder, tok json.Token, p []string) error {
	d, ok := tok.(json.Delim)
	if !ok {
		return nil // scalar
	}
	switch d {
	case '{':
		if len(p) >= maxDepth {
			return skipRest(dec)
		}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := kt.(string)
			kp := append(p[:len(p):len(p)], k)
			if w.wantObj(kp) {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return err
				}
				if err := w.fn(kp, -1, raw); err != nil {
					return err
				}
				continue
			}
			vt, err := dec.Token()
			if err != nil {
				return err
			}
			if err := w.walk(ctx, dec, vt, kp); err != nil {
				return err
			}
		}
		_, err := dec.Token() // '}'
		return err
	case '[':
		if !w.want(p) {
			return skipRest(dec)
		}
		for i := 0; dec.More(); i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			if err := w.fn(p, i, raw); err != nil {
				return err
			}
		}
		_, err := dec.Token() // ']'
		return err
	}
	return nil
}

// skipRest consumes tokens up to the end of the array or object just opened.
func skipRest(dec *json.Decoder) error {
	depth := 1
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

// ReadFile streams the file name of fsys through Stream, reporting a missing
// file as nil (absent parts of an export are normal) and any problem with
// the file as a warning. It returns an error only when the import must stop.
func ReadFile(ctx context.Context, fsys fs.FS, name string, out importers.Sink, want func([]string) bool, fn ElemFunc) error {
	return WalkFile(ctx, fsys, name, out, want, nil, fn)
}

// WalkFile is ReadFile through Walk.
func WalkFile(ctx context.Context, fsys fs.FS, name string, out importers.Sink, want, wantObj func([]string) bool, fn ElemFunc) error {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		Warn(out, name, "cannot open: %v", err)
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		Warn(out, name, "is a directory, not a JSON file")
		return nil
	}
	err = Walk(ctx, f, want, wantObj, fn)
	if err == nil {
		return nil
	}
	if Stopped(err) {
		return err
	}
	Warn(out, name, "malformed JSON: %v", err)
	return nil
}

// Exists reports whether name is a regular file in fsys.
func Exists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

// First returns the first of names that exists in fsys, or "".
func First(fsys fs.FS, names ...string) string {
	for _, n := range names {
		if Exists(fsys, n) {
			return n
		}
	}
	return ""
}

// Files lists the regular files directly in dir whose names start with
// prefix and end with suffix, in natural order (part 2 before part 10).
func Files(fsys fs.FS, dir, prefix, suffix string) []string {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, suffix) {
			continue
		}
		out = append(out, path.Join(dir, n))
	}
	sort.Slice(out, func(a, b int) bool { return natLess(out[a], out[b]) })
	return out
}

// natLess compares two names with runs of digits compared as numbers.
func natLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
