package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The tokeniser's stretch loop reads and writes without bounds checks (see
// plain): words of every length up to 40 bytes at every distance from the
// end of the text, before every kind of byte that ends a word, runs of
// short tokens, and hashtags that grow Norm, on reused and fresh Docs,
// must give the Doc of the general loop (and, under make test's checkptr
// run, touch nothing outside their buffers).
func TestStretchEdges(t *testing.T) {
	reuse := new([2]Doc)
	word := func(n int, up bool) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[i%36]
			if up && i%3 == 0 && b[i] >= 'a' {
				b[i] -= 32
			}
		}
		return string(b)
	}
	seps := []string{"", " ", ".", ". ", ",", "#", "@", "'", "\n", "é", "\xff", "-", ":", "!", "?", "_", "  "}
	var cases []string
	for n := 1; n <= 40; n++ {
		for pre := 0; pre <= 20; pre++ {
			for _, sep := range seps {
				for _, up := range []bool{false, true} {
					p := strings.Repeat("x", pre)
					cases = append(cases, p+" "+word(n, up)+sep)
					cases = append(cases, p+" "+word(n, up)+sep+word(n, up))
					cases = append(cases, word(n, up)+sep+p)
					cases = append(cases, strings.Repeat(word(n, up)+sep, 1+40/n))
				}
			}
		}
	}
	for k := 1; k < 300; k++ {
		cases = append(cases, strings.Repeat("a.", k), strings.Repeat(".", k), strings.Repeat("#aB", k)+strings.Repeat(" ab", k),
			strings.Repeat("#AbCdEfGh", k)+strings.Repeat(" abcdefghijklmnopqrstu.", k),
			strings.Repeat("a ", k)+strings.Repeat("b.", k), strings.Repeat("#aBcD#eF ", k)+strings.Repeat("x.y,", k))
	}
	for _, s := range cases {
		checkPlain(t, s, reuse)
		checkPlain(t, s, nil)
	}
	// reused docs from small to big and back, random
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		s := cases[r.IntN(len(cases))]
		if r.IntN(2) == 0 {
			s = randomText(r, 1+r.IntN(200))
		}
		checkPlain(t, s, reuse)
		d := Get(s)
		Put(d)
	}
}
