package cli

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// TestEachLine runs the pipeline inline (one core) and with workers, on
// input that comes in small reads (so the reader often runs dry), with
// blank lines, a line longer than the read buffer and more lines than a
// batch holds: every line must come out once, in order, whole.
func TestEachLine(t *testing.T) {
	var in strings.Builder
	var want []string
	for i := 1; i <= 700; i++ {
		switch {
		case i%50 == 0:
			in.WriteString("  \n") // blank: no result, but counted
			continue
		case i == 333:
			s := fmt.Sprintf("%d:%s", i, strings.Repeat("x", 3<<20/2))
			in.WriteString(s + "\n")
			want = append(want, s)
			continue
		}
		s := fmt.Sprintf("%d:line", i)
		in.WriteString(s + "\n")
		want = append(want, s)
	}
	in.WriteString("701:last, no newline")
	want = append(want, "701:last, no newline")
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		var got []string
		flushes := 0
		r := iotest.HalfReader(strings.NewReader(in.String()))
		err := eachLine(r, func(l line) string {
			if !strings.HasPrefix(string(l.raw), fmt.Sprint(l.n, ":")) {
				return fmt.Sprintf("line %d holds %.20q", l.n, l.raw)
			}
			return strings.TrimSuffix(string(l.raw), "\n")
		}, func(s *string) error {
			got = append(got, *s)
			return nil
		}, func() error { flushes++; return nil })
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("GOMAXPROCS=%d: %d results, want %d", procs, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("GOMAXPROCS=%d: result %d = %.40q, want %.40q", procs, i, got[i], want[i])
			}
		}
		if flushes < 2 {
			t.Errorf("GOMAXPROCS=%d: %d flushes; the input ran dry many times", procs, flushes)
		}
	}
}

// TestEachLineEmitError: after an emit error nothing more is emitted and
// that error is returned, on both paths.
func TestEachLineEmitError(t *testing.T) {
	in := strings.Repeat("{}\n", 1000)
	boom := errors.New("boom")
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		emitted := 0
		err := eachLine(strings.NewReader(in), func(l line) int { return l.n }, func(*int) error {
			emitted++
			if emitted == 10 {
				return boom
			}
			return nil
		}, func() error { return nil })
		runtime.GOMAXPROCS(old)
		if err != boom || emitted != 10 {
			t.Errorf("GOMAXPROCS=%d: err %v after %d emits", procs, err, emitted)
		}
	}
}
