package cli

import (
	"bytes"
	"github.com/scrubs-dev/scrubs/internal/jsonscan"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

// fastPost decodes the common shape of a JSONL post without reflection:
// string fields, "author" and "reply_to" objects of strings, a "media"
// array of such objects, a boolean "dm", a string or numeric "id", and
// unknown fields of any (valid) JSON value, which are skipped.
//
// It is only a fast path in front of encoding/json, never a second
// decoder with its own rules: whenever the line holds anything whose
// meaning depends on encoding/json's finer points (null values, duplicate
// keys, keys that match a field only case-insensitively or through
// escapes, unpaired surrogate escapes, "suppress", deep nesting) or is not
// valid JSON at all, it gives up (ok false) and jsonPost decodes the line
// with encoding/json, which also writes every error message. When ok is
// true the post is exactly what encoding/json would have decoded;
// FuzzJSONPost checks this. b must be trimmed. A line with invalid UTF-8
// is never decoded: bytes from 0x80 can only be in strings, and every
// string read is checked, so that jsonPost need not check the line first.
func fastPost(b []byte) (p model.Post, ok bool) {
	s := scanner{b: b}
	if len(b) < 256 || bytes.IndexByte(b, '\\') < 0 {
		s.line = string(b)
	} else {
		s.copyLine = true // copied only if a long field needs it
	}
	var seen uint16 // known fields already read: a duplicate falls back
	hasText := false
	ok = s.object(0, func(key []byte) bool {
		f, known := postField(key)
		if !known {
			return plainKey(key) && s.skip(1)
		}
		if seen&f != 0 {
			return false
		}
		seen |= f
		switch f {
		case fID:
			return s.id(&p.ID)
		case fText:
			hasText = true
			return s.str(&p.Text)
		case fPlatform:
			return s.str(&p.Platform)
		case fAccount:
			return s.str(&p.Account)
		case fAudience:
			return s.str(&p.Audience)
		case fCreatedAt:
			return s.str(&p.CreatedAt)
		case fDM:
			return s.boolean(&p.DM)
		case fAuthor:
			return s.stringFields(1, "role", &p.Author.Role, "bio", &p.Author.Bio)
		case fReplyTo:
			r := &model.ReplyTo{}
			p.ReplyTo = r
			return s.stringFields(1, "text", &r.Text, "author", &r.Author)
		case fMedia:
			return s.media(&p.Media)
		}
		return false // "suppress": left to encoding/json
	})
	s.ws()
	return p, ok && hasText && s.i == len(b)
}

const (
	fID uint16 = 1 << iota
	fText
	fPlatform
	fAuthor
	fAccount
	fAudience
	fReplyTo
	fDM
	fMedia
	fCreatedAt
	fSuppress
)

// postFields are the JSON names of model.Post's fields (see jsonPost).
var postFields = map[string]uint16{
	"id": fID, "text": fText, "platform": fPlatform, "author": fAuthor,
	"account": fAccount, "audience": fAudience, "reply_to": fReplyTo,
	"dm": fDM, "media": fMedia, "created_at": fCreatedAt, "suppress": fSuppress,
}

// postField is postFields[key], by a switch: no hashing for each key of
// each line.
func postField(key []byte) (uint16, bool) {
	switch string(key) {
	case "id":
		return fID, true
	case "text":
		return fText, true
	case "platform":
		return fPlatform, true
	case "author":
		return fAuthor, true
	case "account":
		return fAccount, true
	case "audience":
		return fAudience, true
	case "reply_to":
		return fReplyTo, true
	case "dm":
		return fDM, true
	case "media":
		return fMedia, true
	case "created_at":
		return fCreatedAt, true
	case "suppress":
		return fSuppress, true
	}
	return 0, false
}

// maxFastDepth bounds the nesting the fast path follows; deeper lines go
// to encoding/json, which has its own limit and error for it.
const maxFastDepth = 64

// plainKey reports whether an object key can only match a field of the
// same bytes: encoding/json also matches keys case-insensitively (with
// Unicode folding, "ſ" matching "s") and after unescaping, so a key with
// an escape, a non-ASCII byte or an upper-case letter might still name a
// known field. All field names are lower-case ASCII.
func plainKey(k []byte) bool {
	for _, c := range k {
		if c == '\\' || c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// scanner reads JSON from b at i. Every method returns false, leaving i
// anywhere, when the input is not what it handles.
type scanner struct {
	b []byte
	i int
	// line is b as one string: fields without escapes are slices of it,
	// so a post's strings cost one allocation, not one each. A long line
	// with escapes is copied only when a long field without them is read
	// (copyLine): its text, decoded into a string of its own, may be all
	// that is long in it (a clinical note), and then its short fields are
	// copied each.
	line     string
	copyLine bool
}

// longField is the length from which a string field is worth copying the
// whole line for.
const longField = 64

// sub returns b[a:e] as a string: a slice of line when there is one.
func (s *scanner) sub(a, e int) string {
	if s.line == "" && s.copyLine && e-a >= longField {
		s.line = string(s.b)
	}
	if len(s.line) == len(s.b) {
		return s.line[a:e]
	}
	return string(s.b[a:e])
}

// ws skips JSON whitespace (only these four bytes are whitespace in JSON).
func (s *scanner) ws() {
	i := s.i
	// most calls stop at once, at a byte above the space (a quote, a
	// digit, a bracket): one comparison each
	for i < len(s.b) && s.b[i] <= ' ' {
		if c := s.b[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
		i++
	}
	s.i = i
}

func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// object reads an object; field is called for each key (its raw bytes
// between the quotes) with the scanner at the value, which it must read.
// Keys that are not plain (see plainKey) reach field too: only the
// caller knows whether that matters.
func (s *scanner) object(depth int, field func(key []byte) bool) bool {
	if depth > maxFastDepth || s.peek() != '{' {
		return false
	}
	s.i++
	s.ws()
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		s.ws()
		start := s.i + 1
		if !s.skipString() {
			return false
		}
		key := s.b[start : s.i-1]
		s.ws()
		if s.peek() != ':' {
			return false
		}
		s.i++
		s.ws()
		if !field(key) {
			return false
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// stringFields reads an object of two string fields (author, reply_to, a
// media element) into d1 and d2, skipping unknown keys.
func (s *scanner) stringFields(depth int, k1 string, d1 *string, k2 string, d2 *string) bool {
	var seen1, seen2 bool
	return s.object(depth, func(key []byte) bool {
		switch string(key) {
		case k1:
			if seen1 {
				return false
			}
			seen1 = true
			return s.str(d1)
		case k2:
			if seen2 {
				return false
			}
			seen2 = true
			return s.str(d2)
		}
		return plainKey(key) && s.skip(depth+1)
	})
}

// media reads the "media" array. An empty array gives an empty, non-nil
// slice, as encoding/json does.
func (s *scanner) media(dst *[]model.Media) bool {
	if s.peek() != '[' {
		return false
	}
	s.i++
	ms := []model.Media{}
	s.ws()
	if s.peek() == ']' {
		s.i++
		*dst = ms
		return true
	}
	for {
		s.ws()
		var m model.Media
		if !s.stringFields(2, "path", &m.Path, "alt", &m.Alt) {
			return false
		}
		ms = append(ms, m)
		s.ws()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			*dst = ms
			return true
		default:
			return false
		}
	}
}

// id reads the "id": a string is decoded, a number is kept as written
// (as jsonPost does with encoding/json); anything else falls back.
func (s *scanner) id(dst *string) bool {
	if s.peek() == '"' {
		return s.str(dst)
	}
	start := s.i
	if !s.number() {
		return false
	}
	*dst = s.sub(start, s.i)
	return true
}

func (s *scanner) boolean(dst *bool) bool {
	switch {
	case s.literal("true"):
		*dst = true
	case s.literal("false"):
		*dst = false
	default:
		return false
	}
	return true
}

func (s *scanner) literal(w string) bool {
	if len(s.b)-s.i >= len(w) && string(s.b[s.i:s.i+len(w)]) == w {
		s.i += len(w)
		return true
	}
	return false
}

// str reads a string value into dst: without escapes, its bytes, once
// checked to be valid UTF-8.
func (s *scanner) str(dst *string) bool {
	if s.peek() != '"' {
		return false
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		if j = jsonscan.Plain(s.b, j, true); j == len(s.b) {
			break
		}
		switch c := s.b[j]; {
		case c == '"':
			*dst = s.sub(start, j)
			s.i = j + 1
			return true
		case c == '\\':
			return s.unescape(dst, start, j)
		case c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			n := runeLen(s.b[j:])
			if n == 0 {
				return false
			}
			j += n - 1
		}
	}
	return false
}

// runeLen returns the length of the UTF-8 sequence b starts with, or 0
// when it is not valid UTF-8 (as utf8.Valid has it).
func runeLen(b []byte) int {
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 {
		return 0
	}
	return n
}

// unescape finishes a string with escapes; b[start:j] has none and b[j] is
// a backslash. It decodes in one pass, checking each escape as it goes
// (any it does not handle, like a lone surrogate, gives false: encoding/json
// then decides), into a builder sized to the rest of the line, which bounds
// the value: one allocation, and no copy when the string is made.
func (s *scanner) unescape(dst *string, start, j int) bool {
	var out strings.Builder
	out.Grow(len(s.b) - start)
	out.Write(s.b[start:j])
	for {
		if j+1 >= len(s.b) {
			return false
		}
		switch e := s.b[j+1]; e {
		case '"', '\\', '/':
			out.WriteByte(e)
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			r, ok := hex4(s.b[j+2:])
			if !ok {
				return false
			}
			if utf16.IsSurrogate(r) {
				// only a well-formed pair; encoding/json has its own rules
				// for the others
				if j+7 >= len(s.b) || s.b[j+6] != '\\' || s.b[j+7] != 'u' {
					return false
				}
				lo, ok := hex4(s.b[j+8:])
				if !ok {
					return false
				}
				if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
					return false
				}
				j += 6
			}
			out.WriteRune(r)
			j += 4
		default:
			return false
		}
		j += 2
		// the plain run up to the next quote, backslash or control byte,
		// its UTF-8 checked
		k := j
		for {
			if k = jsonscan.Plain(s.b, k, true); k == len(s.b) {
				return false
			}
			if s.b[k] < utf8.RuneSelf {
				break
			}
			n := runeLen(s.b[k:])
			if n == 0 {
				return false
			}
			k += n
		}
		out.Write(s.b[j:k])
		j = k
		switch c := s.b[j]; {
		case c == '"':
			*dst = out.String()
			s.i = j + 1
			return true
		case c < 0x20:
			return false
		}
	}
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// skip reads any JSON value, checking that it is valid.
func (s *scanner) skip(depth int) bool {
	switch s.peek() {
	case '"':
		return s.skipString()
	case '{':
		return s.object(depth, func([]byte) bool { return s.skip(depth + 1) })
	case '[':
		if depth > maxFastDepth {
			return false
		}
		s.i++
		s.ws()
		if s.peek() == ']' {
			s.i++
			return true
		}
		for {
			s.ws()
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			switch s.peek() {
			case ',':
				s.i++
			case ']':
				s.i++
				return true
			default:
				return false
			}
		}
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	return s.number()
}

// skipString reads a string without decoding it, checking its escapes
// and its UTF-8.
func (s *scanner) skipString() bool {
	if s.peek() != '"' {
		return false
	}
	for j := s.i + 1; j < len(s.b); j++ {
		if j = jsonscan.Plain(s.b, j, true); j == len(s.b) {
			break
		}
		switch c := s.b[j]; {
		case c == '"':
			s.i = j + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if j+1 >= len(s.b) {
				return false
			}
			switch s.b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if _, ok := hex4(s.b[j+2:]); !ok {
					return false
				}
				j += 5
			default:
				return false
			}
		case c >= utf8.RuneSelf:
			n := runeLen(s.b[j:])
			if n == 0 {
				return false
			}
			j += n - 1
		}
	}
	return false
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	digits := func() bool {
		start := s.i
		for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
			s.i++
		}
		return s.i > start
	}
	if s.peek() == '-' {
		s.i++
	}
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case '1' <= c && c <= '9':
		digits()
	default:
		return false
	}
	if s.peek() == '.' {
		s.i++
		if !digits() {
			return false
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if !digits() {
			return false
		}
	}
	return true
}
