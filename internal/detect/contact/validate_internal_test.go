package contact

import (
	"math/rand"
	"regexp/syntax"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// validate checks the number with libphonenumber: as an international
// number when it has '+' or a 00/011 prefix, else as a US number.
func validateRef(r *run) (valid, possible bool) {
	ds := r.digitString(true)
	var in, region string
	switch {
	case r.plus:
		in, region = "+"+ds, ""
	case len(ds) > 10 && ds[:3] == "011":
		in, region = "+"+ds[3:], ""
	case len(ds) > 10 && ds[:2] == "00":
		in, region = "+"+ds[2:], ""
	case len(ds) == 10 || len(ds) == 11 && ds[0] == '1':
		in, region = ds, "US"
	default:
		return false, false
	}
	num, err := phonenumbers.Parse(in, region)
	if err != nil {
		return false, false
	}
	return phonenumbers.IsValidNumber(num), phonenumbers.IsPossibleNumber(num)
}

// TestValidNumberSame checks parseNumber+validNumber against the plain
// Parse/IsValidNumber/IsPossibleNumber over many numbers.
func TestValidNumberSame(t *testing.T) {
	if rs := phonenumbers.GetRegionCodesForCountryCode(1); len(rs) < 2 || rs[0] != "US" {
		t.Fatalf("regions for +1: %v", rs)
	}
	rng := rand.New(rand.NewSource(1))
	nvalid := 0
	check := func(ds string, plus bool) {
		if len(ds) > maxDigits {
			return
		}
		wv, wp, gv, gp := judgeBoth(ds, plus)
		if wv {
			nvalid++
		}
		if wv != gv || wp != gp {
			t.Fatalf("%q plus=%v: want %v,%v got %v,%v", ds, plus, wv, wp, gv, gp)
		}
	}
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.Intn(10))
		}
		return string(b)
	}
	n := 0
	step := 1
	if testing.Short() {
		step = 20
	}
	// every NANP area code and exchange prefix
	for a := 0; a < 1000; a++ {
		for x := 0; x < 100; x += step + rng.Intn(6) {
			ds := pad(a, 3) + pad(x, 2) + digits(5)
			check(ds, false)
			check("1"+ds, false)
			check("1"+ds, true)
			n += 3
		}
	}
	// random lengths, international forms
	for i := 0; i < 40000; i++ {
		l := 7 + rng.Intn(9)
		ds := digits(l)
		check(ds, rng.Intn(2) == 0)
		check("00"+digits(l-2+rng.Intn(3)), false)
		check("011"+digits(l-3+rng.Intn(4)), false)
		n += 3
	}
	// short and long +1 forms
	for i := 0; i < 20000; i++ {
		check("1"+digits(6+rng.Intn(10)), true)
		check(digits(7+rng.Intn(5)), false)
		n += 2
	}
	t.Logf("%d numbers, %d valid", n, nvalid)
	if nvalid < n/20 || nvalid > n*9/10 {
		t.Fatalf("%d of %d valid: the test needs both", nvalid, n)
	}
}

func pad(v, w int) string {
	s := strconv.Itoa(v)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// TestNANPFirstDigit backs validNumber's shortcut: for every region of +1,
// neither leadingDigits nor the general national number pattern can match
// a string that starts with '0' or '1'.
func TestNANPFirstDigit(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.Metadata {
		by[m.GetId()] = m
	}
	regions := phonenumbers.GetRegionCodesForCountryCode(1)
	if len(regions) < 2 {
		t.Fatal("no +1 regions")
	}
	for _, r := range regions {
		m := by[r]
		if m == nil {
			t.Fatalf("%s: no metadata", r)
		}
		for _, p := range []string{m.GetLeadingDigits(), m.GetGeneralDesc().GetNationalNumberPattern()} {
			if p == "" {
				continue
			}
			re, err := syntax.Parse(p, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			first, ok := firstRunes(re.Simplify())
			if !ok {
				t.Fatalf("%s: cannot bound the first byte of %q", r, p)
			}
			for _, c := range first {
				if c == '0' || c == '1' {
					t.Fatalf("%s: %q may start with %c", r, p, c)
				}
			}
		}
	}
	// the walk itself
	re, _ := syntax.Parse("(?:1|[3-5]\\d)x|0?7", syntax.Perl)
	if _, ok := firstRunes(re.Simplify()); ok {
		t.Fatal("firstRunes missed an optional 0")
	}
}

func TestNANPLoaded(t *testing.T) {
	if tab := tableFor(1); tab == nil || len(tab.regions) < 2 {
		t.Fatal("+1 metadata not loaded: validNumber falls back to phonenumbers")
	}
}

// TestValidTable compares validTable with IsValidNumber for every country
// code, over numbers of many lengths.
func TestValidTable(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	n, valid, fallback := 0, 0, 0
	per := 300
	if testing.Short() {
		per = 60
	}
	for cc := 1; cc < 1000; cc++ {
		for i := 0; i < per; i++ {
			l := 4 + rng.Intn(11)
			b := make([]byte, l)
			for k := range b {
				b[k] = byte('0' + rng.Intn(10))
			}
			num, err := phonenumbers.Parse("+"+strconv.Itoa(cc)+string(b), "")
			if err != nil {
				continue
			}
			n++
			want := phonenumbers.IsValidNumber(num)
			got, ok := validTable(num)
			if !ok {
				fallback++
				continue
			}
			if want {
				valid++
			}
			if got != want {
				t.Fatalf("%v: validTable %v, IsValidNumber %v", num, got, want)
			}
		}
	}
	t.Logf("%d numbers, %d valid, %d left to phonenumbers", n, valid, fallback)
	if valid < per*3 {
		t.Fatal("too few valid numbers")
	}
}

func TestParseUS10(t *testing.T) {
	if !usParse {
		t.Fatal("US metadata not as parseUS10 assumes")
	}
	rng := rand.New(rand.NewSource(2))
	fast := 0
	try := func(ds string) {
		got, ok := parseUS10(ds)
		if !ok {
			return
		}
		fast++
		want, err := phonenumbers.Parse(ds, "US")
		if err != nil {
			t.Fatalf("%s: Parse failed (%v), parseUS10 did not", ds, err)
		}
		if n := string(nsnBytes(got, nil)); n != phonenumbers.GetNationalSignificantNumber(want) {
			t.Fatalf("%s: nsnBytes %q", ds, n)
		}
		if !sameNumber(got, want) {
			t.Fatalf("%s: parseUS10 %v, Parse %v", ds, got, want)
		}
	}
	for a := 0; a < 10000; a++ {
		p := pad(a, 4)
		try(p + pad(rng.Intn(1000000), 6))
		try(p + "000000")
		try(p + "999999")
	}
	for i := 0; i < 20000; i++ {
		b := []byte(pad(rng.Intn(10000000000), 10))
		for k := range b {
			if rng.Intn(3) == 0 {
				b[k] = '0'
			}
		}
		try(string(b))
	}
	plus := 0
	for a := 0; a < 10000; a++ {
		for _, ds := range []string{"1" + pad(a, 4) + pad(rng.Intn(1000000), 6), "1" + pad(a, 4) + "000000"} {
			got, ok := parsePlus1(ds)
			if !ok {
				continue
			}
			plus++
			want, err := phonenumbers.Parse("+"+ds, "")
			if err != nil {
				t.Fatalf("+%s: Parse failed (%v), parsePlus1 did not", ds, err)
			}
			if !sameNumber(got, want) {
				t.Fatalf("+%s: parsePlus1 %v, Parse %v", ds, got, want)
			}
		}
	}
	if plus < 10000 {
		t.Fatalf("only %d +1 fast", plus)
	}
	if fast < 20000 {
		t.Fatalf("only %d fast", fast)
	}
}

// sameNumber compares every field of two parsed numbers, set or not.
func sameNumber(a, b *phonenumbers.PhoneNumber) bool {
	return (a.CountryCode == nil) == (b.CountryCode == nil) && a.GetCountryCode() == b.GetCountryCode() &&
		(a.NationalNumber == nil) == (b.NationalNumber == nil) && a.GetNationalNumber() == b.GetNationalNumber() &&
		(a.Extension == nil) == (b.Extension == nil) && a.GetExtension() == b.GetExtension() &&
		(a.ItalianLeadingZero == nil) == (b.ItalianLeadingZero == nil) && a.GetItalianLeadingZero() == b.GetItalianLeadingZero() &&
		(a.NumberOfLeadingZeros == nil) == (b.NumberOfLeadingZeros == nil) && a.GetNumberOfLeadingZeros() == b.GetNumberOfLeadingZeros() &&
		(a.RawInput == nil) == (b.RawInput == nil) &&
		(a.CountryCodeSource == nil) == (b.CountryCodeSource == nil) &&
		(a.PreferredDomesticCarrierCode == nil) == (b.PreferredDomesticCarrierCode == nil)
}

func TestFirstDigits(t *testing.T) {
	for p, want := range map[string]digitSet{
		`(?:268|[58]\d\d|900)\d{7}`: 1<<2 | 1<<5 | 1<<8 | 1<<9,
		`[2-9]\d{9}|3\d{6}`:         0x3fc,
		`0?7`:                       0,
		`(?:1|a)x`:                  0,
		`\d*`:                       0,
		`8001|8[024]9`:              1 << 8,
	} {
		if got := firstDigits(p); got != want {
			t.Errorf("%s: %b, want %b", p, got, want)
		}
	}
	// every pattern compiles (so validTable never falls back for that),
	// and a string its set excludes never matches
	rng := rand.New(rand.NewSource(4))
	eachPattern(func(l *lazyRE) {
		if !l.compile() {
			t.Fatalf("%s does not compile", l.pat)
		}
		for i := 0; i < 30; i++ {
			b := []byte(pad(rng.Intn(1000000000), 9))
			if l.firstSet().excludes(b) && l.re.Match(b) {
				t.Fatalf("%v excludes %s, which matches %s", l.first, b, l.re)
			}
		}
	})
}

// eachPattern calls f with every pattern of the phone metadata.
func eachPattern(f func(l *lazyRE)) {
	for cc := int32(1); cc < 1000; cc++ {
		tab := tableFor(cc)
		if tab == nil {
			continue
		}
		for _, r := range tab.regions {
			for _, l := range lazyREs(&r) {
				f(l)
			}
		}
	}
}

// TestQuickFirst checks quickFirst against firstDigits on every pattern of
// the metadata, and on shapes it must leave to firstDigits.
func TestQuickFirst(t *testing.T) {
	quick, all := 0, 0
	eachPattern(func(l *lazyRE) {
		all++
		if ds, ok := quickFirst(l.pat); ok {
			quick++
			if want := firstDigits(l.pat); ds != want {
				t.Fatalf("quickFirst(%s) = %b, firstDigits %b", l.pat, ds, want)
			}
		}
	})
	t.Logf("quickFirst reads %d of %d patterns", quick, all)
	if quick < all/2 {
		t.Fatal("quickFirst reads too few patterns")
	}
	for _, p := range []string{"", "0?7", "(?:1|[3-5]\\d)x|0?7", "[^2]", "[]", "(?:2", "2)", "x", "2|", "(?:)2", "[2-9]*", "\\d{0,3}", "NA"} {
		if ds, ok := quickFirst(p); ok && ds != firstDigits(p) {
			t.Errorf("quickFirst(%q) = %b, firstDigits %b", p, ds, firstDigits(p))
		}
	}
	if ds, ok := quickFirst("(?:268|[58]\\d\\d|900)\\d{7}"); !ok || ds != 1<<2|1<<5|1<<8|1<<9 {
		t.Errorf("quickFirst: %b, %v", ds, ok)
	}
	na := &lazyRE{pat: "NA", full: true}
	if m, ok := na.match([]byte("2125550100")); m || !ok {
		t.Errorf("NA matches digits: %v %v", m, ok)
	}
	if m, _ := na.match([]byte("NA")); !m {
		t.Error("NA does not match NA")
	}
}

// lazyREs lists the patterns of region r.
func lazyREs(r *nanpRegion) []*lazyRE {
	var out []*lazyRE
	if r.lead != nil {
		out = append(out, r.lead)
	}
	for _, d := range append([]*numDesc{r.general, r.fixed, r.mobile}, r.others...) {
		if d != nil {
			out = append(out, &d.re)
		}
	}
	return out
}

// FuzzValidate compares parseNumber/validNumber/IsPossibleNumber with the
// plain phonenumbers calls on digit strings.
func FuzzValidate(f *testing.F) {
	f.Add("2125550123", false)
	f.Add("0322887944", false)
	f.Add("16046965272", true)
	f.Add("41446681800", true)
	f.Add("01144207946000", false)
	f.Fuzz(func(t *testing.T, s string, plus bool) {
		b := make([]byte, 0, maxDigits)
		for i := 0; i < len(s) && len(b) < maxDigits; i++ {
			b = append(b, '0'+s[i]%10)
		}
		if len(b) == 0 {
			return
		}
		if wv, wp, gv, gp := judgeBoth(string(b), plus); wv != gv || wp != gp {
			t.Fatalf("%s plus=%v: want %v,%v got %v,%v", b, plus, wv, wp, gv, gp)
		}
	})
}

// judgeBoth judges the digits ds (at most maxDigits, one group) with the
// reference (phonenumbers' Parse: wv, wp) and with parseNumber plus
// validNumber (gv, gp): valid and possible.
func judgeBoth(ds string, plus bool) (wv, wp, gv, gp bool) {
	var r run
	r.plus = plus
	r.trunk = -1
	r.ng = 1
	r.groups[0] = uint8(len(ds))
	copy(r.digits[:], ds)
	r.nd = len(ds)
	wv, wp = validateRef(&r)
	num := parseNumber(&r)
	return wv, wp, num != nil && validNumber(num), num != nil && phonenumbers.IsPossibleNumber(num)
}
