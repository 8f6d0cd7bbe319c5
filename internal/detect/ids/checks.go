package ids

import "strings"

// Checksums of identifier formats. All take ASCII input already known to
// have the right characters and length (callers check), and never panic.

// luhn reports whether the digit string passes the Luhn (mod 10) check.
func luhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		v := int(c - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// npiValid checks a 10-digit NPI: first digit 1 or 2, Luhn over the
// number prefixed with the card issuer prefix 80840.
func npiValid(digits string) bool {
	if len(digits) != 10 || (digits[0] != '1' && digits[0] != '2') {
		return false
	}
	return luhn("80840" + digits)
}

// deaValid checks a DEA registration number: two letters (the first a
// registrant type) and seven digits where (d1+d3+d5) + 2*(d2+d4+d6) ends
// in d7.
func deaValid(s string) bool {
	if len(s) != 9 || !isAlpha(s[0]) || !(isAlpha(s[1]) || s[1] == '9') {
		return false
	}
	switch upperASCII(s[0]) {
	case 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'P', 'R', 'S', 'T', 'U', 'X':
	default:
		return false
	}
	var d [7]int
	for i := 0; i < 7; i++ {
		c := s[2+i]
		if !isDigit(c) {
			return false
		}
		d[i] = int(c - '0')
	}
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	return sum%10 == d[6]
}

// ibanValid checks an IBAN given without spaces: country letters, two
// check digits, 11-30 alphanumerics, and the ISO 7064 mod-97 rule.
func ibanValid(s string) bool {
	if len(s) < 15 || len(s) > 34 || !isAlpha(s[0]) || !isAlpha(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	rem := 0
	add := func(c byte) bool {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isAlpha(c):
			v := int(upperASCII(c)-'A') + 10
			rem = (rem*100 + v) % 97
		default:
			return false
		}
		return true
	}
	for i := 4; i < len(s); i++ {
		if !add(s[i]) {
			return false
		}
	}
	for i := 0; i < 4; i++ {
		if !add(s[i]) {
			return false
		}
	}
	return rem == 1
}

// vinValid checks a 17-character vehicle identification number: no I, O
// or Q, letters and digits both present, and the North American check
// digit in position 9 (X stands for 10).
func vinValid(s string) bool {
	if len(s) != 17 {
		return false
	}
	weights := [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	letters, digits := 0, 0
	for i := 0; i < 17; i++ {
		c := upperASCII(s[i])
		var v int
		switch {
		case isDigit(c):
			v = int(c - '0')
			digits++
		case c >= 'A' && c <= 'H':
			v = int(c-'A') + 1
			letters++
		case c >= 'J' && c <= 'N':
			v = int(c-'J') + 1
			letters++
		case c == 'P':
			v = 7
			letters++
		case c == 'R':
			v = 9
			letters++
		case c >= 'S' && c <= 'Z':
			v = int(c-'S') + 2
			letters++
		default:
			return false
		}
		sum += v * weights[i]
	}
	if letters == 0 || digits < 4 {
		return false
	}
	r := sum % 11
	want := byte('0' + r)
	if r == 10 {
		want = 'X'
	}
	return upperASCII(s[8]) == want
}

// ssnValid checks the area/group/serial rules of a 9-digit SSN: no 000 or
// 666 area, no 00 group, no 0000 serial. (9xx areas are not issued but
// appear in examples; they are accepted.)
func ssnValid(d string) bool {
	if len(d) != 9 {
		return false
	}
	return d[:3] != "000" && d[:3] != "666" && d[3:5] != "00" && d[5:] != "0000"
}

// mbiShape reports whether s (11 characters, dashes removed) has the form
// of a Medicare Beneficiary Identifier: 9A?9 A?9 AA99, where 9 is a digit,
// A a capital letter other than S, L, O, I, B and Z, and ? either. The
// form is specific enough to need no cue ("MBIs look like 4TQ9-WP2-HN61").
func mbiShape(s string) bool {
	const form = "9A?9A?9AA99"
	if len(s) != len(form) || s[0] == '0' {
		return false
	}
	for i := 0; i < len(form); i++ {
		c := s[i]
		letter := c >= 'A' && c <= 'Z' && !strings.ContainsRune("SLOIBZ", rune(c))
		digit := c >= '0' && c <= '9'
		switch form[i] {
		case '9':
			if !digit {
				return false
			}
		case 'A':
			if !letter {
				return false
			}
		default:
			if !letter && !digit {
				return false
			}
		}
	}
	return true
}
