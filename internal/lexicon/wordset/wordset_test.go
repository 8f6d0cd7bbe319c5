package wordset

import "testing"

// A Map answers as the Go map it was built from, for its words, their
// prefixes and extensions, long words, NUL bytes and the empty word.
func TestMapAgreesWithGoMap(t *testing.T) {
	m := map[string]int{"i": 0, "st": 2, "avenue": 3, "boulevards": 4,
		"sixteen-letters!": 5, "seventeen-letters": 6, "a": 7, "a\x00": 8}
	for i := 0; i < 200; i++ {
		m["w"+string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	for _, withEmpty := range []bool{false, true} {
		if withEmpty {
			m[""] = 9
		}
		t2 := New(m)
		probe := []string{"", "s", "ave", "avenuex", "boulevard", "sixteen-letters", "seventeen-letter", "\x00", "a\x00\x00"}
		for w := range m {
			probe = append(probe, w, w+"s")
			if w != "" {
				probe = append(probe, w[:len(w)-1])
			}
		}
		for _, w := range probe {
			want, wok := m[w]
			got, ok := t2.Get(w)
			if got != want || ok != wok || t2.Has(w) != wok || t2.Value(w) != want {
				t.Errorf("Get(%q) = %d, %v; want %d, %v", w, got, ok, want, wok)
			}
		}
	}
	var zero Map[int]
	if zero.Has("x") || zero.Has("") {
		t.Error("the zero Map has keys")
	}
	if s := Of("x", "y"); !s.Has("x") || s.Has("z") {
		t.Error("Of")
	}
}

func FuzzGet(f *testing.F) {
	f.Add("avenue")
	s := Of("st", "avenue", "a", "")
	f.Fuzz(func(t *testing.T, w string) {
		want := w == "st" || w == "avenue" || w == "a" || w == ""
		if s.Has(w) != want {
			t.Fatalf("Has(%q) = %v", w, !want)
		}
	})
}
