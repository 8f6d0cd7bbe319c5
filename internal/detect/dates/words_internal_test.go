package dates

import (
	"strings"
	"testing"
)

// TestMaybeWordPassesTriggers checks that the prefilter lets every trigger
// word through, with a typographic apostrophe too, and what lookupWord
// finds agrees with the words map.
func TestMaybeWordPassesTriggers(t *testing.T) {
	for w, e := range words {
		for _, v := range []string{w, strings.ReplaceAll(w, "'", "’")} {
			if !maybeWord(v) {
				t.Errorf("maybeWord(%q) = false", v)
			}
		}
		if got, ok := lookupWord(w); !ok || got != e {
			t.Errorf("lookupWord(%q) = %v, %v; want %v", w, got, ok, e)
		}
	}
	for _, w := range []string{"", strings.Repeat("a", maxWordLen+1)} {
		if maybeWord(w) {
			t.Errorf("maybeWord(%q) = true", w)
		}
	}
}
