package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// A Doc parsed into again cuts each Norm from the room the last one left
// in its buffer, and Lower forms view Norm: the strings of every earlier
// parse (Norm, the tokens' Lower forms) keep their bytes through the
// later ones, short and long texts, hashtags that make Norm outgrow the
// text, and texts longer than a chunk, taken by plain or not.
func TestNormOutlivesLaterParses(t *testing.T) {
	type kept struct{ s, copy string }
	var all []kept
	keep := func(s string) { all = append(all, kept{s, strings.Clone(s)}) }
	r := rand.New(rand.NewPCG(9, 10))
	d := new(Doc)
	for k := range 3000 {
		var s string
		switch r.IntN(5) {
		case 0:
			s = strings.Repeat("#AbCdEf ", 1+r.IntN(40)) // Norm grows past the text
		case 1:
			s = strings.Repeat(randomText(r, 20)+" ", 1+r.IntN(60)) // up to several chunks
		default:
			s = randomText(r, 1+r.IntN(40))
		}
		d = parseInto(d, s, k%3 != 0)
		keep(d.Norm)
		for i := range d.Tokens {
			keep(d.Tokens[i].Lower)
		}
	}
	for _, x := range all {
		if x.s != x.copy {
			t.Fatalf("a string of an earlier parse changed: %q, was %q", x.s, x.copy)
		}
	}
}
