package rules

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// backward matches parts of an expression from right to left: given the
// places where a later part of a match may begin, it finds where the
// match itself may begin ("[.!?]\s*" before "dr": the punctuation before
// the spaces before each "dr"). It reads the text as Go's regexp does: the
// same runes (utf8.DecodeLastRuneInString splits a text at the places
// decoding forwards does, from any such place), the same case folding of
// literals and the same context for \b, ^ and $.
//
// Sets of places are bit sets over the offsets 0..len(src), cut from one
// arena (words) that lives as long as one search.
type backward struct {
	src   string
	nw    int // words of a set
	words []uint64
	// at[k] is where the strings of anchor k occur (for Starts.places;
	// nil when none does)
	at [maxAnchors]posSet
}

// posSet is a set of offsets of src: bit e%64 of word e/64.
type posSet []uint64

// arenas keeps the arenas of finished searches for the next ones.
var arenas = sync.Pool{New: func() any { return new(backward) }}

// newBackward returns a backward matcher for src; free returns it.
func newBackward(src string) *backward {
	b := arenas.Get().(*backward)
	b.src, b.nw, b.words = src, len(src)/64+1, b.words[:0]
	return b
}

func (b *backward) free() {
	b.src = ""
	clear(b.at[:])
	arenas.Put(b)
}

// set returns a new empty set.
func (b *backward) set() posSet {
	n := len(b.words)
	b.words = slices.Grow(b.words, b.nw)[:n+b.nw]
	s := posSet(b.words[n : n+b.nw : n+b.nw])
	clear(s)
	return s
}

func (s posSet) add(e int) { s[e/64] |= 1 << (e % 64) }

func (s posSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (s posSet) or(t posSet) {
	for i, w := range t {
		s[i] |= w
	}
}

func (s posSet) has(e int) bool { return s[e/64]&(1<<(e%64)) != 0 }

// eachDown calls f with every offset of s, descending.
func (s posSet) eachDown(f func(e int)) {
	for i := len(s) - 1; i >= 0; i-- {
		for w := s[i]; w != 0; {
			t := 63 - bits.LeadingZeros64(w)
			f(i*64 + t)
			w &^= 1 << t
		}
	}
}

// each calls f with every offset of s, ascending.
func (s posSet) each(f func(e int)) {
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			f(i*64 + bits.TrailingZeros64(w))
		}
	}
}

// bnode is a part of an expression compiled for backward.
type bnode struct {
	op bop
	// bRune: the runes matched, ASCII ones as bits (of ascii[r/64]), the
	// others as sorted ranges (lo, hi pairs)
	ascii  [2]uint64
	ranges []rune
	lit    string // bBytes
	runes  []rune // bRunes
	fold   bool   // bRunes: each rune matches its case-fold orbit
	assert syntax.Op
	subs   []*bnode // bSeq, bAlt; bQuest, bStar, bRepeat: one
	min    int      // bRepeat: at least min times, at most max (< 0: no limit)
	max    int
}

type bop uint8

const (
	bNone      bop = iota // matches nothing
	bEmpty                // the empty string
	bRune                 // one rune of a set
	bBytes                // a literal, byte for byte
	bBytesFold            // a literal of ASCII letters whose case folds stay ASCII, byte for byte (lit lower-cased)
	bRunes                // a literal, rune by rune: case-folded, or with U+FFFD (which also matches an invalid byte)
	bAssert               // an empty-width assertion
	bSeq
	bAlt
	bQuest
	bStar
	bRepeat
)

// compilePrefixes compiles the prefixes of anchors (nil for none); the
// parts they share (the anchors of an alternation after the same
// sequence) are compiled once.
func compilePrefixes(anchors []anchor) []*bnode {
	done := map[*syntax.Regexp]*bnode{}
	out := make([]*bnode, len(anchors))
	for k, an := range anchors {
		if len(an.prefix) == 0 {
			continue
		}
		n := &bnode{op: bSeq}
		for _, p := range an.prefix {
			if done[p] == nil {
				done[p] = compileBack(p)
			}
			n.subs = append(n.subs, done[p])
		}
		out[k] = n
	}
	return out
}

// compileBackward compiles a sequence of parts of a parsed expression
// (backwardOK).
func compileBackward(parts []*syntax.Regexp) *bnode {
	n := &bnode{op: bSeq}
	for _, p := range parts {
		n.subs = append(n.subs, compileBack(p))
	}
	return n
}

func compileBack(re *syntax.Regexp) *bnode {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return &bnode{op: bEmpty}
	case syntax.OpCapture:
		return compileBack(re.Sub[0])
	case syntax.OpConcat:
		return compileBackward(re.Sub)
	case syntax.OpAlternate, syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if x, max := questChain(re); x != nil {
			return &bnode{op: bRepeat, subs: []*bnode{compileBack(x)}, max: max}
		}
		n := &bnode{op: bAlt}
		for _, sub := range re.Sub {
			n.subs = append(n.subs, compileBack(sub))
		}
		switch re.Op {
		case syntax.OpQuest:
			n.op = bQuest
		case syntax.OpStar:
			n.op = bStar
		case syntax.OpPlus:
			n.op, n.min, n.max = bRepeat, 1, -1
		case syntax.OpRepeat:
			n.op, n.min, n.max = bRepeat, re.Min, re.Max
		}
		return n
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return &bnode{op: bAssert, assert: re.Op}
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		if len(re.Rune) == 1 {
			// one rune, or any of its case-fold orbit
			var ranges []rune
			for r := re.Rune[0]; ; {
				ranges = append(ranges, r, r)
				if r = unicode.SimpleFold(r); !fold || r == re.Rune[0] {
					break
				}
			}
			slices.Sort(ranges)
			return runeSet(ranges)
		}
		if !fold && !slices.Contains(re.Rune, utf8.RuneError) {
			// the same bytes are the same runes (the literal is valid UTF-8)
			return &bnode{op: bBytes, lit: string(re.Rune)}
		}
		if fold && !slices.ContainsFunc(re.Rune, foldsOutOfASCII) {
			return &bnode{op: bBytesFold, lit: strings.ToLower(string(re.Rune))}
		}
		return &bnode{op: bRunes, runes: re.Rune, fold: fold}
	case syntax.OpCharClass:
		return runeSet(re.Rune)
	case syntax.OpAnyCharNotNL:
		return runeSet([]rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune})
	case syntax.OpAnyChar:
		return runeSet([]rune{0, unicode.MaxRune})
	}
	return &bnode{op: bNone}
}

// foldsOutOfASCII reports whether r or a rune of its case-fold orbit is
// not ASCII ('k' and the Kelvin sign, 's' and the long s).
func foldsOutOfASCII(r rune) bool {
	if r >= utf8.RuneSelf {
		return true
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// questChain recognizes x{0,max} as Simplify writes it, (?:x(?:x(?:x)?)?)?,
// and returns x and max (nil when re is not such a chain).
func questChain(re *syntax.Regexp) (x *syntax.Regexp, max int) {
	for ; re.Op == syntax.OpQuest; max++ {
		sub := re.Sub[0]
		next := (*syntax.Regexp)(nil)
		if sub.Op == syntax.OpConcat && len(sub.Sub) == 2 && sub.Sub[1].Op == syntax.OpQuest {
			sub, next = sub.Sub[0], sub.Sub[1]
		}
		if x != nil && !x.Equal(sub) {
			return nil, 0
		}
		if x = sub; next == nil {
			if max == 0 {
				return nil, 0 // a lone x?
			}
			return x, max + 1
		}
		re = next
	}
	return nil, 0
}

// runeSet is a bRune of the runes of ranges.
func runeSet(ranges []rune) *bnode {
	n := &bnode{op: bRune}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			n.ascii[r/64] |= 1 << (r % 64)
		}
		if hi >= utf8.RuneSelf {
			n.ranges = append(n.ranges, max(lo, utf8.RuneSelf), hi)
		}
	}
	return n
}

// has reports whether the bRune n matches r.
func (n *bnode) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && n.ascii[r/64]&(1<<(r%64)) != 0
	}
	rs := n.ranges
	// the first pair whose hi is at least r
	lo, hi := 0, len(rs)/2
	for lo < hi {
		m := (lo + hi) / 2
		if rs[2*m+1] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(rs)/2 && rs[2*lo] <= r
}

// node returns the offsets p from which n can match src[p:e] for some e
// in ends. ends is never changed: the result is new, or ends itself.
func (b *backward) node(n *bnode, ends posSet) posSet {
	switch n.op {
	case bEmpty:
		return ends
	case bSeq:
		for k := len(n.subs) - 1; k >= 0 && !ends.empty(); k-- {
			ends = b.node(n.subs[k], ends)
		}
		return ends
	case bStar:
		return b.star(n.subs[0], ends)
	case bRepeat:
		if n.subs[0].op == bRune && n.max >= 0 {
			break // into steps back rune by rune
		}
		for range n.min {
			ends = b.node(n.subs[0], ends)
		}
		if n.max < 0 {
			return b.star(n.subs[0], ends)
		}
		for range n.max - n.min {
			more := b.set()
			more.or(ends)
			b.into(n.subs[0], ends, more)
			ends = more
		}
		return ends
	}
	out := b.set()
	b.into(n, ends, out)
	return out
}

// into adds to out the offsets node would return for n: alternatives
// and optional parts add theirs to the same set.
func (b *backward) into(n *bnode, ends, out posSet) {
	switch n.op {
	case bRune:
		ends.each(func(e int) {
			if e == 0 {
				return
			}
			if c := b.src[e-1]; c < utf8.RuneSelf {
				if n.ascii[c/64]&(1<<(c%64)) != 0 {
					out.add(e - 1)
				}
			} else if r, w := utf8.DecodeLastRuneInString(b.src[:e]); n.has(r) {
				out.add(e - w)
			}
		})
	case bBytes:
		ends.each(func(e int) {
			if strings.HasSuffix(b.src[:e], n.lit) {
				out.add(e - len(n.lit))
			}
		})
	case bBytesFold:
		ends.each(func(e int) {
			if e >= len(n.lit) && asciiEqualFold(b.src[e-len(n.lit):e], n.lit) {
				out.add(e - len(n.lit))
			}
		})
	case bRunes:
		ends.each(func(e int) {
			if p, ok := b.literal(n.runes, n.fold, e); ok {
				out.add(p)
			}
		})
	case bAssert:
		ends.each(func(e int) {
			if b.holds(n.assert, e) {
				out.add(e)
			}
		})
	case bAlt:
		for _, sub := range n.subs {
			b.into(sub, ends, out)
		}
	case bQuest:
		out.or(ends)
		b.into(n.subs[0], ends, out)
	case bRepeat:
		if x := n.subs[0]; x.op == bRune && n.max >= 0 {
			// from min to max runes back from each end
			ends.each(func(e int) {
				p := e
				for k := 0; k <= n.max; k++ {
					if k >= n.min {
						out.add(p)
					}
					if k == n.max || p == 0 {
						break
					}
					r, w := utf8.DecodeLastRuneInString(b.src[:p])
					if !x.has(r) {
						break
					}
					p -= w
				}
			})
			break
		}
		out.or(b.node(n, ends))
	case bNone:
	default: // bEmpty, bSeq, bStar
		out.or(b.node(n, ends))
	}
}

// star is x*: ends and every place x matches back to from a place found.
func (b *backward) star(x *bnode, ends posSet) posSet {
	all := b.set()
	all.or(ends)
	if x.op == bRune {
		// a run of single runes ("\s*", "[a-z]+"): step back from each
		// end, from the last down; a place found already was (or will
		// be, being an end) stepped back from
		ends.eachDown(func(e int) {
			for p := e; p > 0; {
				r, w := utf8.DecodeLastRuneInString(b.src[:p])
				if !x.has(r) {
					break
				}
				if p -= w; all.has(p) {
					break
				}
				all.add(p)
			}
		})
		return all
	}
	for next := ends; ; {
		fresh := b.node(x, next)
		found := false
		for i, w := range fresh {
			if w&^all[i] != 0 {
				found = true
			}
		}
		if !found {
			return all
		}
		next = b.set()
		for i, w := range fresh {
			next[i] = w &^ all[i]
			all[i] |= w
		}
	}
}

// literal matches the runes rs ending at e, as Go's compiled literal
// does: folded, each matches each rune of its case-fold orbit.
func (b *backward) literal(rs []rune, fold bool, e int) (int, bool) {
	for k := len(rs) - 1; k >= 0; k-- {
		if e == 0 {
			return 0, false
		}
		r, w := utf8.DecodeLastRuneInString(b.src[:e])
		if r != rs[k] && !(fold && sameFold(rs[k], r)) {
			return 0, false
		}
		e -= w
	}
	return e, true
}

// asciiEqualFold reports whether s is lower (ASCII) but for the case of
// its ASCII letters.
func asciiEqualFold(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// sameFold reports whether r is in the simple case-fold orbit of x.
func sameFold(x, r rune) bool {
	for f := unicode.SimpleFold(x); f != x; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// holds reports whether an empty-width assertion holds at e, with the
// runes on either side as context (none at the ends of the text).
func (b *backward) holds(op syntax.Op, e int) bool {
	before, after := rune(-1), rune(-1)
	if e > 0 {
		before, _ = utf8.DecodeLastRuneInString(b.src[:e])
	}
	if e < len(b.src) {
		after, _ = utf8.DecodeRuneInString(b.src[e:])
	}
	switch op {
	case syntax.OpBeginLine:
		return before < 0 || before == '\n'
	case syntax.OpEndLine:
		return after < 0 || after == '\n'
	case syntax.OpBeginText:
		return before < 0
	case syntax.OpEndText:
		return after < 0
	case syntax.OpWordBoundary:
		return syntax.IsWordChar(before) != syntax.IsWordChar(after)
	}
	return syntax.IsWordChar(before) == syntax.IsWordChar(after) // OpNoWordBoundary
}

// backwardOK reports whether backward matches re in time linear in the
// text: it knows every operator of the syntax (this guards against new
// ones), and what repeats without bound is a single rune ("\s+",
// "[a-z]*"), which it steps back over once. A sequence repeated without
// bound ("(?:\w+\s*)*") would be matched back again from each place
// found, up to the length of the text.
func backwardOK(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpStar, syntax.OpPlus:
		return oneRuneOp(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 && !oneRuneOp(re.Sub[0]) {
			return false
		}
	case syntax.OpCapture, syntax.OpConcat, syntax.OpAlternate, syntax.OpQuest:
	default:
		return false
	}
	return !slices.ContainsFunc(re.Sub, func(s *syntax.Regexp) bool { return !backwardOK(s) })
}

// oneRuneOp reports whether re matches a single rune.
func oneRuneOp(re *syntax.Regexp) bool {
	return re.Op == syntax.OpCharClass || re.Op == syntax.OpAnyChar || re.Op == syntax.OpAnyCharNotNL || re.Op == syntax.OpLiteral && len(re.Rune) == 1
}
