package rules

import (
	"regexp"
	"slices"
	"testing"
)

// sameMatches checks that the anchored search finds exactly what the
// expression finds on its own, on text (as the judge runs it: lower-cased
// first for a lowered rule).
func sameMatches(t *testing.T, re *regexp.Regexp, lowered bool, text string) {
	t.Helper()
	l, ok := requiredLiterals(re.String())
	if !ok || l.Starts == nil {
		return
	}
	st := newStarts(re, l.Starts)
	if st == nil || !st.anchor() {
		return // no anchored form: the expression runs on its own
	}
	low := asciiLowerString(text)
	src := text
	if lowered {
		src = low
	}
	if l.Unsafe(src) {
		return
	}
	lits := l.Text(src, func() string { return low })
	want := re.FindAllStringSubmatchIndex(src, 64)
	got := st.anchored(src, st.places(lits, 0, nil), 64)
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("%s on %q: anchored %v, expression %v (starts %q)", re, src, got, want, l.Starts)
	}
	if got := st.FindAll(re, src, lits, 64); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("%s on %q: FindAll %v, expression %v", re, src, got, want)
	}
}

func TestStartsFindWhatTheExpressionFinds(t *testing.T) {
	for _, c := range []struct{ pattern, text string }{
		{`\bbed\s*\d+`, "bed 4 and bed 12, abed 5"},
		{`(?i)\b(room|bed)\s*#?\d+\b`, "Room 4 then BED #12; bedroom 3"},
		{`\bf[*#@]+k(ing)?`, "what the f**k, f#king f@k"},
		{`(?:cat|dog)s?\b`, "cats and dogs, catsup"},
		{`\bin\s+\d{1,3}(?:\s+still|[.,])`, "in 14 still in 3. in 22"},
		{`é+t`, "ééét, \xffét"},
		{`\bab|\bb`, "ab b cab bb"},
		{`\b(?:(?:i'm|we)\s+)?vot(?:e|ing)\b`, "i'm voting, we vote, devoted, we  vote"},
		{`(?:x\s*)*y`, "x x y, xxy, y"},
	} {
		sameMatches(t, regexp.MustCompile(c.pattern), false, c.text)
	}
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range s.Rules {
		if r.Kind != Pattern || r.starts == nil {
			continue
		}
		for _, ex := range append(append([]Example{}, r.Examples.Flag...), r.Examples.Pass...) {
			sameMatches(t, r.re, r.lowered, ex.Text)
			sameMatches(t, r.re, r.lowered, ex.Text+" "+ex.Text)
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d rule examples had an anchored matcher", n)
	}
}

func FuzzStarts(f *testing.F) {
	f.Add(`\bbed\s*\d+`, "bed 4 and bed 12, abed 5")
	f.Add(`(?i)(?:mother)?f[*#@]{1,2}c?k`, "F**K motherf#ck")
	f.Add(`\b(?:i'm|im)\s+a\s+(?:doctor|md)\b`, "im a doctor, I'm a MD")
	f.Add(`(?:x|y)(?:[*#]+|u[*#])z`, "x**z yu#z")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		re, err := regexp.Compile(pattern)
		if err != nil || len(pattern) > 200 {
			return
		}
		sameMatches(t, re, false, text)
	})
}
