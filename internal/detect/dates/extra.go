package dates

import (
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// extraDates covers forms the main scanner leaves: a numeric date glued to
// a word ("fx4/97", "on10/14/82"), a year written after a period
// ("11/21.93"), and a month named on its own after a time preposition
// ("admitted in sept.", "since March"), since a month is an element of a
// date under Safe Harbor.
func extraDates(d *text.Doc, out []detect.Candidate, m *marks) []detect.Candidate {
	t := d.Tokens
	for _, n := range m.words {
		i := int(n)
		tk := &t[i]
		// glued: letters then digits, then /digits
		if tk.Flags&text.HasLetter != 0 && tk.Flags&text.HasDigit != 0 && d.IsPunct(i+1, '/') && d.Adjacent(i, i+1) {
			w := d.Src[tk.Start:tk.End]
			k := len(w)
			for k > 0 && w[k-1] >= '0' && w[k-1] <= '9' {
				k--
			}
			if k > 0 && k < len(w) && len(w)-k <= 2 && allLetters(w[:k]) {
				if end, ok := slashTail(d, i+1); ok {
					out = addDate(out, tk.Start+k, end, SubNumeric, 0.85, "glued")
				}
			}
			continue
		}
		// month alone after a time preposition
		if i > 0 && monthAlone(tk.Lower) {
			p := d.PrevWord(i, false)
			if p >= 0 && timePrep[t[p].Lower] && !(tk.Lower == "may" && tk.Flags&text.Upper == 0) {
				end := tk.End
				if d.IsPunct(i+1, '.') && d.Adjacent(i, i+1) && len(tk.Lower) <= 4 {
					end = t[i+1].End // "sept."
				}
				out = addDate(out, tk.Start, end, "month", 0.6, t[p].Lower)
			}
		}
	}
	// "11/21.93" where the scanner read "21.93" as a decimal
	for _, n := range m.numbers {
		i := int(n)
		if i+4 >= len(t) || !d.IsPunct(i+1, '/') || t[i+2].Flags&text.AllDigit == 0 || !d.IsPunct(i+3, '.') || t[i+4].Flags&text.AllDigit == 0 {
			continue
		}
		if !d.Adjacent(i, i+1) || !d.Adjacent(i+1, i+2) || !d.Adjacent(i+2, i+3) || !d.Adjacent(i+3, i+4) {
			continue
		}
		// not part of a run of measurements: "10.1/4.72/230", "6.9/3.22"
		if i > 0 && d.Adjacent(i-1, i) && t[i-1].Kind == text.Punct || i+5 < len(t) && d.Adjacent(i+4, i+5) && t[i+5].Kind == text.Punct && !d.IsPunct(i+5, ',') && !d.IsPunct(i+5, ';') {
			continue
		}
		m, dd, y := d.Src[t[i].Start:t[i].End], d.Src[t[i+2].Start:t[i+2].End], d.Src[t[i+4].Start:t[i+4].End]
		if len(m) <= 2 && len(dd) <= 2 && len(y) == 2 && atoi2(m) >= 1 && atoi2(m) <= 12 && atoi2(dd) >= 1 && atoi2(dd) <= 31 {
			out = addDate(out, t[i].Start, t[i+4].End, SubNumeric, 0.8, "m/d.yy")
		}
	}
	// "11/21.93": extend a numeric date by a period and a two-digit year
	for ci := range out {
		c := &out[ci]
		if c.Type != detect.Date || c.Sub != SubNumeric || c.End+3 > len(d.Src) {
			continue
		}
		tail := d.Src[c.End:]
		if tail[0] == '.' && isDigit(tail[1]) && isDigit(tail[2]) && (len(tail) == 3 || !isDigit(tail[3])) && strings.Count(d.Src[c.Start:c.End], "/") == 1 {
			c.End += 3
		}
	}
	return out
}

// marks are the tokens that the main scan and the passes after it look
// at, found in one walk over the tokens the tokeniser marked (text.Doc.Marks:
// the words with digits and the trigger words, given to text.Watch, among
// others), which also tests each word against the trigger-word prefilter
// once, instead of one walk per pass.
type marks struct {
	scan    []int32 // words the main scan acts on: with digits, or maybe a trigger word
	numbers []int32 // all-digit words
	words   []int32 // words that may start a glued date or be a month alone
}

var markPool = sync.Pool{New: func() any { return new(marks) }}

func (m *marks) mark(d *text.Doc) {
	m.scan, m.numbers, m.words = m.scan[:0], m.numbers[:0], m.words[:0]
	for _, n := range d.Marks {
		i := int(n)
		tk := &d.Tokens[i]
		if tk.Kind != text.Word {
			continue
		}
		if tk.Flags&text.HasDigit != 0 {
			m.scan = append(m.scan, int32(i))
			switch {
			case tk.Flags&text.AllDigit != 0:
				m.numbers = append(m.numbers, int32(i))
			case tk.Flags&text.HasLetter != 0 || monthAlone(tk.Lower):
				m.words = append(m.words, int32(i))
			}
			continue
		}
		if !maybeWord(tk.Lower) {
			// no trigger word, so no month either (monthAlone)
			if tk.Flags&text.AllDigit != 0 {
				m.numbers = append(m.numbers, int32(i))
			}
			continue
		}
		m.scan = append(m.scan, int32(i))
		switch {
		case tk.Flags&text.AllDigit != 0:
			m.numbers = append(m.numbers, int32(i))
		case monthName(tk.Lower):
			m.words = append(m.words, int32(i))
		}
	}
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// slashTail reads "/dd" or "/dd/yy(yy)" starting at the slash token.
func slashTail(d *text.Doc, slash int) (int, bool) {
	t := d.Tokens
	n := slash + 1
	if n >= len(t) || !d.Adjacent(slash, n) || t[n].Flags&text.AllDigit == 0 || t[n].End-t[n].Start > 4 {
		return 0, false
	}
	end := t[n].End
	if d.IsPunct(n+1, '/') && d.Adjacent(n, n+1) && n+2 < len(t) && d.Adjacent(n+1, n+2) && t[n+2].Flags&text.AllDigit != 0 {
		end = t[n+2].End
	}
	return end, true
}

func addDate(out []detect.Candidate, a, b int, sub string, score float64, cue string) []detect.Candidate {
	if overlaps(out, a, b) {
		return out
	}
	return append(out, detect.Candidate{Type: detect.Date, Sub: sub, Start: a, End: b, Score: score, Cue: cue})
}

// monthAlone reports a month name or abbreviation that names a month on
// its own ("mar" does not: it is too often the verb). It runs on every
// word: the trigger-word prefilter (all these are trigger words) turns
// nearly all of them away, and the rest meet a switch, where a map lookup
// per word cost a third of this detector's time.
func monthAlone(w string) bool {
	return maybeWord(w) && monthName(w)
}

// monthName is monthAlone without the prefilter.
func monthName(w string) bool {
	if len(w) < 3 || len(w) > 9 {
		return false
	}
	switch w {
	case "january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december",
		"jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

var timePrep = map[string]bool{
	"in": true, "since": true, "during": true, "until": true, "till": true, "by": true,
	"early": true, "late": true, "mid": true, "last": true, "this": true, "next": true,
}

func atoi2(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
