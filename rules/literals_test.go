package rules

import (
	"math/rand"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRequiredLiterals(t *testing.T) {
	digits := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	for _, c := range []struct {
		pattern string
		want    [][]string // nil: nothing required
	}{
		{`\bsci[- ]?hub\b`, [][]string{{"sci hub", "sci-hub", "scihub"}}},
		{`(?i)\bDEA\s*#?\d+`, [][]string{{"dea"}, digits}},
		{`(?:use|my)?\s*code[:\s]+[A-Z]{4,}`, [][]string{{"code"}, {"\t", "\n", "\f", "\r", " ", ":"}}},
		{`\b[Nn]urse\s+[A-Z][a-z]+`, [][]string{{"nurse"}, {"\t", "\n", "\f", "\r", " "}}},     // [Nn] is a folded n
		{`\b(?:PA|NP)\s+[A-Z][a-z]+`, [][]string{{"NP", "PA"}, {"\t", "\n", "\f", "\r", " "}}}, // nothing folds: case kept
		{`(room|bed)\s*\d+|\bin\s+\d`, [][]string{{"bed", "in", "room"}, digits}},
		{`\d+\s*(?:%|percent)`, [][]string{{"%", "percent"}, digits}},
		{`a.*b`, [][]string{{"b"}, {"a"}}}, // both are needed; b is the rarer letter
		{`.*`, nil},
		{`x?y?`, nil},
		{`(?i)jäger`, nil}, // folded non-ASCII letters are not in ASCII-lowered text
		{`(?:a|.)b`, [][]string{{"b"}}},
		{`(?:cat|dog)s?`, [][]string{{"cat", "dog"}}},
		// a part of known start extends the text before it: f*, f# or f@
		{`\bf[*#@]+k`, [][]string{{"f#", "f*", "f@"}, {"k"}}},
		{`(?:x|y)(?:[*#]+|u[*#])z`, [][]string{{"x#", "x*", "xu#", "xu*", "y#", "y*", "yu#", "yu*"}, {"z"}}},
		{`\b(?:(?:i'm|we)\s+)?vot(?:e|ing)\s+[A-Z]`, [][]string{{"vote", "voting"}, {"\t", "\n", "\f", "\r", " "}}},
		// ... but not white space, which is hardly rarer than what precedes it
		{`\bsen\s+[A-Z]`, [][]string{{"sen"}, {"\t", "\n", "\f", "\r", " "}}},
	} {
		l, ok := requiredLiterals(c.pattern)
		if c.want == nil {
			if ok {
				t.Errorf("%s: got %q, want nothing", c.pattern, l.All)
			}
			continue
		}
		if !ok || !slices.EqualFunc(l.All, c.want, slices.Equal[[]string]) {
			t.Errorf("%s: got %q (ok=%v), want %q", c.pattern, l.All, ok, c.want)
		}
	}
}

// How every match begins.
func TestLiteralStarts(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    []string // nil: unknown
	}{
		{`\bf[*#@]+k`, []string{"f#", "f*", "f@"}},
		{`\b[A-Z]\.\s?[A-Z]\.`, []string{"A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.", "O.", "P.", "Q.", "R.", "S.", "T.", "U.", "V.", "W.", "X.", "Y.", "Z."}},
		{`\b(?:(?:i'm|we)\s+)?vot(?:e|ing)\b`, []string{"i'm", "vot", "we"}},
		{`(?:x\s*)*y`, []string{"x", "y"}},
		{`x?y?`, nil},
		{`(?:^|\W)foo`, nil},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		a := analyser{cased: !foldsCase(re), folded: new(bool), seen: map[*syntax.Regexp]info{}}
		if got := trimPrefixes(a.analyse(re.Simplify()).starts(), maxSet); !slices.Equal(got, c.want) {
			t.Errorf("%s: starts %q, want %q", c.pattern, got, c.want)
		}
	}
}

// Anchors: in each branch, the rarest strings a part of the match begins
// with, and the parts before them, which are matched back from there.
func TestAnchors(t *testing.T) {
	type an struct {
		strs   []string
		prefix string // the parts before, joined
	}
	for _, c := range []struct {
		pattern string
		want    []an // nil: none
	}{
		{`\bf[*#@]+k`, []an{{[]string{"f#", "f*", "f@"}, ""}}},
		// "vot" is rarer than "i'm" or "we"
		{`\b(?:(?:i'm|we)\s+)?vot(?:e|ing)\b`, []an{{[]string{"vote", "voting"}, `\b (?:(?:i'm|we)[\t\n\f\r ]+)?`}}},
		{`(?i)(?:^|[.!?]\s*)dr\.?\s+[A-Z]`, []an{{[]string{"dr", "dr."}, `\A|[!\.\?][\t\n\f\r ]*`}}},
		// each branch its own; branches of the same prefix joined
		{`\b(?:i'm|im)\s+doctor\b|#md|#doctor`, []an{{[]string{"doctor"}, `\b i 'm|m [\t\n\f\r ]+`}, {[]string{"#doctor", "#md"}, ""}}},
		{`(?:^|[^\w*])f\*+k`, []an{{[]string{"f*"}, `\A|[^\*0-9A-Z_a-z]`}}},
		{`(?:a|.)b`, []an{{[]string{"b"}, `(?-s:.)`}}},
		{`x?y?`, nil},
	} {
		l, _ := requiredLiterals(c.pattern)
		var got []an
		for _, x := range l.anchors {
			var p []string
			for _, part := range x.prefix {
				p = append(p, part.String())
			}
			got = append(got, an{x.strs, strings.Join(p, " ")})
		}
		if !slices.EqualFunc(got, c.want, func(x, y an) bool { return slices.Equal(x.strs, y.strs) && x.prefix == y.prefix }) {
			t.Errorf("%s: anchors %q, want %q", c.pattern, got, c.want)
		}
	}
}

func TestFoldedLiteralsAreGuarded(t *testing.T) {
	l, ok := requiredLiterals(`(?i)kick`)
	if !ok || !l.Folded {
		t.Fatalf("got %+v %v, want a folded set", l, ok)
	}
	if !l.Unsafe("\u212aick") || l.Unsafe("Kick") {
		t.Error("the Kelvin sign must make the set unsafe, ASCII must not")
	}
}

// Every match of every embedded pattern rule on its own examples is let
// through by the rule's prefilter.
func TestLiteralsNeverHideAMatch(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range s.Rules {
		if r.Kind != Pattern || r.Literals() == nil {
			continue
		}
		for _, ex := range append(append([]Example{}, r.Examples.Flag...), r.Examples.Pass...) {
			checkPrefilter(t, r.Regexp(), r.Lowered(), r.Literals(), ex.Text)
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d examples checked", n)
	}
}

func checkPrefilter(t *testing.T, re *regexp.Regexp, lowered bool, l *Literals, text string) {
	t.Helper()
	low := asciiLowerString(text)
	src := text
	if lowered {
		src = low
	}
	if re.MatchString(src) && !l.Unsafe(text) && !l.Match(l.Text(src, func() string { return low })) {
		t.Errorf("%s matches %q but its prefilter %q says it cannot", re, text, l.All)
	}
}

// asciiLowerString lower-cases ASCII letters byte by byte, as the judge
// does (same length and offsets, invalid UTF-8 kept).
func asciiLowerString(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func FuzzLiterals(f *testing.F) {
	f.Add(`(?i)\b(sci[- ]?hub|lib[- ]?gen)\b`, "Get it on SCI-HUB")
	f.Add(`\b[Nn]urse\s+[A-Z][a-z]+`, "nurse Jones")
	f.Add(`(?i)kiss`, "\u212aiss")
	f.Add(`(room|bed)\s*\d+`, "bed 4")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		l, ok := requiredLiterals(re.String())
		if !ok {
			return
		}
		checkPrefilter(t, re, false, &l, text)
	})
}

// sequenceStarts is concat's starts without its other work: they agree on
// every sequence and every tail of one, of every embedded pattern and of
// random ones.
func TestSequenceStarts(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	pats := []string{`(?:^|[.!?]\s*)dr\.?\s+\w`, `(?:a|b)?c(?:d|ef)*g`, `x?y?z`, `\b(?:i'm|we)?\s*vote`}
	for _, r := range s.Rules {
		if r.Kind == Pattern {
			pats = append(pats, r.Regexp().String())
		}
	}
	n := 0
	for _, p := range pats {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		a := analyser{cased: !foldsCase(re), folded: new(bool), seen: map[*syntax.Regexp]info{}}
		var walk func(*syntax.Regexp)
		walk = func(n1 *syntax.Regexp) {
			if n1.Op == syntax.OpConcat {
				for i := range n1.Sub {
					got, want := a.sequenceStarts(n1.Sub[i:]), a.concat(n1.Sub[i:]).starts()
					if !slices.Equal(got, want) {
						t.Errorf("%s: %v from part %d: sequenceStarts %q, concat %q", p, n1, i, got, want)
					}
					n++
				}
			}
			for _, sub := range n1.Sub {
				walk(sub)
			}
		}
		walk(re.Simplify())
	}
	if n < 100 {
		t.Fatalf("only %d sequences compared", n)
	}
}

// setScan against looking for each string: on texts made of pieces of
// the strings of every embedded pattern's scanned sets, and other bytes.
func TestSetScan(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	n := 0
	for _, rule := range s.Rules {
		l := rule.Literals()
		if rule.Kind != Pattern || l == nil {
			continue
		}
		for i, sc := range l.scans {
			if sc == nil {
				continue
			}
			for range 200 {
				var b strings.Builder
				for m := r.Intn(6); m >= 0; m-- {
					x := sc.strs[r.Intn(len(sc.strs))]
					if r.Intn(3) == 0 {
						x = x[:r.Intn(len(x))] // a piece: most texts hold none
					}
					b.WriteString(x)
					b.WriteString([]string{" ", "", "x", "é", "\xff"}[r.Intn(5)])
				}
				text := b.String()
				want := slices.ContainsFunc(sc.strs, func(x string) bool { return strings.Contains(text, x) })
				if got := sc.find(text); got != want {
					t.Fatalf("%s set %d on %q: scan %v, strings %v", rule.ID, i, text, got, want)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no set is scanned")
	}
}

// ContainsAnyByte against strings.ContainsAny, on random texts and sets of
// characters (ASCII, and some not, which it leaves to ContainsAny), short
// and long, with invalid UTF-8.
func TestContainsAnyByte(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	alpha := []string{"a", "b", "z", " ", "\n", ".", "!", "#", "*", "1", "9", "é", "\xff", "\xc3", "€", "\x80"}
	pick := func(from []string, n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(from[r.Intn(len(from))])
		}
		return b.String()
	}
	found := 0
	for range 50000 {
		// the text from a few characters, the set from any
		sub := alpha[r.Intn(len(alpha)-3):]
		sub = sub[:1+r.Intn(3)]
		s := pick(sub, r.Intn(200))
		chars := pick(alpha, r.Intn(20))
		if r.Intn(2) == 0 {
			// ASCII only: the path of one search a byte
			chars = strings.Map(func(c rune) rune {
				if c >= utf8.RuneSelf {
					return -1
				}
				return c
			}, chars)
		}
		want := strings.ContainsAny(s, chars)
		if got := ContainsAnyByte(s, chars); got != want {
			t.Fatalf("ContainsAnyByte(%q, %q) = %v, ContainsAny %v", s, chars, got, want)
		}
		if want {
			found++
		}
	}
	if found < 10000 || found > 40000 {
		t.Errorf("%d of 50000 texts hold a character: the test tells little", found)
	}
}

// Both ways setScan finds its strings (from key bytes, from pairs of
// bytes) against looking for each string: random sets over a small
// alphabet with common and rare bytes, on random texts over it, so that
// the strings, their pieces and the keys occur often.
func TestSetScanKeys(t *testing.T) {
	r := rand.New(rand.NewSource(17))
	alpha := []string{"a", "e", "t", " ", "z", "q", "#", ".", "é", "\xff", "-", "x"}
	word := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		return b.String()
	}
	keyed, compared := 0, 0
	for range 3000 {
		var set []string
		for k := minScan + r.Intn(15); k > 0; k-- {
			set = append(set, word(2+r.Intn(5)))
		}
		sc := newSetScan(set)
		if sc == nil {
			continue
		}
		if sc.keys != "" {
			keyed++
		}
		for range 20 {
			text := word(r.Intn(60))
			want := slices.ContainsFunc(sc.strs, func(x string) bool { return strings.Contains(text, x) })
			if got := sc.find(text); got != want {
				t.Fatalf("set %q (keys %q) on %q: find %v, strings %v", sc.strs, sc.keys, text, got, want)
			}
			if got := sc.findPairs(text); got != want {
				t.Fatalf("set %q on %q: findPairs %v, strings %v", sc.strs, text, got, want)
			}
			if sc.keys != "" {
				if got := sc.findKeys(text); got != want {
					t.Fatalf("set %q (keys %q) on %q: findKeys %v, strings %v", sc.strs, sc.keys, text, got, want)
				}
			}
			compared++
		}
	}
	t.Logf("%d texts compared, %d sets with keys", compared, keyed)
	if keyed < 100 {
		t.Errorf("only %d sets have keys: the key search is hardly tested", keyed)
	}
}
