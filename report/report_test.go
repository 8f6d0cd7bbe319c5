package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func ip(n int) *int { return &n }

// finding builds a finding whose span is the first occurrence of sub in text
// (no span when sub is "").
func finding(text, sub string, f model.Finding) model.Finding {
	if sub == "" {
		return f
	}
	i := strings.Index(text, sub)
	if i < 0 {
		panic("test text lacks " + sub)
	}
	f.Start, f.End, f.Text = ip(i), ip(i+len(sub)), sub
	return f
}

type testCase struct {
	post   *model.Post
	report *model.Report
}

const (
	text1 = "Rough night 😩 in the ICU.\nMrs Lopez (bed 4, DOB 03/14/1950) 🎉 coded twice.\nLOL what a frequent flyer"
	text4 = "Best shift ever, straight to the bar 🍺🍺"
	text5 = "Ask me about the miracle cure in my clinic's new supplement line. I can personally guarantee results for every single patient who tries it."
)

// cases are the representative reports every golden file renders.
func cases() []testCase {
	p1 := &model.Post{ID: "p1", Text: text1, Media: []model.Media{{Path: "chart.jpg", Alt: "monitor in bay 4"}}}
	r1 := &model.Report{ID: "p1", Verdict: model.Blocked, ReidScore: 0.83, Findings: []model.Finding{
		finding(text1, "Mrs Lopez", model.Finding{Rule: "phi.patient-name", Category: model.PatientPrivacy, Severity: model.Block, Clause: "AMA-a",
			Message: "Names a patient.", Fix: "Remove the name or use a general description."}),
		finding(text1, "bed 4, DOB", model.Finding{Rule: "phi.location-detail", Category: model.PatientPrivacy, Severity: model.Warn, Clause: "AMA-a",
			Message: "Bed number together with other details can identify a patient."}),
		finding(text1, "DOB 03/14/1950", model.Finding{Rule: "phi.date", Category: model.PatientPrivacy, Severity: model.Block, Clause: "AMA-a",
			Message: "A date of birth is a HIPAA identifier.", Fix: "Remove the date."}),
		{Rule: "phi.photo-chart", Category: model.PatientPrivacy, Severity: model.Block, Clause: "AMA-a", Media: ip(0),
			Message: "The photo appears to show a patient chart.", Fix: "Do not post photos of charts or screens."},
		finding(text1, "frequent flyer", model.Finding{Rule: "slang.frequent-flyer", Category: model.Disparagement, Severity: model.Warn,
			Message: "Derogatory clinical slang about a patient.", Fix: "Describe the situation without labelling the patient."}),
	}}
	p2 := &model.Post{ID: "p2", Text: "Proud of our team for finishing the sepsis quality project. 💪"}
	r2 := &model.Report{ID: "p2", Verdict: model.OK}
	p3 := &model.Post{ID: "p3"}
	r3 := &model.Report{ID: "p3", Error: "line 3: invalid JSON: unexpected end of input"}
	p4 := &model.Post{Text: text4}
	r4 := &model.Report{ID: "p4", Verdict: model.OK, Findings: []model.Finding{
		finding(text4, "🍺🍺", model.Finding{Rule: "alcohol.mention", Category: model.Intoxication, Severity: model.Info,
			Message: "Alcohol without intoxication is fine, but think about who sees it."}),
	}, Warnings: []string{"no author role given"}}
	p5 := &model.Post{ID: "p5", Text: text5, Media: []model.Media{{Path: "a.jpg"}, {Path: "b.jpg", Alt: "before and after photo"}}}
	r5 := &model.Report{ID: "p5", Verdict: model.Blocked, Findings: []model.Finding{
		finding(text5, "miracle cure", model.Finding{Rule: "claims.cure", Category: model.MisleadingClaims, Severity: model.Block,
			Message: "Promises a cure. Claims of guaranteed outcomes mislead patients and are among the clearest reasons boards act on posts.",
			Fix:     "Describe the evidence honestly, with its limits, and do not promise outcomes."}),
		finding("", "", model.Finding{Rule: "coi.undisclosed", Category: model.ConflictOfInterest, Severity: model.Warn,
			Message: "Promotes the author's own product without a disclosure.", Fix: "Add a clear disclosure such as \"I own this product line\"."}),
		{Rule: "claims.before-after", Category: model.MisleadingClaims, Severity: model.Warn, Media: ip(1), Field: "alt",
			Start: ip(0), End: ip(6), Text: "before", Message: "Before/after photo."},
	}}
	return []testCase{{p1, r1}, {p2, r2}, {p3, r3}, {p4, r4}, {p5, r5}}
}

func render(t *testing.T, format string, o Options, cs []testCase) []byte {
	t.Helper()
	var b bytes.Buffer
	r, err := New(format, &b, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if err := r.Report(c.post, c.report); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

var testOptions = Options{Source: "posts.jsonl", ToolVersion: "0.1.0-test", Width: 60}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, format string
		o            Options
	}{
		{"text", "text", testOptions},
		{"text-color", "text", Options{Color: true, Width: 60}},
		{"text-nowrap", "text", Options{Width: 0}},
		{"json", "json", testOptions},
		{"jsonl", "jsonl", testOptions},
		{"sarif", "sarif", testOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render(t, tc.format, tc.o, cases()))
		})
	}
}

func TestGoldenEmpty(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			golden(t, "empty-"+f, render(t, f, Options{}, nil))
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range Formats() {
		a := render(t, f, testOptions, cases())
		b := render(t, f, testOptions, cases())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", f)
		}
	}
}

func TestFormats(t *testing.T) {
	got := Formats()
	want := []string{"text", "json", "jsonl", "sarif"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	got[0] = "mutated"
	if Formats()[0] != "text" {
		t.Error("Formats returns its internal slice")
	}
	_, err := New("xml", &bytes.Buffer{}, Options{})
	if err == nil {
		t.Fatal("New accepted an unknown format")
	}
	for _, f := range want {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not name %q", err, f)
		}
	}
	for _, f := range want {
		if _, err := New(f, &bytes.Buffer{}, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := NewDeid("sarif", &bytes.Buffer{}, Options{}); err == nil {
		t.Error("NewDeid accepted sarif")
	}
}

// checkLine is what the JSONL contract promises for each post.
type checkLine struct {
	ID       *string           `json:"id"`
	Verdict  *string           `json:"verdict"`
	Findings *[]map[string]any `json:"findings"`
	Error    string            `json:"error"`
}

func checkObjects(t *testing.T, objs []json.RawMessage) {
	t.Helper()
	cs := cases()
	if len(objs) != len(cs) {
		t.Fatalf("%d objects for %d posts", len(objs), len(cs))
	}
	for i, raw := range objs {
		var l checkLine
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatalf("object %d: %v", i, err)
		}
		r := cs[i].report
		if l.ID == nil || *l.ID != r.ID {
			t.Errorf("object %d: id %v, want %q", i, l.ID, r.ID)
		}
		if l.Findings == nil || *l.Findings == nil {
			t.Errorf("object %d: findings missing or null: %s", i, raw)
		} else if len(*l.Findings) != len(r.Findings) {
			t.Errorf("object %d: %d findings, want %d", i, len(*l.Findings), len(r.Findings))
		}
		if l.Error != r.Error {
			t.Errorf("object %d: error %q, want %q", i, l.Error, r.Error)
		}
		if r.Error == "" && (l.Verdict == nil || *l.Verdict != string(r.Verdict)) {
			t.Errorf("object %d: verdict %v, want %q", i, l.Verdict, r.Verdict)
		}
		// Findings keep model.Finding's field names and values.
		if len(r.Findings) > 0 {
			var fs struct{ Findings []model.Finding }
			if err := json.Unmarshal(raw, &fs); err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(fs.Findings)
			b, _ := json.Marshal(r.Findings)
			if !bytes.Equal(a, b) {
				t.Errorf("object %d: findings changed:\n%s\n%s", i, a, b)
			}
		}
	}
}

func TestJSONL(t *testing.T) {
	out := render(t, "jsonl", testOptions, cases())
	if !bytes.HasSuffix(out, []byte("\n")) {
		t.Fatal("output does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	var objs []json.RawMessage
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("invalid JSON line: %s", l)
		}
		objs = append(objs, json.RawMessage(l))
	}
	checkObjects(t, objs)
}

func TestJSON(t *testing.T) {
	out := render(t, "json", testOptions, cases())
	var objs []json.RawMessage
	if err := json.Unmarshal(out, &objs); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	checkObjects(t, objs)
	if !bytes.Contains(out, []byte("\n  {\n    \"id\": \"p1\",")) {
		t.Error("JSON output is not indented")
	}
	empty := render(t, "json", Options{}, nil)
	if err := json.Unmarshal(empty, &objs); err != nil || len(objs) != 0 {
		t.Errorf("zero posts: %q (%v)", empty, err)
	}
}

func TestReportIDFromPost(t *testing.T) {
	out := render(t, "jsonl", Options{}, []testCase{{&model.Post{ID: "from-post", Text: "x"}, &model.Report{Verdict: model.OK}}})
	if !strings.HasPrefix(string(out), `{"id":"from-post",`) {
		t.Errorf("id not taken from the post: %s", out)
	}
}

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Properties struct {
						Category string `json:"category"`
						Clause   string `json:"clause"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine, StartColumn, EndLine, EndColumn int
						ByteOffset                                 *int `json:"byteOffset"`
						ByteLength                                 *int `json:"byteLength"`
						Snippet                                    struct {
							Text string `json:"text"`
						} `json:"snippet"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Properties struct {
				PostID string `json:"postId"`
			} `json:"properties"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful *bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func parseSARIF(t *testing.T, out []byte) *sarifLog {
	t.Helper()
	var l sarifLog
	dec := json.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(&l); err != nil {
		t.Fatalf("invalid SARIF JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatal("trailing data after the SARIF log")
	}
	if l.Schema == "" || l.Version != "2.1.0" || len(l.Runs) != 1 {
		t.Fatalf("bad SARIF header: schema %q version %q runs %d", l.Schema, l.Version, len(l.Runs))
	}
	run := l.Runs[0]
	if run.Tool.Driver.Name != "scrubs" {
		t.Errorf("driver name %q", run.Tool.Driver.Name)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil {
		t.Error("missing invocation with executionSuccessful")
	}
	return &l
}

func TestSARIF(t *testing.T) {
	out := render(t, "sarif", testOptions, cases())
	var generic map[string]any
	if err := json.Unmarshal(out, &generic); err != nil {
		t.Fatal(err)
	}
	l := parseSARIF(t, out)
	run := l.Runs[0]
	if run.Tool.Driver.Version != "0.1.0-test" {
		t.Errorf("driver version %q", run.Tool.Driver.Version)
	}
	// One rule per distinct rule ID, each with a description and category.
	seen := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.ShortDescription.Text == "" || r.Properties.Category == "" {
			t.Errorf("rule %s lacks description or category", r.ID)
		}
	}
	var want []model.Finding
	for _, c := range cases() {
		want = append(want, c.report.Findings...)
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	if len(seen) != 9 {
		t.Errorf("%d rules, want 9", len(seen))
	}
	levels := map[model.Severity]string{model.Block: "error", model.Warn: "warning", model.Info: "note"}
	for i, res := range run.Results {
		f := want[i]
		if res.RuleID != f.Rule {
			t.Errorf("result %d: ruleId %q, want %q", i, res.RuleID, f.Rule)
		}
		if res.RuleIndex == nil || run.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex does not point at its rule", i)
		}
		if res.Level != levels[f.Severity] {
			t.Errorf("result %d: level %q for %s", i, res.Level, f.Severity)
		}
		msg := f.Message
		if f.Fix != "" {
			msg += " Fix: " + f.Fix
		}
		if res.Message.Text != msg {
			t.Errorf("result %d: message %q, want %q", i, res.Message.Text, msg)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.ArtifactLocation.URI != "posts.jsonl" {
			t.Fatalf("result %d: locations %+v", i, res.Locations)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		s, e, hasSpan := f.Span()
		textSpan := hasSpan && (f.Field == "" || f.Field == "text")
		if !textSpan {
			if reg != nil {
				t.Errorf("result %d: region for a finding without a text span", i)
			}
			continue
		}
		if reg == nil || reg.ByteOffset == nil || reg.ByteLength == nil {
			t.Fatalf("result %d: no region", i)
		}
		if *reg.ByteOffset != s || *reg.ByteLength != e-s || reg.Snippet.Text != f.Text {
			t.Errorf("result %d: region %+v for span %d-%d %q", i, reg, s, e, f.Text)
		}
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine {
			t.Errorf("result %d: bad region %+v", i, reg)
		}
	}
	inv := run.Invocations[0]
	if *inv.ExecutionSuccessful {
		t.Error("executionSuccessful true despite an error report")
	}
	var gotErr bool
	for _, n := range inv.Notifications {
		if n.Level == "error" && strings.Contains(n.Message.Text, "invalid JSON") {
			gotErr = true
		}
	}
	if !gotErr {
		t.Error("error report not among the notifications")
	}
}

func TestSARIFEmpty(t *testing.T) {
	l := parseSARIF(t, render(t, "sarif", Options{}, nil))
	if l.Runs[0].Results == nil || len(l.Runs[0].Results) != 0 {
		t.Error("results should be an empty array")
	}
	if !*l.Runs[0].Invocations[0].ExecutionSuccessful {
		t.Error("an empty run failed")
	}
	// Posts without findings still give a valid log.
	l = parseSARIF(t, render(t, "sarif", Options{}, []testCase{{&model.Post{Text: "hi"}, &model.Report{Verdict: model.OK}}}))
	if len(l.Runs[0].Results) != 0 || l.Runs[0].Tool.Driver.Rules == nil {
		t.Error("expected no results and an empty rules array")
	}
}

func TestSourceURI(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "stdin",
		"-":                "stdin",
		"posts.jsonl":      "posts.jsonl",
		"my posts/a.jsonl": "my%20posts/a.jsonl",
		"/tmp/x y.jsonl":   "file:///tmp/x%20y.jsonl",
	} {
		if got := sourceURI(in); got != want {
			t.Errorf("sourceURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestColumns checks line and column numbers (code points, 1-based, end
// exclusive) for a multi-line post with emoji, where UTF-16 or byte
// columns would differ.
func TestColumns(t *testing.T) {
	text := "héllo 😀 wörld\r\nab😀cd\nxyz 🎉"
	type want struct{ sl, sc, el, ec int }
	spans := []struct {
		sub string
		w   want
	}{
		{"wörld", want{1, 9, 1, 14}},        // after an emoji: UTF-16 would say 10
		{"cd", want{2, 4, 2, 6}},            // after "ab😀"
		{"😀 wörld\r\nab", want{1, 7, 2, 3}}, // across a CRLF
		{"xyz", want{3, 1, 3, 4}},
		{"🎉", want{3, 5, 3, 6}}, // at the very end
		{"héllo", want{1, 1, 1, 6}},
	}
	post := &model.Post{ID: "c", Text: text}
	r := &model.Report{ID: "c", Verdict: model.Review}
	for _, s := range spans {
		r.Findings = append(r.Findings, finding(text, s.sub, model.Finding{Rule: "r." + s.sub, Category: model.Profanity, Severity: model.Warn, Message: "m"}))
	}
	l := parseSARIF(t, render(t, "sarif", Options{}, []testCase{{post, r}}))
	res := l.Runs[0].Results
	if len(res) != len(spans) {
		t.Fatalf("%d results", len(res))
	}
	for i, s := range spans {
		reg := res[i].Locations[0].PhysicalLocation.Region
		got := want{reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn}
		if got != s.w {
			t.Errorf("%q: got %+v, want %+v", s.sub, got, s.w)
		}
		if reg.Snippet.Text != s.sub {
			t.Errorf("%q: snippet %q", s.sub, reg.Snippet.Text)
		}
	}
	// The text format shows the same start positions.
	out := string(render(t, "text", Options{}, []testCase{{post, r}}))
	for _, s := range spans {
		p := position(text, strings.Index(text, s.sub))
		if p.Line != s.w.sl || p.Col != s.w.sc {
			t.Errorf("position(%q) = %+v", s.sub, p)
		}
	}
	for _, lc := range []string{"at 1:9", "at 2:4", "at 1:7", "at 3:1", "at 3:5", "at 1:1"} {
		if !strings.Contains(out, lc) {
			t.Errorf("text output lacks %q:\n%s", lc, out)
		}
	}
}

func TestPositionEdges(t *testing.T) {
	for _, c := range []struct {
		text string
		off  int
		want pos
	}{
		{"", 0, pos{1, 1}},
		{"abc", 3, pos{1, 4}},
		{"abc", 99, pos{1, 4}},
		{"a\n", 2, pos{2, 1}},
		{"a\r\nb", 1, pos{1, 2}},
		{"a\r\nb", 3, pos{2, 1}},
		{"\xff\xfeab", 2, pos{1, 3}},
	} {
		if got := position(c.text, c.off); got != c.want {
			t.Errorf("position(%q, %d) = %+v, want %+v", c.text, c.off, got, c.want)
		}
	}
}

func TestTextNoColor(t *testing.T) {
	cs := cases()
	// A post that tries to smuggle escape codes into the terminal.
	cs = append(cs, testCase{&model.Post{ID: "evil\x1b[2J", Text: "hi \x1b[31mred\u202e"}, &model.Report{ID: "evil\x1b[2J", Verdict: model.OK}})
	out := string(render(t, "text", Options{Width: 80}, cs))
	if strings.Contains(out, "\x1b") {
		t.Fatalf("colour codes without Color:\n%q", out)
	}
	for _, want := range []string{
		"p1  BLOCK\n",
		"[[Mrs Lopez]]",
		"([[bed 4, DOB 03/14/1950]])", // overlapping spans merge
		"[[frequent flyer]]\n",        // a span at the very end
		"[[🍺🍺]]\n",
		"at photo 1",         // a media finding without span
		"at photo 2 alt 1:1", // a span in a photo's alt text
		"fix: Remove the name",
		"p3  ERROR\n  error: line 3: invalid JSON",
		"p2  OK\n",
		"no findings",
		`hi \x1b[31mred\u202e`,
		"\n9 findings (4 block, 4 warn, 1 info)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// The alt-text span must not be marked in the post text.
	if strings.Contains(out, "[[Ask me") {
		t.Error("alt-text span marked in the post text")
	}
}

func TestTextColor(t *testing.T) {
	out := string(render(t, "text", Options{Color: true}, cases()))
	for _, want := range []string{
		"\x1b[1;31mBLOCK\x1b[0m", // blocked verdict red
		"\x1b[1;32mOK\x1b[0m",    // ok green
		"\x1b[4;31mMrs Lopez\x1b[0m",
		"\x1b[4;33mbed 4, \x1b[0m\x1b[4;31mDOB 03/14/1950\x1b[0m", // overlap: worst severity wins
		"\x1b[4;36m🍺🍺\x1b[0m",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured output lacks %q:\n%q", want, out)
		}
	}
	if strings.Contains(out, "[[") {
		t.Error("bracket markers with colour on")
	}
	review := string(render(t, "text", Options{Color: true}, []testCase{{&model.Post{Text: "x"}, &model.Report{Verdict: model.Review}}}))
	if !strings.Contains(review, "\x1b[1;33mREVIEW") {
		t.Errorf("review not yellow: %q", review)
	}
}

func TestTextWrap(t *testing.T) {
	msgLines := func(out string) []string {
		var ls []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, messageIndent) {
				ls = append(ls, l)
			}
		}
		return ls
	}
	cs := cases()[4:]
	long := cs[0].report.Findings[0].Message
	wrapped := msgLines(string(render(t, "text", Options{Width: 40}, cs)))
	if len(wrapped) < 5 {
		t.Fatalf("expected wrapped lines, got %q", wrapped)
	}
	for _, l := range wrapped {
		if n := utf8.RuneCountInString(l); n > 40 {
			t.Errorf("line of %d > 40: %q", n, l)
		}
	}
	for _, l := range msgLines(string(render(t, "text", Options{Width: 0}, cs))) {
		if strings.HasPrefix(strings.TrimSpace(l), "Promises") && strings.TrimSpace(l) != long {
			t.Errorf("width 0 wrapped the message: %q", l)
		}
	}
	def := string(render(t, "text", Options{Width: -1}, cs))
	for _, l := range msgLines(def) {
		if utf8.RuneCountInString(l) > DefaultWidth {
			t.Errorf("default width exceeded: %q", l)
		}
	}
	if !strings.Contains(def, "\n    fix: ") {
		t.Error("no fix line")
	}
	// The post text is never wrapped.
	if !strings.Contains(string(render(t, "text", Options{Width: 40}, cs)), text5[strings.Index(text5, " in my"):]) {
		t.Error("post text was wrapped")
	}
}

func TestSummaryCounts(t *testing.T) {
	out := string(render(t, "text", Options{}, nil))
	if out != "0 findings (0 block, 0 warn, 0 info)\n" {
		t.Errorf("empty summary %q", out)
	}
	one := string(render(t, "text", Options{}, cases()[3:4]))
	if !strings.HasSuffix(one, "\n1 finding (0 block, 0 warn, 1 info)\n") {
		t.Errorf("summary %q", one)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

func TestWriteErrors(t *testing.T) {
	for _, f := range Formats() {
		w := &failWriter{}
		r, _ := New(f, w, Options{})
		c := cases()[0]
		err1 := r.Report(c.post, c.report)
		err2 := r.Report(c.post, c.report)
		err3 := r.Close()
		if err1 == nil || err2 == nil || err3 == nil {
			t.Errorf("%s: write error lost: %v %v %v", f, err1, err2, err3)
		}
		if w.n != 1 {
			t.Errorf("%s: %d writes after a failure, want 1", f, w.n)
		}
	}
}

func TestUseAfterClose(t *testing.T) {
	for _, f := range Formats() {
		var b bytes.Buffer
		r, _ := New(f, &b, Options{})
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		n := b.Len()
		c := cases()[1]
		if err := r.Report(c.post, c.report); !errors.Is(err, ErrClosed) {
			t.Errorf("%s: Report after Close: %v", f, err)
		}
		if err := r.Close(); err != nil || b.Len() != n {
			t.Errorf("%s: second Close wrote or failed: %v", f, err)
		}
		if err := r.Report(c.post, nil); err == nil {
			t.Errorf("%s: nil report accepted", f)
		}
	}
}

func TestNaNConfidence(t *testing.T) {
	nan := 0.0
	nan = nan / nan
	f := model.Finding{Rule: "x", Category: model.Profanity, Severity: model.Warn, Message: "m", Confidence: nan}
	r := &model.Report{ID: "n", Verdict: model.Review, Findings: []model.Finding{f}, ReidScore: nan}
	for _, format := range []string{"json", "jsonl"} {
		out := render(t, format, Options{}, []testCase{{&model.Post{Text: "x"}, r}})
		if !json.Valid(out) {
			t.Errorf("%s: invalid output %s", format, out)
		}
	}
	if r.Findings[0].Confidence == r.Findings[0].Confidence {
		t.Error("the caller's report was modified")
	}
}

func deids() []*model.Deidentified {
	return []*model.Deidentified{
		{ID: "n1", Text: "Pt seen by [NAME] on [DATE] 🙂", Entities: []model.Entity{
			{Type: "NAME", Start: 11, End: 20, Text: "Dr. Smith"},
			{Type: "DATE", Start: 24, End: 29, Text: "5/3/24", Sub: "date"},
		}},
		{ID: "n2", Text: "nothing to hide"},
		{ID: "n3", Error: "invalid JSON"},
	}
}

func renderDeid(t *testing.T, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	r, err := NewDeid(format, &b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range deids() {
		if err := r.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeid(t *testing.T) {
	for _, f := range DeidFormats() {
		t.Run(f, func(t *testing.T) { golden(t, "deid-"+f, renderDeid(t, f)) })
	}
	if got := string(renderDeid(t, "text")); got != "Pt seen by [NAME] on [DATE] 🙂\nnothing to hide\n" {
		t.Errorf("text: %q", got)
	}
	lines := strings.Split(strings.TrimSuffix(string(renderDeid(t, "jsonl")), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		var o struct {
			ID       string          `json:"id"`
			Text     *string         `json:"text"`
			Entities *[]model.Entity `json:"entities"`
			Error    string          `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatal(err)
		}
		d := deids()[i]
		if o.ID != d.ID || o.Text == nil || *o.Text != d.Text || o.Entities == nil || *o.Entities == nil || len(*o.Entities) != len(d.Entities) || o.Error != d.Error {
			t.Errorf("line %d: %s", i, l)
		}
	}
	var arr []map[string]any
	if err := json.Unmarshal(renderDeid(t, "json"), &arr); err != nil || len(arr) != 3 {
		t.Errorf("json: %v, %d", err, len(arr))
	}
	var b bytes.Buffer
	r, _ := NewDeid("json", &b, Options{})
	r.Close()
	if b.String() != "[]\n" {
		t.Errorf("empty deid json %q", b.String())
	}
}

// TestOverlapWorstSeverity puts the worse finding first so that taking the
// last covering span instead of the worst would show.
func TestOverlapWorstSeverity(t *testing.T) {
	text := "abcdef"
	post := &model.Post{Text: text}
	r := &model.Report{Verdict: model.Blocked, Findings: []model.Finding{
		finding(text, "abcd", model.Finding{Rule: "b", Severity: model.Block, Message: "m"}),
		finding(text, "cdef", model.Finding{Rule: "w", Severity: model.Warn, Message: "m"}),
	}}
	out := string(render(t, "text", Options{Color: true}, []testCase{{post, r}}))
	if want := "\x1b[4;31mabcd\x1b[0m\x1b[4;33mef\x1b[0m"; !strings.Contains(out, want) {
		t.Errorf("got %q, want it to contain %q", out, want)
	}
	out = string(render(t, "text", Options{}, []testCase{{post, r}}))
	if !strings.Contains(out, "> [[abcdef]]\n") {
		t.Errorf("got %q", out)
	}
}

// TestBadSpans feeds spans that split a rune or lie outside the text: no
// panic, valid UTF-8 and JSON, and the split rune marked whole.
func TestBadSpans(t *testing.T) {
	text := "😀ab\nc"
	post := &model.Post{ID: "bad", Text: text}
	r := &model.Report{ID: "bad", Verdict: model.Review, Findings: []model.Finding{
		{Rule: "mid-rune", Severity: model.Warn, Message: "m", Start: ip(1), End: ip(3)},
		{Rule: "past-end", Severity: model.Warn, Message: "m", Start: ip(50), End: ip(60)},
		{Rule: "negative", Severity: model.Warn, Message: "m", Start: ip(-3), End: ip(2)},
		{Rule: "reversed", Severity: model.Warn, Message: "m", Start: ip(6), End: ip(5)},
		{Rule: "overrun", Severity: model.Warn, Message: "m", Start: ip(7), End: ip(99)},
		{Rule: "half", Severity: model.Warn, Message: "m", Start: ip(5), End: nil},
		{Rule: "media-out-of-range", Severity: model.Warn, Message: "m", Media: ip(7), Field: "alt", Start: ip(0), End: ip(1)},
	}}
	for _, f := range Formats() {
		out := render(t, f, Options{}, []testCase{{post, r}})
		if !utf8.Valid(out) {
			t.Errorf("%s: invalid UTF-8: %q", f, out)
		}
		if f != "text" && !json.Valid(out) {
			t.Errorf("%s: invalid JSON", f)
		}
		if f == "text" && !strings.Contains(string(out), "> [[😀]]ab\n  > [[c]]\n") {
			t.Errorf("mid-rune span not widened to the rune:\n%s", out)
		}
	}
}

// A positioner gives position's answers for offsets asked in any order:
// increasing, decreasing, repeated, past the end, and splitting characters
// (which count differently from the start than in two parts).
func TestPositionerIsPosition(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	parts := []string{"a", "b ", "\n", "\r\n", "é", "日本", "\xff", "\xe6\x97", "🩺", "  "}
	var p positioner
	for range 500 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		text := sb.String()
		p.in(text)
		for range 30 {
			off := r.IntN(len(text)+3) - 1
			if r.IntN(3) > 0 && p.off < len(text) {
				off = p.off + r.IntN(len(text)-p.off+1) // mostly forward, as findings come
			}
			if got, want := p.at(off), position(text, off); got != want {
				t.Fatalf("positioner(%q).at(%d) = %+v, position says %+v", text, off, got, want)
			}
		}
	}
}

// A report of many findings on one long line reads the line about once:
// the text renderer's locations and SARIF's regions agree with position.
func TestLocationsOnALongLine(t *testing.T) {
	text := strings.Repeat("Mrs. Lopez é in bed 4 ", 20000)
	post := &model.Post{Text: text}
	var fs []model.Finding
	for i := 0; i < len(text); i += len(text) / 300 {
		a := strings.Index(text[i:], "bed") + i
		fs = append(fs, model.Finding{Rule: "x", Category: "patient-privacy", Severity: "warn", Start: ip(a), End: ip(a + 5)})
	}
	var at positioner
	for i := range fs {
		want := position(text, *fs[i].Start)
		if got := locationLabel(post, &fs[i], &at); got != fmt.Sprintf("%d:%d", want.Line, want.Col) {
			t.Fatalf("finding %d at %s, want %+v", i, got, want)
		}
	}
}
