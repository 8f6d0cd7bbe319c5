// Package report renders check and de-identification results. Every format
// sits behind one interface and is written as the results arrive, one post
// at a time; only what a format cannot know before the end (the SARIF rule
// table, the text summary) is kept until Close.
//
// Renderers are not safe for concurrent use.
package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

// Renderer writes check reports in one format.
type Renderer interface {
	// Report writes one checked post. post may carry an ID; r.ID is set.
	// It must not keep post or r (callers reuse them).
	Report(post *model.Post, r *model.Report) error
	// Close finishes the document (closing brackets, SARIF run object) and flushes.
	Close() error
}

// DeidRenderer writes de-identification results in one format.
type DeidRenderer interface {
	// Write writes one de-identified text. It must not keep d (callers
	// reuse it).
	Write(d *model.Deidentified) error
	// Close finishes the document and flushes.
	Close() error
}

// Options tune the renderers. The zero value is usable.
type Options struct {
	// Color enables ANSI colour in the text format. No escape codes are
	// written when it is false.
	Color bool
	// Source is the file the posts came from, for locations; "" means
	// standard input or a command-line argument.
	Source string
	// ToolVersion is the scrubs version written into SARIF.
	ToolVersion string
	// Width is the column at which the text format wraps message and fix
	// lines (the post text itself is never wrapped). 0 means no wrapping;
	// a negative value means DefaultWidth. Callers such as the CLI should
	// default their flag to DefaultWidth.
	Width int
	// FileLocations prefixes text-format locations with Source
	// ("draft.md:3:14") when the post is the whole file.
	FileLocations bool
}

// DefaultWidth is the wrap width used when Options.Width is negative.
const DefaultWidth = 80

var formats = []string{"text", "json", "jsonl", "sarif"}

var deidFormats = []string{"text", "json", "jsonl"}

// Formats lists the formats New accepts.
func Formats() []string { return append([]string(nil), formats...) }

// DeidFormats lists the formats NewDeid accepts.
func DeidFormats() []string { return append([]string(nil), deidFormats...) }

var errNilReport = errors.New("report: nil result")

// ErrClosed is returned by Report or Write after Close.
var ErrClosed = errors.New("report: renderer is closed")

// New returns a renderer of the named format writing to w.
func New(format string, w io.Writer, o Options) (Renderer, error) {
	if w == nil {
		return nil, errors.New("report: nil writer")
	}
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "text":
		return newText(w, o), nil
	case "json":
		return &jsonRenderer{out: sink{w: w}, indent: true}, nil
	case "jsonl":
		return &jsonRenderer{out: sink{w: w}}, nil
	case "sarif":
		return newSARIF(w, o), nil
	}
	return nil, fmt.Errorf("report: unknown format %q (valid: %s)", format, strings.Join(formats, ", "))
}

// NewDeid returns a renderer for `scrubs deid` results.
func NewDeid(format string, w io.Writer, o Options) (DeidRenderer, error) {
	if w == nil {
		return nil, errors.New("report: nil writer")
	}
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "text":
		return &deidText{out: sink{w: w}}, nil
	case "json":
		return &deidJSON{jsonRenderer{out: sink{w: w}, indent: true}}, nil
	case "jsonl":
		return &deidJSON{jsonRenderer{out: sink{w: w}}}, nil
	}
	return nil, fmt.Errorf("report: unknown deid format %q (valid: %s)", format, strings.Join(deidFormats, ", "))
}

// sink wraps the output writer and keeps the first write error, so that a
// broken pipe is reported once and every later call fails the same way.
type sink struct {
	w      io.Writer
	err    error
	closed bool
}

func (s *sink) write(b []byte) error {
	if s.err != nil {
		return s.err
	}
	if len(b) == 0 {
		return nil
	}
	n, err := s.w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err != nil {
		s.err = err
	}
	return err
}

// usable reports the error a Report/Write call must return before doing
// anything: a previous write error or ErrClosed.
func (s *sink) usable() error {
	if s.closed {
		return ErrClosed
	}
	return s.err
}

// reportID is the ID of a report: r.ID, or the post's when r has none.
func reportID(post *model.Post, r *model.Report) string {
	if r != nil && r.ID != "" {
		return r.ID
	}
	if post != nil {
		return post.ID
	}
	return ""
}

// verdictOf is the verdict to show: the report's own, or the one its
// findings imply when it has none (and no error).
func verdictOf(r *model.Report) model.Verdict {
	if r.Verdict != "" || r.Error != "" {
		return r.Verdict
	}
	return model.VerdictOf(r.Findings)
}

// finite replaces NaN and infinities, which JSON cannot hold, by 0.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// spanText returns the text a finding's span points into, chosen by its
// Field: the post text by default, a photo's alt text, or the author bio.
// ok is false when there is no such text (EXIF, a missing photo).
func spanText(post *model.Post, f *model.Finding) (string, bool) {
	if post == nil {
		return "", false
	}
	switch f.Field {
	case "", "text":
		return post.Text, true
	case "alt":
		if f.Media != nil && *f.Media >= 0 && *f.Media < len(post.Media) {
			return post.Media[*f.Media].Alt, true
		}
	case "bio":
		return post.Author.Bio, true
	}
	return "", false
}

// inTextSpan returns the finding's span clamped to text when it has one and
// the span is about the post text itself.
func inTextSpan(post *model.Post, f *model.Finding) (start, end int, ok bool) {
	if f.Field != "" && f.Field != "text" {
		return 0, 0, false
	}
	s, e, has := f.Span()
	if !has || post == nil {
		return 0, 0, false
	}
	return clampSpan(post.Text, s, e)
}

// clampSpan limits [s,e) to the bounds of text. ok is false when the span
// lies entirely outside it.
func clampSpan(text string, s, e int) (int, int, bool) {
	if s < 0 {
		s = 0
	}
	if s > len(text) {
		return 0, 0, false
	}
	if e > len(text) {
		e = len(text)
	}
	if e < s {
		e = s
	}
	return s, e, true
}

// pos is a 1-based line and column; columns count Unicode code points.
type pos struct{ Line, Col int }

// position converts a byte offset of text to a line and column. Lines end at
// "\n" (a preceding "\r" belongs to the terminator), which is SARIF's
// default newLineSequences; columns count code points, invalid bytes one
// each. The column of an offset just past a line's end is the line length
// plus one.
func position(text string, off int) pos {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if text[i] == '\n' {
			line++
			start = i + 1
		}
	}
	seg := text[start:off]
	// An offset between "\r" and "\n" still points into the line; a "\r"
	// that ends the segment is counted like any other character.
	return pos{Line: line, Col: utf8.RuneCountInString(seg) + 1}
}

// positioner is position for many offsets of one text: it goes on from
// the offset it was last asked for when the next is not before it, so that
// a report of many findings in text order reads a long text about once,
// where position reads it from the start for each (a 9 MB one-line text
// with thousands of findings took minutes). Its results are position's.
type positioner struct {
	text string
	// off is the last offset asked for, line its line, start the offset
	// where that line starts and col the code points in text[start:off]
	off, line, start, col int
}

// at is position(p.text, off), for the text p last read (see in).
func (p *positioner) at(off int) pos {
	off = min(max(off, 0), len(p.text))
	if off < p.off || p.line == 0 || p.off < len(p.text) && !utf8.RuneStart(p.text[p.off]) {
		// before the last offset, or the last one split a character
		// (which counts differently in two parts): from the start
		p.off, p.line, p.start, p.col = 0, 1, 0, 0
	}
	for p.off < off {
		i := strings.IndexByte(p.text[p.off:off], '\n')
		if i < 0 {
			p.col += utf8.RuneCountInString(p.text[p.off:off])
			p.off = off
			break
		}
		p.off += i + 1
		p.line, p.start, p.col = p.line+1, p.off, 0
	}
	return pos{Line: p.line, Col: p.col + 1}
}

// in makes p read text, keeping what it knows when it read the same text
// last.
func (p *positioner) in(text string) *positioner {
	if text != p.text {
		*p = positioner{text: text}
	}
	return p
}

// mediaLabel names a photo for people: index 0 is "photo 1".
func mediaLabel(i int) string { return fmt.Sprintf("photo %d", i+1) }
