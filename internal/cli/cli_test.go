package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

const lightning = "the 19yo with the 3rd lightning strike of his LIFE rolled into Lakeshore ED last night. kid is a legend"

func TestCheckGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"check-text-block", []string{"check", "--color", "never", "Mrs. K in 22 has hit the call light 31 times since 7pm. I'm naming my firstborn Anything But Her."}, 1},
		{"check-text-reid", []string{"check", "--color", "never", lightning}, 1},
		{"check-text-ok", []string{"check", "--color", "never", "Reminder: flu shots are free at every pharmacy this month."}, 0},
		{"check-json-reid", []string{"check", "--format", "json", lightning}, 1},
		{"check-sarif-reid", []string{"check", "--format", "sarif", lightning}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, c.code, r.stderr)
			}
			golden(t, c.name, r.stdout)
		})
	}
}

func TestFailOn(t *testing.T) {
	if r := run(t, "", "check", "--fail-on", "block", lightning); r.code != 0 {
		t.Errorf("--fail-on block with only warnings: exit %d", r.code)
	}
	if r := run(t, "", "check", "--fail-on", "none", "Mrs. K in 22 is my patient"); r.code != 0 {
		t.Errorf("--fail-on none: exit %d", r.code)
	}
	if r := run(t, "", "check", "--fail-on", "sometimes", "x"); r.code != 2 || !strings.Contains(r.stderr, "--fail-on") {
		t.Errorf("bad --fail-on: %+v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check"},
		{"check", "--role", "surgeon", "text"},
		{"check", "--format", "xml", "text"},
		{"check", "--no-such-flag"},
		{"deid", "--mode", "shred", "x"},
		{"explain", "no.such.rule"},
	} {
		r := run(t, "", args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d stderr %q, want 2 and a message", args, r.code, r.stderr)
		}
	}
	if r := run(t, "   \n", "check", "-"); r.code != 2 || !strings.Contains(r.stderr, "empty input") {
		t.Errorf("empty stdin: %+v", r)
	}
}

func TestJSONLBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Pt Mrs. Lopez admitted to room 4 on 7/22"}`,
		`[1,2,3]`,
		`{"id":"c","text":`,
		"{\"id\":\"d\",\"text\":\"bad \xff byte\"}",
		`{"id":"e"}`,
		``,
		`{"id":"f","text":"Flu shots are free this month."}`,
	}, "\n")
	r := run(t, in, "check", "--format", "jsonl", "-")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 when some lines are bad", r.code)
	}
	outLines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(outLines) != 6 {
		t.Fatalf("got %d output lines, want one per non-empty input line (6):\n%s", len(outLines), r.stdout)
	}
	want := []struct{ id, errPart string }{{"a", ""}, {"", "line 2: not a JSON object"}, {"c", "line 3: malformed JSON"}, {"d", "line 4: not valid UTF-8"}, {"e", `line 5: missing "text"`}, {"f", ""}}
	for i, l := range outLines {
		var o struct {
			ID       string            `json:"id"`
			Error    string            `json:"error"`
			Verdict  string            `json:"verdict"`
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %d not JSON: %v", i+1, err)
		}
		if o.ID != want[i].id || !strings.Contains(o.Error, want[i].errPart) || (want[i].errPart == "") != (o.Error == "") {
			t.Errorf("line %d = %s, want id %q error containing %q", i+1, l, want[i].id, want[i].errPart)
		}
	}
	if !strings.Contains(r.stdout, `"phi.patient-name"`) {
		t.Errorf("good line a was not checked: %s", outLines[0])
	}
}

func TestJSONLLongLineSkipped(t *testing.T) {
	old := maxLine
	maxLine = 1000
	defer func() { maxLine = old }()
	in := `{"id":"1","text":"hello"}` + "\n" + `{"id":"2","text":"` + strings.Repeat("a", 5000) + `"}` + "\n" + `{"id":"3","text":"world"}` + "\n"
	r := run(t, in, "check", "--format", "jsonl", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "line 2: line longer than") || !strings.Contains(lines[2], `"id":"3"`) {
		t.Errorf("long line handling: exit %d\n%s", r.code, r.stdout)
	}
}

func TestOrderPreservedUnderParallelism(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		b.WriteString(`{"id":"` + string(rune('a'+i%26)) + strings.Repeat("x", i) + `","text":"post number ` + strings.Repeat("word ", i%40) + `"}` + "\n")
	}
	r := run(t, b.String(), "check", "--format", "jsonl", "--fail-on", "none", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 300 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		want := `"id":"` + string(rune('a'+i%26)) + strings.Repeat("x", i) + `"`
		if !strings.Contains(l, want) {
			t.Fatalf("line %d out of order: %s", i+1, l[:60])
		}
	}
}

func TestInvalidUTF8TextWarns(t *testing.T) {
	r := run(t, "Mrs. Lopez \xff\x00 in bed 4 is my patient", "check", "--format", "json", "-")
	if !strings.Contains(r.stderr, "not valid UTF-8") || !strings.Contains(r.stderr, "NUL") {
		t.Errorf("stderr %q", r.stderr)
	}
	if r.code != 1 {
		t.Errorf("exit %d", r.code)
	}
}

func TestUnreadableMediaIsAWarning(t *testing.T) {
	dir := t.TempDir()
	notImage := filepath.Join(dir, "notes.jpg")
	os.WriteFile(notImage, []byte("%PDF-1.4 not an image"), 0o644)
	r := run(t, "", "check", "--format", "json", "--image", notImage, "--image", filepath.Join(dir, "missing.jpg"), "sunset")
	if r.code != 0 || !strings.Contains(r.stderr, "photo 1") || !strings.Contains(r.stderr, "photo 2") {
		t.Errorf("exit %d stderr %q", r.code, r.stderr)
	}
}

func TestJSONLMediaWarningNamesTheLine(t *testing.T) {
	in := `{"id":"a","text":"hi"}` + "\n" + `{"id":"b","text":"sunset","media":[{"path":"/nonexistent/x.jpg"}]}` + "\n"
	r := run(t, in, "check", "--format", "jsonl", "-")
	if !strings.Contains(r.stderr, "stdin line 2 (id b): photo 1 (/nonexistent/x.jpg)") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("stderr %q stdout %q", r.stderr, r.stdout)
	}
}

func TestPhotoGPS(t *testing.T) {
	r := run(t, "", "check", "--format", "json", "--image", "../media/testdata/gps.jpg", "on my way in")
	if r.code != 1 || !strings.Contains(r.stdout, "phi.photo-location") || !strings.Contains(r.stdout, "GPS 26.58") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "scrubs.yaml")
	os.WriteFile(conf, []byte("fail_on: block\nrules:\n  phi.reidentifiable: \"off\"\nplaces: [Harlan Falls]\n"), 0o644)
	if r := run(t, "", "check", "--config", conf, "--format", "json", lightning); r.code != 0 || strings.Contains(r.stdout, "phi.reidentifiable") {
		t.Errorf("disabled rule still fired or fail_on ignored: exit %d %s", r.code, r.stdout)
	}
	r := run(t, "", "check", "--config", conf, "--format", "json", "my patient from Harlan Falls came back today")
	if !strings.Contains(r.stdout, `"text": "Harlan Falls"`) {
		t.Errorf("user place not used: %s", r.stdout)
	}
	os.WriteFile(conf, []byte("rules:\n  phi.nope: warn\n"), 0o644)
	if r := run(t, "", "check", "--config", conf, "x"); r.code != 2 || !strings.Contains(r.stderr, "phi.nope") {
		t.Errorf("unknown rule in config: %+v", r)
	}
	os.WriteFile(conf, []byte("colour: always\n"), 0o644)
	if r := run(t, "", "check", "--config", conf, "x"); r.code != 2 || !strings.Contains(r.stderr, "colour") {
		t.Errorf("unknown config key: %+v", r)
	}
}

func TestMarkdownFileWithSuppression(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "case.md")
	os.WriteFile(md, []byte("# Grand rounds\n\n<!-- scrubs:ignore phi.patient-name -- written consent on file, form 2291 -->\n**Mr. Delgado** in 14 still thinks I'm his daughter, dementia is brutal.\n\nAnd [Mrs. Lopez](https://example.org) in bed 4 is my patient.\n"), 0o644)
	r := run(t, "", "check", "--color", "never", md)
	if !strings.Contains(r.stdout, "case.md:6:6") {
		t.Errorf("want a file:line:col location for Mrs. Lopez (line 6, inside the link text):\n%s", r.stdout)
	}
	j := run(t, "", "check", "--format", "json", md)
	var reps []struct {
		Findings   []struct{ Rule, Text string }
		Suppressed []struct {
			Rule, Text   string
			SuppressedBy string `json:"suppressed_by"`
		}
	}
	if err := json.Unmarshal([]byte(j.stdout), &reps); err != nil || len(reps) != 1 {
		t.Fatalf("%v %s", err, j.stdout)
	}
	for _, f := range reps[0].Findings {
		if f.Rule == "phi.patient-name" && f.Text == "Mr. Delgado" {
			t.Error("suppressed finding still reported")
		}
		if strings.Contains(f.Text, "**") || strings.Contains(f.Text, "](") {
			t.Errorf("markup leaked into a finding: %q", f.Text)
		}
	}
	if len(reps[0].Suppressed) != 1 || reps[0].Suppressed[0].SuppressedBy != "written consent on file, form 2291" {
		t.Errorf("suppressed: %+v", reps[0].Suppressed)
	}
}

func TestDeid(t *testing.T) {
	r := run(t, "", "deid", "Pt Mrs. Lopez seen 7/22/2023 by Dr. Healey, call 410-555-2671. Mrs. Lopez is 95 years old.")
	if r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	for _, leak := range []string{"Lopez", "7/22", "Healey", "555-2671", "95"} {
		if strings.Contains(r.stdout, leak) {
			t.Errorf("%q survived: %s", leak, r.stdout)
		}
	}
	s := run(t, "", "deid", "--surrogate", "--seed", "k", "Mrs. Lopez came on 7/22/2023; Mrs. Lopez left on 7/25/2023.")
	if strings.Contains(s.stdout, "Lopez") || strings.Contains(s.stdout, "[NAME]") {
		t.Fatalf("surrogate output %q", s.stdout)
	}
	parts := strings.Split(s.stdout, ";")
	n1 := strings.Fields(parts[0])[1]
	n2 := strings.Fields(parts[1])[1]
	if n1 != n2 {
		t.Errorf("same name got different surrogates: %q", s.stdout)
	}
	j := run(t, `{"id":"n1","text":"Seen by Dr. Smith on 7/22"}`+"\n", "deid", "--format", "jsonl", "-")
	var o struct {
		ID       string `json:"id"`
		Text     string `json:"text"`
		Entities []struct {
			Type       string
			Start, End int
			Text       string
		} `json:"entities"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &o); err != nil || o.ID != "n1" || len(o.Entities) < 2 {
		t.Fatalf("jsonl deid: %v %s", err, j.stdout)
	}
	src := "Seen by Dr. Smith on 7/22"
	for _, e := range o.Entities {
		if src[e.Start:e.End] != e.Text {
			t.Errorf("entity offsets %d..%d do not match %q", e.Start, e.End, e.Text)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if r := run(t, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "scrubs ") {
		t.Errorf("version: %+v", r)
	}
	if r := run(t, "", "check", "--help"); r.code != 0 || !strings.Contains(r.stdout, "Examples:") && !strings.Contains(r.stdout, "Example") {
		t.Errorf("help has no examples: %s", r.stdout)
	}
	if r := run(t, "", "completion", "bash"); r.code != 0 || !strings.Contains(r.stdout, "bash completion") {
		t.Errorf("completion: exit %d", r.code)
	}
	if r := run(t, "", "rules"); r.code != 0 || !strings.Contains(r.stdout, "phi.patient-name") {
		t.Errorf("rules: %+v", r)
	}
	if r := run(t, "", "policy"); r.code != 0 || !strings.Contains(r.stdout, "AMA-a  Patient privacy") || !strings.Contains(r.stdout, "rules: phi.") {
		t.Errorf("policy: %+v", r)
	}
	if r := run(t, "", "explain", "phi.reidentifiable"); r.code != 0 || !strings.Contains(r.stdout, "lightning") {
		t.Errorf("explain: %+v", r)
	}
}

func FuzzJSONPost(f *testing.F) {
	for _, s := range []string{`{"id":"1","text":"x"}`, `{"id":2,"text":"y","media":[{"path":"a"}]}`, `[]`, `{"text":null}`, "{\"text\":\"\xff\"}", `{"id":"x","reply_to":{"text":1}}`, ``,
		`{"id": -1.5e3, "text": "a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00", "x": [1, {"y": null}, true, false, "z\u0000"]}`,
		`{"text":"t","author":{"role":"nurse","bio":"b","x":{}},"reply_to":{"text":"r","author":"a"},"media":[],"dm":true,"created_at":"c"}`,
		`{"text":"t","media":[{"path":"p","alt":"a"},{}],"platform":"x","account":"personal","audience":"public"}`,
		`{"text":"a","text":"b"}`, `{"Text":"a"}`, `{"\u0074ext":"a"}`, `{"text":"\ud800"}`, `{"text":"a","suppress":[{"rule":"r","reason":"q","line":2}]}`,
		`{"text":"a","author":{"role":"x","role":"y"}}`, `{"id":null,"text":"a"}`, `{"text":"a"} x`, `{"text":"a",}`, `{"text":"a","n":01}`,
		"{\"text\":\"a\",\"k\xff\":1}", "{\"text\":\"a\",\"x\":[\"\xc3\"]}", "{\"text\":\"\\n\xed\xa0\x80\"}", "{\"text\":\"\xf0\x9f\x98\x80\xf0\x9f\"}",
		// keys next to the field names (matched in place, before their end
		// is found), and keys that end the line
		`{"texts":"a","text" : "b","tex":1,"created_a":2,"created_at ":3,"reply_to":{"text":"r"}}`, `{"text":"a","platform\"":4}`,
		`{"text":"a","audience":"b","dm":false,"medias":[]}`, `{"text":"a","created_at"`, `{"text":"a","id`, `{"text":"a","platform":`,
	} {
		f.Add([]byte(s))
	}
	// long lines with escapes, decoded in place among fields without them
	long := strings.Repeat("NOTE LINE\\n", 30)
	f.Add([]byte(`{"id":"n1","text":"` + long + `","platform":"x","author":{"role":"nurse","bio":"` + strings.Repeat("bio words ", 10) + `"}}`))
	f.Add([]byte(`{"id":"n2","text":"` + long + `","platform":"x","account":"personal"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var p model.Post
		id, err := jsonPost(raw, &p)
		trimmed := bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))
		if err == nil && !json.Valid(trimmed) {
			t.Fatalf("accepted invalid JSON %q", raw)
		}
		// The fast path must decode exactly what encoding/json decodes, and
		// only lines of valid UTF-8 (jsonPost leaves the check to it).
		var fp model.Post
		if fastPost(trimmed, &fp) {
			if !utf8.Valid(trimmed) {
				t.Fatalf("%q: fast path decoded invalid UTF-8", raw)
			}
			sp, sid, serr := slowPost(trimmed)
			if serr != nil || sid != fp.ID || !reflect.DeepEqual(fp, sp) {
				t.Fatalf("%q: fast path gives %+v, encoding/json %+v (id %q, %v)", raw, fp, sp, sid, serr)
			}
			if err != nil || id != fp.ID || !reflect.DeepEqual(p, fp) {
				t.Fatalf("%q: jsonPost did not take the fast path", raw)
			}
		}
		if !utf8.Valid(trimmed) && (err == nil || !strings.HasPrefix(err.Error(), "not valid UTF-8")) {
			t.Fatalf("%q: invalid UTF-8 gives %v", raw, err)
		}
		lr := newLineReader(bytes.NewReader(raw))
		for {
			l, ok := lr.next()
			if !ok {
				break
			}
			if l.err == nil && len(bytes.TrimSpace(l.raw)) == 0 {
				t.Fatalf("blank line %d returned", l.n)
			}
		}
	})
}

// The post's strings are made in memory of its own: the line they were
// read from can be reused (the line reader does so), and a string decoded
// in place leaves the strings before and after it as they were.
func TestFastPostOwnsItsStrings(t *testing.T) {
	for _, line := range []string{
		`{"id":"a1","text":"caf\u00e9 \"x\" \ud83d\ude00 end","platform":"x","author":{"role":"nurse","bio":"b\n"},"reply_to":{"text":"r","author":"\u0041"},"media":[{"path":"p","alt":"\t"}],"created_at":"c"}`,
		`{"text":"plain","id":12,"audience":"public"}`,
		`{"text":"","id":"","platform":"\/"}`,
	} {
		raw := []byte(line)
		var p model.Post
		if !fastPost(raw, &p) {
			t.Fatalf("fast path refused %s", line)
		}
		want, _, err := slowPost([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		for i := range raw {
			raw[i] = '#'
		}
		if !reflect.DeepEqual(p, want) {
			t.Errorf("%s: after the line is overwritten, %+v; want %+v", line, p, want)
		}
	}
}

// FuzzFastPostStrings feeds the fast path lines that are valid JSON by
// construction, with strings escaped by encoding/json and with every
// character written as \u escapes, so that its unescaping is compared
// with encoding/json's on all kinds of text.
func FuzzFastPostStrings(f *testing.F) {
	f.Add("Pt Mrs. Lopez <seen> 7/22 & \"ok\"\n\t\\ é 😀 \u2028", "id-1")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, id string) {
		quoted := func(s string) string {
			b, _ := json.Marshal(s)
			return string(b)
		}
		allEscaped := func(s string) string {
			var b strings.Builder
			b.WriteByte('"')
			for _, u := range utf16.Encode([]rune(s)) {
				fmt.Fprintf(&b, `\u%04X`, u)
			}
			b.WriteByte('"')
			return b.String()
		}
		for _, q := range []func(string) string{quoted, allEscaped} {
			raw := []byte(`{"id":` + q(id) + `,"x":[` + q(text) + `],"text":` + q(text) + `,"author":{"bio":` + q(text) + `}}`)
			var fp model.Post
			if !fastPost(raw, &fp) {
				t.Fatalf("fast path refused %s", raw)
			}
			sp, _, err := slowPost(raw)
			if err != nil || !reflect.DeepEqual(fp, sp) {
				t.Fatalf("%s: fast path gives %+v, encoding/json %+v (%v)", raw, fp, sp, err)
			}
		}
	})
}

// A field added to model.Post (or to the objects inside it) must be added
// to fastPost too, or the fast path would silently drop it: every JSON
// field name of the post's types is known to postFields or to the nested
// readers.
func TestFastPostKnowsEveryField(t *testing.T) {
	nested := map[string][]string{
		"author":   {"role", "bio"},
		"reply_to": {"text", "author"},
		"media":    {"path", "alt"},
	}
	names := func(v any) []string {
		var out []string
		ty := reflect.TypeOf(v)
		for i := 0; i < ty.NumField(); i++ {
			name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
			if name != "" && name != "-" {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, n := range names(model.Post{}) {
		if _, ok := postFields[n]; !ok {
			t.Errorf("model.Post field %q is unknown to fastPost", n)
		}
	}
	for n, f := range postFields {
		if g, l := postField([]byte(n + `": 1`)); g != f || l != len(n) {
			t.Errorf("postField(%q) = %d, %d; postFields has %d", n+`"`, g, l, f)
		}
		// only the whole name, with the closing quote, is the field's
		for _, k := range []string{n, n + "s\"", n[:len(n)-1] + "\"", strings.ToUpper(n) + "\""} {
			if g, l := postField([]byte(k)); g != 0 || l != 0 {
				t.Errorf("postField(%q) = %d, %d; it names no field", k, g, l)
			}
		}
	}
	for field, v := range map[string]any{"author": model.Author{}, "reply_to": model.ReplyTo{}, "media": model.Media{}} {
		want := slices.Clone(nested[field])
		slices.Sort(want)
		if got := names(v); !slices.Equal(got, want) {
			t.Errorf("%s has fields %q; fastPost reads %q", field, got, want)
		}
	}
}

// --cpuprofile writes a CPU profile (gzip-compressed protobuf) even when
// the command exits with findings, and a path that cannot be created is a
// usage error.
func TestCPUProfileFlag(t *testing.T) {
	if f := flag.Lookup("test.cpuprofile"); f != nil && f.Value.String() != "" {
		t.Skip("the test binary is profiling itself: only one CPU profile at a time")
	}
	path := filepath.Join(t.TempDir(), "cpu.prof")
	r := run(t, "", "check", "--cpuprofile", path, "Mrs. Lopez in bed 4 finally went home today")
	if r.code != ExitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("no profile written (%v, %d bytes)", err, len(b))
	}
	if r := run(t, "", "check", "--cpuprofile", filepath.Join(t.TempDir(), "no", "such", "dir", "p"), "hello"); r.code != ExitUsage {
		t.Errorf("unwritable profile path: exit %d", r.code)
	}
}
