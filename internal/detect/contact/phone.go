package contact

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon/wordset"
	"github.com/scrubs-dev/scrubs/internal/text"
)

const (
	maxGroups = 8
	maxDigits = 17
)

// run is a sequence of digit groups read from Src: "+46 (0)8 928 571 38",
// "345-899-3560x4587", "212- 476- 8356".
type run struct {
	start, end int // span in Src (end exclusive), extension included
	nd         int // digits in the main part
	ng         int
	groups     [maxGroups]uint8
	sep        [maxGroups]byte // main separator before group k: ' ', '-', '.', '(' or ')'
	digits     [maxDigits]byte
	trunk      int // index of a "(0)" group, or -1
	plus       bool
	ext        int // digits in an extension ("x4587", "ext. 212")
}

func (r *run) digitString(skipTrunk bool) string {
	var b [maxDigits + 1]byte
	n := 0
	pos := 0
	for g := 0; g < r.ng; g++ {
		l := int(r.groups[g])
		if !(skipTrunk && g == r.trunk) {
			n += copy(b[n:], r.digits[pos:pos+l])
		}
		pos += l
	}
	return string(b[:n])
}

// scanRun reads digit groups starting at byte i ('+', '(' or a digit).
// It reports false for things that are clearly not phone numbers (a digit
// run glued to letters, like "500mg", or longer than any phone number).
func scanRun(src string, i int, r *run) bool {
	*r = run{start: i, trunk: -1}
	j := i
	opens := 0 // '(' less ')' in src[i:lastEnd], counted as the groups are read
	if src[j] == '+' {
		r.plus = true
		j++
	}
	if j < len(src) && src[j] == '(' {
		opens++
		j++
	}
	lastEnd := -1
	var sepc byte
	for {
		k := j
		for k < len(src) && isDigit(src[k]) {
			k++
		}
		n := k - j
		if n == 0 {
			break
		}
		if r.ng == maxGroups || r.nd+n > maxDigits {
			return false
		}
		if k < len(src) && (isAlpha(src[k]) && !(lowerASCII(src[k]) == 'x' && k+1 < len(src) && isDigit(src[k+1])) || src[k] >= 0x80) {
			// glued to letters ("500mg", "10am"): a letter is no separator,
			// so the run ends here, and the test after the loop turns it
			// away (only an extension, "3560x4587", may follow the digits)
			return false
		}
		if n == 1 && src[j] == '0' && j > 0 && src[j-1] == '(' && k < len(src) && src[k] == ')' {
			r.trunk = r.ng
		}
		for x := j; x < k; x++ { // a few bytes: cheaper than copy's call
			r.digits[r.nd+x-j] = src[x]
		}
		r.groups[r.ng] = uint8(n)
		r.sep[r.ng] = sepc
		r.ng++
		r.nd += n
		lastEnd = k
		j = k
		// separator: at most 3 bytes of " -.()" without a line break
		s := j
		spaces, dots, dashes, parens := 0, 0, 0, 0
		sepc = 0
		for j < len(src) && j-s < 3 {
			c := src[j]
			if c == ' ' {
				if j > s && src[j-1] == ' ' {
					break
				}
				spaces++
			} else if c == '-' {
				dashes++
			} else if c == '.' {
				dots++
			} else if c == '(' {
				parens++
			} else if c == ')' {
				parens--
			} else {
				break
			}
			if sepc == 0 || c != ' ' {
				sepc = c
			}
			j++
		}
		if j == s || j >= len(src) || !isDigit(src[j]) || dots > 0 && j-s > 1 || dashes > 1 && spaces > 0 {
			break
		}
		opens += parens // another group follows: the separator lies before lastEnd
	}
	if r.ng == 0 {
		return false
	}
	// "7.44-7.46", "3.5 - 4.0": decimals, not a dotted phone number
	dots, others := 0, 0
	for g := 1; g < r.ng; g++ {
		if r.sep[g] == '.' {
			dots++
		} else {
			others++
		}
	}
	if dots > 0 && others > 0 {
		return false
	}
	end := lastEnd
	if end < len(src) && src[end] == ')' && opens > 0 {
		end++
		opens--
	}
	if end < len(src) && (isAlpha(src[end]) || src[end] >= 0x80) {
		// "3560x4587" is an extension; "500mg", "10am" are not phones
		if !(lowerASCII(src[end]) == 'x' && end+1 < len(src) && isDigit(src[end+1])) {
			return false
		}
	}
	// a time after a date or a run: "2003-08-28 12:13" — drop the hour
	if end < len(src) && src[end] == ':' && end+1 < len(src) && isDigit(src[end+1]) {
		if r.ng == 1 {
			return false
		}
		r.ng--
		r.nd -= int(r.groups[r.ng])
		end = r.start
		// recompute the end: walk groups again
		j := r.start
		if r.plus {
			j++
		}
		for g := 0; g < r.ng; g++ {
			for j < len(src) && !isDigit(src[j]) {
				j++
			}
			j += int(r.groups[g])
		}
		end = j
	}
	// thousands or decimals glued on: "1,500", "3.5%"
	if end < len(src) && (src[end] == ',' || src[end] == '/') && end+1 < len(src) && isDigit(src[end+1]) || end < len(src) && src[end] == '%' {
		return false
	}
	if src[r.start] == '(' && opens > 0 {
		// an unclosed "(" in front belongs to the sentence, not the number
		r.start++
	}
	r.end = end
	r.ext = scanExt(src, r)
	return true
}

// scanExt extends r over an extension ("x4587", " ext. 212", " x 12").
func scanExt(src string, r *run) int {
	j := r.end
	if j < len(src) && src[j] == ' ' {
		j++
	}
	k := j
	for k < len(src) && isAlpha(src[k]) && k-j < 9 {
		k++
	}
	w := src[j:k]
	switch len(w) {
	case 1:
		if lowerASCII(w[0]) != 'x' {
			return 0
		}
		if j != r.end && (k >= len(src) || !isDigit(src[k])) && !(k < len(src) && src[k] == ' ') {
			return 0
		}
	case 3, 4, 9:
		if !(equalFold(w, "ext") || equalFold(w, "extn") || equalFold(w, "extension")) {
			return 0
		}
	default:
		return 0
	}
	if k < len(src) && (src[k] == '.' || src[k] == ':') {
		k++
	}
	if k < len(src) && src[k] == ' ' {
		k++
	}
	m := k
	for m < len(src) && isDigit(src[m]) && m-k < 7 {
		m++
	}
	n := m - k
	if n == 0 || n > 6 || m < len(src) && isAlnum(src[m]) {
		return 0
	}
	r.end = m
	return n
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// cue classes for phone numbers
type cueKind uint8

const (
	cueNone  cueKind = iota
	cuePhone         // phone, call, cell, contact, reach, ...
	cueWeak          // home, work, office, desk: a cue only for full-length numbers
	cuePager         // pager, beeper, pg
	cueExt           // ext, extension
	cueFax           // fax
	cueStop          // an ID or clinical word: the number belongs to it
)

// phoneCues and phoneFillers are wordsets, not Go maps: the look-backs
// from a number (pagerish, phoneCueBefore) ask them about every word they
// pass, and a Go map hashes each word whole.
var phoneCues = wordset.New(map[string]cueKind{
	"phone": cuePhone, "phones": cuePhone, "tel": cuePhone, "telephone": cuePhone,
	"tele": cuePhone, "cell": cuePhone, "cellular": cuePhone, "cellphone": cuePhone, "mobile": cuePhone,
	"mob": cuePhone, "call": cuePhone, "called": cuePhone, "calling": cuePhone, "callback": cuePhone,
	"text": cuePhone, "texts": cuePhone, "txt": cuePhone, "sms": cuePhone, "whatsapp": cuePhone,
	"contact": cuePhone, "contacts": cuePhone, "reach": cuePhone, "reached": cuePhone, "reachable": cuePhone,
	"dial": cuePhone, "landline": cuePhone, "answering": cuePhone, "messages": cuePhone, "voicemail": cuePhone,
	"phone#": cuePhone, "tel#": cuePhone, "cell#": cuePhone, "ring": cuePhone, "hotline": cuePhone,
	"home": cueWeak, "work": cueWeak, "office": cueWeak, "desk": cueWeak, "daytime": cueWeak, "evening": cueWeak,
	"pager": cuePager, "pgr": cuePager, "pg": cuePager, "beeper": cuePager, "bpr": cuePager, "beep": cuePager,
	"page": cuePager, "paged": cuePager, "bleep": cuePager, "pager#": cuePager,
	"ext": cueExt, "extn": cueExt, "extension": cueExt, "x": cueExt,
	"fax": cueFax, "facsimile": cueFax, "telefax": cueFax, "fx": cueFax,
	"mrn": cueStop, "ssn": cueStop, "id": cueStop, "acct": cueStop, "account": cueStop, "policy": cueStop,
	"dob": cueStop, "age": cueStop, "record": cueStop, "npi": cueStop, "dea": cueStop, "card": cueStop,
	"iban": cueStop, "plan": cueStop, "insurance": cueStop, "member": cueStop, "license": cueStop,
	"licence": cueStop, "serial": cueStop, "vin": cueStop, "zip": cueStop, "box": cueStop, "po": cueStop,
})

// colonCues are cues only when a colon or '#' follows: "H: 555-1234",
// "W: ...", "Ph: ..." ("pH 7.44" is a lab value).
var colonCues = map[string]cueKind{"h": cueWeak, "w": cueWeak, "c": cuePhone, "m": cuePhone, "o": cueWeak,
	"f": cueFax, "t": cuePhone, "p": cuePhone, "ph": cuePhone, "hm": cueWeak, "wk": cueWeak, "cel": cuePhone}

var phoneFillers = wordset.New(map[string]bool{
	"number": true, "numbers": true, "no": true, "nr": true, "num": true, "nbr": true, "is": true, "at": true,
	"on": true, "to": true, "me": true, "my": true, "her": true, "his": true, "their": true, "our": true,
	"your": true, "the": true, "a": true, "via": true, "by": true, "or": true, "of": true, "be": true,
	"can": true, "us": true, "them": true, "him": true, "direct": true, "line": true, "private": true,
	"personal": true, "info": true, "details": true, "main": true, "cell's": true, "anytime": true,
	"please": true, "pls": true, "pt": true, "was": true, "are": true, "and": true, "best": true, "nurse": true,
	"any": true, "questions": true, "with": true, "for": true, "directly": true,
})

// phoneCueBefore looks back from token i (exclusive) for a cue word. It
// returns the cue, its text, and how many words lay between.
func phoneCueBefore(d *text.Doc, i int) (cueKind, string, int) {
	c, s, w, _ := phoneCueBeforeNL(d, i)
	return c, s, w
}

// phoneCueBeforeNL is phoneCueBefore that also says whether the cue lies
// on an earlier line.
func phoneCueBeforeNL(d *text.Doc, i int) (cueKind, string, int, bool) {
	words := 0
	toks := d.Tokens
	nl := false
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if toks[k+1].Flags&text.NewlineBefore != 0 {
			nl = true
		}
		t := &toks[k]
		switch t.Kind {
		case text.Punct:
			c := d.Src[t.Start]
			switch c {
			case '.':
				// "Tel." / "Ph." / "No." abbreviation dots do not end the search
				if k > 0 && toks[k-1].Kind == text.Word && d.Adjacent(k-1, k) {
					if _, ok := phoneCues.Get(toks[k-1].Lower); ok || phoneFillers.Value(toks[k-1].Lower) {
						continue
					}
				}
				return cueNone, "", words, nl
			case '!', '?', ';':
				return cueNone, "", words, nl
			}
			continue
		case text.Word:
		default:
			return cueNone, "", words, nl
		}
		if t.Has(text.HasDigit) {
			return cueNone, "", words, nl
		}
		if c, ok := phoneCues.Get(t.Lower); ok {
			if c == cueExt && t.Lower == "x" && !d.Adjacent(k, k+1) {
				// "x" on its own is a cue only when glued on: "x" "54321"
				words++
				continue
			}
			if c == cueStop {
				return cueNone, "", words, nl
			}
			return c, d.Text(k), words, nl
		}
		if d.IsPunct(k+1, ':') || d.IsPunct(k+1, '#') {
			if c, ok := colonCues[t.Lower]; ok {
				return c, d.Text(k), words, nl
			}
		}
		if !phoneFillers.Value(t.Lower) {
			words++
			if words > 3 {
				return cueNone, "", words, nl
			}
		}
	}
	return cueNone, "", words, nl
}

// phoneCueAfter looks at the word right after a number on the same line:
// "416 60 039 office", "(579)888-3058 fax", "555-0100 (cell)".
func phoneCueAfter(d *text.Doc, end int) (cueKind, string) {
	toks := d.Tokens
	// find the first token at or after end
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < end {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k := lo; k < len(toks) && k < lo+3; k++ {
		t := &toks[k]
		if t.Flags&text.NewlineBefore != 0 {
			return cueNone, ""
		}
		if t.Kind == text.Punct {
			c := d.Src[t.Start]
			if c == '(' || c == ',' || c == '-' || c == '[' {
				continue
			}
			return cueNone, ""
		}
		if t.Kind != text.Word {
			return cueNone, ""
		}
		switch c := phoneCues.Value(t.Lower); c {
		case cuePhone, cueWeak, cuePager, cueFax:
			return c, d.Text(k)
		}
		return cueNone, ""
	}
	return cueNone, ""
}

// phoneAt reads a possible phone number starting at byte i, which is token
// ti ('+', '(' or the first digit of a word).
func phoneAt(d *text.Doc, ti, i int) (detect.Candidate, bool) {
	src := d.Src
	if i > 0 {
		p := src[i-1]
		if isAlnum(p) || p == '$' || p == '+' && src[i] != '+' {
			return detect.Candidate{}, false
		}
		// the middle of "7/22", "3.5", "12:30", "1,500"
		if (p == '.' || p == ',' || p == '/' || p == ':') && i > 1 && isDigit(src[i-2]) {
			return detect.Candidate{}, false
		}
	}
	var r run
	if !scanRun(src, i, &r) {
		return detect.Candidate{}, false
	}
	if r.nd < 3 {
		return detect.Candidate{}, false
	}
	// quick reject: most numbers in clinical text are short and uncued
	if r.nd < 7 && r.ext == 0 && !pagerish(d, ti) {
		return detect.Candidate{}, false
	}
	score, sub, cue, ok := judgePhone(d, ti, &r)
	if !ok {
		return detect.Candidate{}, false
	}
	typ := detect.Phone
	if sub == SubFax {
		typ = detect.Fax
	}
	return detect.Candidate{Type: typ, Sub: sub, Start: r.start, End: r.end, Score: score, Cue: cue}, true
}

// pagerish is a cheap check that a short number may follow a pager or
// extension cue: one of the three tokens before is a word.
func pagerish(d *text.Doc, ti int) bool {
	for k := ti - 1; k >= 0 && k >= ti-4; k-- {
		t := &d.Tokens[k]
		if t.Kind == text.Word {
			if phoneFillers.Value(t.Lower) {
				continue
			}
			c := phoneCues.Value(t.Lower)
			return c == cuePager || c == cueExt || c == cuePhone
		}
	}
	return false
}

func judgePhone(d *text.Doc, ti int, r *run) (float64, string, string, bool) {
	cue, cueText, between, crossed := phoneCueBeforeNL(d, ti)
	if cue == cueNone || crossed {
		// a cue after the number on its own line beats one on the line above
		if c2, t2 := phoneCueAfter(d, r.end); c2 != cueNone {
			cue, cueText, between = c2, t2, 0
		}
	}
	sub := SubPhone
	switch cue {
	case cueFax:
		sub = SubFax
	case cuePager:
		sub = SubPager
	}
	nd := r.nd
	if r.trunk >= 0 {
		nd--
	}
	if isDateRun(r) {
		return 0, "", "", false
	}
	if !saneGroups(r) {
		return 0, "", "", false
	}
	// short numbers: pager and extension fragments right after their cue
	if nd < 7 {
		if (cue == cuePager || cue == cueExt) && between <= 1 && nd >= 3 {
			if cue == cueExt {
				sub = SubExt
			}
			return 0.75, sub, cueText, true
		}
		if cue == cuePhone && between == 0 && nd >= 4 && r.ng >= 2 {
			// "call 4-5678", "tel 82 41 07"
			return 0.6, sub, cueText, true
		}
		return 0, "", "", false
	}
	if nd > 15 {
		return 0, "", "", false
	}
	num := parseNumber(r)
	valid := num != nil && validNumber(num)
	strong := cue == cuePhone || cue == cuePager || cue == cueFax || cue == cueExt
	switch {
	case valid && cue != cueNone:
		return 0.97, sub, cueText, true
	case valid:
		if formattedUS(r) || r.plus {
			return 0.85, sub, "", true
		}
		return 0.6, sub, "", true
	case strong || cue == cueWeak && between <= 1:
		score := 0.8
		if num == nil || !phonenumbers.IsPossibleNumber(num) {
			score = 0.7
		}
		return score, sub, cueText, true
	case r.plus && r.ng >= 2 && num != nil && phonenumbers.IsPossibleNumber(num):
		return 0.6, sub, "", true
	case cue == cueNone && nanpTypo(r) && (parenWrapped(d.Src, r) || peopleNear(d, ti)):
		// "(301 273 45166)" after "son and grandson visited": a US number
		// with a digit too many, set apart or next to the people it reaches
		return 0.65, sub, "", true
	}
	return 0, "", "", false
}

// nanpTypo reports a North American shape with one digit too many in the
// last group (3-3-5: "3-3-3" is more often a list of values), area code and exchange starting
// with 2-9, groups split by spaces, dashes or dots.
func nanpTypo(r *run) bool {
	if r.plus || r.ng != 3 || r.trunk >= 0 || r.groups[0] != 3 || r.groups[1] != 3 || r.groups[2] != 5 {
		return false
	}
	for g := 1; g < 3; g++ {
		if c := r.sep[g]; c != ' ' && c != '-' && c != '.' {
			return false
		}
	}
	return r.digits[0] >= '2' && r.digits[3] >= '2'
}

// parenWrapped reports a number that fills a pair of parentheses.
func parenWrapped(src string, r *run) bool {
	a, b := r.start, r.end
	if a < len(src) && src[a] == '(' {
		a++
	} else if a == 0 || src[a-1] != '(' {
		return false
	}
	if b > a && src[b-1] == ')' {
		return true
	}
	return b < len(src) && src[b] == ')'
}

// contactPeople are the people whose numbers a note records.
var contactPeople = map[string]bool{
	"son": true, "sons": true, "daughter": true, "daughters": true, "wife": true, "husband": true, "family": true,
	"mother": true, "father": true, "brother": true, "sister": true, "niece": true, "nephew": true,
	"grandson": true, "granddaughter": true, "friend": true, "hcp": true, "proxy": true, "spouse": true,
	"visited": true, "visitor": true, "visitors": true, "dtr": true, "sibling": true, "siblings": true,
}

// peopleNear reports a relative or visit word among the 15 tokens before
// token ti on its line.
func peopleNear(d *text.Doc, ti int) bool {
	for k := ti - 1; k >= 0 && k >= ti-15; k-- {
		t := &d.Tokens[k]
		if t.Kind == text.Word && (contactPeople[t.Lower] || strings.HasSuffix(t.Lower, "'s") && contactPeople[t.Lower[:len(t.Lower)-2]]) {
			return true
		}
		if t.Has(text.NewlineBefore) {
			return false
		}
	}
	return false
}

// parseNumber parses the number with libphonenumber, as validate does; it
// returns nil where validate reports false, false.
func parseNumber(r *run) *phonenumbers.PhoneNumber {
	ds := r.digitString(true)
	var in, region string
	switch {
	case r.plus:
		if num, ok := parsePlus1(ds); ok {
			return num
		}
		in, region = "+"+ds, ""
	case len(ds) > 10 && ds[:3] == "011":
		in, region = "+"+ds[3:], ""
	case len(ds) > 10 && ds[:2] == "00":
		in, region = "+"+ds[2:], ""
	case len(ds) == 10 || len(ds) == 11 && ds[0] == '1':
		if num, ok := parseUS10(ds); ok {
			return num
		}
		in, region = ds, "US"
	default:
		return nil
	}
	num, err := phonenumbers.Parse(in, region)
	if err != nil {
		return nil
	}
	return num
}

// validNumber is phonenumbers.IsValidNumber, with the common case first.
// IsValidNumber(n) is IsValidNumberForRegion(n, GetRegionCodeForNumber(n)).
// For country code 1, GetRegionCodeForNumber walks
// GetRegionCodesForCountryCode(1), which starts with "US"; US metadata has
// no leadingDigits, so it returns "US" exactly when getNumberTypeHelper(nsn,
// US) != UNKNOWN, which is IsValidNumberForRegion(n, "US") (that also
// demands country code 1). So IsValidNumberForRegion(n, "US") implies
// IsValidNumber(n); the US check costs one type lookup where IsValidNumber
// costs two (region choice, then the check) or, for other regions of +1, a
// walk over 25 regions. TestValidNumberSame checks this differentially.
//
// A +1 number whose national significant number starts with 0 or 1
// ("0322887944" read as a US number) is invalid: no +1 region's
// leadingDigits nor general pattern admits 0 or 1 first (checked on the
// metadata by TestNANPFirstDigit), so GetRegionCodeForNumber finds no
// region and IsValidNumberForRegion(n, "") is false.
func validNumber(num *phonenumbers.PhoneNumber) bool {
	if v, ok := validTable(num); ok {
		return v
	}
	if num.GetCountryCode() == 1 {
		if nsn := phonenumbers.GetNationalSignificantNumber(num); nsn == "" || nsn[0] == '0' || nsn[0] == '1' {
			return false
		}
		if phonenumbers.IsValidNumberForRegion(num, "US") {
			return true
		}
	}
	return phonenumbers.IsValidNumber(num)
}

// formattedUS reports the usual North American layouts: 3-3-4, (3) 3-4,
// 1-3-3-4, 3.3.4.
func formattedUS(r *run) bool {
	g := r.groups
	switch r.ng {
	case 3:
		return g[0] == 3 && g[1] == 3 && g[2] == 4
	case 4:
		return g[0] == 1 && g[1] == 3 && g[2] == 3 && g[3] == 4
	}
	return false
}

// isDateRun spots "2003-08-28", "12/03/2023", "13.12.1985" read as groups.
func isDateRun(r *run) bool {
	if r.ng < 3 || r.plus {
		return false
	}
	s1, s2 := r.sep[1], r.sep[2]
	if s1 != s2 || (s1 != '-' && s1 != '.' && s1 != '/') {
		return false
	}
	if r.ng > 3 && r.sep[3] != ' ' {
		return false
	}
	g := r.groups
	v := func(k int) int {
		pos := 0
		for x := 0; x < k; x++ {
			pos += int(g[x])
		}
		n := 0
		for x := 0; x < int(g[k]); x++ {
			n = n*10 + int(r.digits[pos+x]-'0')
		}
		return n
	}
	switch {
	case g[0] == 4 && g[1] <= 2 && g[2] <= 2:
		return v(1) >= 1 && v(1) <= 12 && v(2) >= 1 && v(2) <= 31
	case g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4):
		a, b := v(0), v(1)
		return a >= 1 && b >= 1 && (a <= 12 && b <= 31 || b <= 12 && a <= 31)
	}
	return false
}

// saneGroups rejects runs of single digits ("1 2 3 4 5 6 7"): one-digit
// groups are allowed only among the first three groups, at most two.
func saneGroups(r *run) bool {
	ones := 0
	for g := 0; g < r.ng; g++ {
		if r.groups[g] == 1 {
			ones++
			if g >= 3 || ones > 2 {
				return false
			}
		}
	}
	return true
}

// extToken handles a lone "x54321" token after a phone or pager cue.
func extToken(d *text.Doc, i int) (detect.Candidate, bool) {
	t := &d.Tokens[i]
	w := d.Src[t.Start:t.End]
	if len(w) < 4 || len(w) > 7 {
		return detect.Candidate{}, false
	}
	for k := 1; k < len(w); k++ {
		if !isDigit(w[k]) {
			return detect.Candidate{}, false
		}
	}
	cue, cueText, between := phoneCueBefore(d, i)
	if cue == cueNone || cue == cueWeak || between > 1 {
		return detect.Candidate{}, false
	}
	return detect.Candidate{Type: detect.Phone, Sub: SubExt, Start: t.Start, End: t.End, Score: 0.7, Cue: cueText}, true
}

// extAfterWord handles "ext 212", "ext. 4411" where "ext" is token i.
func extAfterWord(d *text.Doc, i int) (detect.Candidate, bool) {
	j := i + 1
	if d.IsPunct(j, '.') || d.IsPunct(j, ':') || d.IsPunct(j, '#') {
		j++
	}
	if j >= len(d.Tokens) {
		return detect.Candidate{}, false
	}
	t := &d.Tokens[j]
	if t.Kind != text.Word || !t.Has(text.AllDigit) || t.End-t.Start < 2 || t.End-t.Start > 6 {
		return detect.Candidate{}, false
	}
	if t.End < len(d.Src) && (d.Src[t.End] == '.' || d.Src[t.End] == '/' || d.Src[t.End] == ',') && t.End+1 < len(d.Src) && isDigit(d.Src[t.End+1]) {
		return detect.Candidate{}, false
	}
	return detect.Candidate{Type: detect.Phone, Sub: SubExt, Start: t.Start, End: t.End, Score: 0.75, Cue: d.Text(i)}, true
}
