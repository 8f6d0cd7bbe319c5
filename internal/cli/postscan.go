package cli

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/jsonscan"
	"github.com/scrubs-dev/scrubs/model"
)

// fastPost decodes the common shape of a JSONL post into p without
// reflection: string fields, "author" and "reply_to" objects of strings, a
// "media" array of such objects, a boolean "dm", a string or numeric "id",
// and unknown fields of any (valid) JSON value, which are skipped.
//
// It is only a fast path in front of encoding/json, never a second
// decoder with its own rules: whenever the line holds anything whose
// meaning depends on encoding/json's finer points (null values, duplicate
// keys, keys that match a field only case-insensitively or through
// escapes, unpaired surrogate escapes, "suppress", deep nesting) or is not
// valid JSON at all, it gives up (false, p holding any part of the line)
// and jsonPost decodes the line with encoding/json, which also writes
// every error message. When it returns true, *p is exactly what
// encoding/json would have decoded into a zero post; FuzzJSONPost checks
// this. b must be trimmed. A line with invalid UTF-8 is never decoded:
// bytes from 0x80 can only be in strings, and every string read is
// checked, so that jsonPost need not check the line first.
func fastPost(b []byte, p *model.Post) bool {
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	s := scanner{b: b}
	i := ws(b, 1)
	if i < len(b) && b[i] == '}' {
		return false // no "text"
	}
	var seen uint16 // known fields already read: a duplicate falls back
	for {
		if i = ws(b, i); i >= len(b) || b[i] != '"' {
			return false
		}
		// a field's name, or any other key, which must be plain (another
		// key than a field's name that is plain names no field)
		f, n := postField(b[i+1:])
		if n > 0 {
			i = colon(b, i+n+2)
		} else {
			_, i = plainKey(b, i)
		}
		if i < 0 {
			return false
		}
		if seen&f != 0 {
			return false
		}
		seen |= f
		switch f {
		case 0:
			i = skip(b, i, 1)
		case fID:
			p.ID, i = s.id(i)
		case fText:
			p.Text, i = s.str(i)
		case fPlatform:
			p.Platform, i = s.str(i)
		case fAccount:
			p.Account, i = s.str(i)
		case fAudience:
			p.Audience, i = s.str(i)
		case fCreatedAt:
			p.CreatedAt, i = s.str(i)
		case fDM:
			p.DM, i = boolean(b, i)
		case fAuthor:
			p.Author.Role, p.Author.Bio, i = s.stringFields(i, 1, "role", "bio")
		case fReplyTo:
			r := &model.ReplyTo{}
			p.ReplyTo = r
			r.Text, r.Author, i = s.stringFields(i, 1, "text", "author")
		case fMedia:
			p.Media, i = s.media(i)
		case fSuppress:
			return false // left to encoding/json
		}
		if i < 0 {
			return false
		}
		more := false
		if i, more = next(b, i, '}'); i < 0 {
			return false
		}
		if !more {
			break
		}
	}
	return seen&fText != 0 && ws(b, i) == len(b)
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

// postField returns the field whose name, with the key's closing quote,
// rest (a key after its opening quote) starts with, and the name's length;
// 0, 0 for none. The name is compared as it is in the line, without
// finding the key's end first: the first byte picks the names to compare,
// each in one or two comparisons of up to eight bytes.
func postField(rest []byte) (uint16, int) {
	if len(rest) == 0 {
		return 0, 0
	}
	// rest starts with s, of up to eight bytes: one comparison
	starts := func(s string) bool { return len(rest) >= len(s) && string(rest[:len(s)]) == s }
	switch rest[0] {
	case 'i':
		if starts(`id"`) {
			return fID, 2
		}
	case 't':
		if starts(`text"`) {
			return fText, 4
		}
	case 'p':
		if starts("platform") && len(rest) > 8 && rest[8] == '"' {
			return fPlatform, 8
		}
	case 'a':
		switch {
		case starts(`author"`):
			return fAuthor, 6
		case starts(`account"`):
			return fAccount, 7
		case starts("audience") && len(rest) > 8 && rest[8] == '"':
			return fAudience, 8
		}
	case 'r':
		if starts("reply_to") && len(rest) > 8 && rest[8] == '"' {
			return fReplyTo, 8
		}
	case 'd':
		if starts(`dm"`) {
			return fDM, 2
		}
	case 'm':
		if starts(`media"`) {
			return fMedia, 5
		}
	case 'c':
		if starts("created_") && len(rest) >= 11 && string(rest[8:11]) == `at"` {
			return fCreatedAt, 10
		}
	case 's':
		if starts("suppress") && len(rest) > 8 && rest[8] == '"' {
			return fSuppress, 8
		}
	}
	return 0, 0
}

// maxFastDepth bounds the nesting the fast path follows; deeper lines go
// to encoding/json, which has its own limit and error for it.
const maxFastDepth = 64

// The readers below take the position in b of what they read and return
// the position after it, or -1 when the input is not what they handle (any
// value next to a -1 is meaningless). The position is passed along, not
// kept in the scanner, so that it stays in a register through the loops.

// scanner holds what string reads need besides the bytes: the memory the
// post's strings are made in.
type scanner struct {
	b []byte
	// arena is a copy of b, made when the first string is read, that all
	// of the post's strings are slices of: a post costs one allocation, not
	// one a field. A string with escapes is decoded in place, over its own
	// bytes (decoding never makes a string longer: \uXXXX, six bytes, is
	// at most three of UTF-8, a surrogate pair's twelve are four); a
	// string's bytes are never written again once it is made, as later
	// strings lie further on in the line.
	arena []byte
}

// sub returns arena[a:e] as a string, copying b into the arena first if
// this is the post's first string.
func (s *scanner) sub(a, e int) string {
	if a == e {
		return ""
	}
	if s.arena == nil {
		s.arena = bytes.Clone(s.b)
	}
	return unsafe.String(&s.arena[a], e-a)
}

// ws skips JSON whitespace (only these four bytes are whitespace in JSON).
func ws(b []byte, i int) int {
	// most calls stop at once, at a byte above the space (a quote, a
	// digit, a bracket): one comparison each
	for i < len(b) && b[i] <= ' ' {
		if c := b[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
		i++
	}
	return i
}

// plainKey reads an object key and the colon after it, from the
// whitespace before the key to the value, and returns the key's bytes
// between the quotes. The key must be plain, that is able to match only a
// field of the same bytes: encoding/json also matches keys
// case-insensitively (with Unicode folding, "ſ" matching "s") and after
// unescaping, so a key with an escape, a non-ASCII byte or an upper-case
// letter might still name a known field. All field names are lower-case
// ASCII.
func plainKey(b []byte, i int) ([]byte, int) {
	if i = ws(b, i); i >= len(b) || b[i] != '"' {
		return nil, -1
	}
	j := i + 1
	for j < len(b) && !keyStop[b[j]] {
		j++
	}
	if j >= len(b) || b[j] != '"' {
		return nil, -1
	}
	return b[i+1 : j], colon(b, j+1)
}

// colon reads the colon after a key, from the whitespace before it to the
// value.
func colon(b []byte, i int) int {
	if i = ws(b, i); i >= len(b) || b[i] != ':' {
		return -1
	}
	return ws(b, i+1)
}

// keyStop marks the bytes that end a plain key: its closing quote, and
// those that make it not plain.
var keyStop = func() (stop [256]bool) {
	for c := range stop {
		stop[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf || 'A' <= c && c <= 'Z'
	}
	return stop
}()

// next reads what follows a member of an object or array: a comma, and
// more is true, or the closing byte.
func next(b []byte, i int, closing byte) (j int, more bool) {
	if i = ws(b, i); i < len(b) {
		switch b[i] {
		case ',':
			return i + 1, true
		case closing:
			return i + 1, false
		}
	}
	return -1, false
}

// stringFields reads an object of two string fields (author, reply_to, a
// media element) at depth, skipping unknown keys.
func (s *scanner) stringFields(i, depth int, k1, k2 string) (v1, v2 string, j int) {
	b := s.b
	if i >= len(b) || b[i] != '{' {
		return "", "", -1
	}
	if i = ws(b, i+1); i < len(b) && b[i] == '}' {
		return "", "", i + 1
	}
	var seen1, seen2 bool
	for {
		var key []byte
		if key, i = plainKey(b, i); i < 0 {
			return "", "", -1
		}
		// compared as string(key) == k, which converts nothing (a switch
		// on string(key) made a string of each key)
		switch {
		case string(key) == k1:
			if seen1 {
				return "", "", -1
			}
			seen1 = true
			v1, i = s.str(i)
		case string(key) == k2:
			if seen2 {
				return "", "", -1
			}
			seen2 = true
			v2, i = s.str(i)
		default:
			i = skip(b, i, depth+1)
		}
		if i < 0 {
			return "", "", -1
		}
		more := false
		if i, more = next(b, i, '}'); i < 0 || !more {
			return v1, v2, i
		}
	}
}

// media reads the "media" array. An empty array gives an empty, non-nil
// slice, as encoding/json does.
func (s *scanner) media(i int) ([]model.Media, int) {
	b := s.b
	if i >= len(b) || b[i] != '[' {
		return nil, -1
	}
	ms := []model.Media{}
	if i = ws(b, i+1); i < len(b) && b[i] == ']' {
		return ms, i + 1
	}
	for {
		var m model.Media
		if m.Path, m.Alt, i = s.stringFields(ws(b, i), 2, "path", "alt"); i < 0 {
			return nil, -1
		}
		ms = append(ms, m)
		more := false
		if i, more = next(b, i, ']'); i < 0 || !more {
			return ms, i
		}
	}
}

// id reads the "id": a string is decoded, a number is kept as written
// (as jsonPost does with encoding/json); anything else falls back.
func (s *scanner) id(i int) (string, int) {
	if i < len(s.b) && s.b[i] == '"' {
		return s.str(i)
	}
	e := number(s.b, i)
	if e < 0 {
		return "", -1
	}
	return s.sub(i, e), e
}

func boolean(b []byte, i int) (bool, int) {
	if j := literal(b, i, "true"); j >= 0 {
		return true, j
	}
	return false, literal(b, i, "false")
}

func literal(b []byte, i int, w string) int {
	if len(b)-i >= len(w) && string(b[i:i+len(w)]) == w {
		return i + len(w)
	}
	return -1
}

// str reads a string value: without escapes, its bytes, once checked to
// be valid UTF-8.
func (s *scanner) str(i int) (string, int) {
	b := s.b
	if i >= len(b) || b[i] != '"' {
		return "", -1
	}
	start := i + 1
	for j := start; ; {
		if j = jsonscan.Plain(b, j); j == len(b) {
			return "", -1
		}
		switch c := b[j]; {
		case c == '"':
			return s.sub(start, j), j + 1
		case c == '\\':
			return s.unescape(start, j)
		case c < 0x20:
			return "", -1
		}
		n := runeLen(b[j:])
		if n == 0 {
			return "", -1
		}
		j += n
	}
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
// (any it does not handle, like a lone surrogate, gives -1: encoding/json
// then decides), in place in the arena: the bytes before the first escape
// are already there, and each decoded piece is written behind the one read.
func (s *scanner) unescape(start, j int) (string, int) {
	b := s.b
	if s.arena == nil {
		s.arena = bytes.Clone(b)
	}
	out := s.arena
	w := j // out[start:w] is the string so far; w <= j
	for {
		if j+1 >= len(b) {
			return "", -1
		}
		switch e := b[j+1]; {
		case e == 'u':
			r, ok := hex4(b[j+2:])
			if !ok {
				return "", -1
			}
			if utf16.IsSurrogate(r) {
				// only a well-formed pair; encoding/json has its own rules
				// for the others
				if j+7 >= len(b) || b[j+6] != '\\' || b[j+7] != 'u' {
					return "", -1
				}
				lo, ok := hex4(b[j+8:])
				if !ok {
					return "", -1
				}
				if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
					return "", -1
				}
				j += 6
			}
			w += utf8.EncodeRune(out[w:], r)
			j += 4
		case unescaped[e] != 0:
			out[w] = unescaped[e]
			w++
		default:
			return "", -1
		}
		j += 2
		// the plain run up to the next quote, backslash or control byte,
		// its UTF-8 checked
		k := j
		for {
			if k = jsonscan.Plain(b, k); k == len(b) {
				return "", -1
			}
			if b[k] < utf8.RuneSelf {
				break
			}
			n := runeLen(b[k:])
			if n == 0 {
				return "", -1
			}
			k += n
		}
		w += copy(out[w:], b[j:k])
		j = k
		switch c := b[j]; {
		case c == '"':
			return s.sub(start, w), j + 1
		case c < 0x20:
			return "", -1
		}
	}
}

// unescaped maps the byte after a backslash to the byte it stands for, for
// the escapes of one byte; 0 for the others.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

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

// skip reads any JSON value at depth, checking that it is valid.
func skip(b []byte, i, depth int) int {
	if i >= len(b) {
		return -1
	}
	closing := byte('}')
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '[':
		closing = ']'
	case '{':
	case 't':
		return literal(b, i, "true")
	case 'f':
		return literal(b, i, "false")
	case 'n':
		return literal(b, i, "null")
	default:
		return number(b, i)
	}
	if depth > maxFastDepth {
		return -1
	}
	if i = ws(b, i+1); i < len(b) && b[i] == closing {
		return i + 1
	}
	for {
		i = ws(b, i)
		if closing == '}' {
			// a key, of any kind: only the post's own keys must be plain
			if i = skipString(b, i); i < 0 {
				return -1
			}
			if i = ws(b, i); i >= len(b) || b[i] != ':' {
				return -1
			}
			i = ws(b, i+1)
		}
		if i = skip(b, i, depth+1); i < 0 {
			return -1
		}
		more := false
		if i, more = next(b, i, closing); i < 0 || !more {
			return i
		}
	}
}

// skipString reads a string without decoding it, checking its escapes
// and its UTF-8.
func skipString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; ; {
		if j = jsonscan.Plain(b, j); j == len(b) {
			return -1
		}
		switch c := b[j]; {
		case c == '"':
			return j + 1
		case c < 0x20:
			return -1
		case c == '\\':
			if j+1 >= len(b) {
				return -1
			}
			switch e := b[j+1]; {
			case unescaped[e] != 0:
				j += 2
			case e == 'u':
				if _, ok := hex4(b[j+2:]); !ok {
					return -1
				}
				j += 6
			default:
				return -1
			}
		default:
			n := runeLen(b[j:])
			if n == 0 {
				return -1
			}
			j += n
		}
	}
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func number(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		if i = digits(b, i+1); i < 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i = digits(b, i); i < 0 {
			return -1
		}
	}
	return i
}

// digits reads one or more decimal digits.
func digits(b []byte, i int) int {
	start := i
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	if i == start {
		return -1
	}
	return i
}
