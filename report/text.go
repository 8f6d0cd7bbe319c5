package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

// ANSI SGR sequences used by the text format.
const (
	ansiReset  = "\x1b[0m"
	codeBold   = "1"
	codeDim    = "2"
	ansiRed    = "31"
	ansiYellow = "33"
	ansiGreen  = "32"
	ansiCyan   = "36"
)

const (
	textIndent    = "  "   // finding headers and notes
	quoteIndent   = "  > " // every line of the post text
	messageIndent = "    " // message and fix lines
)

func severityColor(s model.Severity) string {
	switch s {
	case model.Block:
		return ansiRed
	case model.Warn:
		return ansiYellow
	case model.Info:
		return ansiCyan
	}
	return ""
}

func verdictColor(v model.Verdict) string {
	switch v {
	case model.OK:
		return ansiGreen
	case model.Review:
		return ansiYellow
	case model.Blocked:
		return ansiRed
	}
	return ansiRed // an error or an unknown verdict
}

// textRenderer writes a human report for a terminal.
type textRenderer struct {
	out   sink
	opts  Options
	color bool
	width int
	n     int // posts written
	total int
	count map[model.Severity]int
	buf   bytes.Buffer
	at    positioner // of the findings' spans (see locationLabel)
}

func newText(w io.Writer, o Options) *textRenderer {
	width := o.Width
	if width < 0 {
		width = DefaultWidth
	}
	return &textRenderer{out: sink{w: w}, opts: o, color: o.Color, width: width, count: map[model.Severity]int{}}
}

// style wraps s in the SGR sequence for code when colour is on.
func (t *textRenderer) style(code, s string) string {
	if !t.color || code == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + ansiReset
}

func (t *textRenderer) Report(post *model.Post, r *model.Report) error {
	if err := t.out.usable(); err != nil {
		return err
	}
	if r == nil {
		return errNilReport
	}
	b := &t.buf
	b.Reset()
	if t.n > 0 {
		b.WriteByte('\n')
	}
	t.n++

	// Header: id and verdict.
	if id := reportID(post, r); id != "" {
		b.WriteString(t.style(codeBold, oneLine(id)))
		b.WriteString("  ")
	}
	v := verdictOf(r)
	label := strings.ToUpper(string(v))
	if label == "" {
		label = "ERROR"
	}
	b.WriteString(t.style(codeBold+";"+verdictColor(v), label))
	b.WriteByte('\n')
	if r.Error != "" {
		t.wrapped(b, t.style(codeBold+";"+ansiRed, "error:")+" ", len("error: "), r.Error, textIndent)
	}

	// The post text with the findings' spans marked.
	if post != nil && post.Text != "" {
		t.writeMarked(b, post, r.Findings)
	}

	// The findings.
	if len(r.Findings) == 0 && r.Error == "" {
		b.WriteString(textIndent + t.style(codeDim, "no findings") + "\n")
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		t.total++
		t.count[f.Severity]++
		t.writeFinding(b, post, f)
	}
	if r.ReidScore > 0 {
		fmt.Fprintf(b, "%sre-identification risk %s\n", textIndent, strconv.FormatFloat(finite(r.ReidScore), 'f', 2, 64))
	}
	for _, w := range r.Warnings {
		t.wrapped(b, t.style(codeDim, "warning:")+" ", len("warning: "), w, textIndent)
	}
	for _, f := range r.Suppressed {
		t.wrapped(b, t.style(codeDim, "silenced:")+" ", len("silenced: "), fmt.Sprintf("%s %q (%s)", f.Rule, f.Text, f.SuppressedBy), textIndent)
	}
	return t.out.write(b.Bytes())
}

// writeFinding writes the badge line, the wrapped message and the fix.
func (t *textRenderer) writeFinding(b *bytes.Buffer, post *model.Post, f *model.Finding) {
	badge := strings.ToUpper(string(f.Severity))
	if badge == "" {
		badge = "?"
	}
	pad := strings.Repeat(" ", max(0, 5-len(badge)))
	b.WriteString(textIndent)
	b.WriteString(t.style(codeBold+";"+severityColor(f.Severity), badge))
	b.WriteString(pad)
	parts := []string{}
	for _, s := range []string{f.Category, f.Rule, f.Clause} {
		if s != "" {
			parts = append(parts, oneLine(s))
		}
	}
	if loc := locationLabel(post, f, &t.at); loc != "" {
		// in a file, file:line:col so that editors and terminals can jump there
		if src := t.opts.Source; t.opts.FileLocations && src != "" && src != "-" && f.Media == nil && (f.Field == "" || f.Field == "text") {
			loc = src + ":" + loc
		}
		parts = append(parts, t.style(codeDim, "at "+loc))
	}
	if len(parts) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(parts, "  "))
	}
	b.WriteByte('\n')
	if f.Message != "" {
		t.wrapped(b, "", 0, f.Message, messageIndent)
	}
	if f.Fix != "" {
		t.wrapped(b, t.style(ansiGreen, "fix:")+" ", len("fix: "), f.Fix, messageIndent)
	}
}

// locationLabel says where a finding is: "line:col" of its span in the post
// text, "photo N" (with "alt line:col" or "exif") for a photo, "bio
// line:col" for the author's bio. "" for a finding about the whole post.
func locationLabel(post *model.Post, f *model.Finding, at *positioner) string {
	var parts []string
	if f.Media != nil {
		parts = append(parts, mediaLabel(*f.Media))
	}
	field := f.Field
	if field != "" && field != "text" {
		parts = append(parts, oneLine(field))
	}
	if s, _, ok := f.Span(); ok {
		if src, ok := spanText(post, f); ok && s >= 0 && s <= len(src) {
			p := at.in(src).at(s)
			parts = append(parts, fmt.Sprintf("%d:%d", p.Line, p.Col))
		}
	}
	return strings.Join(parts, " ")
}

// wrapped writes lead followed by text, wrapped at the renderer's width
// with every line indented by indent; continuation lines are further
// indented by leadWidth so they line up under the text. leadWidth is the
// visible width of lead (which may carry escape codes).
func (t *textRenderer) wrapped(b *bytes.Buffer, lead string, leadWidth int, text, indent string) {
	words := strings.Fields(sanitize(text, false))
	b.WriteString(indent)
	b.WriteString(lead)
	col := len(indent) + leadWidth
	hang := indent + strings.Repeat(" ", leadWidth)
	first := true
	for _, w := range words {
		wl := utf8.RuneCountInString(w)
		if !first {
			if t.width > 0 && col+1+wl > t.width {
				b.WriteByte('\n')
				b.WriteString(hang)
				col = len(hang)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += wl
		first = false
	}
	b.WriteByte('\n')
}

// segment is a run of post text with the highest severity marking it
// (rank 0: unmarked).
type segment struct {
	start, end int
	rank       int
}

// markSegments splits text into marked and unmarked runs. Without colour,
// overlapping spans merge into one marked run; with colour, a run's rank is
// the highest severity covering it so that overlaps show the worst.
// Span ends are moved outwards to rune boundaries; empty spans mark nothing.
func markSegments(text string, fs []model.Finding, post *model.Post, byRank bool) []segment {
	type span struct{ s, e, rank int }
	var spans []span
	for i := range fs {
		s, e, ok := inTextSpan(post, &fs[i])
		if !ok || e <= s {
			continue
		}
		for s > 0 && !utf8.RuneStart(text[s]) {
			s--
		}
		for e < len(text) && !utf8.RuneStart(text[e]) {
			e++
		}
		rank := fs[i].Severity.Rank()
		if rank == 0 {
			rank = 1
		}
		spans = append(spans, span{s, e, rank})
	}
	var out []segment
	add := func(s, e, rank int) {
		if e <= s {
			return
		}
		if n := len(out); n > 0 && out[n-1].end == s && out[n-1].rank == rank && (rank == 0 || byRank) {
			out[n-1].end = e
			return
		}
		out = append(out, segment{s, e, rank})
	}
	if !byRank {
		sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
		pos := 0
		for i := 0; i < len(spans); {
			s, e := spans[i].s, spans[i].e
			i++
			for i < len(spans) && spans[i].s < e {
				e = max(e, spans[i].e)
				i++
			}
			add(pos, s, 0)
			add(s, e, 1)
			pos = e
		}
		add(pos, len(text), 0)
		return out
	}
	cuts := []int{0, len(text)}
	for _, sp := range spans {
		cuts = append(cuts, sp.s, sp.e)
	}
	sort.Ints(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		a, z := cuts[i], cuts[i+1]
		if a == z {
			continue
		}
		rank := 0
		for _, sp := range spans {
			if sp.s <= a && z <= sp.e {
				rank = max(rank, sp.rank)
			}
		}
		add(a, z, rank)
	}
	return out
}

var rankSeverity = [...]model.Severity{0: "", 1: model.Info, 2: model.Warn, 3: model.Block}

// writeMarked writes the post text indented, with the spans marked: [[so]]
// without colour, underlined in the severity's colour with it.
func (t *textRenderer) writeMarked(b *bytes.Buffer, post *model.Post, fs []model.Finding) {
	text := post.Text
	b.WriteString(quoteIndent)
	for _, sg := range markSegments(text, fs, post, t.color) {
		body := sanitize(text[sg.start:sg.end], true)
		switch {
		case sg.rank == 0:
			b.WriteString(strings.ReplaceAll(body, "\n", "\n"+quoteIndent))
		case t.color:
			open := "\x1b[4;" + severityColor(rankSeverity[sg.rank]) + "m"
			b.WriteString(open)
			b.WriteString(strings.ReplaceAll(body, "\n", ansiReset+"\n"+quoteIndent+open))
			b.WriteString(ansiReset)
		default:
			b.WriteString("[[")
			b.WriteString(strings.ReplaceAll(body, "\n", "\n"+quoteIndent))
			b.WriteString("]]")
		}
	}
	b.WriteByte('\n')
}

// sanitize makes s safe to print on a terminal: control characters other
// than tab (and newline when keepNewlines) and bidirectional overrides are
// shown as escapes, invalid UTF-8 as U+FFFD, and a "\r" before "\n" is
// dropped.
func sanitize(s string, keepNewlines bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || needsEscape(r) || r == '\r' || r == '\n' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n':
			if keepNewlines {
				b.WriteByte('\n')
			} else {
				b.WriteString(`\n`)
			}
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n' && keepNewlines:
		case r == utf8.RuneError:
			b.WriteRune(utf8.RuneError)
		case r == '\r' || needsEscape(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// oneLine is sanitize for text that must stay on one line.
func oneLine(s string) string { return sanitize(s, false) }

func (t *textRenderer) Close() error {
	if t.out.closed {
		return t.out.err
	}
	t.out.closed = true
	if t.out.err != nil {
		return t.out.err
	}
	var b bytes.Buffer
	if t.n > 0 {
		b.WriteByte('\n')
	}
	noun := "findings"
	if t.total == 1 {
		noun = "finding"
	}
	fmt.Fprintf(&b, "%d %s (%s block, %s warn, %s info)\n", t.total, noun,
		t.countStyled(model.Block), t.countStyled(model.Warn), t.countStyled(model.Info))
	return t.out.write(b.Bytes())
}

func (t *textRenderer) countStyled(s model.Severity) string {
	n := t.count[s]
	if n == 0 {
		return "0"
	}
	return t.style(severityColor(s), strconv.Itoa(n))
}
