// Package dates finds dates more specific than a year, ages, and loose time
// references ("last night") in a text.Doc.
//
// It walks the tokens the tokeniser marked (text.Doc.Marks) once and only
// looks closer at tokens that carry a digit or that are one of a few
// hundred trigger words (months, weekdays, holidays, relative-day heads,
// "age", number words), which it has the tokeniser mark (text.Watch). Everything it needs is
// built at package initialisation; Detect allocates only the candidates it
// appends.
//
// Candidate types and Sub values:
//
//	DATE  numeric       7/22, 07/22/2023, 9/3/97, 2023-08-18, 18.08.2023, 8/87
//	DATE  month-day     July 22nd, 22-Jul, Feb 2nd 2021, the 22nd of July
//	DATE  month-year    July 2023, July of 2023
//	DATE  datetime      2000-04-16 11:34:35
//	DATE  weekday       Tuesday, last Tuesday, on Sat
//	DATE  relative-day  yesterday, two days ago, this past weekend, last week
//	DATE  holiday       Christmas Eve, Thanksgiving, Fourth of July
//	AGE   over89        98-year-old, aged 92, in her 90s, 98M with CHF
//	AGE   age           the same forms with an age of 89 or less
//	OTHER time-ref      last night, this morning, tonight, an hour ago, today
//
// A year on its own is never a candidate: Safe Harbor keeps years.
package dates

import (
	"slices"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Sub values.
const (
	SubNumeric   = "numeric"
	SubMonthDay  = "month-day"
	SubMonthYear = "month-year"
	SubDateTime  = "datetime"
	SubWeekday   = "weekday"
	SubRelative  = "relative-day"
	SubHoliday   = "holiday"
	SubOver89    = "over89"
	SubAge       = "age"
	SubTimeRef   = "time-ref"
)

type detector struct{}

// New returns the dates, ages and time-references detector. It is safe for
// concurrent use.
func New() detect.Detector { return detector{} }

func (detector) Name() string { return "dates" }

func (detector) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	out, _ = detectAll(d, out)
	return out
}

// DetectAlone appends to out, which must be empty, the candidates Detect
// finds in d, and reports whether Detect appends exactly these after any
// candidates of other detectors (none of them a DATE) too. Detect drops an
// age in apposition and a date of extraDates where it overlaps a candidate
// already in out (a name, say): when it appended none of those here, every
// one it tried overlapped one of its own, which come first and do not
// depend on out, so others before them change nothing. (Names rarely run
// into a date, so a caller that has no names yet can often do without.)
func (detector) DetectAlone(d *text.Doc, out []detect.Candidate) ([]detect.Candidate, bool) {
	if len(out) != 0 {
		panic("dates: DetectAlone with candidates in out")
	}
	return detectAll(d, out)
}

// detectAll is Detect, and reports whether it appended only candidates of
// the main scan (see DetectAlone).
func detectAll(d *text.Doc, out []detect.Candidate) ([]detect.Candidate, bool) {
	if d == nil || len(d.Tokens) == 0 {
		return out, true
	}
	s := scan{d: d, t: d.Tokens, out: out}
	base := len(out)
	m := markPool.Get().(*marks)
	m.mark(d)
	s.run(m.scan)
	s.mergeRanges(base)
	// what comes after the main scan appends only where nothing in out
	// overlaps (see DetectAlone)
	scanned := len(s.out)
	out = extraDates(d, appositiveAges(d, s.out, m.numbers), m)
	markPool.Put(m)
	mine := out[base:]
	// stable, so equal starts keep their order; slices, unlike sort.SliceStable, allocates nothing
	slices.SortStableFunc(mine, func(a, b detect.Candidate) int { return a.Start - b.Start })
	return out, len(out) == scanned
}

// MayFindAge reports whether Detect may find an AGE in d. It is false only
// when no word may start an age: no trigger word of one ("aged",
// "turned", "nonagenarian", "ninety", "nineties") that may start one
// (mayStartAgeAt) and no word with a digit that may (mayStartAge): every
// age the scan reads starts at one of those (see mixed, number, ageWord,
// numberWords, decade), and appositiveAges reads numbers.
func (detector) MayFindAge(d *text.Doc) bool {
	if d == nil {
		return false
	}
	for _, n := range d.Marks {
		tk := &d.Tokens[n]
		if tk.Kind != text.Word {
			continue
		}
		if tk.Flags&text.HasDigit != 0 {
			if mayStartAge(d, int(n)) {
				return true
			}
			continue
		}
		// as marks.mark and scan.run pass the word to scan.word
		if maybeWord(tk.Lower) {
			if w, ok := lookupWord(key(tk.Lower)); ok && w.kind&ageKinds != 0 && mayStartAgeAt(d, int(n), w.kind) {
				return true
			}
		}
	}
	return false
}

// mayStartAgeAt reports whether an age may start at trigger word i, of
// kinds k, by what the scan's readings of it need in the next few words,
// and so is true for every one that an age starts at (TestMayFindAge):
//   - a number word (numberWords) is an age only before an explicit unit
//     (ageAfter's "ninety-two-year-old", "one hundred and two yo"): the
//     number's words end at most five words on ("one hundred and
//     twenty-two"), and the unit is right after them or after a '-';
//   - "aged", "age", "turned" (ageWord) read a number or a number's
//     words ("a hundred") right after them, after a ':' or '=', or after
//     "of".
//
// The other trigger words ("nonagenarian", "nineties") may start one.
// "One", "two", "three" are common words, and "age" and "turns" are not
// rare: most posts with one have no age.
func mayStartAgeAt(d *text.Doc, i int, k wkind) bool {
	if k&(kOldWord|kDecade) != 0 {
		return true
	}
	if k&kAgeWord != 0 {
		for j := i + 1; j <= i+3 && j < len(d.Tokens); j++ {
			if tk := &d.Tokens[j]; tk.Kind == text.Word && (tk.Flags&text.AllDigit != 0 || isNumberWord(tk.Lower)) {
				return true
			}
		}
	}
	if k&kNumWord != 0 {
		for j := i + 1; j <= i+8 && j < len(d.Tokens); j++ {
			if d.Tokens[j].Kind == text.Word && explicitUnitAt(d, j) {
				return true
			}
		}
	}
	return false
}

// isNumberWord reports whether w may start parseNumberWords' number.
func isNumberWord(w string) bool {
	if w == "a" || w == "an" {
		return true
	}
	if !maybeWord(w) {
		return false
	}
	u, ok := lookupWord(key(w))
	return ok && u.kind&kNumWord != 0
}

// explicitUnitAt reports whether word j may be the unit of an age that
// ageAfter reads with explicitOnly: "yo" and the like, "y" ("y/o"), or a
// year or time unit that oldAfter finds "old" (or "of age") after.
func explicitUnitAt(d *text.Doc, j int) bool {
	switch w := key(d.Tokens[j].Lower); w {
	case "yo", "yom", "yof", "yowm", "yowf", "yobm", "yobf", "yoa", "yold", "y":
		return true
	case "year", "years", "yr", "yrs", "yrs.", "yr.":
		return mayBeOldAfter(d, j)
	default:
		return timeUnitOld.Has(w) && mayBeOldAfter(d, j)
	}
}

// mayBeOldAfter reports whether oldAfter may find "old", "olds" or "of
// age" after the unit at word j: it reads them right after it, or after a
// '-' or '.'.
func mayBeOldAfter(d *text.Doc, j int) bool {
	for n := j + 1; n <= j+2 && n < len(d.Tokens); n++ {
		switch d.Tokens[n].Lower {
		case "old", "olds", "young":
			return true
		case "of":
			if d.Is(n+1, "age") {
				return true
			}
		}
	}
	return false
}

// mayStartAge reports whether an age may start at word i, which has a
// digit, by the first tests of the scan's readings of such a word, and
// so is true for every one that an age starts at (TestMayFindAge):
//   - a number of one to three digits (single, appositiveAges: their
//     length is that of the text's bytes) between commas, or before a
//     word of an age's unit or sex, right after it or after a '-'
//     (ageAfter's "98 yo", "98-year-old", "3 months old", "45 M"; and
//     "98 s/p" and "98 h/o"), a year or time unit with "old" after it
//     (mayBeOldAfter);
//   - one to three digits before a suffix that mixed reads as an age's
//     ("98yo", "98y/o", "45M", "3mo old", "95th birthday", and "90s"
//     after "her", "his early" or the like: decade).
//
// Other numbers ("2024", "10am", "3/4", "10 years", "the 4th") start
// none: it lets hasAge in the engine skip the scan on most posts with a
// number and no age.
func mayStartAge(d *text.Doc, i int) bool {
	tk := &d.Tokens[i]
	if tk.Flags&text.AllDigit != 0 {
		if tk.End-tk.Start > 3 {
			return false
		}
		if d.IsPunct(i-1, ',') && d.IsPunct(i+1, ',') {
			return true
		}
		if tk.End-tk.Start >= 2 && pronounAgeAt(d, i) {
			return true // (single checks the value)
		}
		j := i + 1
		if d.IsPunct(j, '-') {
			j++
		}
		return j < len(d.Tokens) && d.Tokens[j].Kind == text.Word && ageUnitAfter(d, j)
	}
	w := tk.Lower
	p, v := 0, 0
	for p < len(w) && isDigit(w[p]) {
		v = v*10 + int(w[p]-'0')
		p++
	}
	if p == 0 || p > 3 {
		return false
	}
	switch sfx := w[p:]; sfx {
	case "s", "'s", "’s":
		// decade: a possessor at most three words before ("his early
		// 90s", "her mid-90s")
		if p < 2 || v%10 != 0 || v < 10 || v > 110 {
			return false
		}
		for j := max(i-3, 0); j < i; j++ {
			if possessor.Has(d.Tokens[j].Lower) {
				return true
			}
		}
		return false
	case "yo", "yom", "yof", "yowm", "yowf", "yobm", "yobf", "yoa", "yrs", "yr", "y", "m", "f":
		return true
	default:
		if ordSuffix.Has(sfx) {
			// "her 95th birthday"
			switch n := d.NextWord(i, false); {
			case n < 0:
				return false
			default:
				switch d.Tokens[n].Lower {
				case "birthday", "bday", "b-day", "birthdays":
					return true
				}
				return false
			}
		}
		// "3mo old", "3mo-old"
		return timeUnitOld.Has(sfx) && (d.Is(i+1, "old") || d.Is(i+2, "old"))
	}
}

// ageUnitAfter reports whether word j after a number may be what ageAfter
// reads as an age's unit or sex.
func ageUnitAfter(d *text.Doc, j int) bool {
	switch w := key(d.Tokens[j].Lower); w {
	case "yo", "yom", "yof", "yowm", "yowf", "yobm", "yobf", "yoa", "yold", "y", "s", "h":
		return true
	case "year", "years", "yr", "yrs", "yrs.", "yr.":
		return mayBeOldAfter(d, j)
	default:
		if timeUnitOld.Has(w) {
			return mayBeOldAfter(d, j)
		}
		return yearsWord.Has(w) || sexWord.Has(w)
	}
}

type scan struct {
	d     *text.Doc
	t     []text.Token
	out   []detect.Candidate
	floor int // no new candidate may start before this byte offset
}

// run reads dates from the tokens that may start one (marks.scan: the
// words with digits, and the words that pass the trigger-word prefilter),
// in order. Every other token starts nothing, so walking only these is
// the walk over all tokens without the tokens that do nothing.
func (s *scan) run(toks []int32) {
	t := s.t
	next := 0 // tokens before next are inside a date already read
	for _, n := range toks {
		i := int(n)
		if i < next {
			continue
		}
		tk := &t[i]
		if tk.Start < s.floor || tk.Flags&text.InMention != 0 {
			continue
		}
		last := i
		if tk.Flags&text.HasDigit != 0 {
			if tk.Flags&text.AllDigit != 0 {
				last = s.number(i)
			} else {
				last = s.mixed(i)
			}
		} else if w, ok := lookupWord(key(tk.Lower)); ok {
			last = s.word(i, w)
		}
		next = max(last, i) + 1
	}
}

// key normalises typographic apostrophes so that "new year’s" finds its entry.
func key(s string) string {
	if strings.IndexByte(s, 0xE2) >= 0 && strings.Contains(s, "’") {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// ---- token helpers ----

func (s *scan) ok(i int) bool { return i >= 0 && i < len(s.t) }

func (s *scan) isWord(i int) bool { return s.ok(i) && s.t[i].Kind == text.Word }

func (s *scan) low(i int) string {
	if !s.isWord(i) {
		return ""
	}
	return key(s.t[i].Lower)
}

func (s *scan) punct(i int, c byte) bool { return s.d.IsPunct(i, c) }

// adj reports whether tokens i and j both exist and touch.
func (s *scan) adj(i, j int) bool {
	return i >= 0 && j < len(s.t) && i < j && s.t[i].End == s.t[j].Start
}

// free reports whether token i may still become part of a candidate.
func (s *scan) free(i int) bool { return s.ok(i) && s.t[i].Start >= s.floor }

// next returns the next Word token with nothing but space before it, or -1.
func (s *scan) next(i int) int {
	if !s.ok(i) {
		return -1
	}
	return s.d.NextWord(i, false)
}

// prev returns the previous Word token with nothing but space after it, or -1.
func (s *scan) prev(i int) int {
	if !s.ok(i) {
		return -1
	}
	return s.d.PrevWord(i, false)
}

// num returns the value and digit count of an ASCII-digit token; v is -1
// when the token is not one or is too long to matter.
func (s *scan) num(i int) (v, n int) {
	if !s.isWord(i) || s.t[i].Flags&text.AllDigit == 0 {
		return -1, 0
	}
	w := s.d.Src[s.t[i].Start:s.t[i].End]
	if len(w) > 6 {
		return -1, len(w)
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c < '0' || c > '9' {
			return -1, len(w)
		}
		v = v*10 + int(c-'0')
	}
	return v, len(w)
}

// sep returns the separator byte of a one-byte punctuation token, or 0.
func (s *scan) sep(i int) byte {
	if !s.ok(i) || s.t[i].Kind != text.Punct || s.t[i].End-s.t[i].Start != 1 {
		return 0
	}
	return s.d.Src[s.t[i].Start]
}

// lineStart reports whether token i begins a line or sentence.
func (s *scan) lineStart(i int) bool {
	if i == 0 {
		return true
	}
	return s.t[i].Flags&(text.NewlineBefore|text.SentStart) != 0
}

// caseless reports whether capitals carry no signal in this text.
func (s *scan) caseless() bool { return s.d.Upperish || s.d.Lowerish }

func (s *scan) emit(ty detect.Type, sub string, a, b int, score float64, cue string) {
	if !s.ok(a) || !s.ok(b) || b < a {
		return
	}
	start, end := s.t[a].Start, s.t[b].End
	if start < s.floor || end <= start {
		return
	}
	s.out = append(s.out, detect.Candidate{Type: ty, Sub: sub, Start: start, End: end, Score: score, Cue: cue})
	s.floor = end
}

func ageSub(v int) string {
	if v > 89 {
		return SubOver89
	}
	return SubAge
}

// ---- numbers ----

func validMD(m, d, lm, ld int) bool {
	return lm <= 2 && ld <= 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func validYear(y, l int) bool { return l == 2 || (l == 4 && y >= 1800 && y <= 2199) }

// number handles a token of ASCII digits: numeric dates, a day before a
// month name, an age. It returns the last token it looked at.
func (s *scan) number(i int) int {
	if e := s.isoT(i); e >= 0 {
		return e
	}
	// the run of touching numbers and separators
	var nums, lens, toks [6]int
	var seps [5]byte
	k := 0
	j := i
	for {
		v, l := s.num(j)
		nums[k], lens[k], toks[k] = v, l, j
		k++
		c := s.sep(j + 1)
		if c != '/' && c != '-' && c != '.' || !s.adj(j, j+1) || !s.adj(j+1, j+2) ||
			s.t[j+2].Kind != text.Word || s.t[j+2].Flags&text.AllDigit == 0 {
			break
		}
		if k == len(nums) {
			// a long chain of numbers: a code or a list, not a date
			for s.adj(j, j+1) && s.adj(j+1, j+2) && s.t[j+2].Flags&text.AllDigit != 0 {
				j += 2
			}
			return j
		}
		seps[k-1] = c
		j += 2
	}
	last := toks[k-1]
	for q := 0; q < k; q++ {
		if nums[q] < 0 {
			return last
		}
	}
	// touching on the left: a continuation of something else
	if i > 0 && s.adj(i-1, i) {
		p := &s.t[i-1]
		if p.Kind == text.Punct {
			switch p.Lower {
			case "/", ".", ":", "#", "+", "$", "€", "£", "=", "^", "*", "~", "@", "_", "\\", "×", "<", ">", "±", "≤", "≥":
				return last
			case "-", "–":
				if i >= 2 && s.adj(i-2, i-1) && s.t[i-2].Flags&text.HasDigit != 0 {
					return last
				}
			}
		}
	}
	// touching on the right
	if s.adj(last, last+1) {
		r := s.t[last+1]
		if r.Kind == text.Punct {
			switch r.Lower {
			case "%", "/", "'", "’", "x", "×":
				if k > 1 || r.Lower != "'" && r.Lower != "’" {
					return last
				}
			case "-", ".", ":":
				if k > 1 && s.adj(last+1, last+2) && s.isWord(last+2) && s.t[last+2].Flags&text.HasDigit != 0 {
					return last
				}
			}
		}
	}
	if k == 1 {
		return s.single(i)
	}
	var slash, dash, dot int
	for q := 0; q < k-1; q++ {
		switch seps[q] {
		case '/':
			slash++
		case '-':
			dash++
		case '.':
			dot++
		}
	}
	a, b := nums[0], nums[1]
	la, lb := lens[0], lens[1]
	switch {
	case slash == k-1:
		switch k {
		case 2:
			switch {
			case validMD(a, b, la, lb):
				if s.weakOK(i, last, a, b) {
					s.emit(detect.Date, SubNumeric, i, last, 0.8, "")
				}
			case la <= 2 && a >= 1 && a <= 12 && lb == 4 && validYear(b, 4):
				s.emit(detect.Date, SubNumeric, i, last, 0.9, "")
			case la <= 2 && a >= 1 && a <= 12 && lb == 2 && b > 31:
				if s.weakOK(i, last, a, b) {
					s.emit(detect.Date, SubNumeric, i, last, 0.65, "")
				}
			}
		case 3:
			if s.ymdOrMdy(nums[:3], lens[:3], '/') {
				s.emitWithTime(i, last, 0.95)
			}
		case 4:
			if validMD(a, b, la, lb) && validMD(nums[2], nums[3], lens[2], lens[3]) {
				s.emit(detect.Date, SubNumeric, i, last, 0.75, "")
			}
		}
	case dash == k-1:
		if s.idBefore(i) {
			return last
		}
		switch k {
		case 2:
			if la == 4 && lb == 2 && validYear(a, 4) && b >= 1 && b <= 12 {
				s.emit(detect.Date, SubNumeric, i, last, 0.6, "")
			}
		case 3:
			if s.ymdOrMdy(nums[:3], lens[:3], '-') {
				s.emitWithTime(i, last, 0.9)
			}
		}
	case dot == k-1:
		if k == 3 && (lens[0] == 4 || lens[2] == 4) && s.ymdOrMdy(nums[:3], lens[:3], '.') {
			s.emitWithTime(i, last, 0.85)
		}
	case dot == 0:
		// slashes and dashes: a range of dates such as 6/30-7/2
		okAll, q := true, 0
		for q < k && okAll {
			r := q
			for r < k-1 && seps[r] == '/' {
				r++
			}
			n := r - q + 1
			switch n {
			case 2:
				okAll = validMD(nums[q], nums[q+1], lens[q], lens[q+1])
			case 3:
				okAll = s.ymdOrMdy(nums[q:q+3], lens[q:q+3], '/')
			default:
				okAll = false
			}
			q = r + 1
		}
		if okAll && s.weakOK(i, last, -1, -1) {
			s.emit(detect.Date, SubNumeric, i, last, 0.85, "")
		}
	}
	return last
}

// ymdOrMdy validates three numbers as year-month-day, month-day-year or
// day-month-year.
func (s *scan) ymdOrMdy(n, l []int, sep byte) bool {
	if l[0] == 4 {
		return validYear(n[0], 4) && validMD(n[1], n[2], l[1], l[2])
	}
	if l[2] != 2 && l[2] != 4 || !validYear(n[2], l[2]) {
		return false
	}
	if sep == '.' && l[2] != 4 {
		return false
	}
	return validMD(n[0], n[1], l[0], l[1]) || validMD(n[1], n[0], l[1], l[0])
}

// emitWithTime emits a full numeric date and takes a clock time after it
// into the same span.
func (s *scan) emitWithTime(a, b int, score float64) {
	if e := s.clock(b + 1); e >= 0 {
		s.emit(detect.Date, SubDateTime, a, e, 0.97, "")
		return
	}
	s.emit(detect.Date, SubNumeric, a, b, score, "")
}

// clock matches "11:34", "11:34:35", "11:34 pm" starting at token j (which
// must follow a space); it returns the last token or -1.
func (s *scan) clock(j int) int {
	h, lh := s.num(j)
	if h < 0 || lh > 2 || h > 24 || s.t[j].Flags&text.SpaceBefore == 0 {
		return -1
	}
	return s.clockRest(j)
}

// clockRest matches ":MM[:SS][ am|pm]" after the hour token j.
func (s *scan) clockRest(j int) int {
	if !s.punct(j+1, ':') || !s.adj(j, j+1) || !s.adj(j+1, j+2) {
		return -1
	}
	m, lm := s.num(j + 2)
	if m < 0 || lm != 2 || m > 59 {
		return -1
	}
	e := j + 2
	if s.punct(e+1, ':') && s.adj(e, e+1) && s.adj(e+1, e+2) {
		if v, l := s.num(e + 2); v >= 0 && l == 2 && v <= 60 {
			e += 2
		} else if s.isWord(e+2) && s.secZ(e+2) {
			e += 2
		}
	}
	if n := s.next(e); n >= 0 {
		if w := s.low(n); w == "am" || w == "pm" {
			e = n
		}
	}
	return e
}

// secZ matches "35z" (seconds with a UTC marker).
func (s *scan) secZ(i int) bool {
	w := s.t[i].Lower
	return len(w) == 3 && w[2] == 'z' && isDigit(w[0]) && isDigit(w[1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isoT matches "2023-08-18T11:34:35Z", whose "18T11" the tokenizer keeps as
// one word.
func (s *scan) isoT(i int) int {
	y, ly := s.num(i)
	if ly != 4 || !validYear(y, 4) || s.sep(i+1) != '-' || !s.adj(i, i+1) || !s.adj(i+1, i+2) {
		return -1
	}
	m, lm := s.num(i + 2)
	if m < 1 || m > 12 || lm > 2 || s.sep(i+3) != '-' || !s.adj(i+2, i+3) || !s.adj(i+3, i+4) || !s.isWord(i+4) {
		return -1
	}
	w := s.t[i+4].Lower
	p := 0
	for p < len(w) && isDigit(w[p]) {
		p++
	}
	if p < 1 || p > 2 || p >= len(w) || w[p] != 't' || len(w)-p-1 < 1 || len(w)-p-1 > 2 {
		return -1
	}
	for q := p + 1; q < len(w); q++ {
		if !isDigit(w[q]) {
			return -1
		}
	}
	e := s.clockRest(i + 4)
	if e < 0 {
		e = i + 4
	}
	s.emit(detect.Date, SubDateTime, i, e, 0.97, "")
	return e
}

// idBefore reports whether a hyphenated number follows a word that makes it
// a phone, record or room number.
func (s *scan) idBefore(i int) bool {
	for p, n := s.prevAny(i), 0; p >= 0 && n < 2; p, n = s.prevAny(p), n+1 {
		if idPrev.Has(s.low(p)) || s.punct(p, '#') || s.punct(p, ')') {
			return true
		}
		if s.t[p].Kind == text.Word {
			break
		}
	}
	return false
}

// prevAny returns the previous token index or -1.
func (s *scan) prevAny(i int) int {
	if i <= 0 || i > len(s.t) {
		return -1
	}
	return i - 1
}

// weakOK decides whether a short numeric date without a year (a/b) is a
// date rather than a fraction, ratio, score or setting. a and b are -1 for
// ranges.
func (s *scan) weakOK(first, last, a, b int) bool {
	if n := s.next(last); n >= 0 {
		if unitNext.Has(s.low(n)) {
			return false
		}
		if tk := &s.t[n]; tk.Flags&text.HasDigit != 0 && tk.Flags&text.AllDigit == 0 {
			// "5/5 10cm", "1/2 5mg": a setting or dose followed by a measurement
			w := tk.Lower
			p := 0
			for p < len(w) && isDigit(w[p]) {
				p++
			}
			if unitNext.Has(w[p:]) {
				return false
			}
		}
	}
	// a measurement word shortly before, in the same sentence
	measure := false
	for q, w := first-1, 0; q >= 0 && w < 3 && !measure; q-- {
		tk := &s.t[q]
		if tk.Kind == text.Punct {
			c := tk.Lower
			if c == ";" || c == "!" || c == "?" || c == "." && !s.adj(q, q+1) {
				break
			}
			// "c/o 5/10"
			if c == "/" && q >= 1 && q+1 < first && s.low(q-1) == "c" && s.low(q+1) == "o" {
				measure = true
			}
			continue
		}
		if tk.Kind != text.Word {
			break
		}
		if measurePrev.Has(key(tk.Lower)) {
			measure = true
		}
		w++
		if tk.Has(text.NewlineBefore) {
			break
		}
	}
	// "(1/12)" opening or closing a thread, "2/5 🧵"
	if a >= 0 && a <= b {
		if s.ok(last+1) && s.t[last+1].Lower == "🧵" {
			return false
		}
		if s.punct(first-1, '(') && s.punct(last+1, ')') && s.adj(first-1, first) && s.adj(last, last+1) &&
			(first-1 == 0 || last+2 >= len(s.t) || s.t[last+2].Kind == text.Emoji || s.t[last+2].Has(text.NewlineBefore)) {
			return false
		}
	}
	p := s.prev(first)
	cue := p >= 0 && dateCue.Has(s.low(p))
	if a < 0 {
		return cue || !measure
	}
	ambiguous := a == b || b <= 4 && a < b // 5/5 strength, 1/2, 2/3, 3/4
	switch {
	case cue:
		return !ambiguous || !measure
	case measure, ambiguous:
		return false
	}
	return true
}

// single handles one number standing alone: "22 July", "22-Jul-2023", ages.
func (s *scan) single(i int) int {
	v, l := s.num(i)
	if v < 0 {
		return i
	}
	if l <= 2 && v >= 1 && v <= 31 {
		if e := s.dayMonth(i, i, false); e >= 0 {
			return e
		}
	}
	if l <= 3 && v >= 1 && v <= 130 {
		if e := s.ageAfter(i, i, v, false); e >= 0 {
			return e
		}
	}
	if v >= 90 && v <= 120 && pronounAgeAt(s.d, i) {
		s.emit(detect.Age, SubOver89, i, i, 0.8, s.low(s.prev(i)))
		return i
	}
	return i
}

// pronounAgeAt reports whether the number at word i is an age told of a
// person without a unit: "she's 97 and still calls me her favourite",
// "he turned 101", "who is 94". Only the ages over 89 are read so (a
// bare "she's 30" may be anything), and not before a unit ("he's 95
// kg", "she's 92%").
func pronounAgeAt(d *text.Doc, i int) bool {
	p := d.PrevWord(i, false)
	if p < 0 || i-p > 1 {
		return false
	}
	switch key(d.Tokens[p].Lower) {
	case "she's", "he's", "she’s", "he’s", "turned", "turns", "turning", "aged":
	case "is", "was":
		q := d.PrevWord(p, false)
		if q < 0 || p-q > 1 {
			return false
		}
		switch d.Tokens[q].Lower {
		case "she", "he", "who", "mum", "mom", "dad", "nan", "gran", "grandma", "grandpa":
		default:
			return false
		}
	default:
		return false
	}
	if n := i + 1; n < len(d.Tokens) && d.Adjacent(i, n) && d.Tokens[n].Kind != text.Word {
		switch d.Src[d.Tokens[n].Start] {
		case '%', '°', '/', '.', ':':
			return false
		}
	}
	if n := d.NextWord(i, false); n >= 0 && n-i <= 2 {
		if w := d.Tokens[n].Lower; unitNext.Has(w) || w == "kilos" || w == "degrees" || w == "points" {
			return false
		}
	}
	return true
}

// monthAt returns the month number of a month word at token i, or 0.
func (s *scan) monthAt(i int) (m int, ambig bool) {
	if !s.isWord(i) || s.t[i].Flags&text.HasDigit != 0 {
		return 0, false
	}
	w, ok := lookupWord(key(s.t[i].Lower))
	if !ok || w.kind&kMonth == 0 {
		return 0, false
	}
	return int(w.val), w.kind&kAmbig != 0
}

// dayMonth matches a month name after a day token ("22 July", "22nd of
// July", "22-Jul-2023", "20th Oct, 1989"); first is where the span starts.
func (s *scan) dayMonth(first, day int, ordinal bool) int {
	j := day + 1
	dashed := false
	switch {
	case s.sep(j) == '-' && s.adj(day, j) && s.adj(j, j+1):
		j++
		dashed = true
	case s.isWord(j):
	default:
		return -1
	}
	of := false
	if !dashed && s.low(j) == "of" {
		if !ordinal {
			return -1
		}
		of = true
		j = s.next(j)
	}
	m, ambig := s.monthAt(j)
	if m == 0 {
		return -1
	}
	end := j
	if s.sep(end+1) == '.' && s.adj(end, end+1) && s.t[end].End-s.t[end].Start <= 4 {
		end++
	}
	y := s.yearAfter(end, dashed)
	if ambig && y < 0 && !dashed && !ordinal && !s.t[j].Has(text.Upper) && !s.caseless() {
		return -1
	}
	sub, score := SubMonthDay, 0.9
	if y >= 0 {
		end, score = y, 0.95
	} else if of && m == 7 && s.dayVal(day) == 4 {
		sub = SubHoliday
	}
	s.emit(detect.Date, sub, first, end, score, "")
	return end
}

// dayVal returns the day number of a plain or ordinal day token.
func (s *scan) dayVal(i int) int {
	if v, _ := s.num(i); v >= 0 {
		return v
	}
	if !s.isWord(i) {
		return -1
	}
	w := s.t[i].Lower
	v, p := 0, 0
	for p < len(w) && p < 3 && isDigit(w[p]) {
		v = v*10 + int(w[p]-'0')
		p++
	}
	if p == 0 {
		return -1
	}
	return v
}

// yearAfter matches a year after a month or day ending at token e:
// " 2023", ", 2023", "-2023" (when dashed), " '23", ", 96". It returns the
// last token of the year or -1.
func (s *scan) yearAfter(e int, dashed bool) int {
	j := e + 1
	comma := false
	switch {
	case s.sep(j) == ',':
		comma = true
		j++
	case dashed && s.sep(j) == '-' && s.adj(e, j) && s.adj(j, j+1):
		j++
	}
	if !s.ok(j) {
		return -1
	}
	if c := s.sep(j); c == '\'' || s.t[j].Lower == "’" {
		if y, l := s.num(j + 1); y >= 0 && l == 2 && s.adj(j, j+1) {
			return j + 1
		}
		return -1
	}
	y, l := s.num(j)
	if y < 0 {
		return -1
	}
	if l == 4 && validYear(y, 4) {
		if s.glued(j) {
			return -1
		}
		return j
	}
	if l == 2 && (comma || dashed) {
		// ", 96" only when no word follows that would make it a count
		n := j + 1
		if !s.ok(n) || s.t[n].Kind != text.Word || s.t[n].Flags&text.AllDigit != 0 || s.t[n].Has(text.NewlineBefore) {
			if s.ok(n) && s.sep(n) == '/' {
				return -1
			}
			return j
		}
	}
	return -1
}

// glued reports whether token j runs on into more of a number or word
// ("2023-24", "2023/5", "2023%").
func (s *scan) glued(j int) bool {
	if !s.adj(j, j+1) {
		return false
	}
	switch s.sep(j + 1) {
	case '%':
		return true
	case '/', '-', ':', '.':
		return s.adj(j+1, j+2) && s.isWord(j+2) && s.t[j+2].Flags&text.HasDigit != 0
	}
	return s.isWord(j + 1)
}

// ---- mixed letter-digit tokens: 22nd, 98yo, 98M, 90s ----

func (s *scan) mixed(i int) int {
	w := s.t[i].Lower
	p, v := 0, 0
	for p < len(w) && isDigit(w[p]) {
		if p < 4 {
			v = v*10 + int(w[p]-'0')
		}
		p++
	}
	if p == 0 || p > 3 {
		return i
	}
	// the digits must start the token in the source too (no "٣rd")
	sfx := w[p:]
	if ordSuffix.Has(sfx) && v >= 1 && v <= 130 {
		// "her 95th birthday"
		if n := s.next(i); n >= 0 {
			if lw := s.low(n); lw == "birthday" || lw == "bday" || lw == "b-day" || lw == "birthdays" {
				s.emit(detect.Age, ageSub(v), i, i, 0.9, lw)
				return n
			}
		}
	}
	switch {
	case ordSuffix.Has(sfx):
		if v >= 1 && v <= 31 && p <= 2 {
			return s.ordinal(i, i, v)
		}
	case sfx == "s" || sfx == "'s" || sfx == "’s":
		if p >= 2 && v%10 == 0 && v >= 10 && v <= 110 {
			return s.decade(i, v)
		}
	case sfx == "yo" || sfx == "yom" || sfx == "yof" || sfx == "yowm" || sfx == "yowf" || sfx == "yobm" ||
		sfx == "yobf" || sfx == "yoa" || sfx == "yrs" && s.low(s.next(i)) == "old" || sfx == "yr" && s.low(s.next(i)) == "old":
		if v >= 1 && v <= 130 {
			end := i
			if sfx == "yrs" || sfx == "yr" {
				end = s.next(i)
			}
			s.emit(detect.Age, ageSub(v), i, end, 0.95, sfx)
			return end
		}
	case sfx == "y":
		// 98y/o, 98y.o.
		if v >= 1 && v <= 130 && (s.sep(i+1) == '/' || s.sep(i+1) == '.') && s.adj(i, i+1) && s.adj(i+1, i+2) && s.low(i+2) == "o" {
			s.emit(detect.Age, ageSub(v), i, i+2, 0.95, "y/o")
			return i + 2
		}
	case sfx == "m" || sfx == "f":
		if v >= 1 && v <= 130 && s.sexContext(i, i, true) {
			s.emit(detect.Age, ageSub(v), i, i, 0.75, sfx)
			return i
		}
	case timeUnitOld.Has(sfx):
		n := i + 1
		if s.sep(n) == '-' && s.adj(i, n) {
			n++
		} else {
			n = s.next(i)
		}
		if s.low(n) == "old" {
			s.emit(detect.Age, SubAge, i, n, 0.9, "old")
			return n
		}
	}
	return i
}

// ordinal handles a day ordinal ("22nd") at token day; first is where a
// span would start.
func (s *scan) ordinal(first, day, v int) int {
	if e := s.dayMonth(first, day, true); e >= 0 {
		return e
	}
	// "on the 11th"
	p := s.prev(first)
	if s.low(p) == "the" && s.free(p) {
		pp := s.prev(p)
		switch s.low(pp) {
		case "on", "since", "until", "till", "by", "from", "before", "after":
			n := day + 1
			if !s.ok(n) || s.t[n].Kind != text.Word || afterDay.Has(s.low(n)) {
				s.emit(detect.Date, SubMonthDay, first, day, 0.6, "on the")
				return day
			}
		}
	}
	return day
}

// decade handles "90s" / "nineties" after "her", "his early", "their late".
func (s *scan) decade(i, v int) int {
	start := i
	p := s.prev(i)
	if p < 0 && i > 0 && s.sep(i-1) == '-' {
		p = s.prev(i - 1) // "mid-90s"
	}
	if decadeMod.Has(s.low(p)) && s.free(p) {
		start = p
		p = s.prev(p)
	}
	if !possessor.Has(s.low(p)) {
		return i
	}
	score := 0.8
	if v < 90 {
		score = 0.6
	}
	s.emit(detect.Age, ageSub(v), start, i, score, s.low(p))
	return i
}

// ---- ages ----

// ageAfter looks for an age unit after the number token num (value v):
// "98 year old", "98-year-old", "98 yo", "98 y/o", "98 years of age",
// "98 M with ...". explicitOnly skips the "98 M" forms.
func (s *scan) ageAfter(first, num, v int, explicitOnly bool) int {
	j := num + 1
	if s.sep(j) == '-' && s.adj(num, j) && s.adj(j, j+1) {
		j++
	} else if j = s.next(num); j < 0 {
		return -1
	}
	w := s.low(j)
	sub := ageSub(v)
	switch w {
	case "yo", "yom", "yof", "yowm", "yowf", "yobm", "yobf", "yoa", "yold":
		end := j
		if s.sep(j+1) == '.' && s.adj(j, j+1) {
			end = j + 1
		}
		s.emit(detect.Age, sub, first, end, 0.95, w)
		return end
	case "y":
		if (s.sep(j+1) == '/' || s.sep(j+1) == '.') && s.adj(j, j+1) && s.adj(j+1, j+2) && s.low(j+2) == "o" {
			end := j + 2
			if s.sep(end+1) == '.' && s.adj(end, end+1) {
				end++
			}
			s.emit(detect.Age, sub, first, end, 0.95, "y/o")
			return end
		}
		if e := s.oldAfter(j); e >= 0 {
			s.emit(detect.Age, sub, first, e, 0.95, "old")
			return e
		}
	case "year", "years", "yr", "yrs", "yrs.", "yr.":
		if e := s.oldAfter(j); e >= 0 {
			s.emit(detect.Age, sub, first, e, 0.95, "old")
			return e
		}
	default:
		if yearsWord.Has(w) {
			// "58 ans", "67 años", "92 oed": the word for years in
			// French, Spanish, Portuguese, Welsh, Afrikaans, German,
			// Italian and Tagalog, unless the number counts years ago or
			// since ("il y a 20 ans", "hace 20 años")
			if p := s.prev(first); p >= 0 && agoBefore[s.low(p)] {
				return -1
			}
			s.emit(detect.Age, sub, first, j, 0.85, w)
			return j
		}
		if timeUnitOld.Has(w) {
			if e := s.oldAfter(j); e >= 0 {
				s.emit(detect.Age, SubAge, first, e, 0.9, "old")
				return e
			}
			return -1
		}
		if !explicitOnly && sexWord.Has(w) && v >= 2 {
			if s.sexContext(first, j, sexLetter.Has(w)) {
				s.emit(detect.Age, sub, first, num, 0.75, w)
				return j
			}
		}
		if !explicitOnly && v >= 40 && s.lineStart(first) && (w == "s" || w == "h") &&
			s.sep(j+1) == '/' && s.adj(j, j+1) && s.adj(j+1, j+2) && (s.low(j+2) == "p" || s.low(j+2) == "o") {
			// "98 s/p hip fx" opening a note
			s.emit(detect.Age, sub, first, num, 0.5, w+"/"+s.low(j+2))
			return num
		}
	}
	return -1
}

// oldAfter matches "old" (or "of age") after a year unit at token j.
func (s *scan) oldAfter(j int) int {
	n := j + 1
	if (s.sep(n) == '-' || s.sep(n) == '.') && s.adj(j, n) {
		if s.sep(n) == '.' && !s.adj(n, n+1) {
			n = s.next(n)
		} else {
			n++
		}
	} else {
		n = s.next(j)
	}
	switch s.low(n) {
	case "old", "olds":
		return n
	case "young":
		// "93 years young": said of the old
		if s.low(j) == "years" || s.low(j) == "yrs" {
			return n
		}
	case "of":
		if m := s.next(n); s.low(m) == "age" {
			return m
		}
	}
	return -1
}

// sexContext decides whether "98 F" / "98M" (number at first, sex at sx) is
// a patient's age rather than a temperature, distance or count.
func (s *scan) sexContext(first, sx int, letter bool) bool {
	p := s.prev(first)
	lp := s.low(p)
	if tempPrev.Has(lp) || deviceNext.Has(s.low(s.next(sx))) {
		return false
	}
	if p > 0 && s.sep(p-1) == '.' && s.adj(p-1, p) {
		return false
	}
	if first > 0 && s.adj(first-1, first) {
		return false // "98.6F", "x98M"
	}
	if countNoun.Has(s.low(s.next(sx))) {
		return false // "3 female patients"
	}
	if agePrev.Has(lp) || s.lineStart(first) {
		return true
	}
	n := sx + 1
	if s.ok(n) && s.t[n].Kind == text.Punct {
		if s.sep(n) == ',' && !letter {
			return true
		}
		// "s/p", "h/o", "c/o", "p/w"
		if s.sep(n) == '/' {
			return false
		}
	}
	n = s.next(sx)
	ln := s.low(n)
	if ln == "s" || ln == "h" || ln == "c" || ln == "p" {
		if s.sep(n+1) == '/' && s.adj(n, n+1) {
			return true
		}
		return false
	}
	if ageNextStrong.Has(ln) {
		return true
	}
	return !letter && ageNextWith.Has(ln)
}

// ---- words ----

func (s *scan) word(i int, w winfo) int {
	k := w.kind
	if k&kMonth != 0 {
		if e := s.month(i, int(w.val), k&kAmbig != 0); e >= 0 {
			return e
		}
	}
	if k&(kWeekday|kWeekdayAbb) != 0 {
		if e := s.weekday(i, k&kWeekday != 0); e >= 0 {
			return e
		}
	}
	if k&kHoliday != 0 {
		if e := s.holiday(i); e >= 0 {
			return e
		}
	}
	if k&kRel != 0 {
		if e := s.relative(i); e >= 0 {
			return e
		}
	}
	if k&kAgeWord != 0 {
		if e := s.ageWord(i); e >= 0 {
			return e
		}
	}
	if k&kOldWord != 0 {
		s.emit(detect.Age, SubOver89, i, i, 0.8, s.low(i))
		return i
	}
	if k&kNumWord != 0 {
		if e := s.numberWords(i); e >= 0 {
			return e
		}
	}
	if k&kOrdWord != 0 {
		if e := s.ordinalWord(i, int(w.val)); e >= 0 {
			return e
		}
	}
	if k&kDecade != 0 {
		return s.decade(i, int(w.val))
	}
	return i
}

// month handles a month name: "July 22nd", "Jul 22, 2023", "Jul-22",
// "July 2023", "July of 2023". A month alone is left alone.
func (s *scan) month(i, m int, ambig bool) int {
	end := i
	if s.sep(i+1) == '.' && s.adj(i, i+1) && s.t[i].End-s.t[i].Start <= 4 {
		end = i + 1 // "Apr."
	}
	j := s.next(end)
	dashed := false
	if s.sep(end+1) == '-' && s.adj(end, end+1) && s.adj(end+1, end+2) {
		j, dashed = end+2, true
	}
	if end > i && j < 0 && s.isWord(end+1) {
		j = end + 1
	}
	if j < 0 {
		return -1
	}
	capital := s.t[i].Has(text.Upper) || s.caseless()
	// a day
	dv, ordinal := -1, false
	if v, l := s.num(j); v >= 1 && v <= 31 && l <= 2 {
		dv = v
	} else if s.isWord(j) && s.t[j].Flags&text.AllDigit == 0 && s.t[j].Flags&text.HasDigit != 0 {
		w := s.t[j].Lower
		p := 0
		for p < len(w) && isDigit(w[p]) {
			p++
		}
		if p >= 1 && p <= 2 && ordSuffix.Has(w[p:]) {
			if v := s.dayVal(j); v >= 1 && v <= 31 {
				dv, ordinal = v, true
			}
		}
	}
	if dv > 0 && !ordinal && s.adj(j, j+1) && ordSuffix.Has(s.low(j+1)) {
		j, ordinal = j+1, true // "#July4th" splits as July|4|th
	}
	if dv > 0 && s.dayFollowOK(j) {
		e := j
		// "Jan 5-7"
		if s.sep(e+1) == '-' && s.adj(e, e+1) && s.adj(e+1, e+2) {
			if v, l := s.num(e + 2); v >= 1 && v <= 31 && l <= 2 && !s.adj(e+2, e+3) {
				e += 2
			}
		}
		y := s.yearAfter(e, dashed)
		if ambig && !capital && y < 0 && !ordinal {
			return -1
		}
		if m == 5 && !capital && y < 0 {
			return -1 // "may 2" is too often a verb before a number
		}
		score := 0.9
		if y >= 0 {
			e, score = y, 0.95
		}
		if e2 := s.clock(e + 1); e2 >= 0 && y >= 0 {
			s.emit(detect.Date, SubDateTime, i, e2, 0.95, "")
			return e2
		}
		s.emit(detect.Date, SubMonthDay, i, e, score, "")
		return e
	}
	// a year: "July 2023", "July of 2023", "July, 2023"
	y := j
	if s.low(y) == "of" && !dashed {
		y = s.next(y)
	} else if s.sep(end+1) == ',' {
		y = end + 2
	}
	if v, l := s.num(y); l == 4 && validYear(v, 4) && v >= 1900 && !s.glued(y) {
		if ambig && !capital {
			return -1
		}
		s.emit(detect.Date, SubMonthYear, i, y, 0.85, "")
		return y
	}
	return -1
}

// dayFollowOK reports whether a day number at token j is not in fact a
// quantity ("may 5 mg", "dec 2.5", "mar 10%").
func (s *scan) dayFollowOK(j int) bool {
	if s.adj(j, j+1) {
		switch s.sep(j + 1) {
		case '.':
			if s.adj(j+1, j+2) && s.isWord(j+2) {
				return false
			}
		case ':':
			// "mar 10:30" is a time; "Jan 8: 34F" is a date before a colon
			if s.adj(j+1, j+2) {
				return false
			}
		case '%', '/', 'x':
			return false
		}
	}
	n := s.next(j)
	return n < 0 || !unitNext.Has(s.low(n)) || s.low(n) == "of"
}

// weekday handles "Tuesday", "last Tuesday", "on Sat", "Tue 7/22".
func (s *scan) weekday(i int, full bool) int {
	start, cue := i, ""
	if p := s.prev(i); p >= 0 && s.free(p) {
		lp := s.low(p)
		switch {
		case weekdayMod.Has(lp):
			start, cue = p, lp
			if lp == "past" || lp == "coming" {
				if pp := s.prev(p); s.low(pp) == "this" && s.free(pp) {
					start = pp
				}
			}
		case weekdayCue.Has(lp):
			cue = lp
		}
	}
	if !full {
		lw := s.low(i)
		if (lw == "sun" || lw == "sat" || lw == "wed" || lw == "mon") && !s.t[i].Has(text.Upper) && !s.d.Lowerish {
			return -1
		}
		if s.t[i].Has(text.AllUpper) && !s.d.Upperish && len(lw) == 3 && cue == "" {
			// "SAT" is saturation, "SUN" a newspaper
			return -1
		}
	}
	// a date right after: "Tuesday, July 22", "Tue 7/22"
	j := i + 1
	if s.sep(j) == '.' && s.adj(i, j) {
		j++
	}
	if s.sep(j) == ',' {
		j++
	}
	if s.isWord(j) && s.free(j) {
		before := len(s.out)
		var e int
		if s.t[j].Flags&text.HasDigit != 0 {
			if s.t[j].Flags&text.AllDigit != 0 {
				e = s.number(j)
			} else {
				e = s.mixed(j)
			}
		} else if m, ambig := s.monthAt(j); m > 0 {
			e = s.month(j, m, ambig)
		} else {
			e = -1
		}
		if len(s.out) > before && s.out[before].Start == s.t[j].Start {
			s.out[before].Start = s.t[start].Start
			if s.out[before].Score < 0.9 {
				s.out[before].Score = 0.9
			}
			return max(e, i)
		}
		if len(s.out) > before {
			// something else was found further on; keep it, drop the weekday
			return max(e, i)
		}
	}
	if n := s.next(i); !full && (cue == "" || s.isWord(n) && s.t[n].Flags&text.AllDigit != 0) {
		return -1 // "on SAT 97%"
	}
	end := i
	if n := s.next(i); n >= 0 && dayPart.Has(s.low(n)) {
		end = n
	}
	score := 0.7
	switch {
	case weekdayMod.Has(cue):
		score = 0.85
	case cue != "":
		score = 0.75
	}
	if !full {
		score -= 0.1
	}
	s.emit(detect.Date, SubWeekday, start, end, score, cue)
	return end
}

// holiday handles "Christmas Eve", "New Year's Day", "Thanksgiving 2019".
func (s *scan) holiday(i int) int {
	alts := holidays[s.low(i)]
	best, alone := -1, false
	for _, alt := range alts {
		if alt[0] == "" {
			if best < 0 {
				best, alone = i, true
			}
			continue
		}
		j, okAll := i, true
		for _, w := range alt {
			n := s.next(j)
			if n < 0 && s.sep(j+1) == '.' && s.adj(j, j+1) {
				n = s.next(j + 1) // "St. Patrick's"
			}
			if n < 0 || s.low(n) != w {
				okAll = false
				break
			}
			j = n
		}
		if okAll && j > best {
			best, alone = j, false
		}
	}
	if best < 0 {
		return -1
	}
	score := 0.8
	if alone {
		score = 0.65
		// "Christmas tree", "Easter egg": still the season, weaker
		if p := s.prev(i); p >= 0 {
			switch s.low(p) {
			case "on", "at", "over", "since", "after", "before", "for", "by", "until", "this", "last", "past":
				score = 0.8
			}
		}
	}
	end := best
	if n := s.next(end); n >= 0 {
		if v, l := s.num(n); l == 4 && validYear(v, 4) {
			end = n
		} else if dayPart.Has(s.low(n)) || s.low(n) == "day" || s.low(n) == "eve" {
			end = n
		}
	}
	s.emit(detect.Date, SubHoliday, i, end, score, "")
	return end
}

// relative handles the heads of relative-day and time phrases.
func (s *scan) relative(i int) int {
	w := s.low(i)
	p := s.prev(i)
	lp := ""
	if p >= 0 && s.free(p) {
		lp = s.low(p)
	} else {
		p = -1
	}
	switch w {
	case "yesterday", "tomorrow":
		start, score := i, 0.7
		if w == "tomorrow" {
			score = 0.4
		}
		link := "before"
		if w == "tomorrow" {
			link = "after"
		}
		if lp == link {
			if d := s.prev(p); s.low(d) == "day" && s.free(d) {
				start, score = d, score+0.1
				if t := s.prev(d); s.low(t) == "the" && s.free(t) {
					start = t
				}
			}
		}
		end := i
		if n := s.next(i); n >= 0 && dayPart.Has(s.low(n)) {
			end = n
		}
		s.emit(detect.Date, SubRelative, start, end, score, w)
		return end
	case "ago":
		return s.ago(i)
	case "weekend":
		switch lp {
		case "past":
			start := p
			if pp := s.prev(p); s.low(pp) == "this" && s.free(pp) {
				start = pp
			}
			s.emit(detect.Date, SubRelative, start, i, 0.7, lp)
			return i
		case "last":
			s.emit(detect.Date, SubRelative, p, i, 0.7, lp)
			return i
		case "this":
			s.emit(detect.Date, SubRelative, p, i, 0.5, lp)
			return i
		case "the":
			if pp := s.prev(p); (s.low(pp) == "over" || s.low(pp) == "during") && s.free(pp) {
				s.emit(detect.Date, SubRelative, pp, i, 0.6, s.low(pp))
				return i
			}
		}
	case "week":
		switch lp {
		case "last":
			s.emit(detect.Date, SubRelative, p, i, 0.4, lp)
			return i
		case "this":
			if pp := s.prev(p); (s.low(pp) == "earlier" || s.low(pp) == "later") && s.free(pp) {
				s.emit(detect.Date, SubRelative, pp, i, 0.5, lp)
				return i
			}
		case "past":
			if pp := s.prev(p); s.low(pp) == "this" && s.free(pp) {
				s.emit(detect.Date, SubRelative, pp, i, 0.4, lp)
				return i
			}
		}
	case "month":
		if lp == "last" {
			s.emit(detect.Date, SubRelative, p, i, 0.3, lp)
			return i
		}
	case "night", "day":
		if lp == "last" && w == "night" {
			s.emit(detect.Other, SubTimeRef, p, i, 0.5, lp)
			return i
		}
		if lp == "other" {
			if pp := s.prev(p); s.low(pp) == "the" && s.free(pp) {
				s.emit(detect.Date, SubRelative, pp, i, 0.5, "the other")
				return i
			}
		}
	case "morning", "afternoon", "evening":
		if lp == "this" {
			start := p
			if pp := s.prev(p); (s.low(pp) == "earlier" || s.low(pp) == "later") && s.free(pp) {
				start = pp
			}
			s.emit(detect.Other, SubTimeRef, start, i, 0.5, lp)
			return i
		}
	case "tonight":
		start := i
		if lp == "earlier" || lp == "later" {
			start = p
		}
		s.emit(detect.Other, SubTimeRef, start, i, 0.5, w)
		return i
	case "today":
		if lp == "earlier" || lp == "later" {
			s.emit(detect.Other, SubTimeRef, p, i, 0.5, lp)
			return i
		}
		s.emit(detect.Other, SubTimeRef, i, i, 0.15, w)
		return i
	case "now":
		if lp == "just" {
			s.emit(detect.Other, SubTimeRef, p, i, 0.4, lp)
			return i
		}
	}
	return -1
}

// ago handles "two days ago", "an hour ago", "a couple of weeks ago", "3d ago".
func (s *scan) ago(i int) int {
	u := s.prev(i)
	if u < 0 || !s.free(u) {
		return -1
	}
	cls := agoUnit[s.low(u)]
	start := u
	if cls == 0 {
		// "3d ago", "2wks ago"
		w := s.t[u].Lower
		p := 0
		for p < len(w) && isDigit(w[p]) {
			p++
		}
		if p == 0 || p > 3 || p == len(w) {
			return -1
		}
		cls = agoUnit[w[p:]]
		if cls == 0 {
			return -1
		}
	} else if q := s.prev(u); q >= 0 && s.free(q) {
		lq := s.low(q)
		if lq == "of" {
			if c := s.prev(q); s.low(c) == "couple" && s.free(c) {
				q, lq = c, "couple"
			}
		}
		if v, l := s.num(q); v >= 0 && l <= 3 {
			start = q
		} else if w, ok := lookupWord(lq); ok && w.kind&kNumWord != 0 || agoQty.Has(lq) {
			start = q
			if t := s.prev(q); t >= 0 && s.free(t) {
				lt := s.low(t)
				if (lq == "few" || lq == "couple") && lt == "a" {
					start = t
				} else if w, ok := lookupWord(lt); ok && w.kind&kNumWord != 0 && w.val >= 20 {
					start = t // "twenty two days ago"
				}
			}
		}
	}
	switch cls {
	case 1:
		s.emit(detect.Date, SubRelative, start, i, 0.7, "ago")
	case 2:
		s.emit(detect.Date, SubRelative, start, i, 0.5, "ago")
	case 3:
		s.emit(detect.Date, SubRelative, start, i, 0.4, "ago")
	case 4:
		s.emit(detect.Other, SubTimeRef, start, i, 0.5, "ago")
	default:
		return -1
	}
	return i
}

// ageWord handles "aged 92", "age 95", "age: 95", "at the age of 95".
func (s *scan) ageWord(i int) int {
	j := i + 1
	if s.sep(j) == ':' || s.sep(j) == '=' {
		j++
	} else {
		j = s.next(i)
	}
	if s.low(j) == "of" && !turnWord.Has(s.low(i)) {
		j = s.next(j)
	}
	if !s.isWord(j) || !s.free(j) {
		return -1
	}
	v, l := s.num(j)
	end := j
	if v < 0 {
		if lw := s.low(i); lw != "aged" && s.low(s.prev(j)) != "of" {
			return -1 // "the First Age one"
		}
		v, end = s.parseNumberWords(j)
		if v < 0 {
			return -1
		}
	} else if l > 3 {
		return -1
	}
	if v < 1 || v > 130 {
		return -1
	}
	// "ages 18-65", "age 2.5", "gestational age 32 weeks"
	if s.adj(end, end+1) && s.sep(end+1) != ',' && s.sep(end+1) != ';' && s.sep(end+1) != ')' {
		if s.sep(end+1) != '.' || s.adj(end+1, end+2) {
			return -1
		}
	}
	lw, score := s.low(i), 0.9
	n := s.next(end)
	switch s.low(n) {
	case "to", "and", "weeks", "wks", "wk", "days", "months", "mos", "mo", "percent", "%", "or", "degrees", "hours",
		"minutes", "times", "pages", "points", "miles", "km":
		return -1
	}
	if turnWord.Has(lw) {
		// "just turned 95." but not "turned 90 degrees"
		if n >= 0 && !turnNext.Has(s.low(n)) {
			return -1
		}
		score = 0.75
	}
	s.emit(detect.Age, ageSub(v), j, end, score, lw)
	return end
}

// parseNumberWords reads "ninety", "ninety-two", "one hundred and two",
// "a hundred" starting at token i; it returns the value and the last token,
// or -1.
func (s *scan) parseNumberWords(i int) (int, int) {
	lw := s.low(i)
	w, ok := lookupWord(lw)
	if lw == "a" || lw == "an" {
		w, ok = winfo{kind: kNumWord, val: 1}, true
		if s.low(s.next(i)) != "hundred" {
			return -1, -1
		}
	}
	if !ok || w.kind&kNumWord == 0 {
		return -1, -1
	}
	v, last := int(w.val), i
	if v == 100 {
		return -1, -1 // "hundred" alone
	}
	addUnit := func() {
		j := last + 1
		if s.sep(j) == '-' && s.adj(last, j) && s.adj(j, j+1) {
			j++
		} else {
			j = s.next(last)
		}
		if u, ok := lookupWord(s.low(j)); ok && u.kind&kNumWord != 0 && u.val < 10 {
			v += int(u.val)
			last = j
		}
	}
	if v >= 20 && v%10 == 0 {
		addUnit()
	}
	if v < 10 {
		if h := s.next(last); s.low(h) == "hundred" {
			v *= 100
			last = h
			rest := s.next(h)
			if s.low(rest) == "and" {
				rest = s.next(rest)
			}
			if u, ok := lookupWord(s.low(rest)); ok && u.kind&kNumWord != 0 && u.val < 100 {
				v += int(u.val)
				last = rest
				if u.val >= 20 && u.val%10 == 0 {
					addUnit()
				}
			}
		}
	}
	return v, last
}

// numberWords handles ages written out: "ninety-two-year-old".
func (s *scan) numberWords(i int) int {
	v, last := s.parseNumberWords(i)
	if v < 1 || v > 130 {
		return -1
	}
	if e := s.ageAfter(i, last, v, true); e >= 0 {
		return e
	}
	return -1
}

// ordinalWord handles "the fourth of July", "twenty-first of May".
func (s *scan) ordinalWord(i, v int) int {
	first := i
	// "twenty-first"
	if i >= 2 && s.sep(i-1) == '-' && s.adj(i-2, i-1) && s.adj(i-1, i) && s.free(i-2) {
		if w := s.low(i - 2); w == "twenty" || w == "thirty" {
			first = i - 2
			if w == "twenty" {
				v += 20
			} else {
				v += 30
			}
		}
	}
	if v > 31 {
		return -1
	}
	n := s.next(i)
	if s.low(n) != "of" {
		return -1
	}
	m, _ := s.monthAt(s.next(n))
	if m == 0 {
		return -1
	}
	end := s.next(n)
	sub := SubMonthDay
	if v == 4 && m == 7 {
		sub = SubHoliday
	}
	if y := s.yearAfter(end, false); y >= 0 {
		end = y
	}
	s.emit(detect.Date, sub, first, end, 0.85, "")
	return end
}

// mergeRanges joins date candidates separated only by a dash or "to"
// ("Jan 5 - Jan 7", "7/22 to 7/25") into one span.
func (s *scan) mergeRanges(base int) {
	c := s.out
	w := base
	for r := base; r < len(c); r++ {
		if w > base {
			p := &c[w-1]
			if p.Type == detect.Date && c[r].Type == detect.Date && p.End <= c[r].Start && rangeGap(s.d.Src[p.End:c[r].Start]) {
				p.End = c[r].End
				if c[r].Score > p.Score {
					p.Score = c[r].Score
				}
				continue
			}
		}
		c[w] = c[r]
		w++
	}
	s.out = c[:w]
}

func rangeGap(g string) bool {
	if len(g) > 12 {
		return false
	}
	g = strings.TrimSpace(g)
	switch g {
	case "-", "–", "—", "to", "through", "thru", "until", "till", "->":
		return true
	}
	return false
}

// agoBefore are the words before a count of years that make it a span
// of time, not an age: "il y a 20 ans", "hace 20 años", "há 20 anos",
// "depuis 20 ans", "desde hace", "sinds 20 jaar".
var agoBefore = map[string]bool{"a": true, "hace": true, "desde": true, "depuis": true, "há": true, "ha": true, "sinds": true, "voor": true, "vor": true, "seit": true, "fa": true, "da": true, "pendant": true, "durante": true, "por": true, "en": true, "dans": true, "em": true, "mewn": true, "ers": true, "am": true}
