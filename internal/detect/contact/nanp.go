package contact

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The validity of +1 numbers, computed as phonenumbers computes it but
// with the patterns compiled once and the cheap tests first.
//
// phonenumbers.IsValidNumber(n) for country code 1 is: take nsn =
// GetNationalSignificantNumber(n); walk GetRegionCodesForCountryCode(1) in
// order; a region with leadingDigits L is chosen when ^(?:L) matches nsn, a
// region without when getNumberTypeHelper(nsn, region) != UNKNOWN; the
// number is valid when a region was chosen and its type is not UNKNOWN.
// getNumberTypeHelper is UNKNOWN unless the general description matches,
// and then UNKNOWN unless one of premium rate, toll free, shared cost,
// VoIP, personal number, pager, UAN, voicemail, fixed line or (when the
// metadata says mobile and fixed-line patterns differ) mobile matches; a
// description matches when the length is one of its possible lengths (if
// it lists any) and ^(?:P)$ matches. Each phonenumbers call builds the
// pattern strings and looks them up in a locked map, for every one of the
// up to 11 descriptions; the library tests fixed line last.
type numDesc struct {
	lengths []int32
	re      lazyRE
}

// lazyRE is a metadata pattern compiled on its first use. The tables hold
// hundreds of patterns (275 for +1 alone), compiling them all when the
// first number is judged cost about 30M instructions, more than judging
// every number of the 1,350 PhysioNet dev notes, and a run meets few of
// them: those of the regions its numbers' leading digits pick. Its first
// digits come first and alone (parsing costs less than compiling): most
// strings a pattern meets start with a digit it excludes.
type lazyRE struct {
	pat       string // the pattern as the metadata gives it
	full      bool   // the whole string must match, not only a prefix
	firstOnce sync.Once
	first     digitSet // firstDigits(pat)
	reOnce    sync.Once
	re        *regexp.Regexp // nil: pat does not compile
}

// compile compiles the pattern once and reports whether it compiles.
func (l *lazyRE) compile() bool {
	l.reOnce.Do(func() {
		expr := "^(?:" + l.pat + ")"
		if l.full {
			expr += "$"
		}
		l.re, _ = regexp.Compile(expr)
	})
	return l.re != nil
}

// firstSet returns firstDigits(l.pat), computed once.
func (l *lazyRE) firstSet() digitSet {
	l.firstOnce.Do(func() {
		if ds, ok := quickFirst(l.pat); ok {
			l.first = ds
		} else {
			l.first = firstDigits(l.pat)
		}
	})
	return l.first
}

// match reports whether s matches; ok is false when the pattern does not
// compile, and the caller must leave the number to phonenumbers.
func (l *lazyRE) match(s []byte) (matched, ok bool) {
	if l.pat == "NA" {
		// the metadata's "no numbers of this type", matched as the
		// regular expression would, without compiling it
		return len(s) >= 2 && s[0] == 'N' && s[1] == 'A' && (!l.full || len(s) == 2), true
	}
	if l.firstSet().excludes(s) {
		return false, true
	}
	if !l.compile() {
		return false, false
	}
	return l.re.Match(s), true
}

// digitSet is the set of digits a match can start with (bit d for digit
// d); 0 when a match may start otherwise or be empty, or it is not known.
type digitSet uint16

// firstDigits computes the digitSet of pattern p.
func firstDigits(p string) digitSet {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return 0
	}
	rs, ok := firstRunes(re.Simplify())
	if !ok {
		return 0
	}
	var ds digitSet
	for _, c := range rs {
		if c < '0' || c > '9' {
			return 0
		}
		ds |= 1 << (c - '0')
	}
	return ds
}

// quickFirst is firstDigits for the shapes most metadata patterns take,
// read off the text without building a syntax tree: alternatives, at the
// top or in (?:...) groups, each starting with a digit, a class of digits
// ("[2-9]") or \d that no '?', '*' or {0,...} makes optional. ok is false
// for any other shape, which firstDigits then reads; TestQuickFirst checks
// quickFirst against firstDigits on every pattern of the metadata.
func quickFirst(p string) (digitSet, bool) {
	ds, rest, ok := firstAlts(p)
	return ds, ok && rest == ""
}

// firstAlts reads alternatives up to an unmatched ')' or the end of p and
// returns the union of their first digits and the rest of p.
func firstAlts(p string) (digitSet, string, bool) {
	var ds digitSet
	for {
		d, n, ok := firstAtom(p)
		if !ok {
			return 0, "", false
		}
		ds |= d
		p = branchEnd(p[n:])
		if p == "" || p[0] == ')' {
			return ds, p, true
		}
		p = p[1:] // '|'
	}
}

// firstAtom reads the atom that starts p: its first digits and length.
func firstAtom(p string) (ds digitSet, n int, ok bool) {
	switch {
	case p == "":
		return 0, 0, false
	case '0' <= p[0] && p[0] <= '9':
		ds, n = 1<<(p[0]-'0'), 1
	case len(p) >= 2 && p[0] == '\\' && p[1] == 'd':
		ds, n = 0x3ff, 2
	case p[0] == '[':
		k := 1
		for k < len(p) && p[k] != ']' {
			switch {
			case k+2 < len(p) && p[k+1] == '-' && isDigit(p[k]) && isDigit(p[k+2]) && p[k] <= p[k+2]:
				for c := p[k]; c <= p[k+2]; c++ {
					ds |= 1 << (c - '0')
				}
				k += 3
			case isDigit(p[k]):
				ds |= 1 << (p[k] - '0')
				k++
			default:
				return 0, 0, false
			}
		}
		if k == 1 || k == len(p) {
			return 0, 0, false
		}
		n = k + 1
	case len(p) >= 3 && p[:3] == "(?:":
		d, rest, ok := firstAlts(p[3:])
		if !ok || rest == "" {
			return 0, 0, false
		}
		ds, n = d, len(p)-len(rest)+1
	default:
		return 0, 0, false
	}
	if n < len(p) && (p[n] == '?' || p[n] == '*' || p[n] == '{' && n+1 < len(p) && p[n+1] == '0') {
		return 0, 0, false // the atom may match nothing
	}
	return ds, n, ds != 0
}

// branchEnd returns p from the first '|' or unmatched ')' outside a class
// on, or "".
func branchEnd(p string) string {
	depth := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[':
			for i++; i < len(p) && p[i] != ']'; i++ {
				if p[i] == '\\' {
					i++
				}
			}
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return p[i:]
			}
			depth--
		case '|':
			if depth == 0 {
				return p[i:]
			}
		}
	}
	return ""
}

// excludes reports that no match can start like s.
func (ds digitSet) excludes(s []byte) bool {
	return ds != 0 && (len(s) == 0 || s[0] < '0' || s[0] > '9' || ds&(1<<(s[0]-'0')) == 0)
}

func (d *numDesc) match(s []byte) (matched, ok bool) {
	if len(d.lengths) > 0 {
		found := false
		for _, l := range d.lengths {
			if int32(len(s)) == l {
				found = true
				break
			}
		}
		if !found {
			return false, true
		}
	}
	return d.re.match(s)
}

type nanpRegion struct {
	lead    *lazyRE // leadingDigits, a prefix pattern; nil: none
	general *numDesc
	fixed   *numDesc
	mobile  *numDesc // nil when the mobile and fixed-line patterns are the same
	others  []*numDesc
}

// known is getNumberTypeHelper(s, region) != UNKNOWN; ok is false when a
// pattern it needed does not compile.
func (r *nanpRegion) known(s []byte) (known, ok bool) {
	if m, ok := r.general.match(s); !m || !ok {
		return false, ok
	}
	if m, ok := r.fixed.match(s); m || !ok {
		return m, ok
	}
	if r.mobile != nil {
		if m, ok := r.mobile.match(s); m || !ok {
			return m, ok
		}
	}
	for _, d := range r.others {
		if m, ok := d.match(s); m || !ok {
			return m, ok
		}
	}
	return false, true
}

// ccTable holds the compiled metadata of the regions of one country code,
// in GetRegionCodesForCountryCode order.
type ccTable struct {
	regions []nanpRegion
}

var (
	metaOnce sync.Once
	metaByID map[string]*phonenumbers.PhoneMetadata
	tables   sync.Map // int32 country code -> *ccTable (nil: use phonenumbers)
)

// tableFor reads the metadata of country code cc once per process (the
// patterns, which compile on first use, not any result): nil when it is
// not as validTable assumes.
func tableFor(cc int32) *ccTable {
	if t, ok := tables.Load(cc); ok {
		return t.(*ccTable)
	}
	t := buildTable(cc)
	tables.Store(cc, t)
	return t
}

func buildTable(cc int32) *ccTable {
	metaOnce.Do(func() {
		coll, err := phonenumbers.MetadataCollection()
		if err != nil {
			return
		}
		m := map[string]*phonenumbers.PhoneMetadata{}
		for _, md := range coll.Metadata {
			if md.GetId() != "001" {
				m[md.GetId()] = md
			}
		}
		metaByID = m
	})
	if metaByID == nil {
		return nil
	}
	codes := phonenumbers.GetRegionCodesForCountryCode(int(cc))
	out := []nanpRegion{}
	desc := func(d *phonenumbers.PhoneNumberDesc) (*numDesc, bool) {
		if d == nil {
			return nil, false
		}
		return &numDesc{lengths: d.PossibleLength, re: lazyRE{pat: d.GetNationalNumberPattern(), full: true}}, true
	}
	for _, code := range codes {
		m := metaByID[code]
		if code == "001" || m == nil || m.GetCountryCode() != cc {
			return nil
		}
		var r nanpRegion
		if l := m.GetLeadingDigits(); len(l) > 0 {
			r.lead = &lazyRE{pat: l}
		}
		var ok bool
		if r.general, ok = desc(m.GetGeneralDesc()); !ok {
			return nil
		}
		if r.fixed, ok = desc(m.GetFixedLine()); !ok {
			return nil
		}
		if !m.GetSameMobileAndFixedLinePattern() {
			if r.mobile, ok = desc(m.GetMobile()); !ok {
				return nil
			}
		}
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(),
			m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail()} {
			nd, ok := desc(d)
			if !ok {
				return nil
			}
			r.others = append(r.others, nd)
		}
		out = append(out, r)
	}
	return &ccTable{regions: out}
}

// validTable is phonenumbers.IsValidNumber(num); ok is false when the
// metadata of its country code is not as expected (non-geographic "001"
// entities among them).
//
// IsValidNumber(n) is IsValidNumberForRegion(n, GetRegionCodeForNumber(n)).
// With no region for the country code, the region is "" and the number is
// invalid; with one, it is that region; with several, the first whose
// leadingDigits match, or, for a region without them, whose type is known.
// The region's country code is the number's, so the number is valid when
// its type for that region is known.
func validTable(num *phonenumbers.PhoneNumber) (valid, ok bool) {
	t := tableFor(num.GetCountryCode())
	if t == nil {
		return false, false
	}
	if len(t.regions) == 0 {
		return false, true
	}
	var buf [48]byte
	nsn := nsnBytes(num, buf[:0])
	if len(t.regions) == 1 {
		known, ok := t.regions[0].known(nsn)
		return known && ok, ok
	}
	for k := range t.regions {
		r := &t.regions[k]
		if r.lead != nil {
			if m, ok := r.lead.match(nsn); !ok {
				return false, false
			} else if m {
				known, ok := r.known(nsn)
				return known && ok, ok
			}
		} else if known, ok := r.known(nsn); known || !ok {
			return known && ok, ok
		}
	}
	return false, true
}

// usParse is true when the US metadata is what parseUS10 assumes: country
// code 1, international (IDD) prefix "011", national prefix for parsing
// "1".
var usParse = func() bool {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return false
	}
	for _, m := range coll.Metadata {
		if m.GetId() == "US" {
			return m.GetCountryCode() == 1 && m.GetInternationalPrefix() == "011" && m.GetNationalPrefixForParsing() == "1" &&
				len(phonenumbers.GetRegionCodesForCountryCode(1)) > 0 && phonenumbers.GetRegionCodesForCountryCode(1)[0] == "US"
		}
	}
	return false
}()

// parseUS10 is phonenumbers.Parse(ds, "US") for ten ASCII digits that do
// not start with "1" or "011", without its pattern matching. Parse then:
// leaves ds as it is when extracting the possible number (it starts with
// a digit and ends with one); finds no extension (every extension pattern
// needs a letter or one of ";,#~- "); finds no IDD (the US IDD pattern
// "011" does not match at the start), and ds does not start with the
// country code "1", so the country code is the default, 1; does not strip
// the national prefix "1"; the national number is ds, ten digits, with an
// Italian leading zero (and the count of leading zeros when more than
// one, keeping the last digit) when ds starts with '0'.
// TestParseUS10 compares the result with Parse.
func parseUS10(ds string) (*phonenumbers.PhoneNumber, bool) {
	if !usParse || len(ds) != 10 || ds[0] == '1' || ds[0] == '0' && ds[1] == '1' && ds[2] == '1' {
		return nil, false
	}
	return nanpNumber(ds)
}

// parsePlus1 is phonenumbers.Parse("+"+ds, "") for ds of eleven ASCII
// digits "1" + n where n does not start with "1". Parse then strips the
// '+' (the number comes with its country code), finds no extension (as in
// parseUS10), reads the country code 1 (the first prefix of ds in the
// country code table: 1 is there, GetRegionCodesForCountryCode(1) is not
// empty), takes the metadata of its main region US, does not strip its
// national prefix "1" from n, and keeps n, ten digits, as the national
// number, with Italian leading zeros as in parseUS10 (the IDD "011" plays
// no part after a '+'). TestParseUS10 compares the result with Parse.
func parsePlus1(ds string) (*phonenumbers.PhoneNumber, bool) {
	if !usParse || len(ds) != 11 || ds[0] != '1' || ds[1] == '1' {
		return nil, false
	}
	return nanpNumber(ds[1:])
}

// nanpNumber is the number with country code 1 and the ten digits ds as
// national number, as Parse sets it.
func nanpNumber(ds string) (*phonenumbers.PhoneNumber, bool) {
	var nn uint64
	for i := 0; i < len(ds); i++ {
		c := ds[i]
		if c < '0' || c > '9' {
			return nil, false
		}
		nn = nn*10 + uint64(c-'0')
	}
	cc := int32(1)
	num := &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &nn}
	if ds[0] == '0' {
		t := true
		num.ItalianLeadingZero = &t
		z := 1
		for z < len(ds)-1 && ds[z] == '0' {
			z++
		}
		if z != 1 {
			zz := int32(z)
			num.NumberOfLeadingZeros = &zz
		}
	}
	return num, true
}

// nsnBytes appends phonenumbers.GetNationalSignificantNumber(num) to b
// without allocating: the Italian leading zeros (at most
// MAX_LENGTH_FOR_NSN), then the national number in decimal.
func nsnBytes(num *phonenumbers.PhoneNumber, b []byte) []byte {
	if num.GetItalianLeadingZero() && num.GetNumberOfLeadingZeros() > 0 {
		z := int(num.GetNumberOfLeadingZeros())
		if z > phonenumbers.MAX_LENGTH_FOR_NSN {
			z = phonenumbers.MAX_LENGTH_FOR_NSN
		}
		for ; z > 0; z-- {
			b = append(b, '0')
		}
	}
	return strconv.AppendUint(b, num.GetNationalNumber(), 10)
}

// firstRunes lists the characters a match of re can start with, or false
// when re may match the empty string or is of a form it does not know.
func firstRunes(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return re.Rune[:1], true
	case syntax.OpCharClass:
		var out []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 200 {
				return nil, false
			}
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				out = append(out, c)
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return firstRunes(re.Sub[0])
	case syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return firstRunes(re.Sub[0])
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return nil, false
		}
		return firstRunes(re.Sub[0])
	case syntax.OpAlternate:
		var out []rune
		for _, s := range re.Sub {
			f, ok := firstRunes(s)
			if !ok {
				return nil, false
			}
			out = append(out, f...)
		}
		return out, true
	}
	return nil, false
}
