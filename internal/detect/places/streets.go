package places

import (
	"strings"

	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// nameWord: a word that can be part of a street or place name in an
// address ("Ross", "Clark", "fourth", "do", "Μεγάλη").
func (s *scan) nameWord(i int) bool {
	if !s.word(i) {
		return false
	}
	lw := s.low(i)
	if lowConnectorW.Has(lw) {
		return true
	}
	if stopW.Has(lw) {
		return false
	}
	if s.has(i, text.HasDigit) {
		return ordinal(lw)
	}
	switch s.capSignal(i) {
	case 2:
		return true
	case 1:
		return streetSuffixW.Has(lw) || ordinal(lw) || !ordinary(lw)
	}
	return ordinal(lw) || streetSuffixW.Has(lw) || streetLeadW.Has(lw) || lowConnectorW.Has(lw) || len(lw) > 2 && !englishOrMedical(lw) && strings.IndexAny(lw, "'’") < 0
}

var lowConnector = map[string]bool{
	"de": true, "do": true, "da": true, "du": true, "la": true, "le": true, "del": true, "della": true,
	"des": true, "al": true, "el": true, "van": true, "von": true, "der": true, "dos": true, "das": true,
	"di": true, "i": false, "z": true, "u": true, "na": true, "nad": true, "pod": true, "ten": true,
	"e": true, "y": true, "v": true, "ve": true,
}

var ordinals = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true,
}

func ordinal(w string) bool {
	if ordinalsW.Has(w) {
		return true
	}
	if len(w) < 3 || len(w) > 6 || w[0] < '0' || w[0] > '9' {
		return false
	}
	suf := w[len(w)-2:]
	return (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && isDigits(w[:len(w)-2])
}

// digits handles a token with digits at i: ZIP codes, house numbers, and
// "Name 12" forms (named units and foreign addresses).
func (s *scan) digits(i int) {
	d := s.d
	w := s.low(i)
	if !d.Tokens[i].Has(text.AllDigit) && !houseNumber(w) {
		s.postcode(i)
		return
	}
	if len(w) == 5 && isDigits(w) {
		s.zip(i)
	}
	if !houseNumber(w) {
		return
	}
	// units of measure, times, ratios and decimals are not addresses
	if k := i + 1; k < len(d.Tokens) && d.Adjacent(i, k) && d.Tokens[k].Kind == text.Punct {
		c := d.Src[d.Tokens[k].Start]
		if c == '%' || c == '/' || c == ':' || c == '.' && s.word(k+1) && s.has(k+1, text.AllDigit) && d.Adjacent(k, k+1) {
			return
		}
	}
	if p := i - 1; p >= 0 && d.Adjacent(p, i) && d.Tokens[p].Kind == text.Punct {
		c := d.Src[d.Tokens[p].Start]
		if c == '/' || c == ':' || c == '.' || c == '-' || c == '$' || c == '+' {
			return
		}
	}
	// house number + street name + street type
	names := 0
	lead := false
	start := i + 1 // first token of the street name
	capOK := func(k int) bool { return s.capSignal(k) == 2 || d.Lowerish && s.capSignal(k) >= 1 }
	for k, n := i+1, 0; n < 8 && k < len(d.Tokens); n, k = n+1, k+1 {
		t := &d.Tokens[k]
		if t.Flags&text.NewlineBefore != 0 {
			break
		}
		if t.Kind == text.Punct {
			if s.punct(k, '.') && names > 0 && (len(s.low(k-1)) == 1 || streetLeadW.Has(s.low(k-1)) || s.low(k-1) == "st" || s.low(k-1) == "mt") || s.punct(k, '-') && d.Adjacent(k-1, k) && d.Adjacent(k, k+1) {
				continue
			}
			break
		}
		if t.Kind != text.Word {
			break
		}
		lw := t.Lower
		if k == start && streetLeadW.Has(lw) && (s.capSignal(k) >= 1 || s.d.Lowerish || s.addrCue(i)) {
			lead = true
			names++
			continue
		}
		if names > 0 && (streetSuffixW.Has(lw) || compoundStreet(lw)) && !(unitOfMeasureW.Has(lw)) {
			if strongSuffixW.Has(lw) || s.capSignal(k) == 2 && s.capSignal(k-1) == 2 {
				end := s.extendAddr(k)
				cue, _ := s.cueBefore(i)
				s.emit(SubStreet, s.backAddr(i), end, 0.85, cue)
				return
			}
		}
		if isDigits(lw) && len(lw) <= 5 {
			if lead || names > 0 {
				// "Rua do Arenque 1634", "Μεγάλη Άμμος 184", "5850 Jana
				// Nerudy 894" on an address line
				if lead || names <= 4 && capOK(start) && (s.addrCue(i) || names <= 3 && s.lineStartish(i) && s.addrAfter(k)) {
					end := s.extendAddr(k)
					cue, _ := s.cueBefore(i)
					s.emit(SubStreet, s.backAddr(i), end, 0.75, cue)
					return
				}
				break
			}
			if k == start && len(w) >= 3 && (s.addrCue(i) || s.lineStartish(i)) && s.word(k+1) && (capOK(k+1) || streetLeadW.Has(s.low(k+1))) {
				// "224 4966 Bond Street": a second number
				start = k + 1
				continue
			}
			break
		}
		if compoundStreet(lw) && !vocab.Medical(lw) {
			names++
			lead = true
			continue
		}
		if !s.nameWord(k) || (s.capSignal(k) != 2 && vocab.Medical(lw) && !streetSuffixW.Has(lw) && !ordinal(lw) && !lowConnectorW.Has(lw)) {
			// "123 MAIN ST", "45 oak ave": an ordinary word right before a
			// strong street type
			if n <= 2 && s.word(k+1) && strongSuffixW.Has(s.low(k+1)) && !vocab.Medical(lw) && !stopW.Has(lw) && !s.has(k, text.HasDigit) {
				names++
				continue
			}
			break
		}
		names++
	}
	if lead && names >= 2 && (capOK(start) || streetLeadW.Has(s.low(start)) && s.capSignal(start) == 0) {
		end := s.extendAddr(i + names)
		cue, _ := s.cueBefore(i)
		s.emit(SubStreet, s.backAddr(i), end, 0.7, cue)
		return
	}
	s.nameNumber(i)
}

// nameNumber: "Quartermain 2" after a transfer cue (a unit), "Joaquin Suarez
// 2906" or "Edeby 55" after an address cue (a street).
func (s *scan) nameNumber(i int) {
	d := s.d
	w := s.low(i)
	if !isDigits(w) || len(w) > 5 {
		return
	}
	if k := s.nextTok(i); k >= 0 && s.word(k) && (unitOfMeasureW.Has(s.low(k)) || s.low(k) == "mg" || s.low(k) == "x") {
		return
	}
	first, short, lower := -1, false, false
	for k, n := i-1, 0; n < 3 && s.word(k); n, k = n+1, k-1 {
		if d.Tokens[k+1].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(k)
		if stopW.Has(lw) || s.has(k, text.HasDigit) {
			break
		}
		// the tests below that break whatever the vocabulary says of lw,
		// first: most words before a number ("HR 88") end the walk here,
		// before the vocabulary lookup (a likely cache miss)
		if c := s.capSignal(k); c == 0 && !d.Lowerish && (n > 0 || len(lw) < 6 || len(w) > 2) || c != 2 && len(lw) < 5 {
			break
		}
		v := vocab.Lookup(lw)
		if v.Any(vocab.IsEnglish|vocab.IsAbbrev) || v.Any(vocab.IsMedical) && !(s.capSignal(k) == 2 && v.Any(vocab.IsProper)) || s.isHeadWord(lw) || strings.IndexAny(lw, "'’") >= 0 {
			break
		}
		if s.capSignal(k) == 0 && !d.Lowerish {
			// "transfer to quartermain 2": an unknown long word may name
			// a ward even in lower case
			if n > 0 || len(lw) < 6 || len(w) > 2 || v.Any(vocab.IsProper) {
				break
			}
			lower = true
		}
		if v.Any(vocab.IsProper) && len(lw) <= 4 || s.capSignal(k) != 2 && len(lw) < 5 {
			// "Hoge Wei 32": a short name only after an address cue
			if s.capSignal(k) != 2 {
				break
			}
			short = true
		}
		first = k
	}
	if first < 0 || short && !s.addrCue(first) {
		return
	}
	cue, cs := s.cueBefore(first)
	// "transfer to Quartermain 2", "Per Quartermain 3 RN", "PLAN:
	// QUARTERMAIN 2": a named ward
	if len(w) <= 2 && first == i-1 && s.wardCue(first, i, cue, cs) {
		s.emit(SubUnit, first, i, 0.6, cue)
		return
	}
	if lower {
		return
	}
	if s.capSignal(first) != 2 && !(d.Lowerish && s.addrCue(first)) {
		return
	}
	if !s.addrCue(first) && !(s.lineStart(first) && s.addrLineAfter(i)) {
		return
	}
	end := s.extendAddr(i)
	s.emit(SubStreet, first, end, 0.7, cue)
}

// wardCue: the "Name N" at first..i is announced as a ward: a transfer
// cue, "to"/"from"/"at" before it, a "Plan:" label, or a nurse or team
// after it.
func (s *scan) wardCue(first, i int, cue string, cs int) bool {
	if cs == 2 {
		return true
	}
	if cs == 1 {
		switch strings.ToLower(cue) {
		case "to", "from", "at":
			// "TRANSFER TODAY TO QUARTERMAIN 2", "admitted 9/30 to ..."
			j := first - 1
			if s.word(j) && (s.low(j) == "the" || s.low(j) == "a") {
				j--
			}
			for p, n := s.d.PrevWord(j, true), 0; p >= 0 && n < 5; p, n = s.d.PrevWord(p, true), n+1 {
				switch s.low(p) {
				case "transfer", "transferred", "transfered", "admitted", "admit", "plan", "sent", "moved", "move", "going", "go", "back", "return", "returned", "came", "bed":
					return true
				}
			}
		}
	}
	if s.punct(first-1, ':') && s.word(first-2) && s.low(first-2) == "plan" {
		return true
	}
	if k := s.nextTok(i); k >= 0 && s.word(k) {
		switch s.low(k) {
		case "rn", "rns", "nurse", "team", "charge":
			return true
		}
	}
	return false
}

func (s *scan) lineStart(i int) bool {
	return i == 0 || s.d.Tokens[i].Flags&text.NewlineBefore != 0
}

// addrLineAfter: the next line looks like an address line (Apt, Suite, a
// number, a capitalised town).
func (s *scan) addrLineAfter(i int) bool {
	k := i + 1
	for k < len(s.d.Tokens) && s.d.Tokens[k].Flags&text.NewlineBefore == 0 {
		k++
	}
	for k < len(s.d.Tokens) && s.bulletsOnly(k, k+1) {
		k++
	}
	if k >= len(s.d.Tokens) || !s.word(k) {
		return false
	}
	lw := s.low(k)
	if unitWords[lw] || s.has(k, text.AllUpper) && len(lw) > 2 || houseNumber(lw) {
		return true
	}
	// a town on its own line, then a region or postcode: "Nicosia\n, NI"
	if s.capSignal(k) == 2 && !english(lw) {
		j := k + 1
		for j < len(s.d.Tokens) && s.word(j) && s.capSignal(j) == 2 && j-k < 3 {
			j++
		}
		return j >= len(s.d.Tokens) || s.punct(j, ',') || s.d.Tokens[j].Flags&text.NewlineBefore != 0
	}
	return false
}

// addrAfter: token k ends a street line that goes on like an address: a
// unit ("Apt. 608") on the same line, or an address-like next line.
func (s *scan) addrAfter(k int) bool {
	if j := s.nextTok(k); j >= 0 {
		if s.punct(j, ',') {
			j = s.nextTok(j)
		}
		return j >= 0 && s.word(j) && unitWords[s.low(j)] && s.capSignal(j) >= 1
	}
	return s.addrLineAfter(k)
}

// addrCue: an address is announced before token i ("lives at", "address
// is", "Address:", "located at", line start after "Address").
func (s *scan) addrCue(i int) bool {
	d := s.d
	j := i - 1
	if s.punct(j, ':') {
		j--
	}
	if !s.word(j) {
		return i == 0 || j >= 0 && s.lineStart(i) && s.punct(j, ':')
	}
	w := s.low(j)
	switch w {
	case "address", "lives", "resides", "located", "addr":
		return true
	case "at", "on", "is", "with", "in", "to", "same", "of":
		p := d.PrevWord(j, true)
		for n := 0; p >= 0 && n < 5; n, p = n+1, d.PrevWord(p, true) {
			switch s.low(p) {
			case "lives", "live", "lived", "living", "address", "located", "meet", "arrived", "off", "enter", "stops", "moved", "reside", "resides", "mail", "send", "deliver", "delivered", "ship", "shipped", "stop", "same":
				return true
			}
		}
	}
	return false
}

// backAddr extends an address start left over a second house number
// ("846 31 Rue ...", "9858 92 Hounslow Rd") and then over a short name that
// opens the line or follows an address cue ("Fuglie 41 Popović Dam",
// "address with Serenade Opus 420 ...").
func (s *scan) backAddr(i int) int {
	if p := s.prevTok(i); p >= 0 && s.word(p) && isDigits(s.low(p)) && len(s.low(p)) <= 6 && !s.punct(p-1, '/') && !s.punct(p-1, ':') {
		i = p
	}
	first := -1
	if a := s.prevTok(i); a >= 0 && s.low(a) == "and" && s.capSignal(a-1) == 2 && s.prevTok(a) == a-1 && !s.has(a-1, text.HasDigit) && !s.d.Upperish && (s.lineStartish(a-1) || s.addrCue(a-1)) {
		// "...to the same: Maarit and Hersnapvej 75": a care-of name
		return a - 1
	}
	for k, n := i-1, 0; n < 2; n, k = n+1, k-1 {
		if s.prevTok(k+1) != k || !s.word(k) || s.has(k, text.HasDigit) || stopW.Has(s.low(k)) || s.capSignal(k) != 2 || s.d.Upperish {
			break
		}
		if s.lineStartish(k) || s.addrCue(k) {
			first = k
			break
		}
	}
	if first >= 0 {
		return first
	}
	return i
}

// lineStartish: token i opens its line, list bullets ("???", "-", "*")
// aside.
func (s *scan) lineStartish(i int) bool {
	for k := i; k >= 0; k-- {
		if k == 0 || s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			return k == i || s.bulletsOnly(k, i)
		}
	}
	return false
}

func (s *scan) bulletsOnly(a, b int) bool {
	for k := a; k < b; k++ {
		if !(s.punct(k, '?') || s.punct(k, '-') || s.punct(k, '*')) {
			return false
		}
	}
	return true
}

// extendAddr continues an address from token i over the following tokens
// and lines that look like address parts (unit, town, region code,
// country, postcode) and returns the last token index.
func (s *scan) extendAddr(i int) int {
	d := s.d
	last := i
	lines := 0
	for k, n := i+1, 0; k < len(d.Tokens) && n < 30; k, n = k+1, n+1 {
		t := &d.Tokens[k]
		if t.Flags&text.NewlineBefore != 0 {
			if strings.Count(d.Src[d.Tokens[k-1].End:t.Start], "\n") > 1 {
				break
			}
			lines++
			if lines > 5 {
				break
			}
		}
		if t.Kind == text.Punct {
			c := d.Src[t.Start]
			if c == ',' || c == '.' || c == '-' || c == '#' || c == '(' || c == '/' || c == '\'' {
				continue
			}
			if c == ')' {
				if strings.IndexByte(d.Src[d.Tokens[i].Start:t.Start], '(') >= 0 {
					last = k
				}
				continue
			}
			// list bullets at the start of a line ("??? Suite 380")
			if c == '?' && (t.Flags&text.NewlineBefore != 0 || d.Adjacent(k-1, k) && s.punct(k-1, '?')) {
				continue
			}
			break
		}
		if t.Kind != text.Word {
			break
		}
		lw := t.Lower
		// "Mobile:", "Fax:" labels end the address
		if s.punct(k+1, ':') {
			break
		}
		ok := false
		switch {
		case len(lw) == 2 && t.Flags&text.AllUpper != 0 && !d.Upperish && (s.punct(k-1, ',') || s.has(k-1, text.AllUpper) && s.word(k-1) && last == k-1):
			// region codes: "Dusino San Michele, AT 31295", "OULU NO"
			ok = true
		case len(lw) == 1 && last == k-1 && s.word(k-1) && t.Flags&text.HasLetter != 0 && (k+1 >= len(d.Tokens) || d.Tokens[k+1].Flags&text.NewlineBefore != 0 || s.punct(k+1, ',')):
			// "København K"
			ok = true
		case t.Flags&text.HasDigit != 0:
			ok = len(lw) <= 10
		case streetSuffixW.Has(lw) || unitWords[lw] || streetLeadW.Has(lw) || streetTail[lw] || lowConnectorW.Has(lw):
			ok = true
		case lw == "box" || lw == "po" || lw == "apo" || lw == "fpo" || lw == "dpo" || lw == "psc" || lw == "nan" || lw == "p.o":
			ok = true
		case stopW.Has(lw):
			ok = false
		case s.capSignal(k) == 2:
			ok = !(t.Flags&text.SentStart != 0 && t.Flags&text.NewlineBefore == 0 && english(lw) && t.Flags&text.AllUpper == 0 && !s.punct(k-1, '?'))
		case s.capSignal(k) == 1:
			ok = !plainWord(lw) || s.gaz(lw) != 0 || t.Flags&text.AllUpper != 0 && len(lw) >= 3 && !s.d.Upperish
		default:
			ok = !englishOrMedical(lw) || s.gaz(lw)&(gUSCity|gWorldCity|gState|gCountry) != 0
		}
		if !ok {
			break
		}
		last = k
	}
	return last
}

// zip: a five-digit code with context ("MD 21201", "zip 21201", "ZIP+4").
func (s *scan) zip(i int) {
	d := s.d
	p := d.PrevWord(i, true)
	if p >= 0 && i-p <= 2 {
		pw := s.low(p)
		if stateAbbr[pw] && (s.has(p, text.AllUpper) || d.Upperish) || s.gaz(pw)&gState != 0 && s.capSignal(p) >= 1 {
			s.emitZip(i, 0.85, d.Text(p))
			return
		}
		for k, n := p, 0; k >= 0 && n < 3; k, n = d.PrevWord(k, true), n+1 {
			switch s.low(k) {
			case "zip", "zipcode", "postal", "postcode", "zip+4":
				s.emitZip(i, 0.9, d.Text(k))
				return
			}
		}
	}
	if knownZIP(s.t, s.low(i)) {
		cue, cs := s.cueBefore(i)
		if cs >= 1 && cue != "of" && cue != "by" && cue != "to" {
			if k := s.nextTok(i); k >= 0 && s.word(k) && unitOfMeasureW.Has(s.low(k)) {
				return
			}
			s.emitZip(i, 0.5, cue)
		}
	}
}

func (s *scan) emitZip(i int, sc float64, cue string) {
	last := i
	// ZIP+4
	if s.punct(i+1, '-') && s.word(i+2) && len(s.low(i+2)) == 4 && isDigits(s.low(i+2)) && s.d.Adjacent(i, i+1) && s.d.Adjacent(i+1, i+2) {
		last = i + 2
	}
	s.emit(SubZIP, i, last, sc, cue)
}

// poBox: "PO Box 8158", "P.O. Box 287", "PSC 6293, Box 8158", "Unit 5022 Box 1225".
func (s *scan) poBox(i int) {
	d := s.d
	j := i + 1
	if !s.word(j) || !houseNumber(s.low(j)) {
		return
	}
	first := -1
	k := i - 1
	for k >= 0 && d.Tokens[k].Kind == text.Punct && (s.punct(k, '.') || s.punct(k, ',')) {
		k--
	}
	if s.word(k) {
		switch s.low(k) {
		case "po", "p.o", "o", "pob":
			first = k
			if s.low(k) == "o" && s.word(k-2) && s.low(k-2) == "p" {
				first = k - 2
			}
		default:
			if isDigits(s.low(k)) && s.word(k-1) && (s.low(k-1) == "psc" || s.low(k-1) == "unit" || s.low(k-1) == "cmr") {
				first = k - 1
			}
		}
	}
	if first < 0 {
		if !s.addrCue(i) {
			return
		}
		first = i
	}
	if p := s.prevTok(first); p >= 0 && s.word(p) && houseNumber(s.low(p)) {
		first = p
	}
	end := s.extendAddr(j)
	cue, _ := s.cueBefore(first)
	s.emit(SubStreet, first, end, 0.85, cue)
}

// military: "USNS Bergman\nFPO AP 93757".
func (s *scan) military(i int) {
	j := s.nextTok(i)
	if j < 0 || !s.word(j) || len(s.low(j)) != 2 {
		return
	}
	z := s.nextTok(j)
	if z < 0 || !s.word(z) || !isDigits(s.low(z)) || len(s.low(z)) != 5 {
		return
	}
	first := i
	// the line before: "USS Lorenzen", "PSC 3294, Box 9168"
	if s.lineStart(i) && i > 0 {
		for k, n := i-1, 0; k >= 0 && n < 6; k, n = k-1, n+1 {
			if s.word(k) {
				switch s.low(k) {
				case "uss", "usns", "usnv", "psc", "unit", "cmr":
					first = k
				}
			}
			if s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
				break
			}
		}
	}
	s.emit(SubStreet, first, z, 0.85, "")
}

// corner: "the corner of X and Y".
func (s *scan) corner(i int) {
	d := s.d
	j := d.NextWord(i, false)
	if j != i+1 || s.low(j) != "of" {
		return
	}
	first := i
	if p := i - 1; s.word(p) && s.low(p) == "the" {
		first = p
	}
	and := -1
	k := j + 1
	for n := 0; n < 10 && k < len(d.Tokens); n, k = n+1, k+1 {
		t := &d.Tokens[k]
		if t.Flags&text.NewlineBefore != 0 {
			return
		}
		if t.Kind == text.Word && (t.Lower == "and" || t.Lower == "&") || s.punct(k, '&') {
			and = k
			break
		}
		if t.Kind == text.Punct && !s.punct(k, '.') && !s.punct(k, '-') {
			return
		}
		if t.Kind == text.Word && !s.nameWord(k) && !s.has(k, text.HasDigit) {
			return
		}
	}
	if and < 0 || and == j+1 {
		return
	}
	last := -1
	for k, n := and+1, 0; n < 7 && k < len(d.Tokens); n, k = n+1, k+1 {
		t := &d.Tokens[k]
		if t.Flags&text.NewlineBefore != 0 {
			break
		}
		if t.Kind == text.Punct {
			if s.punct(k, '.') || s.punct(k, '-') {
				continue
			}
			break
		}
		if t.Kind != text.Word || !(s.nameWord(k) || s.has(k, text.HasDigit)) {
			break
		}
		// a lower-case ordinary word after the street type ends it
		last = k
		if streetSuffixW.Has(t.Lower) && n > 0 {
			break
		}
	}
	if last < 0 {
		return
	}
	cue, _ := s.cueBefore(first)
	s.emit(SubStreet, first, last, 0.8, cue)
}

// aptUnit: "Apt. 297", "Suite 245", "Unit 4B".
func (s *scan) aptUnit(i int) {
	j := i + 1
	if s.punct(j, '.') || s.punct(j, '#') {
		j++
	}
	if !s.word(j) || !houseNumber(s.low(j)) && !(len(s.low(j)) <= 4 && s.has(j, text.HasDigit)) {
		return
	}
	if k := s.nextTok(j); k >= 0 && s.word(k) && unitOfMeasureW.Has(s.low(k)) {
		return
	}
	lw := s.low(i)
	if (lw == "unit" || lw == "floor" || lw == "fl" || lw == "lot" || lw == "flat") && s.capSignal(i) != 2 {
		return
	}
	if s.capSignal(i) == 0 && lw != "apt" && lw != "ste" {
		return
	}
	end := s.extendAddr(j)
	cue, _ := s.cueBefore(i)
	s.emit(SubStreet, i, end, 0.6, cue)
}

// leadStreet: "Rue Al Imam Al Bakri", "Via Roma 131", "ul. Miła 53".
func (s *scan) leadStreet(i int) {
	if s.capSignal(i) == 0 && !s.d.Lowerish {
		// "ul. Miła 53": a lower-case abbreviation before a capitalised name
		j := i + 1
		if s.punct(j, '.') {
			j++
		}
		if !s.word(j) || s.capSignal(j) != 2 || english(s.low(i)) {
			return
		}
	}
	if english(s.low(i)) && s.capSignal(i) != 2 {
		return
	}
	names := 0
	for k, n := i+1, 0; n < 7 && k < len(s.d.Tokens); n, k = n+1, k+1 {
		t := &s.d.Tokens[k]
		if t.Flags&text.NewlineBefore != 0 {
			return
		}
		if t.Kind == text.Punct {
			if s.punct(k, '.') || s.punct(k, '-') {
				continue
			}
			return
		}
		if t.Kind != text.Word {
			return
		}
		if isDigits(t.Lower) && len(t.Lower) <= 5 {
			if names == 0 {
				return
			}
			end := s.extendAddr(k)
			cue, _ := s.cueBefore(i)
			first := s.backAddr(i)
			s.emit(SubStreet, first, end, 0.75, cue)
			return
		}
		if !s.nameWord(k) {
			return
		}
		names++
	}
}

// tailStreet: "Kálmán Imre u. 12.", "Rákóczi út 13.", "Luite tee 87".
func (s *scan) tailStreet(i int) {
	j := i + 1
	if s.punct(j, '.') {
		j++
	}
	if !s.word(j) || !houseNumber(s.low(j)) || s.d.Tokens[j].Flags&text.NewlineBefore != 0 {
		return
	}
	first := -1
	for k, n := i-1, 0; n < 3 && s.word(k); n, k = n+1, k-1 {
		if s.d.Tokens[k+1].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(k)
		if stopW.Has(lw) || s.has(k, text.HasDigit) || s.capSignal(k) == 0 && english(lw) {
			break
		}
		first = k
	}
	if first < 0 {
		// "9791 Markt 84": the street word alone after a house number
		p := s.prevTok(i)
		if p < 0 || !s.word(p) || !houseNumber(s.low(p)) || s.capSignal(i) != 2 || len(s.low(i)) < 4 {
			return
		}
		first = i
	}
	if s.low(i) == "u" || s.low(i) == "tee" || s.low(i) == "str" {
		if s.capSignal(first) != 2 && !s.d.Lowerish {
			return
		}
	}
	first = s.backAddr(first)
	end := s.extendAddr(j)
	cue, _ := s.cueBefore(first)
	s.emit(SubStreet, first, end, 0.7, cue)
}

// compoundStreetRule: "Magasinsgatan 7", "hersnapvej 18", "Brucker Bundesstrasse 31".
func (s *scan) compoundStreetRule(i int) {
	j := i + 1
	if !s.word(j) || !houseNumber(s.low(j)) || s.d.Tokens[j].Flags&text.NewlineBefore != 0 {
		return
	}
	first := i
	for k, n := i-1, 0; n < 2 && s.word(k); n, k = n+1, k-1 {
		if s.d.Tokens[k+1].Flags&text.NewlineBefore != 0 || stopW.Has(s.low(k)) || s.capSignal(k) != 2 || english(s.low(k)) {
			break
		}
		first = k
	}
	first = s.backAddr(first)
	end := s.extendAddr(j)
	cue, _ := s.cueBefore(first)
	s.emit(SubStreet, first, end, 0.75, cue)
}

// bareSuffix are the street types that end a street named without a house
// number ("lives on Pine Ridge Rd", "the Elm St shelter", "near 5th Ave"),
// by how much the type alone says: suffixA are abbreviations that are
// little else, suffixB full words that are mostly streets after a name,
// suffixC words with other common senses ("Milky Way", "Supreme Court",
// "Dr. Smith", "Plt Ct", "First Place"), which need a distinctive name or a
// cue. Every word is a strongSuffix (TestBareSuffix); each starts a frame
// rule (tFrame).
const (
	suffixA = 1 + iota
	suffixB
	suffixC
)

var bareSuffix = map[string]uint16{
	"st": suffixA, "rd": suffixA, "ave": suffixA, "blvd": suffixA, "ln": suffixA, "hwy": suffixA, "pkwy": suffixA,
	"street": suffixB, "road": suffixB, "avenue": suffixB, "boulevard": suffixB, "lane": suffixB,
	"highway": suffixB, "parkway": suffixB, "terrace": suffixB,
	"drive": suffixC, "dr": suffixC, "court": suffixC, "ct": suffixC, "circle": suffixC, "cir": suffixC,
	"place": suffixC, "pl": suffixC, "way": suffixC, "trail": suffixC, "square": suffixC, "plaza": suffixC,
	"pike": suffixC, "route": suffixC, "alley": suffixC, "crescent": suffixC, "str": suffixC,
}

// stSegment are words after "ST" that make it the ST segment of an ECG
// ("nonspecific ST changes", "ant st elevations").
var stSegment = map[string]bool{
	"changes": true, "change": true, "segment": true, "segments": true, "elevation": true,
	"elevations": true, "elev": true, "depression": true, "depressions": true, "dep": true,
	"wave": true, "waves": true, "abnormality": true, "abnormalities": true, "abn": true, "abnl": true,
	"t": true, "seg": true, "wnl": true, "flattening": true, "inversion": true, "inversions": true,
}

// streetCues are words right before a street name that announce one
// ("on", "near", "off", "from the").
var streetCues = map[string]bool{
	"on": true, "off": true, "onto": true, "near": true, "along": true, "down": true, "up": true,
	"past": true, "via": true, "at": true, "from": true, "to": true, "toward": true, "towards": true,
	"across": true, "by": true, "behind": true, "outside": true, "around": true,
}

var (
	bareSuffixW = newWordMap(bareSuffix)
	streetCuesW = newWordSet(streetCues)
)

// bareStreet: a street type at i after one to four name words, with no
// house number ("She lives on Pine Ridge Rd", "the Elm St shelter", "near
// Main St and 5th Ave"). Its score weighs the evidence: the type (an
// abbreviation says more than "Way"), the names (an ordinal or a name no
// dictionary knows says more than "Main", a sentence's capitalised first
// word or a lower-case word less), and a cue before it. It runs after the
// main scan (frames), so that a street inside a candidate found already
// (an address with its number, "Oak Street Health") is left to it.
func (s *scan) bareStreet(i int) {
	d := s.d
	class := bareSuffixW.Value(s.low(i))
	if class == 0 || i == 0 || d.Tokens[i].Flags&(text.NewlineBefore|text.InHashtag|text.InMention) != 0 {
		return
	}
	mixed := !d.Upperish && !d.Lowerish // case carries a signal
	sufCap := s.capSignal(i)
	lowSuffix := false
	switch {
	case mixed && sufCap == 0:
		// "main st", "elm st": only an abbreviation, in lower case
		if class != suffixA {
			return
		}
		lowSuffix = true
	case mixed && sufCap == 1:
		// "ST elevation", "Head CT", "seen by RD": an all-caps word in a
		// mixed-case text is an abbreviation of something else, unless
		// the names are in capitals too (checked below)
		if len(s.low(i)) > 1 && s.has(i, text.AllUpper) && !s.allCapsName(i) {
			return
		}
	}
	// what follows: "St. Brigid's" is a saint, "Dr. Smith" a title,
	// "Route 9", "Ct 150" a number
	next := i + 1
	dot := s.punct(next, '.') && d.Adjacent(i, next)
	if dot {
		next++
	}
	if next < len(d.Tokens) && d.Tokens[next].Flags&text.NewlineBefore == 0 && s.word(next) {
		nw := s.low(next)
		if s.has(next, text.HasDigit) && !dot {
			return
		}
		switch s.low(i) {
		case "st":
			if s.capSignal(next) == 2 && !stopW.Has(nw) && !(dot && english(nw) && !possessive(nw)) && !s.isHeadWord(nw) || stSegment[nw] {
				return
			}
		case "dr":
			// "Dr. Smith", "DR. RAY", "DR SMITH AWARE"
			if !stopW.Has(nw) && (s.has(next, text.Upper) || !mixed) {
				return
			}
		}
	}
	if s.inCandidate(i) {
		return
	}
	// the names, right to left; at[n] and cls[n] are the n-th name word
	// and its class (bareNameClass)
	var at, cls [4]int
	first, names := -1, 0
	for k := i - 1; k >= 0 && names < len(at); k-- {
		if d.Tokens[k+1].Flags&text.NewlineBefore != 0 {
			break
		}
		t := &d.Tokens[k]
		if t.Kind == text.Punct {
			// "Wilkes-Barre Blvd", "St. Mark's Place", "Martin Luther King Jr. Blvd"
			if names > 0 && (s.punct(k, '-') && d.Adjacent(k-1, k) && d.Adjacent(k, k+1) ||
				s.punct(k, '.') && d.Adjacent(k-1, k) && s.word(k-1) && (len(s.low(k-1)) == 1 || s.low(k-1) == "st" || s.low(k-1) == "mt" || s.low(k-1) == "ft" || s.low(k-1) == "jr")) {
				continue
			}
			break
		}
		if t.Kind != text.Word {
			break
		}
		c := s.bareNameClass(k, class)
		if c < 0 {
			if (s.low(k) == "st" || s.low(k) == "mt" || s.low(k) == "ft") && names > 0 && s.capSignal(k) >= 1 {
				// "St Mark's Place"
				first = k
			}
			break
		}
		first = k
		at[names], cls[names] = k, c
		names++
		if t.Flags&text.SentStart != 0 {
			break
		}
	}
	// a facility or unit found already ("Mercy West ED") is taken in
	// whole ("Lakeview Dr", where the gazetteer knows a Lakeview
	// hospital) or not at all
	if names > 0 {
		if c := s.strongBefore(first, i); c >= 0 {
			first = c + 1
			for names > 0 && at[names-1] < first {
				names--
			}
		}
	}
	best := -1
	for n := range names {
		best = max(best, cls[n])
	}
	if names == 0 {
		return
	}
	if names == 1 && streetIdiomsHas(s.low(first), s.low(i)) {
		return
	}
	if !mixed && best < 2 && class != suffixA {
		// no case signal: "on every road", "on my way" are English
		return
	}
	sc := 0.6
	switch class {
	case suffixB:
		sc = 0.5
	case suffixC:
		sc = 0.4
	}
	switch best {
	case 2:
		sc += 0.15
	case 0:
		sc -= 0.1
	}
	if names >= 2 {
		sc += 0.05
	}
	if lowSuffix {
		sc -= 0.1
	}
	cue, strength := s.streetCue(first)
	switch strength {
	case 2:
		sc += 0.3
	case 1:
		sc += 0.2
	default:
		if !mixed || best == 0 && !(class == suffixA && sufCap == 2 && !lowSuffix) {
			// no case to go by ("NONSPEFIC ST CHANGES", "OOZY CT"), or
			// a lower-case or sentence-initial name: only after a cue,
			// unless a capitalised abbreviation follows ("Main St is
			// closed", which scores under the bar of a post check)
			return
		}
		if best == 0 {
			sc -= 0.05
		}
		if class == suffixB && best < 2 {
			// "Wall Street", "Main Street" said in passing
			sc -= 0.05
		}
		if class == suffixC && best < 2 {
			// "the Milky Way", "Supreme Court" with nothing to say it
			// is a street
			return
		}
	}
	if class == suffixC && best < 2 {
		// "on Google Drive", "at Family Court"
		sc -= 0.15
	}
	if sc < 0.4 {
		return
	}
	s.emit(SubStreet, first, i, sc, cue)
}

// bareNameClass rates token k as a word of a street name before a street
// type of the given class: 2 an ordinal or a distinctive name ("5th",
// "Fifth", "Boone"), 1 a capitalised ordinary word ("Main", "Elm"), 0 a
// weaker one (a sentence's first word, a lower-case word before an
// abbreviation), -1 no name word.
func (s *scan) bareNameClass(k int, class uint16) int {
	d := s.d
	t := &d.Tokens[k]
	lw := t.Lower
	if stopW.Has(lw) || notNameW.Has(lw) || lw == "" || streetCuesW.Has(lw) && s.capSignal(k) != 2 {
		return -1
	}
	if t.Flags&text.HasDigit != 0 {
		if ordinal(lw) {
			return 2
		}
		return -1
	}
	if t.Flags&text.HasLetter == 0 || streetSuffixW.Has(lw) && bareSuffixW.Has(lw) || unitWords[lw] {
		return -1
	}
	v := vocab.Lookup(lw)
	if ordinalsW.Has(lw) {
		// "Fifth Avenue", but also "First Place": an ordinal word is an
		// ordinary word
		plainOrd := s.capSignal(k) == 2 || s.capSignal(k) == 1 && class == suffixA
		if !plainOrd {
			return -1
		}
		if t.Flags&text.SentStart != 0 {
			return 0
		}
		return 1
	}
	if v.Any(vocab.IsAbbrev) || v.Any(vocab.IsMedical) && !v.Any(vocab.IsEnglish|vocab.IsProper) && (s.capSignal(k) != 2 || t.Flags&text.SentStart != 0) {
		// "Plt Ct", "TACH ST", "ICU Way"; a clinical word capitalised
		// inside a sentence is a name ("Wilkes-Barre Blvd")
		return -1
	}
	plain := v.Any(vocab.IsEnglish)
	switch s.capSignal(k) {
	case 2:
		if !plain {
			return 2
		}
		if t.Flags&text.SentStart != 0 {
			return 0
		}
		return 1
	case 1:
		if t.Flags&text.AllUpper != 0 && !d.Upperish && !d.Lowerish {
			// an acronym in a mixed-case text: "MLK Blvd", not "ER Dr"
			if plain || len(lw) < 3 {
				return -1
			}
			return 2
		}
		if !plain && len(lw) >= 3 && strings.IndexAny(lw, "'’") < 0 {
			return 2
		}
		return 1
	}
	// lower case where capitals are used: "main st", "ballard st", with
	// the words after it in lower case too ("near Main St" is no name)
	if class != suffixA || k+1 < len(d.Tokens) && s.word(k+1) && !bareSuffixW.Has(s.low(k+1)) && s.capSignal(k+1) != 0 {
		return -1
	}
	if plain {
		return 0
	}
	return 1
}

// allCapsName: the word before the all-caps street type at i is in
// capitals too ("LIVES ON ELM ST" quoted in a mixed-case text).
func (s *scan) allCapsName(i int) bool {
	p := s.prevTok(i)
	return p >= 0 && s.word(p) && s.has(p, text.AllUpper) && len(s.low(p)) >= 3
}

// streetCue reports the cue before a street name at first and its
// strength: 2 an address cue ("lives on", "address:", "corner of"), 1 a
// preposition that goes with streets ("on", "near", "from the"), or
// another street right before ("Main St and 5th Ave").
func (s *scan) streetCue(first int) (string, int) {
	d := s.d
	if first == 0 || d.Tokens[first].Flags&text.NewlineBefore != 0 {
		// "Address:\nElm St" is an address line; a text's first words
		// are not announced
		if first > 0 && s.addrCue(first) {
			return "", 2
		}
		return "", 0
	}
	if s.addrCue(first) {
		return d.Text(first - 1), 2
	}
	j := first - 1
	if s.word(j) && (s.low(j) == "the" || s.low(j) == "a") {
		j--
	}
	if !s.word(j) {
		return "", 0
	}
	w := s.low(j)
	switch {
	case w == "of":
		if p := d.PrevWord(j, false); p >= 0 {
			switch s.low(p) {
			case "corner", "intersection", "junction", "end", "side":
				return d.Span(p, j), 2
			}
		}
		return "", 0
	case w == "and" || w == "&" || w == "or":
		// "Main St and 5th Ave": the street before was found already
		if n := len(s.out); n > s.base && s.out[n-1].Sub == SubStreet && s.ends[n-1-s.base] == j-1 {
			return d.Text(j), 1
		}
		return "", 0
	case streetCuesW.Has(w):
		// "lives off Sunset Way", "living near Elm St": where one lives
		if p := d.PrevWord(j, false); p >= 0 && liveVerbsW.Has(s.low(p)) {
			return d.Span(p, j), 2
		}
		return d.Text(j), 1
	}
	return "", 0
}

// streetIdioms are a name and a street type that make a phrase of their
// own ("down Memory Lane", "files on Google Drive").
var streetIdioms = map[[2]string]bool{
	{"memory", "lane"}: true, {"milky", "way"}: true, {"easy", "street"}: true, {"sesame", "street"}: true,
	{"google", "drive"}: true, {"hard", "drive"}: true, {"test", "drive"}: true, {"flash", "drive"}: true,
	{"supreme", "court"}: true, {"high", "court"}: true, {"food", "court"}: true, {"family", "court"}: true,
	{"fast", "lane"}: true, {"slow", "lane"}: true, {"inner", "circle"}: true, {"full", "circle"}: true,
	{"first", "place"}: true, {"second", "place"}: true, {"third", "place"}: true, {"last", "place"}: true,
	{"no", "way"}: true, {"one", "way"}: true, {"two", "way"}: true, {"right", "way"}: true,
	{"high", "road"}: true, {"low", "road"}: true, {"open", "road"}: true, {"long", "road"}: true,
}

func streetIdiomsHas(name, suffix string) bool {
	return streetIdioms[[2]string{name, suffix}]
}

// inCandidate: token i is inside a candidate found already.
func (s *scan) inCandidate(i int) bool {
	for k := range s.starts {
		if s.starts[k] <= i && i <= s.ends[k] {
			return true
		}
	}
	return false
}

// strongBefore returns the last token of a candidate found already that
// starts before token first and ends between first and token i (the
// street type), one that a street name must not break into (a facility,
// a unit, a street, as opposed to a town that names a street,
// "Washington Ave"), or -1.
func (s *scan) strongBefore(first, i int) int {
	last := -1
	for k := range s.starts {
		if s.starts[k] < first && first <= s.ends[k] && s.ends[k] < i {
			switch s.out[s.base+k].Sub {
			case SubCity, SubState, SubCountry, SubCounty:
				continue
			}
			last = max(last, s.ends[k])
		}
	}
	return last
}

// postcode: a British postcode ("LS9 7TF", "SW1A 1AA") or a Canadian
// postal code ("M6H 2K4", "M6H2K4"), written in capitals. Like a ZIP code,
// each names an area far smaller than a state (a British one a street or
// two).
func (s *scan) postcode(i int) {
	d := s.d
	w := d.Text(i)
	if canadaFSA(w) && len(w) == 3 || len(w) == 6 && canadaFSA(w[:3]) && canadaLDU(w[3:]) {
		if len(w) == 6 {
			s.emit(SubZIP, i, i, 0.85, "")
			return
		}
		if k := i + 1; k < len(d.Tokens) && d.Tokens[k].Start == d.Tokens[i].End+1 && canadaLDU(d.Text(k)) {
			s.emit(SubZIP, i, k, 0.85, "")
		}
		return
	}
	if ukOutward(w) {
		if k := i + 1; k < len(d.Tokens) && d.Tokens[k].Start == d.Tokens[i].End+1 && ukInward(d.Text(k)) {
			s.emit(SubZIP, i, k, 0.85, "")
		}
	}
}

func upperAt(w string, i int) bool { return i < len(w) && w[i] >= 'A' && w[i] <= 'Z' }
func digitAt(w string, i int) bool { return i < len(w) && w[i] >= '0' && w[i] <= '9' }

// canadaFSA: letter, digit, letter; the first letter one that begins a
// postal district (not D, F, I, O, Q, U, W or Z), the second not D, F, I,
// O, Q or U.
func canadaFSA(w string) bool {
	return len(w) >= 3 && upperAt(w, 0) && !strings.ContainsRune("DFIOQUWZ", rune(w[0])) &&
		digitAt(w, 1) && upperAt(w, 2) && !strings.ContainsRune("DFIOQU", rune(w[2]))
}

// canadaLDU: digit, letter, digit.
func canadaLDU(w string) bool {
	return len(w) == 3 && digitAt(w, 0) && upperAt(w, 1) && !strings.ContainsRune("DFIOQU", rune(w[1])) && digitAt(w, 2)
}

// ukOutward: the first half of a British postcode: A9, A99, AA9, AA99,
// A9A or AA9A.
func ukOutward(w string) bool {
	n := 0
	for n < len(w) && n < 2 && upperAt(w, n) {
		n++
	}
	if n == 0 || !digitAt(w, n) || strings.ContainsRune("QVX", rune(w[0])) {
		return false
	}
	switch rest := w[n+1:]; {
	case rest == "":
		return true
	case len(rest) == 1:
		return digitAt(rest, 0) || upperAt(rest, 0)
	}
	return false
}

// ukInward: the second half: a digit and two letters (never C, I, K, M, O
// or V), and not an ordinal ("MS3 2ND YEAR").
func ukInward(w string) bool {
	if len(w) != 3 || !digitAt(w, 0) || !upperAt(w, 1) || !upperAt(w, 2) || strings.ContainsAny(w[1:], "CIKMOV") {
		return false
	}
	switch w[1:] {
	case "ST", "ND", "RD", "TH":
		return false
	}
	return true
}
