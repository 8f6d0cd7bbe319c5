package audit

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
)

func (c *collector) style(code, s string) string {
	if !c.o.Color {
		return s
	}
	return code + s + ansiReset
}

func (c *collector) sevStyle(s model.Severity) string {
	code := ansiCyan
	switch s {
	case model.Block:
		code = ansiRed + ansiBold
	case model.Warn:
		code = ansiYel
	}
	return c.style(code, string(s))
}

// clean makes text safe for a terminal on one line: control characters
// (escape sequences included) and line breaks become spaces or escapes.
func clean(s string, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r == utf8.RuneError && w == 1:
			b.WriteRune('\uFFFD')
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
		n++
		if max > 0 && n >= max && i < len(s) {
			b.WriteString("…")
			break
		}
	}
	return b.String()
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format("2006-01-02")
}

// severities in display order.
var sevOrder = []model.Severity{model.Block, model.Warn, model.Info}

func (c *collector) text(s *Summary) error {
	w := c.w
	title := "scrubs audit"
	if s.Source != "" {
		title += " of " + clean(s.Source, 200)
	}
	fmt.Fprintln(w, c.style(ansiBold, title))
	fmt.Fprintf(w, "Platforms: %s\n", strings.Join(s.Platforms, ", "))
	fmt.Fprintf(w, "Posts: %d read, %d audited", s.Posts, s.Audited)
	if !s.First.IsZero() {
		fmt.Fprintf(w, " (%s to %s)", dateOf(s.First), dateOf(s.Last))
	}
	fmt.Fprintln(w)
	if s.Visibility > 0 {
		fmt.Fprintf(w, "Public: %d of %d posts with known visibility (%d%%)\n", s.Public, s.Visibility, pct(s.Public, s.Visibility))
	}
	fmt.Fprintf(w, "Findings: %d on %d posts", s.Findings, s.Flagged)
	var parts []string
	for _, sv := range sevOrder {
		parts = append(parts, fmt.Sprintf("%s %d", c.sevStyle(sv), s.BySeverity[string(sv)]))
	}
	fmt.Fprintf(w, " (%s)\n", strings.Join(parts, ", "))
	if s.BelowSeverity > 0 || s.InBaseline > 0 {
		fmt.Fprintf(w, "Hidden: %d below --min-severity, %d already in the baseline\n", s.BelowSeverity, s.InBaseline)
	}
	fmt.Fprintf(w, "Photos: %d; %s\n", s.Images, s.OCR)

	if s.Findings > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, c.style(ansiBold, fmt.Sprintf("%-24s %6s %6s %6s", "By category", "block", "warn", "info")))
		cats := categoriesOf(s)
		for _, cat := range cats {
			fmt.Fprintf(w, "%-24s %6d %6d %6d\n", cat, countSev(s, cat, model.Block), countSev(s, cat, model.Warn), countSev(s, cat, model.Info))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, c.style(ansiBold, fmt.Sprintf("%-12s %7s %7s %8s %8s %6s %6s %6s", "By platform", "posts", "public", "flagged", "findings", "block", "warn", "info")))
	for _, pl := range platformsOf(s) {
		ps := s.platform(pl)
		fmt.Fprintf(w, "%-12s %7d %7d %8d %8d %6d %6d %6d\n", pl, ps.Posts, ps.Public, ps.Flagged, ps.Findings,
			ps.BySeverity["block"], ps.BySeverity["warn"], ps.BySeverity["info"])
	}
	if len(s.Account) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, c.style(ansiBold, "Account"))
		for _, af := range s.Account {
			fmt.Fprintf(w, "  [%s] %s %s (%s): %s\n", c.sevStyle(af.Severity), af.Platform, af.Category, af.Rule, clean(af.Message, 0))
			if af.Fix != "" {
				fmt.Fprintf(w, "      %s %s\n", c.style(ansiDim, "fix:"), clean(af.Fix, 0))
			}
		}
	}
	if len(c.rs) > 0 {
		top := c.o.Top
		if top <= 0 {
			top = 20
		}
		rs := append([]*Result(nil), c.rs...)
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Worst().Rank() > rs[j].Worst().Rank() })
		if len(rs) > top {
			rs = rs[:top]
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, c.style(ansiBold, fmt.Sprintf("Top findings (%d of %d posts, worst first)", len(rs), len(c.rs))))
		for _, r := range rs {
			head := fmt.Sprintf("%s  %s", dateOf(r.Created()), r.Post.Platform)
			if r.Post.ID != "" {
				head += "  " + clean(r.Post.ID, 40)
			}
			if r.URL != "" {
				head += "  " + clean(r.URL, 200)
			}
			fmt.Fprintf(w, "\n  %s\n", c.style(ansiDim, head))
			fmt.Fprintf(w, "  %q\n", clean(r.Post.Text, 160))
			for _, f := range r.Findings {
				loc := ""
				if f.Text != "" {
					loc = fmt.Sprintf(" %q", clean(f.Text, 60))
				}
				if f.Media != nil {
					loc += fmt.Sprintf(" (photo %d", *f.Media+1)
					if f.Field != "" {
						loc += ", " + f.Field
					}
					loc += ")"
				}
				fmt.Fprintf(w, "    [%s] %s %s%s: %s\n", c.sevStyle(f.Severity), f.Category, f.Rule, loc, clean(f.Message, 0))
			}
		}
	}
	if n := len(s.Warnings) + s.WarningsDropped; n > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, c.style(ansiBold, fmt.Sprintf("Warnings (%d)", n)))
		for i, wn := range s.Warnings {
			if i == 10 {
				fmt.Fprintf(w, "  … %d more (see --format json or html)\n", n-10)
				break
			}
			fmt.Fprintf(w, "  %s: %s\n", clean(wn.File, 200), clean(wn.Msg, 300))
		}
	}
	return nil
}

// categoriesOf lists the categories with findings, in the order of
// categories.md, then any others alphabetically.
func categoriesOf(s *Summary) []string {
	var out []string
	known := map[string]bool{}
	for _, c := range model.Categories {
		known[c] = true
		if s.ByCategory[c] > 0 {
			out = append(out, c)
		}
	}
	var extra []string
	for c, n := range s.ByCategory {
		if !known[c] && n > 0 {
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func countSev(s *Summary, cat string, sev model.Severity) int {
	return s.CategorySeverity[cat][string(sev)]
}

func platformsOf(s *Summary) []string {
	var out []string
	for pl := range s.Platform {
		out = append(out, pl)
	}
	sort.Strings(out)
	return out
}

// Progress draws a one-line progress indicator (posts read, rate) on a
// terminal. Its methods are safe for concurrent use.
type Progress struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	last  time.Time
	n     int
}

// NewProgress writes progress to w (the caller checks it is a terminal).
func NewProgress(w io.Writer) *Progress { return &Progress{w: w, start: time.Now()} }

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// Update reports the number of posts read so far.
func (p *Progress) Update(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(n) / el
	}
	fill := int(el*4) % 20
	bar := strings.Repeat("=", fill) + ">" + strings.Repeat(" ", 19-fill)
	fmt.Fprintf(p.w, "\r%s [%s] %d posts audited (%.0f/s) ", spinner[int(el*10)%len(spinner)], bar, n, rate)
}

// Done clears the line.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
}
