package ids

import (
	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// classify decides whether the code read at token i is an identifier.
func classify(d *text.Doc, i int, c *code) (detect.Candidate, bool) {
	src := d.Src
	var buf [maxCodeLen + 24]byte
	first := i
	if c.hash && i > 0 && d.IsPunct(i-1, '#') {
		first = i - 1
	}
	cue := findCue(d, first)
	cand := detect.Candidate{Type: detect.ID, Start: c.start, End: c.end}
	if !cue.found && !c.hash {
		// a plate whose first part is letters ("the silver Corolla KDA
		// 447Q", "plate ABC 123"): the letters stand between the vehicle
		// cue and the code
		if p := plateLetters(d, i); p >= 0 {
			if vc := findCue(d, p); vc.found && vc.info.sub == SubVehicle && c.nd >= 1 && c.end-c.start <= 4 && !yearLike(src[c.start:c.end]) {
				cand.Start, cand.Cue, cand.Sub, cand.Score = d.Tokens[p].Start, vc.text, SubVehicle, 0.8
				return cand, true
			}
		}
	}
	if c.hash {
		cand.Start--
	}
	if cue.found {
		cand.Cue = cue.text
	}
	emit := func(sub string, score float64) (detect.Candidate, bool) {
		cand.Sub = sub
		cand.End = c.end
		cand.Score = score
		return cand, true
	}
	cueSub := func(def string) string {
		if cue.found && cue.info.sub != SubOther && cue.info.sub != SubCreditCard {
			return cue.info.sub
		}
		return def
	}

	// Checksummed formats first: they need no cue.
	if c.ng == 1 && c.nl >= 2 && c.nd >= 2 && isAlpha(src[c.start]) && isAlpha(src[c.start+1]) {
		if l := c.end - c.start; l >= 15 && l <= 34 && ibanValid(src[c.start:c.end]) {
			return emit(SubIBAN, 0.95)
		}
		if extendIBAN(src, c) {
			return emit(SubIBAN, 0.95)
		}
	}
	if cue.phone {
		return cand, false
	}
	if c.pureDigits() {
		return classifyDigits(d, c, cue, emit, cueSub)
	}
	compact := c.compact(src, buf[:0])
	if c.ng == 1 && len(compact) == 9 && deaValid(string(compact)) {
		if cue.found && cue.info.sub == SubDEA {
			return emit(SubDEA, 0.97)
		}
		return emit(SubDEA, 0.85)
	}
	if c.ng == 1 && len(compact) == 17 {
		if vinValid(string(compact)) {
			if cue.found && cue.info.sub == SubVehicle {
				return emit(SubVehicle, 0.97)
			}
			return emit(SubVehicle, 0.85)
		}
	}
	if len(compact) == 11 && (c.ng == 1 || c.ng == 3) && mbiShape(string(compact)) {
		return emit(SubHealthPlan, 0.85)
	}
	if unitLike(src, c) {
		return cand, false
	}
	if cue.found {
		l := len(compact)
		if cue.info.sub == SubIBAN && l >= 15 {
			return emit(SubIBAN, 0.7) // a mistyped IBAN is still identifying
		}
		if cue.info.strong && c.nd >= 2 && l >= 4 {
			if cue.info.sub == SubVehicle {
				extendPlate(src, c)
			}
			return emit(cueSub(SubOther), 0.9)
		}
		if !cue.info.strong && c.nd >= 3 && l >= 5 && c.nu == c.nl {
			return emit(cueSub(SubOther), 0.75)
		}
		if cue.info.sub == SubVehicle && c.nd >= 1 && l >= 4 {
			extendPlate(src, c)
			return emit(SubVehicle, 0.7)
		}
	}
	if codeLike(src, c) {
		if c.hash {
			return emit(SubOther, 0.45)
		}
		return emit(SubOther, 0.35)
	}
	return cand, false
}

type emitFunc func(sub string, score float64) (detect.Candidate, bool)

// classifyDigits handles codes without letters: SSNs, cards, NPIs and cued
// record numbers.
func classifyDigits(d *text.Doc, c *code, cue cueResult, emit emitFunc, cueSub func(string) string) (detect.Candidate, bool) {
	src := d.Src
	none := detect.Candidate{}
	if c.ng == 1 {
		extendSpaced(src, c)
	}
	ds := c.digitString()
	nd := c.nd
	cueIs := func(sub string) bool { return cue.found && cue.info.sub == sub }
	if isDateShape(c) || isPhoneShape(c) && !(cue.found && cue.info.strong) {
		return none, false
	}
	// SSN: ddd-dd-dddd, or nine digits after an SSN cue
	if nd == 9 && ssnValid(ds) {
		shaped := c.ng == 3 && c.glen[0] == 3 && c.glen[1] == 2 && c.glen[2] == 4
		switch {
		case cueIs(SubSSN):
			return emit(SubSSN, 0.97)
		case shaped && cue.found:
			return emit(cueSub(SubSSN), 0.9)
		case shaped && !c.spaced:
			return emit(SubSSN, 0.75)
		}
	}
	// payment cards
	if nd >= 13 && nd <= 19 && luhn(ds) && (c.ng == 1 || c.glen[0] == 4) {
		switch {
		case cueIs(SubCreditCard):
			return emit(SubCreditCard, 0.97)
		case cue.found && cue.info.strong:
			return emit(cueSub(SubCreditCard), 0.9)
		default:
			return emit(SubCreditCard, 0.6)
		}
	}
	if cueIs(SubCreditCard) && nd >= 12 && nd <= 19 {
		return emit(SubCreditCard, 0.75)
	}
	// NPI
	if nd == 10 && c.ng == 1 {
		if cueIs(SubNPI) {
			if npiValid(ds) {
				return emit(SubNPI, 0.97)
			}
			return emit(SubNPI, 0.8)
		}
		if !cue.found && npiValid(ds) && !followedByUnit(d, c.end) {
			return emit(SubNPI, 0.4)
		}
	}
	if cue.found {
		if followedByUnit(d, c.end) {
			return none, false
		}
		year := nd == 4 && c.ng == 1 && (ds[:2] == "19" || ds[:2] == "20")
		if cue.info.strong && nd >= 4 && !year {
			return emit(cueSub(SubOther), 0.9)
		}
		if !cue.info.strong && nd >= 5 {
			return emit(cueSub(SubOther), 0.7)
		}
		return none, false
	}
	if c.hash && nd >= 5 && !followedByUnit(d, c.end) {
		return emit(SubOther, 0.45)
	}
	return none, false
}

// isDateShape spots digit groups that read as a date: 2023-04-25,
// 07-15-2023, 4/12/22 (with '-' only; '/' never joins a code).
func isDateShape(c *code) bool {
	if c.ng != 3 || c.spaced {
		return false
	}
	v := func(k int) int {
		pos := 0
		for x := 0; x < k; x++ {
			pos += int(c.glen[x])
		}
		n := 0
		for x := 0; x < int(c.glen[k]); x++ {
			n = n*10 + int(c.digits[pos+x]-'0')
		}
		return n
	}
	g := c.glen
	switch {
	case g[0] == 4 && g[1] <= 2 && g[2] <= 2:
		return v(1) >= 1 && v(1) <= 12 && v(2) >= 1 && v(2) <= 31
	case g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4):
		a, b := v(0), v(1)
		return a >= 1 && b >= 1 && (a <= 12 && b <= 31 || b <= 12 && a <= 31)
	}
	return false
}

// isPhoneShape spots 3-3-4 and 3-4 digit groups, which the contact
// detector owns unless an ID cue says otherwise.
func isPhoneShape(c *code) bool {
	g := c.glen
	return c.ng == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4 || c.ng == 2 && g[0] == 3 && g[1] == 4
}

// unitLike spots measurements glued to units: "500mg", "10am", "2130hrs",
// "5x", "q4h" — a single group of digits then letters (or a letter then
// digits, like "x10").
func unitLike(src string, c *code) bool {
	// ranges glued to a unit: "80-360CC", "800-600U"
	for g := 0; g < c.ng-1; g++ {
		if c.gkind[g] != gDigit {
			return false
		}
	}
	s := src[c.start:c.end]
	if k := lastIndexByte(s, '-'); k >= 0 {
		s = s[k+1:]
	}
	k := 0
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k == 0 {
		return false
	}
	rest := s[k:]
	var b [8]byte
	if len(rest) == 0 || len(rest) > len(b) {
		return false
	}
	for x := 0; x < len(rest); x++ {
		if !isAlpha(rest[x]) {
			return false
		}
		b[x] = rest[x] | 0x20
	}
	return units[string(b[:len(rest)])]
}

// followedByUnit reports whether the word after byte end is a unit
// ("10000 units", "12345 mg").
func followedByUnit(d *text.Doc, end int) bool {
	src := d.Src
	j := end
	if j < len(src) && src[j] == ' ' {
		j++
	}
	k := j
	for k < len(src) && isAlpha(src[k]) && k-j < 8 {
		k++
	}
	if k == j || k-j >= 8 || k < len(src) && isAlnum(src[k]) {
		return false
	}
	var b [8]byte
	for x := j; x < k; x++ {
		b[x-j] = src[x] | 0x20
	}
	return units[string(b[:k-j])]
}

// codeLike is the shape test for uncued codes: at least five digits and
// one to six upper-case letters in a code of at most 20 characters, like
// "HP-678901", "ABC234567", "12345-JS". A single group mixing digits and
// letters must start with its letters ("P12345678", not "12345AB").
func codeLike(src string, c *code) bool {
	if c.maxRun < 5 || c.nl == 0 || c.nl > 6 || c.nu != c.nl || c.end-c.start > 20 {
		return false
	}
	if c.ng == 1 {
		return isAlpha(src[c.start])
	}
	return true
}

// extendIBAN reads an IBAN written in groups of four ("GB29 NWBK 6016
// 1331 9268 19") starting at a code of two letters and two digits.
func extendIBAN(src string, c *code) bool {
	if c.end-c.start != 4 || !isDigit(src[c.start+2]) || !isDigit(src[c.start+3]) {
		return false
	}
	var b [40]byte
	n := copy(b[:], src[c.start:c.end])
	j := c.end
	for j+1 < len(src) && src[j] == ' ' && isAlnum(src[j+1]) {
		k := j + 1
		for k < len(src) && isAlnum(src[k]) && k-j <= 5 {
			k++
		}
		l := k - j - 1
		if l > 4 || n+l > 34 || k < len(src) && isAlnum(src[k]) {
			break
		}
		n += copy(b[n:], src[j+1:k])
		j = k
		if l < 4 {
			break
		}
	}
	if n < 15 || !ibanValid(string(b[:n])) {
		return false
	}
	c.end = j
	return true
}

// extendPlate joins a plate written in two parts ("ABC 1234") after a
// vehicle cue.
func extendPlate(src string, c *code) {
	j := c.end
	if c.end-c.start > 4 || j+1 >= len(src) || src[j] != ' ' || !isAlnum(src[j+1]) {
		return
	}
	k := j + 1
	for k < len(src) && isAlnum(src[k]) && k-j <= 5 {
		k++
	}
	if k-j-1 <= 4 && (k >= len(src) || !isAlnum(src[k])) {
		c.end = k
	}
}

func lastIndexByte(s string, b byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// plateLetters returns the token before token i when it is the letters
// of a two-part plate: two to four capitals, one space before the code;
// else -1.
func plateLetters(d *text.Doc, i int) int {
	p := i - 1
	if p < 0 {
		return -1
	}
	t := &d.Tokens[p]
	n := t.End - t.Start
	if t.Kind != text.Word || n < 2 || n > 4 || t.End+1 != d.Tokens[i].Start || d.Src[t.End] != ' ' {
		return -1
	}
	for k := t.Start; k < t.End; k++ {
		if !isUpper(d.Src[k]) {
			return -1
		}
	}
	return p
}

// yearLike reports four digits from 1900 to 2099 ("Golf GTI 2019" is a
// model year, not a plate).
func yearLike(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && isDigit(s[2]) && isDigit(s[3])
}
