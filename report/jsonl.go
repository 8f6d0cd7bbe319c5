package report

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/frozen"
	"github.com/scrubs-dev/scrubs/internal/jsonscan"

	"github.com/scrubs-dev/scrubs/model"
)

// JSONL lines are written by hand rather than with encoding/json: for
// short posts, reflection over every finding and entity cost as much as a
// good part of the checking itself. The bytes are exactly what
// encoding/json writes with SetEscapeHTML(false) for the same objects
// (same field order, omitempty rules, string escapes and number format);
// TestJSONLEncodingMatches compares the two on objects with every field
// set, and fails when a field is added to one of these types without
// being added here.

// appendJSON appends o as one JSON object, without a newline. h, when not
// nil, holds the JSON of the heads that earlier findings had.
func (o *checkObject) appendJSON(b []byte, h *heads) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, o.ID)
	if o.Verdict != "" {
		b = append(b, `,"verdict":`...)
		b = appendString(b, string(o.Verdict))
	}
	b = append(b, `,"findings":`...)
	b = appendFindings(b, o.Findings, h)
	if o.ReidScore != 0 {
		b = append(b, `,"reid_score":`...)
		b = appendFloat(b, o.ReidScore)
	}
	if len(o.Warnings) > 0 {
		b = append(b, `,"warnings":`...)
		b = appendStrings(b, o.Warnings)
	}
	if len(o.Suppressed) > 0 {
		b = append(b, `,"suppressed":`...)
		b = appendFindings(b, o.Suppressed, h)
	}
	if o.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, o.Error)
	}
	return append(b, '}')
}

// appendJSON appends o as one JSON object, without a newline.
func (o *deidObject) appendJSON(b []byte, _ *heads) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, o.ID)
	b = append(b, `,"text":`...)
	b = appendString(b, o.Text)
	b = append(b, `,"entities":`...)
	if o.Entities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range o.Entities {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendEntity(b, &o.Entities[i])
		}
		b = append(b, ']')
	}
	if o.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, o.Error)
	}
	return append(b, '}')
}

func appendEntity(b []byte, e *model.Entity) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, `,"text":`...)
	b = appendString(b, e.Text)
	if e.Sub != "" {
		b = append(b, `,"subtype":`...)
		b = appendString(b, e.Sub)
	}
	return append(b, '}')
}

// appendFindings appends a list of findings; nil is null, as in
// encoding/json (callers that want [] pass an empty slice).
func appendFindings(b []byte, fs []model.Finding, h *heads) []byte {
	if fs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFinding(b, &fs[i], h)
	}
	return append(b, ']')
}

func appendFinding(b []byte, f *model.Finding, h *heads) []byte {
	b = h.append(b, f)
	b = appendOptInt(b, `,"start":`, f.Start)
	b = appendOptInt(b, `,"end":`, f.End)
	b = appendOptString(b, `,"text":`, f.Text)
	b = appendOptInt(b, `,"media":`, f.Media)
	b = appendOptString(b, `,"field":`, f.Field)
	if f.Confidence != 0 {
		b = append(b, `,"confidence":`...)
		b = appendFloat(b, f.Confidence)
	}
	if len(f.Evidence) > 0 {
		b = append(b, `,"evidence":`...)
		b = appendStrings(b, f.Evidence)
	}
	b = appendOptString(b, `,"suppressed_by":`, f.SuppressedBy)
	return append(b, '}')
}

// appendOptString appends an omitempty string field.
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, key...), s)
}

// appendOptInt appends an omitempty *int field.
func appendOptInt(b []byte, key string, p *int) []byte {
	if p == nil {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(*p), 10)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat writes a finite float64 as encoding/json does: like
// strconv's shortest form, in exponent form only below 1e-6 or from 1e21,
// with no zero padding in the exponent. Callers pass finite values (see
// finite), as encoding/json would fail on the others.
func appendFloat(b []byte, f float64) []byte {
	if b, ok := appendThousandths(b, f); ok {
		return b
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendThousandths writes f when it is a positive whole number of
// thousandths below 1e9, as every confidence and score is (they are
// rounded to three decimals): ok is false for any other value. For such a
// value, n/1000 with its trailing zeros cut is what strconv's shortest form
// writes: it parses back to f (f is the double nearest to n/1000, division
// being correctly rounded), and no other decimal of as few digits does, as
// two multiples of 0.001 lie further apart than a double's precision below
// 1e9. strconv's general algorithm costs several hundred instructions a
// number; this costs a few dozen.
func appendThousandths(b []byte, f float64) ([]byte, bool) {
	if !(f > 0 && f < 1e9) { // also false for NaN
		return b, false
	}
	n := uint64(f*1000 + 0.5)
	if float64(n)/1000 != f {
		return b, false
	}
	if n < 1000 { // a confidence or a score: written whole from a table
		t := &thousandths[n]
		return append(b, t[1:1+t[0]]...), true
	}
	b = strconv.AppendUint(b, n/1000, 10)
	frac := n % 1000
	if frac == 0 {
		return b, true
	}
	d := [4]byte{'.', byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	k := len(d)
	for d[k-1] == '0' {
		k--
	}
	return append(b, d[:k]...), true
}

// thousandths[n] is how appendThousandths writes n/1000, for 0 < n <
// 1000: its length, then its bytes ("0.5", "0.125").
var thousandths = func() (t [1000][6]byte) {
	for n := 1; n < 1000; n++ {
		d := [6]byte{5, '0', '.', byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)}
		for d[d[0]] == '0' {
			d[0]--
		}
		t[n] = d
	}
	return
}()

// appendHead appends a finding's head: its fields from the rule to the
// fix, which come from its rule, from the object's opening brace.
func appendHead(b []byte, f *model.Finding) []byte {
	b = append(b, `{"rule":`...)
	b = appendString(b, f.Rule)
	b = append(b, `,"category":`...)
	b = appendString(b, f.Category)
	b = append(b, `,"severity":`...)
	b = appendString(b, string(f.Severity))
	b = appendOptString(b, `,"clause":`, f.Clause)
	b = append(b, `,"message":`...)
	b = appendString(b, f.Message)
	return appendOptString(b, `,"fix":`, f.Fix)
}

// heads remembers the JSON of findings' heads: a finding's rule name,
// category, severity, clause, message and fix come from its rule, so the
// same few hundred heads, most of a finding's bytes, were escaped anew for
// every finding otherwise. The slot of a head is picked by where its
// strings lie in memory (a rule's stay put), and a slot is used only when
// the strings it keeps equal the finding's: whatever memory the strings
// are in, a hit writes exactly what appendHead would.
//
// The bytes are compared only for strings that may be written over: a
// slot for strings that were all frozen (package frozen: the rule set's
// are) keeps those strings, not copies, and a finding whose strings lie
// where they do, at the same lengths, holds the same bytes. That check
// reads two words a string; comparing the bytes cost a few hundred
// instructions a finding.
type heads struct {
	slots [headSlots]struct {
		// copies of headStrings, in one allocation, or the strings
		// themselves when they were all frozen
		strs   [6]string
		frozen bool
		enc    []byte // appendHead's output for them; nil in an unused slot
	}
}

// headBits sizes the table: the rules that fire on a few thousand posts
// bring a few hundred heads; 4096 slots (512 KB) leave few pairs of them
// taking turns in one slot.
const (
	headBits  = 12
	headSlots = 1 << headBits
	// maxHead bounds the strings of a head that is remembered, and so the
	// memory a slot keeps: a rule's are a few hundred bytes.
	maxHead = 2048
)

// headStrings are the strings of a finding's head.
func headStrings(f *model.Finding) [6]string {
	return [6]string{f.Rule, f.Category, string(f.Severity), f.Clause, f.Message, f.Fix}
}

// headSlot picks the slot of f's head by where its rule name, severity and
// message lie in memory: a rule's severity may depend on the post, and a
// few rules have more than one message.
func headSlot(f *model.Finding) uint64 {
	return (at(f.Rule) + at(string(f.Severity))<<1 + at(f.Message)<<2) * 0x9e3779b97f4a7c15 >> (64 - headBits)
}

// at is where s's bytes lie.
func at(s string) uint64 { return uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))) }

// sameMemory reports whether the strings of a lie where f's head's do,
// at the same lengths (written out: a loop over headStrings cost twice
// as much).
func sameMemory(a *[6]string, f *model.Finding) bool {
	d := at(a[0]) ^ at(f.Rule) | uint64(len(a[0])^len(f.Rule))
	d |= at(a[1]) ^ at(f.Category) | uint64(len(a[1])^len(f.Category))
	d |= at(a[2]) ^ at(string(f.Severity)) | uint64(len(a[2])^len(f.Severity))
	d |= at(a[3]) ^ at(f.Clause) | uint64(len(a[3])^len(f.Clause))
	d |= at(a[4]) ^ at(f.Message) | uint64(len(a[4])^len(f.Message))
	d |= at(a[5]) ^ at(f.Fix) | uint64(len(a[5])^len(f.Fix))
	return d == 0
}

// append appends f's head. h may be nil (no memory).
func (h *heads) append(b []byte, f *model.Finding) []byte {
	if h == nil {
		return appendHead(b, f)
	}
	e := &h.slots[headSlot(f)]
	if e.frozen && sameMemory(&e.strs, f) {
		return append(b, e.enc...)
	}
	strs := headStrings(f)
	if e.enc != nil && e.strs == strs {
		return append(b, e.enc...)
	}
	n := len(b)
	b = appendHead(b, f)
	size := 0
	all := true
	for _, s := range strs {
		size += len(s)
		all = all && frozen.Is(s)
	}
	if size > maxHead {
		return b
	}
	e.enc = append(e.enc[:0], b[n:]...)
	if e.frozen = all; all {
		e.strs = strs
		return b
	}
	var copies strings.Builder
	copies.Grow(size)
	for _, s := range strs {
		copies.WriteString(s)
	}
	rest := copies.String()
	for k, s := range strs {
		e.strs[k], rest = rest[:len(s)], rest[len(s):]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string the way encoding/json does
// without HTML escaping: '"', '\\' and control characters escaped (\b, \f,
// \n, \r, \t by name), invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped, as some JavaScript parsers take them for line ends.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i = jsonscan.Plain(s, i); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
