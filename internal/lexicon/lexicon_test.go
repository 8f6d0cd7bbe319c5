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

func TestGazetteerMatchesLikePhrases(t *testing.T) {
	list := []string{"New York", "York", "St. Brigid's", "new yorker", "Harlan Falls", ""}
	g := NewGazetteer(list)
	d := text.Parse("Moved from NEW YORK to st brigid's; the New Yorker from harlan falls said yorkshire.")
	got := map[string]int{}
	for _, m := range g.Find(d, nil) {
		got[d.Span(m.First, m.Last)]++
		if list[m.Pattern] == "" {
			t.Fatal("empty entry matched")
		}
	}
	want := map[string]int{"NEW YORK": 1, "YORK": 1, "st brigid's": 1, "New Yorker": 1, "harlan falls": 1}
	if len(got) != len(want) {
		t.Fatalf("got %v want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: %d matches, want %d", k, got[k], v)
		}
	}
	// joining punctuation is allowed inside an entry, other punctuation breaks it
	if ms := g.Find(text.Parse("St. Brigid's"), nil); len(ms) != 1 {
		t.Errorf("St. Brigid's: %d matches", len(ms))
	}
	if ms := g.Find(text.Parse("New, York"), nil); len(ms) != 1 {
		t.Errorf("New, York: %d matches, want only York", len(ms))
	}
}

func TestPhrasesDuplicatesAndEmoji(t *testing.T) {
	p := NewPhrases([]string{"patient", "Patient", "🍷", "wine o'clock"})
	d := text.Parse("my patient said wine o’clock 🍷")
	got := map[int]bool{}
	for _, m := range p.Find(d, nil) {
		got[m.Pattern] = true
	}
	if !got[0] || !got[1] || !got[2] {
		t.Errorf("every list entry must report its own match: %v", got)
	}
}

// FindKeys reports a phrase held by several entries once; Patterns lists
// the entries in list order, and expanding the keys gives exactly Find.
func TestPhrasesFindKeysGroupsEntries(t *testing.T) {
	list := []string{"patient", "my patient", "Patient", "St. Brigid's", "st brigid's", "York", "patient"}
	p := NewPhrases(list)
	d := text.Parse("My patient from St. Brigid's in york; patient again")
	keys := p.FindKeys(d, nil)
	var expanded []Match
	seen := map[[2]int]bool{}
	for _, k := range keys {
		at := [2]int{k.First, k.Last}
		if seen[at] {
			t.Errorf("span %v reported twice", at)
		}
		seen[at] = true
		for _, i := range p.Patterns(k.Pattern) {
			expanded = append(expanded, Match{Pattern: int(i), First: k.First, Last: k.Last})
		}
	}
	all := p.Find(d, nil)
	if len(all) != len(expanded) {
		t.Fatalf("Find gave %d matches, the expanded keys %d", len(all), len(expanded))
	}
	for i := range all {
		if all[i] != expanded[i] {
			t.Errorf("match %d: Find %v, keys %v", i, all[i], expanded[i])
		}
	}
	// "patient" twice in the text, each holding entries 0, 2 and 6
	n := 0
	for _, k := range keys {
		if d.Span(k.First, k.Last) == "patient" {
			n++
			if got := p.Patterns(k.Pattern); len(got) != 3 || got[0] != 0 || got[1] != 2 || got[2] != 6 {
				t.Errorf("patient key holds %v, want [0 2 6]", got)
			}
		}
	}
	if n != 2 || len(keys) != 5 {
		t.Errorf("%d patient keys of %d keys, want 2 of 5", n, len(keys))
	}
	if p.Patterns(-1) != nil || p.Patterns(p.NumKeys()) != nil {
		t.Error("a number that is no key holds entries")
	}
}

func BenchmarkPhrases15k(b *testing.B) {
	var pats []string
	for i := 0; i < 15000; i++ {
		pats = append(pats, "word"+itoa(i)+" other"+itoa(i*7)+" thing")
	}
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			NewPhrases(pats)
		}
	})
	p := NewPhrases(pats)
	d := text.Parse("the word12 other84 thing and more text here for the test, with a few more words to make a post")
	b.Run("find", func(b *testing.B) {
		b.SetBytes(int64(len(d.Src)))
		var buf []Match
		for i := 0; i < b.N; i++ {
			buf = p.Find(d, buf[:0])
		}
	})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// gazKey's shortcut for plain entries gives exactly what the tokenizer
// gives.
func FuzzGazKey(f *testing.F) {
	for _, s := range []string{"McConnell", "ICU", "Chuck Schumer", "iPhone", " ABCs 2 ", "COVID19", "a  b", "don't", "GLP-1", "St. Brigid's", "", " ", "X", "ÀB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := gazKey(s), PhraseKey(s); got != want {
			t.Fatalf("gazKey(%q) = %q, the tokenizer gives %q", s, got, want)
		}
	})
}
