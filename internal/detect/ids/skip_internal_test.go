package ids

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

var skipTexts = []string{
	"MRN 12345-JS, #EM-345678, UCLA-T1D-2023, #CS123456 and 123 45 6789", "BP 120/80 HR 88 5mg 10am x2 AB1 a-1 1-2-3",
	"SSN 078 05 1120, card 4111 1111 1111 1111, 12 3", "#12 ab-c 1 2 3 4 5 6", "x١٢٣ ٣ 12\xff", "1", "a-", "-1", "GB82 WEST 1234 5698 7654 32",
}

// TestShortCodeNotClassified checks that classify takes none of the codes
// shortCode turns away.
func TestShortCodeNotClassified(t *testing.T) {
	short := 0
	forTexts(t, func(d *text.Doc) {
		for i := range d.Tokens {
			var c code
			if d.Tokens[i].Kind != text.Word || !readCode(d.Src, d.Tokens[i].Start, &c) || !shortCode(d.Src, &c) {
				continue
			}
			short++
			if cand, ok := classify(d, i, &c); ok {
				t.Fatalf("%q: classify takes short code %q", d.Src, d.Src[cand.Start:cand.End])
			}
		}
	})
	if short == 0 {
		t.Fatal("no short codes")
	}
}

func forTexts(t *testing.T, f func(*text.Doc)) {
	t.Helper()
	for _, s := range skipTexts {
		f(text.Parse(s))
	}
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "presidio-synth.dev.input.jsonl"} {
		for _, s := range detecttest.EvalTexts(t, name) {
			f(text.Parse(s))
		}
	}
}
