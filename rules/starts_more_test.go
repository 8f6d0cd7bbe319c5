package rules

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Anchored and backward matching find what the expression finds, over a
// wider grammar than TestRandomPatternsAgree's: empty branches, bounded
// repeats, (?m) anchors, case-fold orbits, invalid UTF-8, and patterns
// compiled the way the judge runs a lowered (?i) pattern.
func TestStartsWideGrammar(t *testing.T) {
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	r := rand.New(rand.NewSource(100))
	atoms := []string{"a", "b", "ab", "abc", "k", "s", "sk", "ks", "K", "S", "é", "É", "ſ", `\x{212A}`, "x", "xy", "[ab]", "[a-z]", "[0-9]", `\d`, `\s`, `\w`, `\W`, ".", `\b`, `\B`, "^", "$", `\A`, `\z`, "[*#]", "[^a]", "é?", " ", `\.`, "[kK]", "(?i:k)", "(?i:sk)", "(?i:ab)", "(?i:é)", "(?i:ék)", "(?-i:K)", "(?:)", "(?:|a)", "(?:a|)", "(?m:^)", "(?m:$)", "\n", `\x{FFFD}`, "(?s:.)", "(?i:straße)", "ß", "(?i:ß)"}
	gen := patternGen(r, atoms, []string{"?", "*", "+", "{1,2}", "{0,2}", "{2}", "??", "*?", "+?", "{0,3}", "{0,1}", "{2,}", "{0,3}?", "{1,3}"}, true)
	alpha := []string{"a", "b", "A", "B", "k", "K", "s", "S", "x", "y", "é", "É", "\u212a", "\u017f", "\ufffd", "\xff", "\xe2\x82", "\xc3", "\x80", " ", "\n", "0", "*", "#", ".", "€", "ß", "_", "c"}
	flags := []string{"", "(?i)", "(?m)", "(?s)", "(?U)", "(?im)", "(?iU)", "(?is)"}
	n, tried := 0, 0
	for range iters {
		pat := flags[r.Intn(len(flags))] + gen(0)
		re, err := regexp.Compile(pat)
		if err != nil {
			continue
		}
		// as the judge compiles it: a (?i) pattern without capitals runs
		// on lowered text
		lowered := false
		if rest, ok := strings.CutPrefix(pat, "(?i)"); ok && !strings.ContainsAny(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !strings.Contains(rest, "(?-i") {
			if lre, err := regexp.Compile(rest); err == nil && r.Intn(2) == 0 {
				re, lowered = lre, true
			}
		}
		l, ok := requiredLiterals(re.String())
		if !ok {
			continue
		}
		st := newStarts(re, l)
		if st == nil || !st.anchor() {
			continue
		}
		n++
		for k := 0; k < 40; k++ {
			var b strings.Builder
			for m := r.Intn(24); m >= 0; m-- {
				b.WriteString(alpha[r.Intn(len(alpha))])
			}
			src := b.String()
			low := asciiLowerString(src)
			if lowered {
				src = low
			}
			if l.Unsafe(src) {
				continue
			}
			lits := l.Text(src, func() string { return low })
			if !l.Match(lits) {
				if re.MatchString(src) {
					t.Errorf("%s on %q: prefilter %q rejects a text that matches", re, src, l.All)
				}
				continue
			}
			tried++
			want := re.FindAllStringSubmatchIndex(src, 64)
			got := st.anchored(src, st.places(src, lits, nil), 64)
			if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Errorf("%s (lowered %v) on %q: anchored %v, expression %v (anchors %+v)", re, lowered, src, got, want, l.anchors)
				break
			}
		}
	}
	t.Logf("%d patterns with starts, %d texts compared", n, tried)
}

// Every shipped pattern with start strings finds what its expression finds
// on its own examples, joined and mutated (inserted, deleted and
// case-flipped bytes, the Kelvin sign, the long s, invalid UTF-8).
func TestRulePatternsOnMutatedExamples(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(5))
	ins := []string{" ", "\n", ".", "!", "\u212a", "\u017f", "é", "\xff", "K", "S", "_", "-", "#", "@", "'", "’", "0", "  ", "A", "Dr", "x"}
	n := 0
	for _, rule := range s.Rules {
		if rule.Kind != Pattern || rule.Starts() == nil {
			continue
		}
		var exs []string
		for _, ex := range append(append([]Example{}, rule.Examples.Flag...), rule.Examples.Pass...) {
			exs = append(exs, ex.Text)
		}
		if len(exs) == 0 {
			continue
		}
		for k := 0; k < 300; k++ {
			b := []byte(exs[r.Intn(len(exs))] + " " + exs[r.Intn(len(exs))])
			for m := r.Intn(4); m >= 0; m-- {
				p := r.Intn(len(b) + 1)
				switch r.Intn(3) {
				case 0:
					b = append(b[:p:p], append([]byte(ins[r.Intn(len(ins))]), b[p:]...)...)
				case 1:
					if p < len(b) {
						b = append(b[:p:p], b[p+1:]...)
					}
				case 2:
					if p < len(b) && b[p] < 0x80 {
						b[p] ^= 0x20
					}
				}
			}
			sameMatches(t, rule.Regexp(), rule.Lowered(), string(b))
			n++
		}
	}
	t.Logf("%d texts", n)
}

// Case folding with orbits of more than two runes (ß/ẞ, σ/ς/Σ, ω/Ω/Ohm
// sign, k/K/Kelvin sign, s/S/long s ...) gives the matches of the
// expression.
func TestFoldOrbits(t *testing.T) {
	pats := []string{`(?i)ß`, `(?i)xß`, `(?i)ßqq`, `(?i)σx`, `(?i)xσ`, `(?i)ǆa`, `(?i)ωm`, `(?i)åb`, `(?i)θz`, `(?i)µg`, `(?i)\bµg\b`, `(?i)kg`, `(?i)\s*ωm`, `(?i)[.!]\s*ωm`,
		`(?i)(?:ω|å)\s+dr`, `(?i)(?:^|\s)åx`, `(?i)ſt`, `(?i)st`, `(?i)ﬀ`, `(?i)ǰ`, `(?i)ΐ`, `(?i)ı`, `(?i)i̇`, `(?i)xi`, `(?i)İx`, `(?i)ẞ`, `ẞ`, `(?i)ς`, `(?i)ϑ`, `(?i)ϴ`}
	texts := []string{"ẞ xẞ ẞQQ ßqq", "Σx ςx σx xΣ xς", "ǄA ǅa ǆA", "Ωm Ωm ωM", "Åb Åb åB", "ϴz ϑz Θz θZ", "µg μg ΜG", "\u212ag KG", " Ωm. Ωm!  Ωm", "Ω dr Å  dr", "\nÅx Åx",
		"ſt ST ﬅ", "ﬀ FF ff", "ǰ J̌", "ΐ ΐ", "ı I i", "İx i̇x xI xİ xı", "ẞ ß", "ς Σ", "ϑ θ ϴ Θ"}
	for _, p := range pats {
		re := regexp.MustCompile(p)
		for _, tx := range texts {
			sameMatches(t, re, false, tx)
			sameMatches(t, re, false, strings.Repeat(tx+" ", 3))
		}
		l, ok := requiredLiterals(re.String())
		st := (*Starts)(nil)
		if ok {
			st = newStarts(re, l)
		}
		t.Logf("%s: lits %v folded %v starts %v", p, l.All, l.Folded, st != nil)
	}
}
