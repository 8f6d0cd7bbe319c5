package lexicon

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/text"
)

func TestPhrasesFindOnWordBoundaries(t *testing.T) {
	p := NewPhrases([]string{"New York", "York", "St. Brigid's", "new yorker", ""})
	d := text.Parse("Moved from NEW YORK to st brigid's; the New Yorker said yorkshire.")
	got := map[string]int{}
	for _, m := range p.Find(d, nil) {
		got[d.Span(m.First, m.Last)]++
	}
	want := map[string]int{"NEW YORK": 1, "YORK": 1, "st brigid's": 1, "New Yorker": 1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: got %d matches, want %d (all: %v)", k, got[k], v, got)
		}
	}
	if got["yorkshire"] != 0 || len(got) != len(want) {
		t.Errorf("unexpected matches: %v", got)
	}
}
