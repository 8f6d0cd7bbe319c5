package judge

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// sentenceOf answers from the sentence it found last when it can: in any
// order of questions it gives what a fresh scan (sentenceAt) gives.
func TestSentenceOfRemembersExactly(t *testing.T) {
	texts := []string{
		"One. Two words here! Three? Four",
		"no stop at all in this one",
		"Dr. Smith saw the pt. at 5 p.m. today.\nNew line here\n\nAnd a blank line. End.",
		"A. B. C. D.",
		".",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, src := range texts {
		f := &field{doc: text.Parse(src), sent: span{0, -1}}
		n := len(f.doc.Tokens)
		for range 200 {
			i := rng.IntN(n)
			a, b := f.sentenceOf(i)
			if wa, wb := sentenceAt(f.doc.Tokens, i); a != wa || b != wb {
				t.Fatalf("%q token %d: sentenceOf %d..%d, a fresh scan %d..%d", src, i, a, b, wa, wb)
			}
		}
	}
}

// linkSpans skips the token scan of a text with no colon and no dot but
// before a space or a line break: it finds what the scan finds.
func FuzzLinkSpans(f *testing.F) {
	for _, s := range []string{"see sleepwell.com", "mail a@b.co now", "https://x.y/z", "http://localhost:80", "www.example",
		"no links here", "a@b", "a:b", "", "wine o'clock 🍷", "Dr. Smith", "x .y", "HTTP://A.B",
		"One. Two.\nThree.", "www. example", "www.. x", "www..example.", "a@b. co", "a@b.c", "e.g. this", "end.", "x.é", "é.x", "see a.b, c.d.", "www.ab.", "…x.y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fd := &field{doc: text.Parse(s)}
		if got, want := fd.linkSpans(), fd.scanLinks(); !slices.Equal(got, want) {
			t.Fatalf("%q: linkSpans %v, the scan %v", s, got, want)
		}
	})
}

// clockTimes is clockTimesIn reading every byte of src: the reference the
// tests hold the token walk to.
func clockTimes(src string, out [][2]int) [][2]int {
	for i := 0; i < len(src); i++ {
		if c := src[i]; c < '0' || c > '9' {
			continue
		}
		var m [2]int
		var ok bool
		m, i, ok = timeAt(src, i)
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// A time of day counts as a time for the re-identification score; years,
// counts, verses and units do not.
func TestClockTime(t *testing.T) {
	yes := map[string]string{
		"baby boy at 3:22am, mom was 16": "3:22am",
		"0340: code blue on 5 West":      "0340",
		"got him out around 0200 and":    "0200",
		"born at 0412 in the birth pool": "0412",
		"2am in the MICU":                "2am",
		"tonight at 11 pm":               "11 pm",
		"at 10:30 we called it":          "10:30",
		"arrived 0200 hrs":               "0200 hrs",
		"back at 7 p.m. sharp":           "7 p.m.",
		"notes\n 2215 - found down":      "2215",
	}
	for s, want := range yes {
		got := ""
		if ms := clockTimes(s, nil); len(ms) > 0 {
			got = s[ms[0][0]:ms[0][1]]
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
		if byTok := clockTimesIn(text.Parse(s), nil); !slices.Equal(byTok, clockTimes(s, nil)) {
			t.Errorf("%q: by tokens %v, by bytes %v", s, byTok, clockTimes(s, nil))
		}
	}
	for _, s := range []string{"by 2030 we will", "in 2019 we saw", "John 3:16", "2 amps of epi", "1200 patients a day",
		"page 1130 of the report", "at 1930 bed census", "ratio 25:75", "v2am", "12 amperes", "a 13pm typo"} {
		if ms := clockTimes(s, nil); len(ms) > 0 {
			t.Errorf("%q: unexpected time %q", s, s[ms[0][0]:ms[0][1]])
		}
	}
}

// FuzzClockTimes: any input, spans in bounds and in order.
func FuzzClockTimes(f *testing.F) {
	for _, s := range []string{"at 3:22am", "0340: x", "around 0200", "12:5", "9 a.m", "1 p.m.", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		if byTok, byByte := clockTimesIn(text.Parse(s), nil), clockTimes(s, nil); !slices.Equal(byTok, byByte) {
			t.Fatalf("%q: by tokens %v, by bytes %v", s, byTok, byByte)
		}
		for _, m := range clockTimes(s, nil) {
			if m[0] < last || m[0] >= m[1] || m[1] > len(s) {
				t.Fatalf("%q: bad span %v", s, m)
			}
			last = m[1]
		}
	})
}
