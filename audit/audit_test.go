package audit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

// fakeImporter serves fixed posts from any fs holding fake/posts.txt.
type fakeImporter struct{}

func (fakeImporter) Platform() string { return "fake" }

func (fakeImporter) Detect(fsys fs.FS) bool {
	_, err := fs.Stat(fsys, "fake/posts.txt")
	return err == nil
}

func f64(x float64) *float64 { return &x }

// fakeItems are the posts of the fake export, with what each must give.
func fakeItems() []importers.Item {
	return []importers.Item{
		{Post: model.Post{ID: "1", Text: "My patient John Smith in room 12 was discharged", CreatedAt: "2021-03-04T10:00:00Z"},
			Kind: "post", URL: "https://fake.example/p/1", Visibility: "public", Source: "fake/posts.txt"},
		{Post: model.Post{ID: "2", Text: "Great talk on sepsis bundles at the conference today", CreatedAt: "2021-05-01T09:00:00Z"},
			Kind: "post", URL: "https://fake.example/p/2", Visibility: "public", Source: "fake/posts.txt"},
		{Post: model.Post{ID: "3", Text: "on the way in", CreatedAt: "2022-01-10T07:00:00Z", Media: []model.Media{{Path: "fake/media/gps.jpg"}}},
			Kind: "post", URL: "javascript:alert(1)", Visibility: "followers", Source: "fake/posts.txt"},
		{Post: model.Post{ID: "4", Text: "sunset from the roof", CreatedAt: "2022-06-10T20:00:00Z", Media: []model.Media{{Path: "fake/media/missing.jpg"}}},
			Kind: "post", Visibility: "friends", Source: "fake/posts.txt",
			MediaMeta: []importers.MediaMeta{{Lat: f64(41.88), Lon: f64(-87.62), UploadIP: "203.0.113.7"}}},
		{Post: model.Post{ID: "5", Text: "throwback: my first patient Mary Okafor in bed 7, discharged home today", CreatedAt: "2015-02-02T12:00:00Z"},
			Kind: "post", Visibility: "public", Source: "fake/posts.txt"},
		{Post: model.Post{ID: "6", Text: "no date on this one", CreatedAt: ""}, Kind: "post", Source: "fake/posts.txt"},
	}
}

func (fakeImporter) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	out.Profile(importers.Profile{Handle: "jdoe", DisplayName: "Jane Doe", Bio: "Physician at Mercy Hospital. Views my own.", Public: nil})
	out.Warn(importers.Warning{File: "fake/broken.json", Msg: "not JSON"})
	for _, it := range fakeItems() {
		if err := out.Item(it); err != nil {
			return err
		}
	}
	return nil
}

func init() { importers.Register(fakeImporter{}) }

var (
	engOnce sync.Once
	eng     *scrubs.Engine
	fsys    fstest.MapFS
)

func testEngine(t testing.TB) (*scrubs.Engine, fs.FS) {
	t.Helper()
	engOnce.Do(func() {
		jpg, err := os.ReadFile("testdata/gps.jpg")
		if err != nil {
			panic(err)
		}
		fsys = fstest.MapFS{
			"fake/posts.txt":     {Data: []byte("x")},
			"fake/media/gps.jpg": {Data: jpg},
		}
		eng, err = scrubs.New(scrubs.Options{OpenMedia: MediaOpener(fsys)})
		if err != nil {
			panic(err)
		}
	})
	return eng, fsys
}

func noOCR(o Options) Options { o.OCR.Disable = true; return o }

func runFormat(t *testing.T, format string, opt Options) ([]byte, *Summary) {
	t.Helper()
	e, f := testEngine(t)
	var buf bytes.Buffer
	out, err := NewOutput(format, &buf, ReportOptions{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Run(context.Background(), f, e, noOCR(opt), out)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), s
}

func ruleCounts(fs []model.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule]++
	}
	return m
}

func TestSummaryCounts(t *testing.T) {
	out, s := runFormat(t, "json", Options{Platforms: []string{"fake"}})
	if s.Posts != 6 || s.Audited != 6 {
		t.Errorf("posts %d audited %d, want 6 and 6", s.Posts, s.Audited)
	}
	if s.Visibility != 5 || s.Public != 3 {
		t.Errorf("visibility known %d public %d, want 5 and 3", s.Visibility, s.Public)
	}
	if s.Images != 2 {
		t.Errorf("images %d, want 2", s.Images)
	}
	if s.OCR != "OCR not run: turned off" {
		t.Errorf("OCR status %q", s.OCR)
	}
	if len(s.Warnings) != 1 || s.Warnings[0].File != "fake/broken.json" {
		t.Errorf("warnings %+v", s.Warnings)
	}
	var doc struct {
		Summary Summary
		Posts   []postObject
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	byID := map[string]postObject{}
	for _, p := range doc.Posts {
		byID[p.ID] = p
	}
	// post 1 and 5 name patients; 3 has a GPS photo; 4 has GPS and an
	// upload IP in the export's JSON; 2 and 6 are clean
	if len(doc.Posts) != 4 || s.Flagged != 4 {
		t.Fatalf("flagged posts %d (summary %d), want 4: %+v", len(doc.Posts), s.Flagged, byID)
	}
	if byID["1"].Verdict != model.Blocked || byID["5"].Verdict != model.Blocked {
		t.Errorf("patient names not blocked: %+v %+v", byID["1"], byID["5"])
	}
	if r := ruleCounts(byID["3"].Findings); r["phi.photo-location"] != 1 {
		t.Errorf("post 3 findings %v, want phi.photo-location", r)
	}
	if r := ruleCounts(byID["4"].Findings); r["phi.photo-location"] != 1 || r[ruleUploadIP] != 1 || len(byID["4"].Findings) != 2 {
		t.Errorf("post 4 findings %v, want location and upload IP from the export", r)
	}
	if len(byID["4"].Warnings) != 1 || !strings.Contains(byID["4"].Warnings[0], "missing.jpg") {
		t.Errorf("post 4 warnings %v, want one naming missing.jpg", byID["4"].Warnings)
	}
	// every shown finding is counted once
	n := 0
	for _, p := range doc.Posts {
		n += len(p.Findings)
	}
	if n+len(s.Account) != s.Findings {
		t.Errorf("findings: %d in posts + %d account != summary %d", n, len(s.Account), s.Findings)
	}
	sum := 0
	for _, v := range s.BySeverity {
		sum += v
	}
	if sum != s.Findings {
		t.Errorf("by severity sums to %d, want %d", sum, s.Findings)
	}
	// the order is by time: 2015, 2021, 2022, 2022
	var ids []string
	for _, p := range doc.Posts {
		ids = append(ids, p.ID)
	}
	if strings.Join(ids, ",") != "5,1,3,4" {
		t.Errorf("order %v, want 5,1,3,4", ids)
	}
	if got := s.ByMonth["2021-03"]; got != len(byID["1"].Findings) {
		t.Errorf("by month 2021-03 = %d, want %d", got, len(byID["1"].Findings))
	}
	acct := map[string]bool{}
	for _, a := range s.Account {
		acct[a.Rule] = true
	}
	if !acct[ruleIdentity] || !acct[rulePublicShare] {
		t.Errorf("account findings %v, want identity and public share", acct)
	}
}

func TestFormatsCounts(t *testing.T) {
	_, s := runFormat(t, "json", Options{})
	postFindings := s.Findings - len(s.Account)
	acctPlatforms := map[string]bool{}
	for _, a := range s.Account {
		acctPlatforms[a.Platform] = true
	}

	// jsonl: one line per flagged post, then one per account
	out, _ := runFormat(t, "jsonl", Options{})
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != s.Flagged+len(acctPlatforms) {
		t.Fatalf("jsonl lines %d, want %d", len(lines), s.Flagged+len(acctPlatforms))
	}
	got := 0
	for i, l := range lines {
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("jsonl line %d: %v", i+1, err)
		}
		for _, k := range []string{"id", "verdict", "findings", "platform"} {
			if _, ok := o[k]; !ok {
				t.Errorf("jsonl line %d lacks %q", i+1, k)
			}
		}
		if i < s.Flagged {
			got += len(o["findings"].([]any))
			if _, ok := o["created_at"]; !ok {
				t.Errorf("jsonl line %d lacks created_at", i+1)
			}
		}
	}
	if got != postFindings {
		t.Errorf("jsonl findings %d, want %d", got, postFindings)
	}

	// csv: header + one row per finding
	out, _ = runFormat(t, "csv", Options{})
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+s.Findings {
		t.Errorf("csv rows %d, want %d", len(rows), 1+s.Findings)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Errorf("csv header %v", rows[0])
	}

	// sarif: one result per finding
	out, _ = runFormat(t, "sarif", Options{})
	var sarif struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &sarif); err != nil {
		t.Fatal(err)
	}
	if len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != s.Findings {
		t.Errorf("sarif results %d, want %d", len(sarif.Runs[0].Results), s.Findings)
	}

	// text: the totals line
	out, _ = runFormat(t, "text", Options{})
	want := "Findings: " + itoa(s.Findings) + " on " + itoa(s.Flagged) + " posts"
	if !strings.Contains(string(out), want) || !strings.Contains(string(out), "Posts: 6 read, 6 audited") {
		t.Errorf("text lacks %q:\n%s", want, out)
	}
	if bytes.Contains(out, []byte("\x1b[")) {
		t.Error("escape codes without colour")
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range Formats() {
		a, _ := runFormat(t, f, Options{Workers: 1})
		b, _ := runFormat(t, f, Options{Workers: 8})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: output differs between runs", f)
		}
	}
}

func TestSinceUntil(t *testing.T) {
	_, s := runFormat(t, "json", Options{Since: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)})
	if s.Posts != 6 || s.Audited != 2 {
		t.Errorf("posts %d audited %d, want 6 and 2 (2021 only, undated left out)", s.Posts, s.Audited)
	}
	if s.Flagged != 1 {
		t.Errorf("flagged %d, want 1 (post 1)", s.Flagged)
	}
	_, s = runFormat(t, "json", Options{Since: time.Date(2022, 1, 10, 7, 0, 0, 0, time.UTC)})
	if s.Audited != 2 {
		t.Errorf("since is inclusive: audited %d, want 2", s.Audited)
	}
	_, s = runFormat(t, "json", Options{Until: time.Date(2022, 1, 10, 7, 0, 0, 0, time.UTC)})
	if s.Audited != 3 {
		t.Errorf("until is exclusive: audited %d, want 3", s.Audited)
	}
}

func TestMinSeverity(t *testing.T) {
	_, all := runFormat(t, "json", Options{})
	_, s := runFormat(t, "json", Options{MinSeverity: model.Block})
	if s.BySeverity["warn"] != 0 || s.BySeverity["info"] != 0 {
		t.Errorf("min block still shows %v", s.BySeverity)
	}
	if s.Findings != all.BySeverity["block"] || s.BelowSeverity != all.Findings-all.BySeverity["block"] {
		t.Errorf("findings %d hidden %d, want %d and %d", s.Findings, s.BelowSeverity, all.BySeverity["block"], all.Findings-all.BySeverity["block"])
	}
	if s.Flagged != 2 {
		t.Errorf("flagged %d, want 2", s.Flagged)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	rec := NewBaseline()
	_, first := runFormat(t, "json", Options{Record: rec})
	if rec.Len() != first.Findings {
		t.Fatalf("recorded %d fingerprints, want %d", rec.Len(), first.Findings)
	}
	var buf bytes.Buffer
	if _, err := rec.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBaseline(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != rec.Len() {
		t.Fatalf("read back %d, want %d", back.Len(), rec.Len())
	}
	// the same export against its own baseline: nothing new
	out, s := runFormat(t, "jsonl", Options{Baseline: back})
	if s.Findings != 0 || s.InBaseline != first.Findings || len(bytes.TrimSpace(out)) != 0 {
		t.Errorf("re-audit shows %d findings (%d in baseline), output %q", s.Findings, s.InBaseline, out)
	}
	// a baseline from an older audit (2021 only): the rest is new
	old := NewBaseline()
	_, part := runFormat(t, "json", Options{Record: old, Until: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)})
	_, s = runFormat(t, "json", Options{Baseline: old})
	if s.InBaseline != part.Findings || s.Findings != first.Findings-part.Findings {
		t.Errorf("partial baseline: shown %d hidden %d, want %d and %d", s.Findings, s.InBaseline, first.Findings-part.Findings, part.Findings)
	}
	if _, err := ReadBaseline(strings.NewReader("# x\nnot-hex\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad baseline error %v", err)
	}
}

// htmlDoc walks the HTML report as tokens.
type htmlDoc struct {
	ids      map[string]bool
	classes  map[string]int
	urls     []string // every src, href, action, ... value
	origs    []string // hrefs of links to original posts
	articles int
	marks    int
	texts    []string
}

func parseHTML(t *testing.T, b []byte) *htmlDoc {
	t.Helper()
	d := &htmlDoc{ids: map[string]bool{}, classes: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("html: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			var class string
			for _, a := range x.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "id":
					d.ids[a.Value] = true
				case "class":
					class = a.Value
					for _, c := range strings.Fields(a.Value) {
						d.classes[c]++
					}
				case "src", "href", "action", "srcset", "poster", "data", "formaction", "xlink:href":
					d.urls = append(d.urls, a.Value)
				}
			}
			if x.Name.Local == "a" && class == "orig" {
				for _, a := range x.Attr {
					if a.Name.Local == "href" {
						d.origs = append(d.origs, a.Value)
					}
				}
			}
			switch x.Name.Local {
			case "article":
				d.articles++
			case "mark":
				d.marks++
			case "link", "iframe", "img", "object", "embed":
				t.Errorf("html report has a <%s> element", x.Name.Local)
			}
		case xml.CharData:
			d.texts = append(d.texts, string(x))
		}
	}
	return d
}

func TestHTMLStructure(t *testing.T) {
	out, s := runFormat(t, "html", Options{})
	d := parseHTML(t, out)
	for _, id := range []string{"summary", "categories", "timeline", "platforms", "account", "findings", "filters", "f-cat", "f-sev", "f-pl", "f-q", "posts", "warnings"} {
		if !d.ids[id] {
			t.Errorf("html lacks #%s", id)
		}
	}
	if d.articles != s.Flagged {
		t.Errorf("articles %d, want %d", d.articles, s.Flagged)
	}
	if d.classes["finding"] != s.Findings-len(s.Account) || d.classes["account-finding"] != len(s.Account) {
		t.Errorf("findings %d account %d, want %d and %d", d.classes["finding"], d.classes["account-finding"], s.Findings-len(s.Account), len(s.Account))
	}
	if d.marks < 2 {
		t.Errorf("marked spans %d, want the patient names marked", d.marks)
	}
	if d.classes["bar"] == 0 {
		t.Error("timeline has no bars")
	}
	// only links to original posts leave the file, and only http(s) ones
	if len(d.origs) != 1 || d.origs[0] != "https://fake.example/p/1" {
		t.Errorf("original links %v, want the one https post link (javascript: dropped)", d.origs)
	}
	for _, u := range d.urls {
		l := strings.ToLower(strings.TrimSpace(u))
		if (strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "//")) && u != "https://fake.example/p/1" {
			t.Errorf("external URL %q in the report", u)
		}
		if strings.HasPrefix(l, "javascript:") {
			t.Errorf("javascript URL %q in the report", u)
		}
	}
	if !bytes.Contains(out, []byte("Content-Security-Policy")) || !bytes.Contains(out, []byte("default-src 'none'")) {
		t.Error("no CSP forbidding loads")
	}
	all := strings.Join(d.texts, "")
	for _, want := range []string{"John Smith", "fake/broken.json: not JSON", "OCR not run"} {
		if !strings.Contains(all, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	r := &Result{Post: model.Post{ID: "x", Platform: "fake", Text: `<script>alert("Mrs. Lopez")</script>`, CreatedAt: "2020-01-01T00:00:00Z"},
		URL: "https://a.example/?q=<x>", Findings: []model.Finding{{Rule: "r", Category: "patient-privacy", Severity: model.Block, Message: "<b>m</b>", Start: ip(15), End: ip(25), Text: "Mrs. Lopez"}}}
	var buf bytes.Buffer
	out, _ := NewOutput("html", &buf, ReportOptions{})
	out.Result(r)
	s := newSummary(Options{})
	s.count("fake", &r.Findings[0], r.Created())
	s.Flagged = 1
	s.platform("fake").Posts = 1
	if err := out.Close(s); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(`<script>alert`)) || bytes.Contains(buf.Bytes(), []byte("<b>m</b>")) {
		t.Error("post text or message not escaped")
	}
	if !bytes.Contains(buf.Bytes(), []byte(`<mark class="block">Mrs. Lopez</mark>`)) {
		t.Errorf("span not marked:\n%s", buf.Bytes())
	}
	parseHTML(t, buf.Bytes())
}

func ip(n int) *int { return &n }

func TestSegments(t *testing.T) {
	text := "abc def ghi"
	fs := []model.Finding{
		{Severity: model.Warn, Start: ip(0), End: ip(7)},
		{Severity: model.Block, Start: ip(4), End: ip(11)},
		{Severity: model.Block, Start: ip(5), End: ip(99)}, // out of range: ignored
		{Severity: model.Block, Field: "alt", Start: ip(0), End: ip(3)},
	}
	var got []string
	for _, s := range segments(text, fs) {
		got = append(got, s.Sev+":"+s.Text)
	}
	if strings.Join(got, "|") != "warn:abc |block:def ghi" {
		t.Errorf("segments %v", got)
	}
}

func TestOCR(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "tesseract")
	script := "#!/bin/sh\ncat >/dev/null\necho 'Patient: John Smith  MRN 4471823  DOB 03/14/1962'\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	e, f := testEngine(t)
	var buf bytes.Buffer
	out, _ := NewOutput("jsonl", &buf, ReportOptions{})
	s, err := Run(context.Background(), f, e, Options{OCR: OCROptions{Command: bin}}, out)
	if err != nil {
		t.Fatal(err)
	}
	if s.OCRImages != 1 || !strings.Contains(s.OCR, "OCR run with tesseract on 1 images") {
		t.Errorf("OCR images %d status %q", s.OCRImages, s.OCR)
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var o postObject
		json.Unmarshal([]byte(l), &o)
		for _, f := range o.Findings {
			if f.Field == "ocr" {
				n++
				if o.ID != "3" || f.Media == nil || *f.Media != 0 || f.Category != model.PatientPrivacy {
					t.Errorf("ocr finding on post %s: %+v", o.ID, f)
				}
			}
		}
	}
	if n == 0 {
		t.Errorf("no OCR findings:\n%s", buf.String())
	}
}

func TestOCRAbsent(t *testing.T) {
	e, f := testEngine(t)
	out, _ := NewOutput("text", io.Discard, ReportOptions{})
	s, err := Run(context.Background(), f, e, Options{OCR: OCROptions{Command: "no-such-tesseract-binary"}}, out)
	if err != nil {
		t.Fatal(err)
	}
	if s.OCR != "OCR not run: tesseract not installed" {
		t.Errorf("status %q", s.OCR)
	}
}

func TestNoImporter(t *testing.T) {
	e, _ := testEngine(t)
	out, _ := NewOutput("text", io.Discard, ReportOptions{})
	_, err := Run(context.Background(), fstest.MapFS{"x.txt": {}}, e, Options{}, out)
	if err != ErrNoImporter {
		t.Errorf("error %v, want ErrNoImporter", err)
	}
	_, err = Run(context.Background(), fstest.MapFS{}, e, Options{Platforms: []string{"nope"}}, out)
	if err == nil || !strings.Contains(err.Error(), "unknown platform") {
		t.Errorf("error %v", err)
	}
}

// panicky and failing importers must not take the audit down.
type badImporter struct{ panics bool }

func (b badImporter) Platform() string {
	if b.panics {
		return "fake-panics"
	}
	return "fake-fails"
}
func (badImporter) Detect(fs.FS) bool { return false }
func (b badImporter) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	out.Item(importers.Item{Post: model.Post{ID: "b1", Text: "hello"}})
	if b.panics {
		panic("boom")
	}
	return io.ErrUnexpectedEOF
}

func TestBrokenImporters(t *testing.T) {
	importers.Register(badImporter{panics: true})
	importers.Register(badImporter{})
	e, f := testEngine(t)
	out, _ := NewOutput("json", io.Discard, ReportOptions{})
	s, err := Run(context.Background(), f, e, noOCR(Options{Platforms: []string{"fake-panics", "fake-fails", "fake"}}), out)
	if err != nil {
		t.Fatal(err)
	}
	if s.Posts != 8 {
		t.Errorf("posts %d, want 8", s.Posts)
	}
	var msgs []string
	for _, w := range s.Warnings {
		msgs = append(msgs, w.File+": "+w.Msg)
	}
	j := strings.Join(msgs, "\n")
	if !strings.Contains(j, "fake-panics: import stopped: internal error: boom") || !strings.Contains(j, "fake-fails: import stopped: unexpected EOF") {
		t.Errorf("warnings:\n%s", j)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestOutputError(t *testing.T) {
	e, f := testEngine(t)
	out, _ := NewOutput("html", failWriter{}, ReportOptions{})
	if _, err := Run(context.Background(), f, e, noOCR(Options{}), out); err == nil {
		t.Error("no error from a failing writer")
	}
}

func TestCancel(t *testing.T) {
	e, f := testEngine(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, _ := NewOutput("json", io.Discard, ReportOptions{})
	if _, err := Run(ctx, f, e, noOCR(Options{}), out); err == nil {
		t.Error("no error after cancel")
	}
}

func TestAccountMix(t *testing.T) {
	a := &auditor{opt: Options{Account: "personal"}, acct: newAccounts()}
	e, _ := testEngine(t)
	a.eng = e
	s := newSummary(Options{})
	for i := 0; i < 10; i++ {
		text := "rounds on the ward with my patients, long shift"
		if i%2 == 0 {
			text = "beach weekend with the kids"
		}
		prof, pers := classify(text, nil)
		a.acct.add(&checked{res: &Result{Post: model.Post{Platform: "fake", ID: itoa(i), Text: text}}, prof: prof, pers: pers})
	}
	// a reply to someone who speaks of being a patient
	p := &model.Post{Text: "sorry to hear that", ReplyTo: &model.ReplyTo{Author: "@pat", Text: "you saw me last week, should I stop my meds?"}}
	who := patientContact(p, nil)
	if who != "@pat" {
		t.Fatalf("patient contact %q", who)
	}
	a.acct.add(&checked{res: &Result{Post: model.Post{Platform: "fake", ID: "r1"}}, patient: who})
	got := map[string]AccountFinding{}
	for _, f := range a.accountFindings(context.Background(), s) {
		got[f.Rule] = f
	}
	if f, ok := got[ruleProfOnPersonal]; !ok || !strings.Contains(f.Message, "5 of 11 posts") {
		t.Errorf("professional-on-personal: %+v", got)
	}
	if _, ok := got[rulePersOnProf]; ok {
		t.Error("personal-on-professional on a personal account")
	}
	if f, ok := got[rulePatients]; !ok || f.Clause != "AMA-c" || f.Evidence[0] != "with @pat" {
		t.Errorf("patient contacts: %+v", f)
	}
}

func TestMediaOpener(t *testing.T) {
	m := fstest.MapFS{"a/b.jpg": {Data: []byte("xyz")}, "dir": {Mode: fs.ModeDir}}
	open := MediaOpener(m)
	for _, p := range []string{"../etc/passwd", "", "dir", "a/none.jpg"} {
		if _, _, err := open(p); err == nil {
			t.Errorf("%q opened", p)
		}
	}
	r, n, err := open("/a/./b.jpg")
	if err != nil || n != 3 {
		t.Fatalf("open: %v %d", err, n)
	}
	b := make([]byte, 3)
	if _, err := r.ReadAt(b, 0); err != nil || string(b) != "xyz" {
		t.Errorf("read %q %v", b, err)
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "@x": "'@x", "ok": "ok", "": ""} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q", in, got)
		}
	}
}

func TestPostTemplateMatches(t *testing.T) {
	r := &Result{Post: model.Post{ID: "7", Platform: "fake", Text: "My patient John Smith & \"co\" <here>", CreatedAt: "2020-01-02T03:04:05Z",
		ReplyTo: &model.ReplyTo{Author: "@a", Text: "it's me"}, Media: []model.Media{{Path: "m/1.jpg", Alt: "x"}}},
		Kind: "reply", URL: "https://fake.example/p/7", Visibility: "public", Source: "f.js",
		Findings: []model.Finding{
			{Rule: "r1", Category: "patient-privacy", Severity: model.Block, Clause: "AMA-a", Message: "m <1>", Fix: "f & g", Start: ip(11), End: ip(21), Text: "John Smith", Evidence: []string{"a", "b"}},
			{Rule: "r2", Category: "self-privacy", Severity: model.Info, Message: "m2", Media: ip(0), Field: "exif"},
		}}
	hp := newHTMLPost(3, r)
	var want bytes.Buffer
	if err := htmlTmpl.ExecuteTemplate(&want, "post", hp); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	w := bufio.NewWriter(&got)
	writePost(w, hp)
	w.Flush()
	if got.String() != want.String() {
		t.Errorf("writePost differs from the template:\n got %s\nwant %s", got.String(), want.String())
	}
}
