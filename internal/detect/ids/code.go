package ids

const (
	maxGroups  = 8
	maxCodeLen = 40
)

// group kinds
const (
	gDigit  = 1
	gLetter = 2
)

// code is an alphanumeric code read from Src: alphanumeric groups joined
// by single '-' ("#EM-345678", "UCLA-T1D-2023"), or digit groups joined by
// single spaces ("4111 1111 1111 1111", "123 45 6789").
type code struct {
	start, end int // span without the '#'
	hash       bool
	spaced     bool // groups joined by spaces
	nd, nl, nu int  // digits, letters, upper-case letters
	maxRun     int  // longest run of consecutive digits
	ng         int
	glen       [maxGroups]uint8
	gkind      [maxGroups]uint8 // bit set of gDigit, gLetter
	digits     [maxCodeLen]byte
}

func (c *code) digitString() string { return string(c.digits[:c.nd]) }

// pureDigits reports whether the code has no letters.
func (c *code) pureDigits() bool { return c.nl == 0 }

// compact returns the code without separators, upper-cased, in buf.
func (c *code) compact(src string, buf []byte) []byte {
	buf = buf[:0]
	for k := c.start; k < c.end; k++ {
		if isAlnum(src[k]) {
			buf = append(buf, upperASCII(src[k]))
		}
	}
	return buf
}

// readCode reads the code starting at byte s. It reports false when the
// bytes after it show it is part of something else: a decimal ("3.5"), a
// ratio ("120/80"), a time ("12:30"), a percentage, an e-mail or a word in
// a non-Latin script.
func readCode(src string, s int, c *code) bool {
	*c = code{start: s}
	if s > 0 {
		switch src[s-1] {
		case '#':
			c.hash = true
		case '@', '/', '\\', '_', '=', '&', '.', '$', '+':
			return false
		}
	}
	j := s
	for {
		k := j
		kind := uint8(0)
		run := 0
		for k < len(src) && isAlnum(src[k]) && k-s < maxCodeLen {
			ch := src[k]
			if isDigit(ch) {
				kind |= gDigit
				c.digits[c.nd] = ch
				c.nd++
				run++
				if run > c.maxRun {
					c.maxRun = run
				}
			} else {
				run = 0
				kind |= gLetter
				c.nl++
				if isUpper(ch) {
					c.nu++
				}
			}
			k++
		}
		if k-s >= maxCodeLen {
			return false // a hash or a run-on string, not an identifier
		}
		c.glen[c.ng] = uint8(k - j)
		c.gkind[c.ng] = kind
		c.ng++
		j = k
		if c.ng < maxGroups && j+1 < len(src) && src[j] == '-' && isAlnum(src[j+1]) {
			j++
			continue
		}
		break
	}
	c.end = j
	if j < len(src) {
		switch ch := src[j]; {
		case ch >= 0x80 || ch == '@' || ch == '%' || ch == '_':
			return false
		case (ch == '.' || ch == ',' || ch == '/' || ch == ':') && j+1 < len(src) && isAlnum(src[j+1]):
			return false
		}
	}
	if c.nd == 0 {
		return false
	}
	return true
}

// extendSpaced extends a pure-digit code over further digit groups joined
// by single spaces or dashes ("4111 1111 1111 1111", "123 45 6789"),
// up to 19 digits. It reports whether it extended.
func extendSpaced(src string, c *code) bool {
	if !c.pureDigits() || c.ng != 1 || c.nd < 2 || c.nd > 6 {
		return false
	}
	j := c.end
	saved := *c
	for c.ng < maxGroups && j+1 < len(src) && src[j] == ' ' && isDigit(src[j+1]) {
		k := j + 1
		for k < len(src) && isDigit(src[k]) && k-j <= 7 {
			k++
		}
		n := k - j - 1
		if n > 6 || c.nd+n > 19 || k < len(src) && (isAlpha(src[k]) || src[k] >= 0x80) {
			break
		}
		if k < len(src) && (src[k] == '.' || src[k] == ',' || src[k] == '/' || src[k] == ':') && k+1 < len(src) && isDigit(src[k+1]) {
			break
		}
		copy(c.digits[c.nd:], src[j+1:k])
		c.nd += n
		c.glen[c.ng] = uint8(n)
		c.gkind[c.ng] = gDigit
		c.ng++
		j = k
	}
	if c.ng == 1 {
		return false
	}
	// only the shapes of cards (4-4-4-4, 4-6-5, ...) and spaced SSNs (3-2-4)
	ok := false
	switch {
	case c.ng == 3 && c.glen[0] == 3 && c.glen[1] == 2 && c.glen[2] == 4:
		ok = true
	case c.nd >= 13 && c.glen[0] == 4:
		ok = true
	}
	if !ok {
		*c = saved
		return false
	}
	c.end = j
	c.spaced = true
	return true
}

// isUnit lists unit and time suffixes that make "500mg", "10am", "2130hrs"
// measurements rather than codes.
var units = map[string]bool{
	"mg": true, "mcg": true, "ug": true, "g": true, "gm": true, "kg": true, "lb": true, "lbs": true, "ml": true, "l": true,
	"cc": true, "cm": true, "mm": true, "m": true, "km": true, "in": true, "ft": true, "oz": true, "hr": true, "hrs": true,
	"h": true, "min": true, "mins": true, "s": true, "sec": true, "secs": true, "am": true, "pm": true, "u": true, "iu": true,
	"units": true, "unit": true, "meq": true, "mmol": true, "mol": true, "x": true, "d": true, "wk": true, "wks": true,
	"y": true, "yo": true, "yr": true, "yrs": true, "mo": true, "mos": true, "st": true, "nd": true, "rd": true, "th": true,
	"k": true, "mhz": true, "hz": true, "kb": true, "mb": true, "gb": true, "tb": true, "bpm": true, "mmhg": true,
	"f": true, "c": true, "ms": true, "mcl": true, "dl": true, "ngml": true, "mgdl": true, "kcal": true, "cal": true,
	"ft2": true, "mgs": true, "mls": true, "gtt": true, "gtts": true, "lpm": true, "l/min": true, "hours": true, "days": true,
	"minutes": true, "weeks": true, "years": true, "months": true, "times": true, "cm3": true, "mm3": true, "nm": true, "um": true,
	"mcgs": true, "ngs": true, "ng": true, "pg": true, "iv": true, "po": true, "pr": true, "sq": true, "sc": true, "im": true,
}

// shortCode reports a code of fewer than four letters and digits ("88",
// "5mg") that cannot grow, which classify never takes: every format it
// knows wants four or more, and only extendSpaced makes a code longer,
// over a space and more digits. Most numbers in clinical notes are such
// codes, and turning them away before classify spares its look-back for a
// cue (findCue).
func shortCode(src string, c *code) bool {
	return c.nd+c.nl < 4 && !(c.nl == 0 && c.end+1 < len(src) && src[c.end] == ' ' && isDigit(src[c.end+1]))
}
