// Package detecttest holds what every detector's tests share: the span
// invariants, the evaluation texts for benchmarks, and the benchmark itself.
package detecttest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
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
	dir := SharedDir()
	if dir == "" {
		tb.Skip("../shared not present")
	}
	f, err := os.Open(filepath.Join(dir, "eval", "external", name))
	if err != nil {
		tb.Skip(err)
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
	return out
}

// Bench runs det over the PhysioNet dev notes, tokenised beforehand, and
// reports MB/s of text.
func Bench(b *testing.B, det detect.Detector) { BenchOn(b, det, "physionet-deid.dev.input.jsonl") }

// BenchOn is Bench over the texts of another eval/external input file
// ("presidio-synth.dev.input.jsonl": short texts dense with identifiers).
func BenchOn(b *testing.B, det detect.Detector, name string) {
	texts := EvalTexts(b, name)
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
// invariants of CheckSpans on every result.
func Fuzz(f *testing.F, det detect.Detector, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		CheckSpans(t, s, det.Detect(text.Parse(s), nil))
	})
}
