// Package detecttest holds what every detector's tests share: the span
// invariants, the check that the tokeniser's marks leave out nothing a
// detector acts on, the evaluation texts for benchmarks, and the benchmark
// itself.
package detecttest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// CheckSpans fails the test unless every candidate lies inside src, is not
// empty, does not split a UTF-8 rune of valid input, and has a score in (0,1].
func CheckSpans(t testing.TB, src string, cs []detect.Candidate) {
	t.Helper()
	for _, c := range cs {
		if c.Start < 0 || c.End > len(src) || c.Start >= c.End {
			t.Fatalf("bad span %d:%d in %d bytes (%+v) for %q", c.Start, c.End, len(src), c, src)
		}
		if c.Score <= 0 || c.Score > 1 {
			t.Fatalf("bad score %+v", c)
		}
		if utf8.ValidString(src) && !utf8.ValidString(src[c.Start:c.End]) {
			t.Fatalf("span splits a rune: %+v in %q", c, src)
		}
	}
}

// SharedDir finds ../shared beside the module root, or "".
func SharedDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared")
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// EvalTexts returns the "text" fields of ../shared/eval/external/NAME, or
// skips the test or benchmark when the evaluation data is not there.
func EvalTexts(tb testing.TB, name string) []string {
	out, err := evalTexts(name)
	if err != nil {
		tb.Skip(err)
	}
	return out
}

// EvalTextsIfAny is EvalTexts, with no texts where the evaluation data
// is not there.
func EvalTextsIfAny(name string) []string {
	out, _ := evalTexts(name)
	return out
}

func evalTexts(name string) ([]string, error) {
	dir := SharedDir()
	if dir == "" {
		return nil, fmt.Errorf("../shared not present")
	}
	f, err := os.Open(filepath.Join(dir, "eval", "external", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			out = append(out, r.Text)
		}
	}
	return out, sc.Err()
}

// CheckMarks fails the test unless det finds over src, walking the tokens
// the tokeniser marked (text.Doc.Marks), what it finds with every token
// marked: the marks are to leave out only tokens where nothing starts.
func CheckMarks(t testing.TB, det detect.Detector, src string) {
	t.Helper()
	all := text.Parse(src)
	all.Marks = all.Marks[:0]
	for i := range all.Tokens {
		all.Marks = append(all.Marks, int32(i))
	}
	if got, want := det.Detect(text.Parse(src), nil), det.Detect(all, nil); !slices.Equal(got, want) {
		t.Fatalf("%q: with the marks %+v, with every token %+v", src, got, want)
	}
}

// CheckMarksOn runs CheckMarks over the given texts, over random texts
// made of numbers, codes, dates, contacts and the words and punctuation
// around them, and over the evaluation notes and texts where present.
func CheckMarksOn(t *testing.T, det detect.Detector, texts ...string) {
	for _, s := range texts {
		CheckMarks(t, det, s)
	}
	r := rand.New(rand.NewPCG(13, 14))
	for range 5000 {
		CheckMarks(t, det, randomText(r, 1+r.IntN(25)))
	}
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "presidio-synth.dev.input.jsonl", "asq-phi.dev.input.jsonl"} {
		texts, _ := evalTexts(name)
		for _, s := range texts {
			CheckMarks(t, det, s)
		}
	}
}

// markPieces are what randomText makes texts of.
var markPieces = []string{
	"5", "12", "123", "2023", "0.5", "3.5mg", "555-0100", "(555) 123-4567", "+1 212 555 0100", "+46 (0)8 928 571 38",
	"7/22", "07/22/2023", "2000-04-16", "11:34:35", "18.08.2023", "22-Jul", "fx4/97", "11/21.93", "10.0.0.1",
	"fe80::1", "6e40:4041::2eb4", "ext 212", "EXT. 12", "x54321", "Extension: 4", "MRN", "MRN:", "#EM-345678",
	"EM-345678", "UCLA-T1D-2023", "#CS123456", "123-45-6789", "078 05 1120", "4111 1111 1111 1111",
	"GB82 WEST 1234 5698 7654 32", "AB1234563", "1HGCM82633A004352", "j.doe@x.com", "a.b@c.edu.", "jane at example dot com",
	"jdoe [at] example [dot] org", "www.example.org", "http://x.co/a", "example.org/x", "ClickPhobia.com.br",
	"May", "may", "MARCH", "March 3rd", "sept.", "Tuesday", "on Sat", "last night", "yesterday", "two days ago",
	"98 yo", "98M", "aged 92", "in her 90s", "ninety-two-year-old", "Christmas Eve", "valentine’s day", "New Year's",
	"the 22nd of July", "at", "AT", "phone", "fax", "pager", "Pager:", "call", "since", "in", "e.g.", "a.m.", "Dr.",
	"#", "@", ".", ",", ":", ";", "-", "/", "(", ")", "+", "'", "é", "١٢٣", "ＭＲＮ", "🍷", "\xff", "\x00",
	" ", " ", " ", "\n", "\t",
}

// randomText joins n random markPieces, mostly with spaces between them.
func randomText(r *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(markPieces[r.IntN(len(markPieces))])
		if r.IntN(3) > 0 {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// Bench runs det over the PhysioNet dev notes, tokenised beforehand, and
// reports MB/s of text.
func Bench(b *testing.B, det detect.Detector) { BenchOn(b, det, "physionet-deid.dev.input.jsonl") }

// BenchOn is Bench over the texts of another eval/external input file
// ("presidio-synth.dev.input.jsonl": short texts dense with identifiers).
func BenchOn(b *testing.B, det detect.Detector, name string) {
	benchTexts(b, det, EvalTexts(b, name))
}

// benchTexts runs det over texts, tokenised beforehand, and returns how
// many there are.
func benchTexts(b *testing.B, det detect.Detector, texts []string) int {
	docs := make([]*text.Doc, len(texts))
	n := 0
	for i, s := range texts {
		docs[i] = text.Parse(s)
		n += len(s)
	}
	var out []detect.Candidate
	out = det.Detect(docs[0], out) // load data before timing
	b.SetBytes(int64(n))
	done := CPUTime(b, n)
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			out = det.Detect(d, out[:0])
		}
	}
	done()
	return len(docs)
}

// PostTexts returns the texts of the social-media posts in
// ../shared/eval/dev/posts.jsonl (each post's text, its author's bio, the
// text it replies to and its images' alt texts: the fields a check reads),
// or skips the benchmark when they are not there.
func PostTexts(tb testing.TB) []string {
	dir := SharedDir()
	if dir == "" {
		tb.Skip("../shared not present")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "eval", "dev", "posts.jsonl"))
	if err != nil {
		tb.Skip(err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		var p struct {
			Text   string
			Author struct{ Bio string }
			Reply  *struct{ Text string } `json:"reply_to"`
			Media  []struct{ Alt string }
		}
		if json.Unmarshal([]byte(line), &p) != nil {
			continue
		}
		for _, s := range []string{p.Text, p.Author.Bio} {
			if s != "" {
				out = append(out, s)
			}
		}
		if p.Reply != nil && p.Reply.Text != "" {
			out = append(out, p.Reply.Text)
		}
		for _, m := range p.Media {
			if m.Alt != "" {
				out = append(out, m.Alt)
			}
		}
	}
	return out
}

// BenchPosts runs det over the dev posts' texts (PostTexts), tokenised
// beforehand: short texts, where what a call costs whatever the length of
// its text counts most.
func BenchPosts(b *testing.B, det detect.Detector) {
	b.ReportMetric(float64(benchTexts(b, det, PostTexts(b))), "texts/op")
}

// CPUTime resets the benchmark timer and returns a func, to call after the
// loop, that reports the process's CPU time per op and the MB of text per
// CPU-second: on a shared machine wall time depends on the other load, CPU
// time much less.
func CPUTime(b *testing.B, size int) func() {
	b.Helper()
	usage := func() int64 {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return ru.Utime.Nano() + ru.Stime.Nano()
	}
	b.ResetTimer()
	start := usage()
	return func() {
		cpu := float64(usage()-start) / float64(b.N)
		b.ReportMetric(cpu, "cpu-ns/op")
		b.ReportMetric(float64(size)/cpu*1e3, "MB/cpu-s")
	}
}

// Fuzz runs det on arbitrary text seeded with seeds and checks the span
// invariants of CheckSpans on every result, and that walking the marked
// tokens finds what walking every token does (CheckMarks).
func Fuzz(f *testing.F, det detect.Detector, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		CheckSpans(t, s, det.Detect(text.Parse(s), nil))
		CheckMarks(t, det, s)
	})
}
