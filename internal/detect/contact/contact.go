// Package contact finds contact identifiers in a text.Doc: e-mail
// addresses, URLs and bare domains, IP addresses, and telephone, pager and
// fax numbers (HIPAA Safe Harbor identifiers 4, 5, 6, 14 and 15).
//
// The detector walks the tokens the tokeniser marked (text.Doc.Marks) and
// only looks closer at those that can start an identifier (a digit, '+',
// '(' before a digit, a word joined by '.' to more, a URL or Email token,
// the words "at" and "ext"), scanning a few bytes of Src from there. Phone
// numbers that are full numbers are validated with
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
	for _, n := range d.Marks {
		i := int(n)
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

// The words of Detect's switch on Lower, for the tokeniser to mark.
func init() { text.Watch("at", "ext", "extn", "extension") }

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
