package dates

import (
	"strconv"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// appositiveAges finds an age written as an apposition after a name or
// initials: "Pt J.T., 67, back in clinic", "Mrs. Lopez, 92, was ...".
// The number must stand alone between commas right after a capitalised
// word or an initial, and be a plausible age.
// numbers are the indexes of the all-digit words of d (marks.numbers).
func appositiveAges(d *text.Doc, out []detect.Candidate, numbers []int32) []detect.Candidate {
	t := d.Tokens
	for _, n := range numbers {
		i := int(n)
		tk := &t[i]
		if i < 2 || i+1 >= len(t) || tk.End-tk.Start > 3 {
			continue
		}
		if !d.IsPunct(i-1, ',') || !d.IsPunct(i+1, ',') {
			continue
		}
		// the word before the comma (skipping the period of an initial)
		p := i - 2
		if d.IsPunct(p, '.') {
			p--
		}
		if p < 0 || t[p].Kind != text.Word || t[p].Flags&text.Upper == 0 || t[p].Flags&text.HasDigit != 0 {
			continue
		}
		if !personBefore(d, p) {
			continue
		}
		n, err := strconv.Atoi(d.Src[tk.Start:tk.End])
		if err != nil || n < 1 || n > 115 {
			continue
		}
		if overlaps(out, tk.Start, tk.End) {
			continue
		}
		sub := SubAge
		if n > 89 {
			sub = SubOver89
		}
		out = append(out, detect.Candidate{Type: detect.Age, Sub: sub, Start: tk.Start, End: tk.End, Score: 0.6, Cue: "apposition"})
	}
	return out
}

// personBefore reports whether the capitalised word at p is part of a
// person reference: initials ("J.T."), or a title or patient word within
// the three tokens before it ("Mrs. Lopez", "Pt Jayden").
func personBefore(d *text.Doc, p int) bool {
	if d.Tokens[p].End-d.Tokens[p].Start == 1 {
		return true
	}
	for k := p - 1; k >= 0 && k >= p-3; k-- {
		switch d.Tokens[k].Lower {
		case "mr", "mrs", "ms", "miss", "mx", "dr", "pt", "patient", "pts", "my", "our":
			return true
		}
	}
	return false
}

func overlaps(cs []detect.Candidate, a, b int) bool {
	for _, c := range cs {
		if c.Start < b && c.End > a {
			return true
		}
	}
	return false
}
