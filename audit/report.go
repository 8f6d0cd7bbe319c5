package audit

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/report"
)

// Formats lists the report formats NewOutput accepts.
func Formats() []string { return []string{"text", "html", "json", "jsonl", "csv", "sarif"} }

// ReportOptions tune the renderers.
type ReportOptions struct {
	// Color enables ANSI colour in the text format.
	Color bool
	// ToolVersion is the scrubs version written into reports.
	ToolVersion string
	// Top is the number of posts the text format lists (default 20).
	Top int
}

// NewOutput returns a renderer of the named format writing to w. Every
// renderer keeps the posts with findings it is given and writes the whole
// report, sorted by time, when it is closed.
func NewOutput(format string, w io.Writer, o ReportOptions) (Output, error) {
	if w == nil {
		return nil, errors.New("audit: nil writer")
	}
	c := &collector{w: bufio.NewWriterSize(w, 64<<10), o: o}
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "text", "":
		c.render = c.text
	case "html":
		c.render = c.html
	case "json":
		c.render = c.json
	case "jsonl":
		c.render = c.jsonl
	case "csv":
		c.render = c.csv
	case "sarif":
		c.render = c.sarif
	default:
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	return c, nil
}

type collector struct {
	w      *bufio.Writer
	o      ReportOptions
	rs     []*Result
	render func(s *Summary) error
	closed bool
}

func (c *collector) Result(r *Result) error {
	if c.closed {
		return errors.New("audit: output closed")
	}
	c.rs = append(c.rs, r)
	return nil
}

func (c *collector) Close(s *Summary) error {
	if c.closed {
		return errors.New("audit: output closed")
	}
	c.closed = true
	SortResults(c.rs)
	if err := c.render(s); err != nil {
		return err
	}
	return c.w.Flush()
}

// SortResults orders results by time (undated last), then platform, post
// ID, source file and text, so that a report does not depend on the order
// in which workers finished.
func SortResults(rs []*Result) {
	type key struct {
		r *Result
		t int64
		z bool
	}
	ks := make([]key, len(rs))
	for i, r := range rs {
		t := r.Created()
		ks[i] = key{r, t.UnixNano(), t.IsZero()}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.z != b.z {
			return !a.z
		}
		if a.t != b.t {
			return a.t < b.t
		}
		ra, rb := a.r, b.r
		if ra.Post.Platform != rb.Post.Platform {
			return ra.Post.Platform < rb.Post.Platform
		}
		if ra.Post.ID != rb.Post.ID {
			return ra.Post.ID < rb.Post.ID
		}
		if ra.Source != rb.Source {
			return ra.Source < rb.Source
		}
		return ra.Post.Text < rb.Post.Text
	})
	for i := range ks {
		rs[i] = ks[i].r
	}
}

// postObject is one post in the json and jsonl formats: the check
// contract (id, verdict, findings) plus where the post comes from.
type postObject struct {
	ID         string          `json:"id"`
	Verdict    model.Verdict   `json:"verdict"`
	Findings   []model.Finding `json:"findings"`
	Platform   string          `json:"platform"`
	URL        string          `json:"url,omitempty"`
	CreatedAt  string          `json:"created_at,omitempty"`
	Kind       string          `json:"kind,omitempty"`
	Visibility string          `json:"visibility,omitempty"`
	Source     string          `json:"source,omitempty"`
	Text       string          `json:"text"`
	ReplyTo    *model.ReplyTo  `json:"reply_to,omitempty"`
	DM         bool            `json:"dm,omitempty"`
	Media      []model.Media   `json:"media,omitempty"`
	ReidScore  float64         `json:"reid_score,omitempty"`
	Warnings   []string        `json:"warnings,omitempty"`
}

func newPostObject(r *Result) postObject {
	return postObject{
		ID: r.Post.ID, Verdict: model.VerdictOf(r.Findings), Findings: r.Findings, Platform: r.Post.Platform,
		URL: r.URL, CreatedAt: r.Post.CreatedAt, Kind: r.Kind, Visibility: r.Visibility, Source: r.Source,
		Text: r.Post.Text, ReplyTo: r.Post.ReplyTo, DM: r.Post.DM, Media: r.Post.Media,
		ReidScore: r.ReidScore, Warnings: r.Warnings,
	}
}

// accountObject is the jsonl line for one platform's account findings.
func accountObjects(s *Summary) []postObject {
	var out []postObject
	idx := map[string]int{}
	for _, af := range s.Account {
		i, ok := idx[af.Platform]
		if !ok {
			i = len(out)
			idx[af.Platform] = i
			out = append(out, postObject{ID: "account:" + af.Platform, Platform: af.Platform, Kind: "account", Findings: []model.Finding{}})
		}
		out[i].Findings = append(out[i].Findings, af.Finding)
	}
	for i := range out {
		out[i].Verdict = model.VerdictOf(out[i].Findings)
	}
	return out
}

func (c *collector) json(s *Summary) error {
	type doc struct {
		Tool    string           `json:"tool"`
		Version string           `json:"version,omitempty"`
		Summary *Summary         `json:"summary"`
		Account []AccountFinding `json:"account"`
	}
	head, err := json.MarshalIndent(doc{Tool: "scrubs audit", Version: c.o.ToolVersion, Summary: s, Account: s.Account}, "", "  ")
	if err != nil {
		return err
	}
	// the posts are written one by one after the summary
	head = head[:len(head)-2] // drop "\n}"
	c.w.Write(head)
	c.w.WriteString(",\n  \"posts\": [")
	for i, r := range c.rs {
		if i > 0 {
			c.w.WriteByte(',')
		}
		b, err := json.MarshalIndent(newPostObject(r), "    ", "  ")
		if err != nil {
			return err
		}
		c.w.WriteString("\n    ")
		c.w.Write(b)
	}
	if len(c.rs) > 0 {
		c.w.WriteString("\n  ")
	}
	_, err = c.w.WriteString("]\n}\n")
	return err
}

func (c *collector) jsonl(s *Summary) error {
	enc := json.NewEncoder(c.w)
	enc.SetEscapeHTML(false)
	for _, r := range c.rs {
		if err := enc.Encode(newPostObject(r)); err != nil {
			return err
		}
	}
	for _, a := range accountObjects(s) {
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return nil
}

var csvHeader = []string{"platform", "post_id", "created_at", "url", "kind", "visibility", "source",
	"rule", "category", "severity", "clause", "field", "photo", "start", "end", "matched_text",
	"message", "fix", "post_text"}

// cell protects a free-text value from being read as a formula by a
// spreadsheet (a leading = + - @ gets a ' in front).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (c *collector) csv(s *Summary) error {
	w := csv.NewWriter(c.w)
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	row := func(r *Result, f *model.Finding, kind string) error {
		var photo, start, end string
		if f.Media != nil {
			photo = strconv.Itoa(*f.Media + 1)
		}
		if a, b, ok := f.Span(); ok {
			start, end = strconv.Itoa(a), strconv.Itoa(b)
		}
		var pl, id, at, url, vis, src, text string
		if r != nil {
			pl, id, at, url, vis, src, text = r.Post.Platform, r.Post.ID, r.Post.CreatedAt, r.URL, r.Visibility, r.Source, r.Post.Text
			kind = r.Kind
		}
		return w.Write([]string{pl, cell(id), at, url, kind, vis, src, f.Rule, f.Category, string(f.Severity),
			f.Clause, f.Field, photo, start, end, cell(f.Text), cell(f.Message), cell(f.Fix), cell(text)})
	}
	for _, r := range c.rs {
		for i := range r.Findings {
			if err := row(r, &r.Findings[i], ""); err != nil {
				return err
			}
		}
	}
	for i := range s.Account {
		af := &s.Account[i]
		r := &Result{Post: model.Post{Platform: af.Platform}, Kind: "account"}
		if err := row(r, &af.Finding, "account"); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func (c *collector) sarif(s *Summary) error {
	rr, err := report.New("sarif", c.w, report.Options{Source: s.Source, ToolVersion: c.o.ToolVersion})
	if err != nil {
		return err
	}
	for _, r := range c.rs {
		p := r.Post
		if p.ID == "" {
			p.ID = r.Source
		} else {
			p.ID = p.Platform + ":" + p.ID
		}
		rep := model.Report{ID: p.ID, Verdict: model.VerdictOf(r.Findings), Findings: r.Findings, ReidScore: r.ReidScore}
		if err := rr.Report(&p, &rep); err != nil {
			return err
		}
	}
	for _, a := range accountObjects(s) {
		p := model.Post{ID: a.ID, Platform: a.Platform}
		rep := model.Report{ID: a.ID, Verdict: a.Verdict, Findings: a.Findings}
		if err := rr.Report(&p, &rep); err != nil {
			return err
		}
	}
	return rr.Close()
}
