package contact

import (
	"regexp"
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
	re      *regexp.Regexp
}

func (d *numDesc) match(s string) bool {
	if len(d.lengths) > 0 {
		found := false
		for _, l := range d.lengths {
			if int32(len(s)) == l {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return d.re.MatchString(s)
}

type nanpRegion struct {
	lead    *regexp.Regexp // nil: no leadingDigits
	general numDesc
	fixed   numDesc
	mobile  *numDesc // nil when the mobile and fixed-line patterns are the same
	others  []numDesc
}

// known is getNumberTypeHelper(s, region) != UNKNOWN.
func (r *nanpRegion) known(s string) bool {
	if !r.general.match(s) {
		return false
	}
	if r.fixed.match(s) || r.mobile != nil && r.mobile.match(s) {
		return true
	}
	for k := range r.others {
		if r.others[k].match(s) {
			return true
		}
	}
	return false
}

var nanp struct {
	once    sync.Once
	regions []nanpRegion // in GetRegionCodesForCountryCode(1) order; nil: use phonenumbers
}

func loadNANP() {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return
	}
	by := map[string]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.Metadata {
		by[m.GetId()] = m
	}
	codes := phonenumbers.GetRegionCodesForCountryCode(1)
	if len(codes) == 0 || codes[0] != "US" {
		return
	}
	var out []nanpRegion
	desc := func(d *phonenumbers.PhoneNumberDesc) (numDesc, bool) {
		if d == nil {
			return numDesc{}, false
		}
		re, err := regexp.Compile("^(?:" + d.GetNationalNumberPattern() + ")$")
		if err != nil {
			return numDesc{}, false
		}
		return numDesc{lengths: d.PossibleLength, re: re}, true
	}
	for _, code := range codes {
		m := by[code]
		if m == nil || m.GetCountryCode() != 1 {
			return
		}
		var r nanpRegion
		if l := m.GetLeadingDigits(); len(l) > 0 {
			re, err := regexp.Compile("^(?:" + l + ")")
			if err != nil {
				return
			}
			r.lead = re
		}
		var ok bool
		if r.general, ok = desc(m.GetGeneralDesc()); !ok {
			return
		}
		if r.fixed, ok = desc(m.GetFixedLine()); !ok {
			return
		}
		if !m.GetSameMobileAndFixedLinePattern() {
			mob, ok := desc(m.GetMobile())
			if !ok {
				return
			}
			r.mobile = &mob
		}
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(),
			m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail()} {
			nd, ok := desc(d)
			if !ok {
				return
			}
			r.others = append(r.others, nd)
		}
		out = append(out, r)
	}
	if out[0].lead != nil {
		return
	}
	nanp.regions = out
}

// validNANP is phonenumbers.IsValidNumber for a number with country code
// 1; ok is false when the metadata did not load as expected.
func validNANP(num *phonenumbers.PhoneNumber) (valid, ok bool) {
	nanp.once.Do(loadNANP)
	if nanp.regions == nil {
		return false, false
	}
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	for k := range nanp.regions {
		r := &nanp.regions[k]
		if r.lead != nil {
			if r.lead.MatchString(nsn) {
				return r.known(nsn), true
			}
		} else if r.known(nsn) {
			return true, true
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
