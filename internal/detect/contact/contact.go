// Package contact finds contact identifiers in a text.Doc: e-mail
// addresses, URLs and bare domains, IP addresses, and telephone, pager and
// fax numbers (HIPAA Safe Harbor identifiers 4, 5, 6, 14 and 15).
//
// The detector walks the Doc's tokens once and only looks closer at tokens
// that can start an identifier (a digit, '+', '(' before a digit, a word
// followed by '.', a URL or Email token), scanning a few bytes of Src from
// there. Phone numbers that are full numbers are validated with
// github.com/nyaruka/phonenumbers; shorter or foreign-looking forms are
// accepted only next to a cue word ("phone", "pager", "fax", ...).
package contact

import (
	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Sub values of the candidates this package emits.
const (
	SubPhone  = "phone"  // a full or local telephone number
	SubPager  = "pager"  // a pager or beeper number (often 4-6 digits)
	SubExt    = "ext"    // an extension on its own ("x54321", "ext 212")
	SubFax    = "fax"    // a number cued by "fax"
	SubDomain = "domain" // a bare domain without scheme ("example.org/x")
	SubURL    = "url"    // an http(s):// or www. URL
	SubIPv4   = "ipv4"
	SubIPv6   = "ipv6"
	SubEmail  = "email"
	SubObfus  = "obfuscated" // "jane at example dot com"
)

type detector struct{}

// New returns the contact detector. It holds no mutable state and is safe
// for concurrent use.
func New() detect.Detector { return detector{} }

func (detector) Name() string { return "contact" }

// Detect appends EMAIL, URL, IP, PHONE and FAX candidates to out.
func (detector) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	if d == nil {
		return out
	}
	src := d.Src
	toks := d.Tokens
	base := len(out)
	done := 0 // bytes before this offset are already part of a candidate
	for i := nextStart(src, toks, 0); i < len(toks); i = nextStart(src, toks, i+1) {
		t := &toks[i]
		if t.Start < done || t.Start < 0 || t.End > len(src) || t.Start >= t.End {
			continue
		}
		switch t.Kind {
		case text.Email:
			if !validEmail(src[t.Start:t.End]) {
				continue
			}
			out = append(out, detect.Candidate{Type: detect.Email, Sub: SubEmail, Start: t.Start, End: t.End, Score: 0.97})
			done = t.End
			continue
		case text.URL:
			out = append(out, detect.Candidate{Type: detect.URL, Sub: SubURL, Start: t.Start, End: t.End, Score: 0.97})
			done = t.End
			continue
		case text.Punct:
			c := src[t.Start]
			if (c == '+' || c == '(') && t.End < len(src) && isDigit(src[t.End]) {
				if c == '(' && t.Start > 0 && isAlnum(src[t.Start-1]) {
					continue
				}
				if cand, ok := phoneAt(d, i, t.Start); ok {
					out = append(out, cand)
					done = cand.End
				}
			} else if c == '@' && t.Start > 0 && isEmailLocal(src[t.Start-1]) {
				// an address the tokenizer did not join ("a.b@c.edu." at
				// the end of a sentence)
				if cand, ok := emailAround(src, t.Start); ok && cand.End > done {
					for len(out) > base && out[len(out)-1].End > cand.Start {
						out = out[:len(out)-1]
					}
					out = append(out, cand)
					done = cand.End
				}
			} else if c == ':' && t.End < len(src) && src[t.End] == ':' {
				if cand, ok := ipv6At(src, t.Start); ok {
					out = append(out, cand)
					done = cand.End
				}
			}
			continue
		case text.Word:
		default:
			continue
		}
		// Word tokens.
		next := byte(0)
		if t.End < len(src) {
			next = src[t.End]
		}
		if t.Flags&text.HasDigit == 0 && next != '.' && next != ':' && !maybeKeyword(src[t.Start:t.End]) {
			continue // a plain word: nothing starts here
		}
		if t.Start > 0 && isAlnum(src[t.Start-1]) {
			continue // the inside of a word we did not start at
		}
		first := src[t.Start]
		if next == ':' && t.End-t.Start <= 4 && isHexWord(src[t.Start:t.End]) {
			if cand, ok := ipv6At(src, t.Start); ok {
				out = append(out, cand)
				done = cand.End
				continue
			}
		}
		if isDigit(first) {
			if next == '.' {
				if cand, ok := ipv4At(src, t.Start); ok {
					out = append(out, cand)
					done = cand.End
					continue
				}
			}
			// a short number ("5 mg", "BP 12") starts a phone only when
			// more digit groups follow
			short := t.End-t.Start < 3 && !(t.End+1 < len(src) && (next == ' ' || next == '-' || next == '.' || next == ')') &&
				(isDigit(src[t.End+1]) || src[t.End+1] == '(' || src[t.End+1] == ' '))
			if !short {
				if cand, ok := phoneAt(d, i, t.Start); ok {
					out = append(out, cand)
					done = cand.End
					continue
				}
			}
		}
		if next == '.' && t.End+1 < len(src) && isAlnum(src[t.End+1]) && t.Flags&text.InHashtag == 0 && t.Flags&text.InMention == 0 {
			if cand, ok := domainAt(src, t.Start); ok {
				out = append(out, cand)
				done = cand.End
				continue
			}
		}
		if t.Has(text.HasDigit) && (first == 'x' || first == 'X') {
			if cand, ok := extToken(d, i); ok {
				out = append(out, cand)
				done = cand.End
				continue
			}
		}
		switch t.Lower {
		case "at":
			if cand, ok := obfuscatedEmail(d, i); ok {
				// the local part lies before "at": drop nothing already emitted
				out = append(out, cand)
				done = cand.End
				continue
			}
		case "ext", "extn", "extension":
			if cand, ok := extAfterWord(d, i); ok {
				out = append(out, cand)
				done = cand.End
				continue
			}
		}
	}
	return out
}

// nextStart returns the index of the first token at or after i that Detect
// may act on, len(toks) if none. It may return more (Detect's own tests
// then turn the token away) but never passes over one that Detect acts on:
// a URL or Email token (Kind>>1 is also set for an emoji, which Detect
// skips); a '+', '(', '@' or ':' (the only punctuation that starts
// something); a word with a digit, or whose first two bytes are "at" or
// "ex" in any case (a superset of maybeKeyword), or that nextActs lets
// through. The first test has no branch but the last: Detect's chain of
// tests, asked of every token, mispredicted about one branch a token.
//
//go:noinline
func nextStart(src string, toks []text.Token, i int) int {
	for ; uint(i) < uint(len(toks)); i++ {
		t := &toks[i]
		s, e := uint(t.Start), uint(t.End)
		if e >= uint(len(src)) || s >= e {
			return i // at the end of the text (or out of range): Detect decides
		}
		c0, c1 := byteClass[src[s]], byteClass[src[s+1]] // s+1 <= e < len(src)
		hit := c0&(c1>>4|cStart) | uint8(t.Kind)>>1 | uint8(t.Flags&text.HasDigit)
		if hit != 0 {
			return i
		}
		if byteClass[src[e]]&cNext != 0 && nextActs(src, t) {
			return i
		}
	}
	return i
}

// nextActs reports whether Detect may act on word t, which has no digit
// and is followed by '.' or ':': after '.' only a domain ("example.org":
// an alphanumeric byte follows the dot) or the words "at" and "ext..."
// (Detect's switch on Lower) start something, and most such words end a
// sentence.
func nextActs(src string, t *text.Token) bool {
	e := t.End
	if src[e] == ':' || e+1 >= len(src) || isAlnum(src[e+1]) {
		return true
	}
	w := t.Lower
	return len(w) >= 2 && (w[0] == 'a' && w[1] == 't' || w[0] == 'e' && w[1] == 'x')
}

// byteClass bits for nextStart. A second byte's class shifted right by
// four lands its cT or cX on the cA or cE of the first, and nextStart ORs
// in cStart, so that c0&(c1>>4|cStart) is the start punctuation, "at" and
// "ex" in three operations.
const (
	cStart = 1 << 0  // '+', '(', '@', ':': punctuation that starts something
	cA     = 1 << 1  // 'a', 'A' (first byte of "at")
	cE     = 1 << 2  // 'e', 'E' (first byte of "ext")
	cNext  = 1 << 3  // '.', ':': a word before them may start something
	cT     = cA << 4 // 't', 'T' (second byte of "at")
	cX     = cE << 4 // 'x', 'X' (second byte of "ext")
)

var byteClass = func() (t [256]uint8) {
	for _, c := range "+(@:" {
		t[c] |= cStart
	}
	t['.'] |= cNext
	t[':'] |= cNext
	t['a'], t['A'] = cA, cA
	t['e'], t['E'] = cE, cE
	t['t'], t['T'] = cT, cT
	t['x'], t['X'] = cX, cX
	return t
}()

// maybeKeyword is a cheap pre-check (on Src, which is in cache) for the
// words "at", "ext", "extn" and "extension".
func maybeKeyword(w string) bool {
	switch len(w) {
	case 2:
		return w[0]|0x20 == 'a' && w[1]|0x20 == 't'
	case 3, 4, 9:
		return w[0]|0x20 == 'e' && w[1]|0x20 == 'x'
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func isHexWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
