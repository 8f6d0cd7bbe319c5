package contact

import (
	"net/netip"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// ipv4At reads a dotted quad starting at byte i (a digit that begins a word).
func ipv4At(src string, i int) (detect.Candidate, bool) {
	var oct [4]int
	n, j := 0, i
	for {
		k, v := j, 0
		for k < len(src) && isDigit(src[k]) && k-j < 4 {
			v = v*10 + int(src[k]-'0')
			k++
		}
		if k == j || k-j > 3 || v > 255 || (k-j > 1 && src[j] == '0') {
			return detect.Candidate{}, false
		}
		oct[n] = v
		n++
		j = k
		if n == 4 {
			break
		}
		if j+1 >= len(src) || src[j] != '.' || !isDigit(src[j+1]) {
			return detect.Candidate{}, false
		}
		j++
	}
	// a fifth part, or a word glued on, means a version string or the like
	if j < len(src) && (isAlnum(src[j]) || (src[j] == '.' || src[j] == ',') && j+1 < len(src) && isDigit(src[j+1])) {
		return detect.Candidate{}, false
	}
	if i > 0 && (src[i-1] == '.' || (src[i-1] == '-' || src[i-1] == '/' || src[i-1] == ':') && i > 1 && isDigit(src[i-2])) {
		return detect.Candidate{}, false
	}
	score := 0.9
	if oct[0] < 10 && oct[1] < 10 && oct[2] < 10 && oct[3] < 10 {
		score = 0.6 // "1.2.3.4" is as likely a section number
	}
	return detect.Candidate{Type: detect.IP, Sub: SubIPv4, Start: i, End: j, Score: score}, true
}

// ipv6At reads an IPv6 address starting at byte i (a hex group or "::").
func ipv6At(src string, i int) (detect.Candidate, bool) {
	if i > 0 && (isAlnum(src[i-1]) || src[i-1] == ':' || src[i-1] == '.') {
		return detect.Candidate{}, false
	}
	j := i
	colons, letters := 0, false
	for j < len(src) && j-i < 45 {
		c := src[j]
		switch {
		case c == ':':
			colons++
		case isDigit(c) || c == '.':
		case isHex(c):
			letters = true
		default:
			goto end
		}
		j++
	}
end:
	if j < len(src) && isAlnum(src[j]) {
		return detect.Candidate{}, false
	}
	for j > i && (src[j-1] == '.' || src[j-1] == ':' && !(j-2 >= i && src[j-2] == ':')) {
		if src[j-1] == ':' {
			colons--
		}
		j--
	}
	if colons < 2 || j <= i {
		return detect.Candidate{}, false
	}
	s := src[i:j]
	compressed := strings.Contains(s, "::")
	if !letters && !compressed && colons < 7 {
		return detect.Candidate{}, false
	}
	if compressed && !letters && colons < 3 && len(s) < 6 {
		return detect.Candidate{}, false // "1::2" is more likely something else
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return detect.Candidate{}, false
	}
	return detect.Candidate{Type: detect.IP, Sub: SubIPv6, Start: i, End: j, Score: 0.9}, true
}

type tldClass uint8

const (
	tldNone   tldClass = iota
	tldStrong          // com, org, ...: a bare domain on its own is enough
	tldCC              // a country code that is not an English word
	tldWeak            // "in", "me", "no", "co", ...: needs more evidence
)

var tlds = func() map[string]tldClass {
	m := map[string]tldClass{}
	for _, s := range strings.Fields(`com net org edu gov mil int info biz io ai app dev xyz online site
		tech health care clinic hospital news blog shop store email cloud page link live media
		museum aero coop jobs mobi name pro travel`) {
		m[s] = tldStrong
	}
	for _, s := range strings.Fields(`uk ca au nz ie de fr es nl ch se dk fi pl cz ru ua br ar mx cl pe
		jp cn kr sg hk tw za ng ke eu gr il tr ro hu sk si hr rs bg lt lv ee is lu cy mt
		ph vn th my pk bd lk ae sa qa eg ma tn ir iq nu ly fm gl gg cc ws ps rw ug gh tz et
		ve uy py bo ec cr gt pa pr do ge kz by md`) {
		m[s] = tldCC
	}
	for _, s := range strings.Fields(`in it me no at be us co tv id to am so go pt ms im mo la`) {
		m[s] = tldWeak
	}
	// file extensions and clinical abbreviations that collide with country
	// codes ("shift.hr", "PRESSURE.LT", "K.ca") need more evidence too
	for _, s := range strings.Fields(`py sh pl md do hr lt ca cr na mg ml st pm ng tr ro gt ne bp ph sa lu mt ee`) {
		m[s] = tldWeak
	}
	return m
}()

var secondLevel = map[string]bool{"co": true, "com": true, "org": true, "net": true, "ac": true, "gov": true, "edu": true, "nhs": true}

// domainAt reads a bare domain ("ClickPhobia.com.br/x", "example.org")
// starting at byte i, the start of a word followed by '.'.
func domainAt(src string, i int) (detect.Candidate, bool) {
	if i > 0 {
		switch src[i-1] {
		case '@', '.', '-', '_', '/', '\\', '=', '&':
			return detect.Candidate{}, false
		}
	}
	j := i
	var labels [8][2]int
	n := 0
	for n < len(labels) {
		k := j
		for k < len(src) && (isAlnum(src[k]) || src[k] == '-') && k-j < 64 {
			k++
		}
		if k == j || src[j] == '-' || src[k-1] == '-' {
			break
		}
		labels[n] = [2]int{j, k}
		n++
		j = k
		if j+1 < len(src) && src[j] == '.' && isAlnum(src[j+1]) {
			j++
			continue
		}
		break
	}
	if n < 2 {
		return detect.Candidate{}, false
	}
	end := labels[n-1][1]
	if end < len(src) && (src[end] == '@' || src[end] >= 0x80 || src[end] == '_') {
		return detect.Candidate{}, false
	}
	tld := src[labels[n-1][0]:end]
	if len(tld) < 2 || len(tld) > 8 {
		return detect.Candidate{}, false
	}
	var lb [8]byte
	lowerTLD := true
	upperTLD := true
	for k := 0; k < len(tld); k++ {
		c := tld[k]
		if !isAlpha(c) {
			return detect.Candidate{}, false
		}
		if c >= 'a' {
			upperTLD = false
		} else {
			lowerTLD = false
		}
		lb[k] = lowerASCII(c)
	}
	class := tlds[string(lb[:len(tld)])]
	if class == tldNone {
		return detect.Candidate{}, false
	}
	hasLetter, allUpper := false, true
	longest := 0
	for k := 0; k < n-1; k++ {
		l := src[labels[k][0]:labels[k][1]]
		if len(l) > longest {
			longest = len(l)
		}
		for x := 0; x < len(l); x++ {
			if isAlpha(l[x]) {
				hasLetter = true
				if l[x] >= 'a' {
					allUpper = false
				}
			}
		}
	}
	if !hasLetter {
		return detect.Candidate{}, false
	}
	// "home.It was" is a missing space, not a domain
	if !lowerTLD && !(upperTLD && allUpper) {
		return detect.Candidate{}, false
	}
	// path or port
	path := false
	if end < len(src) && (src[end] == '/' || src[end] == ':' && end+1 < len(src) && isDigit(src[end+1])) {
		k := end
		for k < len(src) {
			c := src[k]
			if c <= ' ' || c == '"' || c == '<' || c == '>' || c >= 0x80 {
				break
			}
			k++
		}
		for k > end && strings.IndexByte(".,;:!?)]}'", src[k-1]) >= 0 {
			k--
		}
		if k > end+1 || src[end] == '/' {
			path = true
			end = k
		}
	}
	first := strings.ToLower(src[labels[0][0]:labels[0][1]])
	www := first == "www"
	score := 0.0
	switch class {
	case tldStrong:
		score = 0.85
	case tldCC:
		// "WELL.DE" in a note typed in capitals is a missing space
		if longest >= 2 && !allUpper || path || www {
			score = 0.75
		}
	case tldWeak:
		sl := ""
		if n >= 3 {
			sl = strings.ToLower(src[labels[n-2][0]:labels[n-2][1]])
		}
		if path || www || secondLevel[sl] {
			score = 0.7
		}
	}
	if score == 0 {
		return detect.Candidate{}, false
	}
	if path || www {
		score += 0.1
	}
	return detect.Candidate{Type: detect.URL, Sub: SubDomain, Start: i, End: end, Score: score}, true
}

// obfuscatedEmail recognises "jane.doe at example dot com" and
// "jdoe [at] example [dot] org" around the token "at" at index i.
func obfuscatedEmail(d *text.Doc, i int) (detect.Candidate, bool) {
	toks := d.Tokens
	bracket := false
	if d.IsPunct(i-1, '[') && d.IsPunct(i+1, ']') || d.IsPunct(i-1, '(') && d.IsPunct(i+1, ')') {
		bracket = true
	}
	// local part: the word before, with words glued on by '.', '_' or '-'
	l := i - 1
	if bracket {
		l = i - 2
	}
	if l < 0 || toks[l].Kind != text.Word || toks[l].Flags&(text.InHashtag|text.InMention) != 0 {
		return detect.Candidate{}, false
	}
	start := l
	for start-2 >= 0 && toks[start-2].Kind == text.Word && d.Adjacent(start-2, start-1) && d.Adjacent(start-1, start) &&
		(d.IsPunct(start-1, '.') || d.IsPunct(start-1, '_') || d.IsPunct(start-1, '-')) {
		start -= 2
	}
	// domain: word (dot word)+ where dot is '.', "dot", "[dot]" or "(dot)"
	k := i + 1
	if bracket {
		k = i + 2
	}
	if k >= len(toks) || toks[k].Kind != text.Word {
		return detect.Candidate{}, false
	}
	// a label may be words joined by '-': "mercy-health"
	label := func(k int) int {
		for k+2 < len(toks) && d.IsPunct(k+1, '-') && d.Adjacent(k, k+1) && d.Adjacent(k+1, k+2) && toks[k+2].Kind == text.Word {
			k += 2
		}
		return k
	}
	k = label(k)
	spelled := bracket
	last := k
	labels := 1
	for labels < 6 {
		m := last + 1
		switch {
		case d.IsPunct(m, '.') && d.Adjacent(last, m) && d.Adjacent(m, m+1):
			m++
		case d.Is(m, "dot"):
			spelled = true
			m++
		case (d.IsPunct(m, '[') || d.IsPunct(m, '(')) && d.Is(m+1, "dot") && (d.IsPunct(m+2, ']') || d.IsPunct(m+2, ')')):
			spelled = true
			m += 3
		default:
			m = -1
		}
		if m < 0 || m >= len(toks) || toks[m].Kind != text.Word {
			break
		}
		last = label(m)
		labels++
	}
	if labels < 2 || !spelled {
		return detect.Candidate{}, false
	}
	if c := tlds[toks[last].Lower]; c != tldStrong && c != tldCC {
		return detect.Candidate{}, false
	}
	return detect.Candidate{Type: detect.Email, Sub: SubObfus, Start: toks[start].Start, End: toks[last].End, Score: 0.8}, true
}

// validEmail checks an Email token from the tokenizer: the domain must end
// in a letters-only label of 2+ letters and have no empty labels
// ("A@OX3...APPROPRIATE" is a note typed in a hurry).
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	dom := s[at+1:]
	if strings.Contains(dom, "..") || dom[0] == '.' || strings.Contains(s[:at], "..") {
		return false
	}
	dot := strings.LastIndexByte(dom, '.')
	if dot < 1 {
		return false
	}
	tld := dom[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isAlpha(tld[i]) {
			return false
		}
	}
	return true
}

func isEmailLocal(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%'
}

// emailAround reads an e-mail address around the '@' at byte at.
func emailAround(src string, at int) (detect.Candidate, bool) {
	i := at
	for i > 0 && isEmailLocal(src[i-1]) && at-i < 64 {
		i--
	}
	for i < at && (src[i] == '.' || src[i] == '-') {
		i++
	}
	if i == at || i > 0 && (src[i-1] >= 0x80 || src[i-1] == '@') {
		return detect.Candidate{}, false
	}
	j := at + 1
	for j < len(src) && (isAlnum(src[j]) || src[j] == '.' || src[j] == '-') && j-at < 255 {
		j++
	}
	for j > at+1 && (src[j-1] == '.' || src[j-1] == '-') {
		j--
	}
	if j < len(src) && (src[j] >= 0x80 || src[j] == '@' || src[j] == '_') {
		return detect.Candidate{}, false
	}
	if !validEmail(src[i:j]) {
		return detect.Candidate{}, false
	}
	return detect.Candidate{Type: detect.Email, Sub: SubEmail, Start: i, End: j, Score: 0.95}, true
}
