package report

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/scrubs-dev/scrubs/model"
)

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	toolInfoURI  = "https://github.com/scrubs-dev/scrubs"
)

// categoryTitles are the short descriptions of the SARIF rules, one per
// category of spec/categories.md.
var categoryTitles = map[string]string{
	model.PatientPrivacy:        "Patient privacy: information that could identify a patient",
	model.PatientBoundary:       "Patient boundary: care or personal contact with patients through social media",
	model.Credentials:           "Credentials: misrepresented training, title or certification",
	model.ConflictOfInterest:    "Conflict of interest: undisclosed financial interest or sponsorship",
	model.MisleadingClaims:      "Misleading claims: unsubstantiated or false health claims",
	model.Discrimination:        "Discrimination: demeaning content about a protected characteristic",
	model.Disparagement:         "Disparagement: mocking patients or attacking colleagues",
	model.Profanity:             "Profanity: vulgar or obscene language",
	model.SexualContent:         "Sexual content: explicit or suggestive content",
	model.Intoxication:          "Intoxication: impairment or illicit drug use",
	model.PoliticalEndorsement:  "Political endorsement: support for or opposition to a candidate or party",
	model.MissingDisclaimer:     "Missing disclaimer: speaking for an employer without authorisation",
	model.Copyright:             "Copyright: sharing material without the right to",
	model.SelfPrivacy:           "Self privacy: oversharing the author's own sensitive information",
	model.UnprofessionalConduct: "Unprofessional conduct: content that undermines trust in the profession",
}

func categoryTitle(c string) string {
	if t, ok := categoryTitles[c]; ok {
		return t
	}
	if c == "" {
		return "Professionalism finding"
	}
	return c
}

func sarifLevel(s model.Severity) string {
	switch s {
	case model.Block:
		return "error"
	case model.Warn:
		return "warning"
	case model.Info:
		return "note"
	}
	return "none"
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string              `json:"id"`
	ShortDescription sarifMessage        `json:"shortDescription"`
	Properties       sarifRuleProperties `json:"properties"`
}

type sarifRuleProperties struct {
	Category string   `json:"category,omitempty"`
	Clause   string   `json:"clause,omitempty"`
	Tags     []string `json:"tags,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn"`
	EndLine     int           `json:"endLine"`
	EndColumn   int           `json:"endColumn"`
	ByteOffset  int           `json:"byteOffset"`
	ByteLength  int           `json:"byteLength"`
	Snippet     *sarifMessage `json:"snippet,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifResultProperties struct {
	PostID   string         `json:"postId,omitempty"`
	Category string         `json:"category,omitempty"`
	Severity model.Severity `json:"severity,omitempty"`
	Clause   string         `json:"clause,omitempty"`
	Media    *int           `json:"media,omitempty"`
	Field    string         `json:"field,omitempty"`
}

type sarifResult struct {
	RuleID     string                `json:"ruleId"`
	RuleIndex  int                   `json:"ruleIndex"`
	Level      string                `json:"level"`
	Message    sarifMessage          `json:"message"`
	Locations  []sarifLocation       `json:"locations"`
	Properties sarifResultProperties `json:"properties"`
}

type sarifNotification struct {
	Level      string                `json:"level"`
	Message    sarifMessage          `json:"message"`
	Properties sarifResultProperties `json:"properties"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

// sarifRenderer streams results into the one run of a SARIF log and writes
// the tool (with the rules met, in order of first use) and the invocation
// after them, since JSON member order carries no meaning.
type sarifRenderer struct {
	out sink
	// starts and ends find the line and column of the findings' spans
	// (two, as each goes on from the last offset it was asked for)
	starts, ends positioner
	uri          string
	version      string
	started      bool
	n            int
	rules        []sarifRule
	ruleIdx      map[string]int
	notes        []sarifNotification
	failed       bool
	buf          bytes.Buffer
}

func newSARIF(w io.Writer, o Options) *sarifRenderer {
	return &sarifRenderer{
		out:     sink{w: w},
		uri:     sourceURI(o.Source),
		version: o.ToolVersion,
		ruleIdx: map[string]int{},
	}
}

// sourceURI turns a file name into a SARIF artifact URI: a relative
// reference for relative names, a file URI for absolute ones, "stdin" for
// none.
func sourceURI(src string) string {
	if src == "" || src == "-" {
		return "stdin"
	}
	p := filepath.ToSlash(src)
	if len(p) >= 3 && p[1] == ':' && p[2] == '/' && isLetter(p[0]) {
		// A Windows drive path.
		return "file:///" + (&url.URL{Path: p}).EscapedPath()
	}
	esc := (&url.URL{Path: p}).EscapedPath()
	if strings.HasPrefix(p, "/") {
		return "file://" + esc
	}
	return esc
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

const (
	sarifHead = "{\n" +
		"  \"$schema\": \"" + sarifSchema + "\",\n" +
		"  \"version\": \"" + sarifVersion + "\",\n" +
		"  \"runs\": [\n" +
		"    {\n" +
		"      \"columnKind\": \"unicodeCodePoints\",\n" +
		"      \"results\": ["
	resultIndent = "        "
	runIndent    = "      "
)

func (s *sarifRenderer) marshal(v any, prefix string) error {
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1)
	return nil
}

func (s *sarifRenderer) rule(f *model.Finding) (string, int) {
	id := f.Rule
	if id == "" {
		id = f.Category
	}
	if id == "" {
		id = "unknown"
	}
	if i, ok := s.ruleIdx[id]; ok {
		return id, i
	}
	r := sarifRule{
		ID:               id,
		ShortDescription: sarifMessage{Text: categoryTitle(f.Category)},
		Properties:       sarifRuleProperties{Category: f.Category, Clause: f.Clause},
	}
	if f.Category != "" {
		r.Properties.Tags = []string{f.Category}
	}
	s.rules = append(s.rules, r)
	s.ruleIdx[id] = len(s.rules) - 1
	return id, len(s.rules) - 1
}

func (s *sarifRenderer) Report(post *model.Post, r *model.Report) error {
	if err := s.out.usable(); err != nil {
		return err
	}
	if r == nil {
		return errNilReport
	}
	id := reportID(post, r)
	if r.Error != "" {
		s.failed = true
		s.notes = append(s.notes, sarifNotification{Level: "error", Message: sarifMessage{Text: r.Error}, Properties: sarifResultProperties{PostID: id}})
	}
	for _, w := range r.Warnings {
		s.notes = append(s.notes, sarifNotification{Level: "warning", Message: sarifMessage{Text: w}, Properties: sarifResultProperties{PostID: id}})
	}
	s.buf.Reset()
	if !s.started {
		s.buf.WriteString(sarifHead)
		s.started = true
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		ruleID, ruleIndex := s.rule(f)
		msg := f.Message
		if msg == "" {
			msg = categoryTitle(f.Category)
		}
		if f.Fix != "" {
			msg += " Fix: " + f.Fix
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: s.uri}}}
		if a, b, ok := inTextSpan(post, f); ok {
			p, q := s.starts.in(post.Text).at(a), s.ends.in(post.Text).at(b)
			loc.PhysicalLocation.Region = &sarifRegion{
				StartLine: p.Line, StartColumn: p.Col, EndLine: q.Line, EndColumn: q.Col,
				ByteOffset: a, ByteLength: b - a,
				Snippet: &sarifMessage{Text: post.Text[a:b]},
			}
		}
		res := sarifResult{
			RuleID:    ruleID,
			RuleIndex: ruleIndex,
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: msg},
			Locations: []sarifLocation{loc},
			Properties: sarifResultProperties{
				PostID: id, Category: f.Category, Severity: f.Severity,
				Clause: f.Clause, Media: f.Media, Field: f.Field,
			},
		}
		if s.n > 0 {
			s.buf.WriteByte(',')
		}
		s.buf.WriteString("\n" + resultIndent)
		if err := s.marshal(res, resultIndent); err != nil {
			return err
		}
		s.n++
	}
	return s.out.write(s.buf.Bytes())
}

func (s *sarifRenderer) Close() error {
	if s.out.closed {
		return s.out.err
	}
	s.out.closed = true
	if s.out.err != nil {
		return s.out.err
	}
	s.buf.Reset()
	if !s.started {
		s.buf.WriteString(sarifHead)
	}
	if s.n > 0 {
		s.buf.WriteString("\n" + runIndent)
	}
	s.buf.WriteString("],\n" + runIndent + "\"tool\": ")
	rules := s.rules
	if rules == nil {
		rules = []sarifRule{}
	}
	tool := sarifTool{Driver: sarifDriver{Name: "scrubs", Version: s.version, InformationURI: toolInfoURI, Rules: rules}}
	if err := s.marshal(tool, runIndent); err != nil {
		return err
	}
	s.buf.WriteString(",\n" + runIndent + "\"invocations\": ")
	inv := []sarifInvocation{{ExecutionSuccessful: !s.failed, ToolExecutionNotifications: s.notes}}
	if err := s.marshal(inv, runIndent); err != nil {
		return err
	}
	s.buf.WriteString("\n    }\n  ]\n}\n")
	return s.out.write(s.buf.Bytes())
}
