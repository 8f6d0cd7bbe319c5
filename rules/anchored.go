package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Starts finds a pattern's matches faster when every match must begin
// with one of a few strings (its Literals.Starts): instead of letting the
// regular expression try every position of the text, which costs the
// length of the program at each one, it looks for those strings and tries
// the expression anchored at each place one occurs. The matches are the
// same as FindAllStringSubmatchIndex's: the leftmost match is the one at
// the first place where an anchored attempt succeeds, and the expression
// sees the character before that place (for \b), because the anchored
// form consumes it first.
type Starts struct {
	strs []string // sorted
	// byFirst[c] is the range of strs that begin with the byte c: most
	// bytes of a text begin none, and the others only a few
	byFirst [256][2]uint8
	// boundary: every match begins with \b, so a place must be one
	// (between a word byte and a non-word byte, or at the start before a
	// word byte)
	boundary bool
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

// newStarts returns the anchored matcher of re; nil when strs is empty.
func newStarts(re *regexp.Regexp, l Literals) *Starts {
	strs := l.Starts
	if len(strs) == 0 {
		return nil
	}
	if len(strs) > 255 || slices.Contains(strs, "") {
		return nil // (Literals.Starts has at most maxSet strings)
	}
	s := &Starts{strs: slices.Sorted(slices.Values(strs)), re: re, boundary: l.Boundary, atStart: l.atStart}
	for i, x := range s.strs {
		r := &s.byFirst[x[0]]
		if r[1] == 0 {
			r[0] = uint8(i)
		}
		r[1] = uint8(i + 1)
	}
	return s
}

// anchor compiles the anchored forms; false when they cannot be made.
func (s *Starts) anchor() bool {
	s.compile.Do(func() { s.ok = s.build(s.re) })
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

// places appends to buf the offsets in lits (the text the Starts strings
// are looked for in: src itself, or src with ASCII letters lower-cased) at
// which a Starts string begins, from off on.
func (s *Starts) places(lits string, off int, buf []int) []int {
	for i := off; i < len(lits); i++ {
		r := s.byFirst[lits[i]]
		if r[1] == 0 {
			continue
		}
		if s.boundary && wordByte(lits[i]) == (i > 0 && wordByte(lits[i-1])) {
			continue // no \b here: no match can begin here
		}
		for _, x := range s.strs[r[0]:r[1]] {
			if strings.HasPrefix(lits[i:], x) {
				buf = append(buf, i)
				break
			}
		}
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
	at := s.places(lits, 0, buf[:0])
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

// wordByte reports an ASCII word character ([0-9A-Za-z_]), as \b reads
// them; any byte of a multi-byte or invalid sequence is none.
func wordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
