package places

import "testing"

// TestWordSet: a wordSet answers as the map it was built from, for its
// words, their prefixes and extensions, and words longer than sixteen bytes.
func TestWordSet(t *testing.T) {
	m := map[string]bool{"i": false, "st": true, "avenue": true, "boulevards": true,
		"sixteen-letters!": true, "seventeen-letters": true, "a": true}
	for w := range stop {
		m[w] = true
	}
	ws := newWordSet(m)
	probe := []string{"", "s", "ave", "avenuex", "boulevard", "boulevardss", "sixteen-letters", "seventeen-letter", "seventeen-letterss", "\x00", "a\x00"}
	for w := range m {
		probe = append(probe, w, w+"s", w[:len(w)-1])
	}
	for _, w := range probe {
		if got := ws.Has(w); got != m[w] {
			t.Errorf("has(%q) = %v, want %v", w, got, m[w])
		}
	}
}

// TestCue1Set: the rules test membership in cue1, and its set holds only
// the words with a non-zero value.
func TestCue1Set(t *testing.T) {
	for w := range cue1 {
		if !cue1W.Has(w) {
			t.Errorf("cue1W lacks %q (a zero value?)", w)
		}
	}
}
