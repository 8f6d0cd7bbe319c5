package rules

import (
	"cmp"
	"math"
	"math/bits"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Literals is what every match of a pattern must contain: for each set of
// All, at least one of its strings, as a substring of the text with its
// ASCII letters lower-cased (of the text the expression runs on when
// Cased). "room|bed ... \d" needs {room, bed} and a digit. A window of
// text that lacks a set cannot match, so the regular expression (the
// costliest step of a pattern rule) does not run there. It is derived from
// the expression itself, so it can never be stale.
type Literals struct {
	All [][]string
	// Folded is set when a case-insensitive literal holds 'k' or 's', whose
	// case-fold orbits include the Kelvin sign and the long s: text with
	// either of those runes must skip the prefilter.
	Folded bool
	// Cased: the expression never ignores case; the strings keep their
	// case and are looked for in the text the expression runs on.
	Cased bool
	// bytes[i] joins the one-byte strings of All[i] (searched at once).
	bytes []string
	// scans[i] finds the longer strings of All[i] in one pass, when they
	// are many (nil: they are looked for one by one)
	scans []*setScan
	// atStart: the expression holds ^ or \A, which tell the start of the
	// text from a place after a line break
	atStart bool
	// anchors: each match is found from where one of its anchors' strings
	// occurs (nil: unknown; see Starts)
	anchors []anchor
}

// anchor is one way to find where a pattern's matches may begin: every
// match of a branch of the expression is a match of the prefix parts
// followed by a match that begins with one of strs, in the same text as
// All's. Found at q, the string tells that a match may begin at each place
// the prefix matches back to from q (see backward); with no prefix, at q.
// "(?:^|[.!?]\s*)dr\.?\s+[A-Z]" is found from "dr" back over spaces and
// punctuation; "\b(?:i'm|now)\s+dr" from "dr" rather than from "i" (the
// rarer strings are chosen).
type anchor struct {
	strs   []string
	prefix []*syntax.Regexp
	// boundary: the part from the string on begins with \b
	boundary bool
}

// maxAnchors bounds the anchors of one pattern: each string tells by a bit
// which anchors it belongs to.
const maxAnchors = 32

// limits keep the sets small: a prefilter costs one substring search per
// string, and short strings filter little.
const (
	maxSet   = 48 // strings in one set
	maxClass = 36 // runes of a character class taken as alternatives ([A-Z0-9])
	// a required set of more single characters than this filters too
	// little to be worth a search (any capital letter); such a class still
	// tells how a match starts ("[A-Z]\." starts with "A.", "B.", ...)
	maxCharSet = 12
	maxLiteral = 64 // bytes of one string
	maxConj    = 3  // sets required together
)

// info is what a sub-expression tells about the strings it matches.
type info struct {
	// exact, when not nil, is every string the node can match (after
	// ASCII lower-casing); "" is the empty match.
	exact []string
	// needs are sets every match contains a string of, rarest first.
	needs [][]string
	// prefix, when not nil, are strings one of which every match starts
	// with (none empty): "[*#@]{1,2}" starts with one of *, # and @.
	prefix []string
	// opt, for a node that can match the empty string (x?, x*), are
	// strings one of which every non-empty match starts with.
	opt []string
}

// nonEmptyStarts returns strings one of which every non-empty match starts
// with (nil: unknown).
func (in info) nonEmptyStarts() []string {
	if in.exact != nil {
		ne := slices.DeleteFunc(slices.Clone(in.exact), func(x string) bool { return x == "" })
		if len(ne) == 0 {
			return []string{} // only the empty match
		}
		return ne
	}
	if in.prefix != nil {
		return in.prefix
	}
	return in.opt
}

// starts returns strings one of which every match starts with (nil:
// unknown): the exact strings when the node cannot match empty, else the
// prefix.
func (in info) starts() []string {
	if in.exact != nil {
		if slices.Contains(in.exact, "") {
			return nil
		}
		return in.exact
	}
	return in.prefix
}

// known reports whether the node guarantees something.
func (in info) known() bool { return in.exact != nil || len(in.needs) > 0 }

// required returns the sets every match of in must contain a string of,
// rarest first (nil: nothing).
func (in info) required() [][]string {
	out := slices.Clone(in.needs)
	if in.exact != nil && !slices.Contains(in.exact, "") {
		out = append(out, shrink(in.exact))
	}
	return best(out)
}

// best orders sets rarest first (by their least rare string, then the
// smaller set first) and keeps the first maxConj that each add
// something.
func best(sets [][]string) [][]string {
	sets = slices.DeleteFunc(sets, func(s []string) bool {
		return len(s) == 0 || (len(s) > maxCharSet && !slices.ContainsFunc(s, func(x string) bool { return utf8.RuneCountInString(x) > 1 }))
	})
	if len(sets) <= 1 {
		return sets // nothing to order (the common case)
	}
	// each set's rarity is worked out once, not at every comparison
	type ranked struct {
		set  []string
		rare float64 // leastRare(set)
	}
	rs := make([]ranked, len(sets))
	for i, s := range sets {
		rs[i] = ranked{s, leastRare(s)}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		switch {
		case a.rare != b.rare:
			return cmp.Compare(b.rare, a.rare) // rarer first
		case len(a.set) != len(b.set):
			return cmp.Compare(len(a.set), len(b.set)) // then smaller
		}
		return 0
	})
	var out [][]string
	for _, r := range rs {
		b := r.set
		// b adds nothing when a kept set implies it: every string of that
		// set holds a string of b ("sci-hub" needs no separate "hub")
		if !slices.ContainsFunc(out, func(a []string) bool { return implies(a, b) }) {
			out = append(out, b)
		}
		if len(out) == maxConj {
			break
		}
	}
	return out
}

// implies reports whether a text holding a string of a always holds one of b.
func implies(a, b []string) bool {
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.Contains(x, y) }) {
			return false
		}
	}
	return true
}

// requiredLiterals analyses a pattern. ok is false when no useful set
// exists (the pattern can match without any fixed text).
func requiredLiterals(pattern string) (Literals, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return Literals{}, false
	}
	// an expression that never ignores case is prefiltered on the text
	// as it is, where "PA" and "pa" differ
	a := analyser{cased: !foldsCase(re), folded: new(bool), seen: map[*syntax.Regexp]info{}}
	simple := re.Simplify()
	top := a.analyse(simple)
	all := top.required()
	if len(all) == 0 {
		return Literals{}, false
	}
	// the anchors' analysis may meet folded literals too (before Folded
	// is read)
	anchors, _ := a.anchors(simple)
	l := Literals{All: all, Folded: *a.folded, Cased: a.cased, atStart: holdsStart(simple), anchors: anchors}
	for i := range all {
		all[i] = minimal(all[i])
		l.bytes = append(l.bytes, singleBytes(all[i]))
		l.scans = append(l.scans, newSetScan(all[i]))
	}
	return l, true
}

// anchors returns anchors for re that together find every match, and how
// rare their commonest string is (see rarity): in each branch of an
// alternation, and in each sequence, the part after which the rarest
// strings begin. nil when a branch has none.
func (a analyser) anchors(re *syntax.Regexp) ([]anchor, float64) {
	switch re.Op {
	case syntax.OpCapture:
		return a.anchors(re.Sub[0])
	case syntax.OpAlternate:
		var out []anchor
		rare := math.Inf(1)
		for _, sub := range re.Sub {
			as, r := a.anchors(sub)
			if as == nil || len(out)+len(as) > maxAnchors {
				return nil, 0
			}
			out = mergeAnchors(out, as)
			rare = min(rare, r)
		}
		return out, rare
	case syntax.OpConcat:
		return a.sequenceAnchors(re.Sub)
	}
	if st := trimPrefixes(a.analyse(re).starts(), maxSet); st != nil {
		return []anchor{{strs: st, boundary: atBoundary(re)}}, leastRare(st)
	}
	return nil, 0
}

// sequenceStarts is a.concat(subs).starts(), without the work of finding
// what the sequence needs.
func (a analyser) sequenceStarts(subs []*syntax.Regexp) []string {
	cur := []string{""} // the exact product so far
	for _, s := range subs {
		in := a.analyse(s)
		if in.exact != nil {
			if p := product(cur, in.exact); p != nil {
				cur = p
				continue
			}
		}
		if p := startsProduct(cur, in.starts()); p != nil {
			return p
		}
		if !slices.Contains(cur, "") {
			return cur
		}
		return a.leadStarts(subs)
	}
	if slices.Contains(cur, "") {
		return nil
	}
	return cur
}

// mergeAnchors appends as to out, joining the anchors of the same prefix
// (most branches have none): each string is looked for once, and each
// prefix matched back once.
func mergeAnchors(out, as []anchor) []anchor {
	for _, an := range as {
		i := slices.IndexFunc(out, func(o anchor) bool {
			return o.boundary == an.boundary && slices.Equal(o.prefix, an.prefix) && len(o.strs)+len(an.strs) <= maxSet
		})
		if i < 0 {
			out = append(out, an)
			continue
		}
		out[i].strs = union(out[i].strs, an.strs)
	}
	return out
}

// minGain is how much rarer (see rarity) strings must be to be chosen
// over others: the farther into a sequence they are, the more parts are
// matched back from each place they occur, which costs more than the
// rarer strings save when they are only a little rarer.
const minGain = 0.5

// sequenceAnchors chooses, among the parts of a sequence, the one whose
// strings are rarest: how the rest of the sequence from there starts, or
// the anchors inside the part; the parts before it become the prefix.
func (a analyser) sequenceAnchors(subs []*syntax.Regexp) ([]anchor, float64) {
	var best []anchor
	bestRare := 0.0
	for i, sub := range subs {
		if i > 0 && !backwardOK(subs[i-1]) {
			break
		}
		if st := trimPrefixes(a.sequenceStarts(subs[i:]), maxSet); st != nil {
			if r := leastRare(st); best == nil || r > bestRare+minGain {
				best, bestRare = []anchor{{strs: st, prefix: subs[:i:i], boundary: atBoundary(sub)}}, r
			}
		}
		if sub.Op != syntax.OpCapture && sub.Op != syntax.OpAlternate && sub.Op != syntax.OpConcat {
			continue // its anchor is the one above
		}
		if as, r := a.anchors(sub); as != nil && (best == nil || r > bestRare+minGain) {
			best, bestRare = make([]anchor, len(as)), r
			for k, an := range as {
				best[k] = an
				best[k].prefix = append(subs[:i:i], an.prefix...)
			}
		}
	}
	return best, bestRare
}

// atBoundary reports whether every match of re begins with \b (a word
// boundary, in Go's ASCII sense).
func atBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return atBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && atBoundary(re.Sub[0])
	case syntax.OpAlternate:
		return !slices.ContainsFunc(re.Sub, func(s *syntax.Regexp) bool { return !atBoundary(s) })
	}
	return false
}

// holdsStart reports whether re holds ^ or \A.
func holdsStart(re *syntax.Regexp) bool {
	return re.Op == syntax.OpBeginLine || re.Op == syntax.OpBeginText || slices.ContainsFunc(re.Sub, holdsStart)
}

// analyser derives required strings; cased keeps letters' case; folded
// records a case-insensitive 'k' or 's' (see Literals.Folded); seen holds
// what each node of the expression gave: concatenations and alternations
// look at their parts more than once (leadStarts, the prefix of an
// alternation), which nesting would otherwise multiply. Nothing changes an
// info once made, so sharing them is safe.
type analyser struct {
	cased  bool
	folded *bool
	seen   map[*syntax.Regexp]info
}

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
	if in, ok := a.seen[re]; ok {
		return in
	}
	in := a.analyseNode(re)
	a.seen[re] = in
	return in
}

func (a analyser) analyseNode(re *syntax.Regexp) info {
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
	// x+ and x{m,n} with m >= 1 need what x needs, and start as x starts
	case syntax.OpQuest:
		sub := a.analyse(re.Sub[0])
		if sub.exact != nil && len(sub.exact) < maxSet {
			return info{exact: union(sub.exact, []string{""})}
		}
		return info{opt: sub.nonEmptyStarts()}
	case syntax.OpStar:
		return info{opt: a.analyse(re.Sub[0]).nonEmptyStarts()}
	case syntax.OpPlus:
		sub := a.analyse(re.Sub[0])
		return info{needs: sub.required(), prefix: sub.starts()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return info{opt: a.analyse(re.Sub[0]).nonEmptyStarts()}
		}
		sub := a.analyse(re.Sub[0])
		return info{needs: sub.required(), prefix: sub.starts()}
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
	for _, r := range rs {
		if fold && r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return info{}
		}
		if r == utf8.RuneError {
			return info{} // U+FFFD also matches any invalid byte of the text
		}
		r = a.lower(r)
		if fold && (r == 'k' || r == 's') {
			*a.folded = true
		}
		b.WriteRune(r)
	}
	if b.Len() > maxLiteral {
		return info{needs: [][]string{{b.String()[:maxLiteral]}}}
	}
	return info{exact: []string{b.String()}}
}

// class is a character class: small ones are a set of one-rune strings.
func (a analyser) class(ranges []rune) info {
	n := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		n += int(ranges[i+1]-ranges[i]) + 1
		if n > maxClass {
			return info{}
		}
		if ranges[i] <= utf8.RuneError && utf8.RuneError <= ranges[i+1] {
			return info{} // U+FFFD also matches any invalid byte of the text
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
// exact strings, and a run of exact parts followed by a part of known start
// into required strings ("f" then "[*#@]+": f*, f# or f@); every part's and
// every product's required sets are candidates, of which the rarest are
// kept, all of them required.
func (a analyser) concat(subs []*syntax.Regexp) info {
	var needs [][]string
	var prefix []string // how every match starts, when known
	cur := []string{""} // the exact product so far
	allExact := true
	for _, s := range subs {
		in := a.analyse(s)
		// each part on its own (a rare class like [*#@] may beat the product)
		needs = append(needs, in.required()...)
		if in.exact != nil {
			if p := product(cur, in.exact); p != nil {
				cur = p
				continue
			}
		}
		// the run of exact parts ends here: what it is followed by starts
		// as this part starts
		p := startsProduct(cur, in.starts())
		if p != nil {
			needs = append(needs, shrink(p))
		}
		if allExact {
			switch {
			case p != nil:
				prefix = p
			case !slices.Contains(cur, ""):
				prefix = cur
			}
		}
		allExact = false
		needs = append(needs, info{exact: cur}.required()...)
		cur = []string{""}
		if in.exact != nil {
			cur = in.exact
		}
	}
	if allExact {
		return info{exact: cur, needs: best(needs)}
	}
	needs = append(needs, info{exact: cur}.required()...)
	if prefix == nil {
		prefix = a.leadStarts(subs)
	}
	return info{needs: best(needs), prefix: prefix}
}

// leadStarts returns how a sequence's matches start when it begins with
// parts that may match nothing ("(?:i'm\s+)?voting"): one of the ways
// those parts start, or the way the first part that cannot be empty does.
func (a analyser) leadStarts(subs []*syntax.Regexp) []string {
	var acc []string
	for _, s := range subs {
		in := a.analyse(s)
		if st := in.starts(); st != nil {
			return trimPrefixes(union(acc, st), maxSet)
		}
		ne := in.nonEmptyStarts()
		if ne == nil {
			return nil
		}
		acc = union(acc, ne)
	}
	return nil // every part may be empty: so may the sequence
}

// alternate is a choice: every branch must guarantee something. Branch i
// needs its sets N[i][0], N[i][1], ...; so the alternation needs the union
// of the first sets, the union of the second sets, and so on.
func (a analyser) alternate(subs []*syntax.Regexp) info {
	var exact []string
	var branches [][][]string
	allExact := true
	for _, s := range subs {
		in := a.analyse(s)
		if !in.known() {
			return info{}
		}
		if in.exact != nil && allExact && len(exact)+len(in.exact) <= maxSet {
			exact = union(exact, in.exact)
			branches = append(branches, in.required())
			continue
		}
		allExact = false
		req := in.required()
		if len(req) == 0 {
			return info{}
		}
		branches = append(branches, req)
	}
	if allExact {
		return info{exact: exact}
	}
	if slices.Contains(exact, "") {
		return info{} // an exact branch matches the empty string
	}
	// every match starts as one of the branches starts
	var prefix []string
	for _, s := range subs {
		st := a.analyse(s).starts()
		if st == nil {
			prefix = nil
			break
		}
		if prefix = trimPrefixes(union(prefix, st), maxSet); prefix == nil {
			break
		}
	}
	width := maxConj
	for _, b := range branches {
		width = min(width, len(b))
	}
	var needs [][]string
	for j := 0; j < width; j++ {
		var set []string
		for _, b := range branches {
			set = union(set, shrink(b[j]))
		}
		// a string that holds another of the set adds nothing
		if set = minimal(set); len(set) > maxSet {
			break
		}
		needs = append(needs, set)
	}
	if len(needs) == 0 {
		return info{prefix: prefix}
	}
	return info{needs: best(needs), prefix: prefix}
}

// startsProduct returns the strings a match starts with when it is one of
// cur followed by a match that starts with one of st; st is cut shorter
// to keep the product small. nil: nothing useful (st unknown, or starting
// with white space, as \s+ does: "in" then "\s" is little rarer than "in"
// and costs five searches instead of one).
func startsProduct(cur, st []string) []string {
	if len(st) == 0 || len(cur) == 0 || len(cur) > maxSet {
		return nil
	}
	for _, x := range st {
		if strings.IndexByte(" \t\n\r\f\v", x[0]) >= 0 {
			return nil
		}
	}
	if st = trimPrefixes(st, maxSet/len(cur)); st == nil {
		return nil
	}
	return product(cur, st)
}

// trimPrefixes returns a set of at most n strings that every string of set
// starts with: set itself, or with its strings cut to at most the longest
// length that makes the set small enough (the longest strings are cut
// first: {motherf*, motherf#, f*} → {motherf, f*}); nil when not even one
// byte each does.
func trimPrefixes(set []string, n int) []string {
	if len(set) <= n {
		return set
	}
	longest := 0
	for _, x := range set {
		longest = max(longest, len(x))
	}
	for k := longest - 1; k >= 1; k-- {
		var cut []string
		for _, x := range set {
			c := x[:min(k, len(x))]
			for c != "" && !utf8.ValidString(c) {
				c = c[:len(c)-1] // never split a character
			}
			if c == "" {
				return nil
			}
			cut = append(cut, c)
		}
		if cut = dedupe(cut); len(cut) <= n {
			return cut
		}
	}
	return nil
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

// leastRare is the rarity (see rarity) of the commonest string of set.
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
		r += byteRarity[s[i]]
	}
	return r
}

// byteRarity is each byte's share of rarity (a table: the analysis of a
// large pattern scores strings hundreds of thousands of times).
var byteRarity = func() (t [256]float64) {
	for c := range t {
		switch {
		case c == ' ':
			t[c] = 0.3
		case strings.IndexByte(".,:;'\"!?-()\t\n\r\f", byte(c)) >= 0:
			t[c] = 0.5
		case strings.IndexByte("etaoinsrhl", byte(c)) >= 0:
			t[c] = 0.6
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = 1
		default:
			t[c] = 2.5
		}
	}
	return t
}()

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

// Match reports whether a text may hold a match: it contains a string of
// every required set. text is the ASCII-lower-cased text, or the text the
// expression runs on when l.Cased.
func (l *Literals) Match(text string) bool {
	for i, set := range l.All {
		scanned := i < len(l.bytes) // the set's one-byte strings, searched at once
		if scanned && l.bytes[i] != "" && ContainsAnyByte(text, l.bytes[i]) {
			continue
		}
		if scanned && l.scans[i] != nil {
			if !l.scans[i].find(text) {
				return false
			}
			continue
		}
		if !containsAny(text, set, scanned) {
			return false
		}
	}
	return true
}

// containsAny reports whether text holds a string of set (skipping the
// one-byte ASCII strings when they were already looked for).
func containsAny(text string, set []string, skipBytes bool) bool {
	for _, s := range set {
		if skipBytes && len(s) == 1 && s[0] < utf8.RuneSelf {
			continue
		}
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// setScan looks for several strings at once: a search for each costs a
// pass over the text, and the sets of the larger patterns hold dozens.
type setScan struct {
	strs []string // sorted; none shorter than two bytes
	// byFirst[c] is the range of strs that begin with the byte c
	byFirst [256][2]uint8
	// pairs has the bit pairHash(x[0], x[1]) of each string x set: most
	// places of a text begin with no pair of them
	pairs [64]uint64
	// keys, when not empty, are a few rare bytes one of which every
	// string holds: find jumps from one place of a key in the text to the
	// next (strings.IndexByte skips many bytes at a time) and checks the
	// strings of keyed[k] there, instead of hashing every pair of bytes
	keys  string
	keyed [][]keyGroup
}

// keyGroup are the strings of a setScan that are looked for from the same
// key byte at the same offset, sorted; byFirst[c] is the range of them
// that begin with the byte c.
type keyGroup struct {
	off     int
	strs    []string
	byFirst [256][2]uint8
}

// maxKeys is the most key bytes of a setScan.
const maxKeys = 4

// minScan is the number of longer strings from which a set is looked for
// in one pass rather than string by string.
const minScan = 5

// newSetScan returns the scan of the strings of set that are not single
// ASCII bytes (those are found by singleBytes'); nil when they are few,
// or a non-ASCII string has a single byte.
func newSetScan(set []string) *setScan {
	strs := slices.DeleteFunc(slices.Clone(set), func(x string) bool { return len(x) == 1 && x[0] < utf8.RuneSelf })
	if len(strs) < minScan || len(strs) > 255 || slices.ContainsFunc(strs, func(x string) bool { return len(x) < 2 }) {
		return nil
	}
	sc := &setScan{strs: dedupe(strs)}
	for i, x := range sc.strs {
		r := &sc.byFirst[x[0]]
		if r[1] == 0 {
			r[0] = uint8(i)
		}
		r[1] = uint8(i + 1)
		h := pairHash(x[0], x[1])
		sc.pairs[h/64] |= 1 << (h % 64)
	}
	sc.keys, sc.keyed = chooseKeys(sc.strs)
	return sc
}

// chooseKeys returns a few rare bytes one of which every string of strs
// holds, and for each, the strings that are looked for from it; none when
// that would cost more than hashing pairs (the keys are common, or many
// strings are checked at each). Greedy: the byte that covers the most
// strings not yet covered for its frequency, until all are.
func chooseKeys(strs []string) (string, [][]keyGroup) {
	// the bytes of each string, as a set
	has := make([][4]uint64, len(strs))
	for i, x := range strs {
		for j := 0; j < len(x); j++ {
			has[i][x[j]/64] |= 1 << (x[j] % 64)
		}
	}
	var keys []byte
	var keySet [4]uint64
	for {
		var count [256]int32
		var seen [4]uint64 // the bytes of the strings not yet covered
		left := false
		for i := range has {
			if has[i][0]&keySet[0] != 0 || has[i][1]&keySet[1] != 0 || has[i][2]&keySet[2] != 0 || has[i][3]&keySet[3] != 0 {
				continue // covered
			}
			left = true
			for w, m := range has[i] {
				seen[w] |= m
				for ; m != 0; m &= m - 1 {
					count[w*64+bits.TrailingZeros64(m)]++
				}
			}
		}
		if !left {
			break
		}
		if len(keys) == maxKeys {
			return "", nil
		}
		best, score := -1, 0.0
		for w, m := range seen {
			for ; m != 0; m &= m - 1 {
				c := w*64 + bits.TrailingZeros64(m)
				if sc := byteFreq[c] / float64(count[c]); best < 0 || sc < score {
					best, score = c, sc
				}
			}
		}
		keys = append(keys, byte(best))
		keySet[best/64] |= 1 << (best % 64)
	}
	keyed := make([][]keyGroup, len(keys))
	for _, x := range strs { // (sorted: so are the groups' strings)
		for k, c := range keys {
			j := strings.IndexByte(x, c)
			if j < 0 {
				continue
			}
			g := slices.IndexFunc(keyed[k], func(g keyGroup) bool { return g.off == j })
			if g < 0 {
				g = len(keyed[k])
				keyed[k] = append(keyed[k], keyGroup{off: j})
			}
			kg := &keyed[k][g]
			r := &kg.byFirst[x[0]]
			if r[1] == 0 {
				r[0] = uint8(len(kg.strs))
			}
			kg.strs = append(kg.strs, x)
			r[1] = uint8(len(kg.strs))
			break
		}
	}
	// per byte of text: a key occurs with its frequency, and then each
	// group of its strings is looked at; hashing pairs costs about 9
	// instructions a byte (and a check at each pair found)
	cost := 0.0
	for k, c := range keys {
		cost += byteFreq[c] * float64(6+5*len(keyed[k]))
	}
	if cost > 3 {
		return "", nil
	}
	return string(keys), keyed
}

// byteFreq is about how often each byte occurs in the text of posts (as
// the strings are looked for in it: ASCII letters mostly lower-cased).
var byteFreq = func() (t [256]float64) {
	for c := range t {
		switch {
		case c >= 0x80:
			t[c] = 0.004 // emoji and other non-ASCII characters
		case '0' <= c && c <= '9':
			t[c] = 0.004
		case 'A' <= c && c <= 'Z':
			t[c] = 0.003
		default:
			t[c] = 0.001
		}
	}
	for _, cf := range []struct {
		c byte
		f float64
	}{
		{' ', 0.16}, {'e', 0.10}, {'t', 0.072}, {'a', 0.065}, {'o', 0.06}, {'i', 0.056}, {'n', 0.054}, {'s', 0.05}, {'h', 0.049},
		{'r', 0.048}, {'d', 0.034}, {'l', 0.032}, {'c', 0.022}, {'u', 0.022}, {'m', 0.019}, {'w', 0.019}, {'f', 0.018},
		{'g', 0.016}, {'y', 0.016}, {'p', 0.015}, {'b', 0.012}, {'v', 0.008}, {'k', 0.006}, {'j', 0.0012}, {'x', 0.0012},
		{'q', 0.0008}, {'z', 0.0006}, {'.', 0.012}, {',', 0.01}, {'\'', 0.004}, {'-', 0.003}, {'/', 0.003}, {'!', 0.003},
		{'\n', 0.003}, {'?', 0.002}, {':', 0.002}, {'"', 0.002}, {'#', 0.002}, {'@', 0.002},
		{0x80, 0.01}, {0x9f, 0.01}, {0xe2, 0.006}, {0xf0, 0.006},
	} {
		t[cf.c] = cf.f
	}
	for c := 0x81; c < 0xc0; c++ {
		t[c] = 0.006 // continuation bytes
	}
	return t
}()

func pairHash(a, b byte) uint { return (uint(a)<<4 ^ uint(b)) % 4096 }

// find reports whether text holds one of the strings.
func (sc *setScan) find(text string) bool {
	if sc.keys != "" {
		return sc.findKeys(text)
	}
	return sc.findPairs(text)
}

// findKeys is find, from the places of the key bytes.
func (sc *setScan) findKeys(text string) bool {
	for k := 0; k < len(sc.keys); k++ {
		c := sc.keys[k]
		for i := 0; i < len(text); i++ {
			j := strings.IndexByte(text[i:], c)
			if j < 0 {
				break
			}
			i += j
			for g := range sc.keyed[k] {
				kg := &sc.keyed[k][g]
				p := i - kg.off
				if p < 0 {
					continue
				}
				r := kg.byFirst[text[p]]
				for _, x := range kg.strs[r[0]:r[1]] {
					if len(text)-p >= len(x) && text[p:p+len(x)] == x {
						return true
					}
				}
			}
		}
	}
	return false
}

// findPairs is find, from the places where a string's first two bytes
// may begin.
func (sc *setScan) findPairs(text string) bool {
	if len(text) < 2 {
		return false
	}
	pairs := &sc.pairs
	prev := text[0]
	for i := 1; i < len(text); i++ {
		c := text[i]
		h := pairHash(prev, c)
		prev = c
		if pairs[h/64]&(1<<(h%64)) != 0 && sc.at(text, i-1) {
			return true
		}
	}
	return false
}

// at reports whether one of the strings begins at text[i].
func (sc *setScan) at(text string, i int) bool {
	r := sc.byFirst[text[i]]
	for _, x := range sc.strs[r[0]:r[1]] {
		if hasPrefix(text[i:], x) {
			return true
		}
	}
	return false
}

// singleBytes returns the one-byte ASCII strings of set, joined, the
// commonest first (ContainsAnyByte stops at the first it finds).
func singleBytes(set []string) string {
	var b []byte
	for _, s := range set {
		if len(s) == 1 && s[0] < utf8.RuneSelf {
			b = append(b, s[0])
		}
	}
	slices.SortStableFunc(b, func(x, y byte) int { return cmp.Compare(byteRarity[x], byteRarity[y]) })
	return string(b)
}

// ContainsAnyByte is strings.ContainsAny(s, chars) for chars of ASCII
// bytes: a search for each byte (strings.IndexByte looks at many bytes at
// a time) rather than a look at every byte of s, when chars are few for
// the length of s.
func ContainsAnyByte(s, chars string) bool {
	if len(chars) > maxByteSearches || len(chars)*4 > len(s) {
		return strings.ContainsAny(s, chars)
	}
	for i := 0; i < len(chars); i++ {
		if chars[i] >= utf8.RuneSelf {
			return strings.ContainsAny(s, chars)
		}
	}
	for i := 0; i < len(chars); i++ {
		if strings.IndexByte(s, chars[i]) >= 0 {
			return true
		}
	}
	return false
}

// maxByteSearches is the most bytes ContainsAnyByte looks for one by one.
const maxByteSearches = 16

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
