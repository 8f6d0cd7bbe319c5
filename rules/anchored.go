package rules

import (
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Starts finds a pattern's matches faster when every match must begin
// where one of a few strings occurs, or at places found back from there
// (its Literals' anchors): instead of letting the regular expression try
// every position of the text, which costs the length of the program at
// each one, it looks for those strings and tries the expression anchored
// at each place a match may begin. The matches are the same as
// FindAllStringSubmatchIndex's: the leftmost match is the one at the
// first place where an anchored attempt succeeds, and the expression sees
// the character before that place (for \b), because the anchored form
// consumes it first.
type Starts struct {
	strs []string // of every anchor, sorted, distinct
	// of[i] has bit k set when strs[i] is a string of anchors[k]
	of      []uint32
	anchors []anchor
	// back[k] is anchors[k].prefix compiled (nil: no prefix), on first
	// use with the anchored forms
	back []*bnode
	// boundary: every anchor's strings begin at \b, so a place must be
	// one (between a word byte and a non-word byte, or at the start
	// before a word byte)
	boundary bool
	// byFirst[c] is the range of strs that begin with the byte c: most
	// bytes of a text begin none, and the others only a few
	byFirst [256][2]uint8
	// pairs, when no string is shorter than two bytes, has the bit
	// pairHash(x[0], x[1]) of each string x set
	pairs *[64]uint64
	// firsts are the bytes strs begin with, when they are few enough to
	// look for one by one (strings.IndexByte skips many bytes at a time)
	firsts string
	// at is `\A(?s:.)(?:re)`, run from the character before the place;
	// at0 is `\A(?:re)`, for a match at the start of the text, only made
	// when re holds ^ or \A (else at runs on the text after a line break,
	// which \b, \B and $ read as the start of the text). They are
	// compiled on first use (start-up time matters for a single check):
	// ok reports whether that worked.
	re      *regexp.Regexp
	atStart bool // re holds ^ or \A (Literals.atStart)
	compile sync.Once
	ok      bool
	at0, at *regexp.Regexp
}

// newStarts returns the anchored matcher of re; nil when it has no
// anchors.
func newStarts(re *regexp.Regexp, l Literals) *Starts {
	if len(l.anchors) == 0 || len(l.anchors) > maxAnchors {
		return nil
	}
	s := &Starts{anchors: l.anchors, re: re, atStart: l.atStart, boundary: true}
	for _, an := range l.anchors {
		s.strs = append(s.strs, an.strs...)
		s.boundary = s.boundary && an.boundary
	}
	s.strs = dedupe(s.strs)
	if len(s.strs) > 255 || slices.Contains(s.strs, "") {
		return nil // (an anchor has at most maxSet strings)
	}
	s.of = make([]uint32, len(s.strs))
	for k, an := range l.anchors {
		for _, x := range an.strs {
			i, _ := slices.BinarySearch(s.strs, x)
			s.of[i] |= 1 << k
		}
	}
	for i, x := range s.strs {
		r := &s.byFirst[x[0]]
		if r[1] == 0 {
			r[0] = uint8(i)
			s.firsts += x[:1]
		}
		r[1] = uint8(i + 1)
	}
	if len(s.firsts) > maxFirsts {
		s.firsts = ""
	}
	if !slices.ContainsFunc(s.strs, func(x string) bool { return len(x) < 2 }) {
		s.pairs = new([64]uint64)
		for _, x := range s.strs {
			h := pairHash(x[0], x[1])
			s.pairs[h/64] |= 1 << (h % 64)
		}
	}
	return s
}

// maxFirsts is the most first bytes of the strings of a Starts that are
// looked for one by one rather than in one pass over the text.
const maxFirsts = 3

// anchor compiles the anchored forms; false when they cannot be made.
func (s *Starts) anchor() bool {
	s.compile.Do(func() {
		if s.ok = s.build(s.re); s.ok {
			s.back = compilePrefixes(s.anchors)
		}
	})
	return s.ok
}

func (s *Starts) build(re *regexp.Regexp) bool {
	expr := re.String()
	if strings.Contains(expr, `\Q`) {
		// the source may hold \Q... without \E, which no suffix could
		// follow: use the expression as the parser understood it. (Only
		// then: printing a parsed expression costs far more than
		// compiling it, for the large case-folded classes of (?i).)
		tree, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			return false
		}
		expr = tree.String()
	}
	var err error
	if s.atStart {
		if s.at0, err = regexp.Compile(`\A(?:` + expr + `)`); err != nil {
			return false
		}
	}
	if s.at, err = regexp.Compile(`\A(?s:.)(?:` + expr + `)`); err != nil {
		return false
	}
	return (s.at0 == nil || s.at0.NumSubexp() == re.NumSubexp()) && s.at.NumSubexp() == re.NumSubexp()
}

// places appends to buf the offsets in src at which a match may begin,
// ascending: where an anchor's string begins in lits (the text the
// strings are looked for in: src itself, or src with ASCII letters
// lower-cased), or where its prefix matches back to from there.
func (s *Starts) places(src, lits string, buf []int) []int {
	n := len(buf)
	var b *backward // for the anchors with a prefix
	if len(s.firsts) > 0 {
		// the strings begin with few bytes: jump from one to the next
		for _, c := range []byte(s.firsts) {
			for i := 0; ; i++ {
				j := strings.IndexByte(lits[i:], c)
				if j < 0 {
					break
				}
				i += j
				buf = s.place(src, lits, i, &b, buf)
			}
		}
		if len(s.firsts) > 1 {
			slices.Sort(buf[n:])
		}
	} else if s.pairs != nil && len(lits) > 0 {
		// a place needs its first two bytes to begin a string
		pairs := s.pairs
		prev := lits[0]
		for i := 1; i < len(lits); i++ {
			c := lits[i]
			h := pairHash(prev, c)
			prev = c
			if pairs[h/64]&(1<<(h%64)) != 0 {
				buf = s.place(src, lits, i-1, &b, buf)
			}
		}
	} else {
		for i := 0; i < len(lits); i++ {
			if s.byFirst[lits[i]][1] != 0 {
				buf = s.place(src, lits, i, &b, buf)
			}
		}
	}
	if b == nil {
		return buf
	}
	// where the prefixes match back to, merged with the places found
	all := b.set()
	for _, p := range buf[n:] {
		all.add(p)
	}
	for k, back := range s.back {
		if b.at[k] != nil {
			all.or(b.node(back, b.at[k]))
		}
	}
	buf = buf[:n]
	all.each(func(p int) { buf = append(buf, p) })
	b.free()
	return buf
}

// place looks at offset i of lits, where a string of an anchor may begin:
// it appends i to buf when a match may begin there, or adds it to the
// places the anchors' prefixes are matched back from (in *b, made on
// first use).
func (s *Starts) place(src, lits string, i int, b **backward, buf []int) []int {
	if s.boundary && wordByte(lits[i]) == (i > 0 && wordByte(lits[i-1])) {
		return buf // no \b here: no match can begin here
	}
	r := s.byFirst[lits[i]]
	var found uint32 // the anchors whose strings occur at i
	for k := r[0]; k < r[1]; k++ {
		if s.of[k]&^found != 0 && hasPrefix(lits[i:], s.strs[k]) {
			found |= s.of[k]
		}
	}
	here := false // a match may begin at i
	for ; found != 0; found &= found - 1 {
		k := bits.TrailingZeros32(found)
		an := &s.anchors[k]
		switch {
		case an.boundary && wordByte(lits[i]) == (i > 0 && wordByte(lits[i-1])):
			// no \b here: no match of the anchor's branch begins here
		case len(an.prefix) == 0:
			here = true
		default:
			if *b == nil {
				*b = newBackward(src)
			}
			if (*b).at[k] == nil {
				(*b).at[k] = (*b).set()
			}
			(*b).at[k].add(i)
		}
	}
	if here {
		buf = append(buf, i)
	}
	return buf
}

// FindAll returns up to n successive non-overlapping matches of re in src,
// with their submatches, exactly as re.FindAllStringSubmatchIndex(src, n)
// would; lits is src or src ASCII-lower-cased, as Literals.Text gives. When
// the starting strings occur too often for the anchored attempts to pay
// off, it simply calls re.
func (s *Starts) FindAll(re *regexp.Regexp, src, lits string, n int) [][]int {
	if !s.anchor() {
		return re.FindAllStringSubmatchIndex(src, n)
	}
	var buf [32]int
	at := s.places(src, lits, buf[:0])
	if len(at) == 0 {
		return nil
	}
	// each anchored attempt costs about as much as the unanchored search
	// spends on a few positions
	if len(at)*4 > len(src) {
		return re.FindAllStringSubmatchIndex(src, n)
	}
	return s.anchored(src, at, n)
}

// anchored tries the expression at each place in at (ascending).
func (s *Starts) anchored(src string, at []int, n int) [][]int {
	var out [][]int
	end := 0 // where the previous match ended
	for _, p := range at {
		if p < end {
			continue // inside the previous match
		}
		if n >= 0 && len(out) == n {
			break
		}
		var m []int
		switch {
		case p == 0 && s.at0 != nil:
			m = s.at0.FindStringSubmatchIndex(src)
		case p == 0:
			if m = s.at.FindStringSubmatchIndex("\n" + src); m != nil {
				for i := range m {
					if m[i] >= 0 {
						m[i]--
					}
				}
				m[0] = 0 // the line break is not part of the match
			}
		default:
			_, w := utf8.DecodeLastRuneInString(src[:p])
			q := p - w
			if m = s.at.FindStringSubmatchIndex(src[q:]); m != nil {
				for i := range m {
					if m[i] >= 0 {
						m[i] += q
					}
				}
				m[0] = p // the consumed character is not part of the match
			}
		}
		if m == nil {
			continue
		}
		out = append(out, m)
		end = m[1]
	}
	return out
}

// hasPrefix is strings.HasPrefix for a prefix that begins as s does: the
// second bytes, compared first, tell most others apart without a call.
func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && (len(prefix) < 2 || s[1] == prefix[1]) && s[:len(prefix)] == prefix
}

// wordByte reports an ASCII word character ([0-9A-Za-z_]), as \b reads
// them; any byte of a multi-byte or invalid sequence is none.
func wordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
