package rules

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Literals is what every match of a pattern must contain: at least one of
// Any, as a substring of the text with its ASCII letters lower-cased (of
// the text the expression runs on when Cased). A
// window of text without one of them cannot match, so the regular
// expression (the costliest step of a pattern rule) does not run there.
// It is derived from the expression itself, so it can never be stale.
type Literals struct {
	Any []string
	// Folded is set when a case-insensitive literal holds 'k' or 's', whose
	// case-fold orbits include the Kelvin sign and the long s: text with
	// either of those runes must skip the prefilter.
	Folded bool
	// Cased: the expression never ignores case; Any keeps its case and is
	// looked for in the text the expression runs on.
	Cased bool
}

// limits keep the sets small: a prefilter costs one substring search per
// string, and short strings filter little.
const (
	maxSet     = 48 // strings in one set
	maxClass   = 12 // runes of a character class taken as alternatives
	maxLiteral = 64 // bytes of one string
)

// info is what a sub-expression tells about the strings it matches.
type info struct {
	// exact, when not nil, is every string the node can match (after
	// ASCII lower-casing); "" is the empty match.
	exact []string
	// need, when not nil, is a set of which every match contains one.
	need   []string
	folded bool
}

// known reports whether the node guarantees something.
func (in info) known() bool { return in.exact != nil || in.need != nil }

// required returns the strings every match of i must contain (nil: none):
// the rarer of the exact set and the needed set.
func (in info) required() []string {
	var ex []string
	if in.exact != nil && !slices.Contains(in.exact, "") {
		ex = shrink(in.exact)
	}
	if better(ex, in.need) {
		return ex
	}
	return in.need
}

// requiredLiterals analyses a compiled pattern. ok is false when no useful
// set exists (the pattern can match without any fixed text).
func requiredLiterals(pattern string) (Literals, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return Literals{}, false
	}
	// an expression that never ignores case is prefiltered on the text
	// as it is, where "PA" and "pa" differ
	a := analyser{cased: !foldsCase(re)}
	in := a.analyse(re.Simplify())
	req := in.required()
	if len(req) == 0 {
		return Literals{}, false
	}
	return Literals{Any: minimal(req), Folded: in.folded, Cased: a.cased}, true
}

// analyser derives required strings; cased keeps letters' case.
type analyser struct{ cased bool }

func (a analyser) lower(r rune) rune {
	if a.cased {
		return r
	}
	return asciiLower(r)
}

// foldsCase reports whether any part of re ignores case.
func foldsCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 {
		return true
	}
	return slices.ContainsFunc(re.Sub, foldsCase)
}

func (a analyser) analyse(re *syntax.Regexp) info {
	switch re.Op {
	case syntax.OpLiteral:
		return a.literal(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		return a.class(re.Rune)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return info{exact: []string{""}}
	case syntax.OpCapture:
		return a.analyse(re.Sub[0])
	case syntax.OpQuest:
		sub := a.analyse(re.Sub[0])
		if sub.exact != nil && len(sub.exact) < maxSet {
			return info{exact: union(sub.exact, []string{""}), folded: sub.folded}
		}
		return info{}
	case syntax.OpPlus:
		sub := a.analyse(re.Sub[0])
		return info{need: sub.required(), folded: sub.folded}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return info{}
		}
		sub := a.analyse(re.Sub[0])
		return info{need: sub.required(), folded: sub.folded}
	case syntax.OpConcat:
		return a.concat(re.Sub)
	case syntax.OpAlternate:
		return a.alternate(re.Sub)
	}
	// any character, star: nothing is guaranteed
	return info{}
}

// literal is a run of runes, lower-cased like the text it is looked for
// in. A case-insensitive non-ASCII letter (ä matching Ä) is not found in
// ASCII-lower-cased text, so such a literal guarantees nothing.
func (a analyser) literal(rs []rune, fold bool) info {
	var b strings.Builder
	folded := false
	for _, r := range rs {
		if fold && r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return info{}
		}
		r = a.lower(r)
		folded = folded || (fold && (r == 'k' || r == 's'))
		b.WriteRune(r)
	}
	if b.Len() > maxLiteral {
		return info{need: []string{b.String()[:maxLiteral]}, folded: folded}
	}
	return info{exact: []string{b.String()}, folded: folded}
}

// class is a character class: small ones are a set of one-rune strings.
func (a analyser) class(ranges []rune) info {
	n := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		n += int(ranges[i+1]-ranges[i]) + 1
		if n > maxClass {
			return info{}
		}
	}
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			out = append(out, string(a.lower(r)))
		}
	}
	return info{exact: dedupe(out)}
}

// concat joins a sequence: neighbouring exact parts multiply into longer
// exact strings; the best required set among the pieces is kept.
func (a analyser) concat(subs []*syntax.Regexp) info {
	var best []string
	folded := false
	consider := func(set []string, f bool) {
		set = shrink(set)
		if better(set, best) {
			best, folded = set, f
		}
	}
	cur, curFolded := []string{""}, false // the exact product so far
	allExact := true
	for _, s := range subs {
		in := a.analyse(s)
		// each part on its own (a rare class like [*#@] may beat the product)
		consider(in.required(), in.folded)
		if in.exact != nil {
			if p := product(cur, in.exact); p != nil {
				cur, curFolded = p, curFolded || in.folded
				continue
			}
		}
		// the run of exact parts ends here
		allExact = false
		consider(info{exact: cur}.required(), curFolded)
		cur, curFolded = []string{""}, false
		if in.exact != nil {
			cur, curFolded = in.exact, in.folded
		}
	}
	if allExact {
		return info{exact: cur, need: best, folded: curFolded || folded}
	}
	consider(info{exact: cur}.required(), curFolded)
	if best == nil {
		return info{}
	}
	return info{need: best, folded: folded}
}

// alternate is a choice: every branch must guarantee something.
func (a analyser) alternate(subs []*syntax.Regexp) info {
	var exact, need []string
	allExact, folded := true, false
	for _, s := range subs {
		in := a.analyse(s)
		if !in.known() {
			return info{}
		}
		folded = folded || in.folded
		if in.exact != nil && allExact && len(exact)+len(in.exact) <= maxSet {
			exact = union(exact, in.exact)
			continue
		}
		if allExact && exact != nil {
			// the exact branches so far become required strings
			if slices.Contains(exact, "") {
				return info{}
			}
			need, exact = minimal(shrink(exact)), nil
		}
		allExact = false
		req := in.required()
		if req == nil {
			return info{}
		}
		// a string that holds another of the set adds nothing
		need = minimal(union(need, shrink(req)))
	}
	if allExact {
		if len(exact) > maxSet {
			return info{}
		}
		return info{exact: exact, folded: folded}
	}
	// exact branches count as required strings too
	if exact != nil {
		if slices.Contains(exact, "") {
			return info{}
		}
		need = union(need, exact)
	}
	if len(need) > maxSet {
		return info{}
	}
	return info{need: need, folded: folded}
}

// product is every a followed by every b, or nil when it would be too big.
func product(a, b []string) []string {
	if len(a)*len(b) > maxSet {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if len(x)+len(y) > maxLiteral {
				return nil
			}
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// better prefers the set whose least rare string is rarer (see rarity),
// then the smaller set.
func better(set, than []string) bool {
	if len(set) == 0 {
		return false
	}
	if than == nil {
		return true
	}
	a, b := leastRare(set), leastRare(than)
	if a != b {
		return a > b
	}
	return len(set) < len(than)
}

func leastRare(set []string) float64 {
	r := 1e9
	for _, s := range set {
		r = min(r, rarity(s))
	}
	return r
}

// rarity scores how seldom a string occurs in posts: longer is rarer,
// symbols are rarer than letters, frequent letters, spaces and ordinary
// punctuation least rare.
func rarity(s string) float64 {
	r := 0.0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			r += 0.3
		case strings.IndexByte(".,:;'\"!?-()\t\n\r\f", c) >= 0:
			r += 0.5
		case strings.IndexByte("etaoinsrhl", c) >= 0:
			r += 0.6
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			r += 1
		default:
			r += 2.5
		}
	}
	return r
}

// shrink replaces a large set by the rarest string all its members
// contain, when there is one that is not a lone letter:
// {b*tch, b!tch, b#tch...} → {tch}.
func shrink(set []string) []string {
	if len(set) <= 16 {
		return set
	}
	base := set[0]
	for _, s := range set {
		if len(s) < len(base) {
			base = s
		}
	}
	best := ""
	for n := len(base); n > 0; n-- {
		for i := 0; i+n <= len(base); i++ {
			sub := base[i : i+n]
			all := true
			for _, s := range set {
				if !strings.Contains(s, sub) {
					all = false
					break
				}
			}
			if all && rarity(sub) > rarity(best) {
				best = sub
			}
		}
	}
	if rarity(best) >= 1.5 { // not a lone letter
		return []string{best}
	}
	return set
}

func union(a, b []string) []string { return dedupe(append(slices.Clip(a), b...)) }

func dedupe(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// minimal drops strings that contain another string of the set: finding
// the shorter one is already enough.
func minimal(set []string) []string {
	var out []string
	for _, s := range set {
		redundant := false
		for _, t := range set {
			if t != s && strings.Contains(s, t) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	return out
}

func asciiLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// Match reports whether a text may hold a match: it contains one of the
// required strings. text is the ASCII-lower-cased text, or the text as it
// is when l.Cased.
func (l *Literals) Match(text string) bool {
	for _, s := range l.Any {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// Unsafe reports whether text holds a rune that case-folds to an ASCII
// letter (the Kelvin sign, the long s): folded literals cannot be trusted
// on it.
func (l *Literals) Unsafe(text string) bool {
	return l.Folded && (strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f"))
}

// Text returns the form of a text that Match reads: when Cased, input,
// the text the expression runs on; else lowered() (the text with ASCII
// letters lower-cased, made on demand).
func (l *Literals) Text(input string, lowered func() string) string {
	if l.Cased {
		return input
	}
	return lowered()
}
