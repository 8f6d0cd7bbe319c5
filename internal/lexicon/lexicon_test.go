package lexicon

import (
	"math/rand/v2"
	"slices"
	"strings"
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

// Words that mix letters and digits are also read as leetspeak: "sh1t"
// finds "shit", but short forms ("5am", "b12") are left alone, and a word
// in a phrase as written is not read again.
func TestPhrasesReadLeetspeak(t *testing.T) {
	p := NewPhrases([]string{"shitshow", "bag of dicks", "sam", "covid19"})
	d := text.Parse("what a sh1tsh0w, eat a bag of d1cks; 5am on the covid19 ward")
	var got []string
	for _, m := range p.Find(d, nil) {
		got = append(got, d.Span(m.First, m.Last))
	}
	want := []string{"sh1tsh0w", "bag of d1cks", "covid19"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
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

// Find (FindKeys, expanded) gives what a brute-force matcher gives: every
// entry whose words occur in a row, by first word, then length, then list
// order; FindKeys reports each distinct phrase once per place.
func TestPhrasesFindMatchesBruteForce(t *testing.T) {
	vocab := []string{"my", "patient", "Patient", "in", "bed", "4", "St.", "Brigid's", "brigid", "don't", "go", "GLP-1", "the", "er"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(n int) string {
		ws := make([]string, 1+rng.IntN(n))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	for round := 0; round < 300; round++ {
		list := make([]string, 1+rng.IntN(30))
		for i := range list {
			list[i] = pick(3)
		}
		list = append(list, list[rng.IntN(len(list))]) // a duplicate entry
		p := NewPhrases(list)
		d := text.Parse(pick(25))
		checkFind(t, list, p, d)
		keys := p.FindKeys(d, nil)
		seen := map[[2]int]bool{}
		for _, k := range keys {
			if at := [2]int{k.First, k.Last}; seen[at] {
				t.Fatalf("span %v reported twice by FindKeys", at)
			} else {
				seen[at] = true
			}
		}
	}
	if p := NewPhrases([]string{"a"}); p.Patterns(-1) != nil || p.Patterns(p.NumKeys()) != nil {
		t.Error("a number that is no key holds entries")
	}
}

// FindKeys appends to out whatever room out has: the walks that run out
// of it go on once it has grown, and a word's matches are never split or
// repeated (here each word starts up to three).
func TestFindKeysOutOfRoom(t *testing.T) {
	p := NewPhrases([]string{"x", "x x", "x x x", "y x"})
	d := text.Parse(strings.Repeat("x x, y x x ", 12))
	want := p.FindKeys(d, nil)
	if len(want) < 3*len(d.Tokens)/2 {
		t.Fatalf("only %d matches", len(want))
	}
	prefix := []Match{{Pattern: -1}, {Pattern: -2}}
	for room := range len(want) + 3 {
		out := append(make([]Match, 0, len(prefix)+room), prefix...)
		got := p.FindKeys(d, out)
		if !slices.Equal(got[:len(prefix)], prefix) || !slices.Equal(got[len(prefix):], want) {
			t.Fatalf("with room for %d: %v, want %v after %v", room, got, want, prefix)
		}
	}
}

// checkFind fails t unless p (built from list) finds in d what a
// brute-force matcher over d's normalised word runs finds.
func checkFind(t *testing.T, list []string, p *Phrases, d *text.Doc) {
	t.Helper()
	// each word as the trie reads it: as written when some entry holds
	// it, else its leetspeak reading when it is leetable and some entry
	// holds that
	inList := map[string]bool{}
	for _, e := range list {
		for _, w := range strings.Split(gazKey(e), " ") {
			inList[w] = true
		}
	}
	words := make([]string, d.NormWordCount())
	for k := range words {
		words[k], _, _, _ = d.NormRun(k, 1)
		if l := text.Leet(words[k]); !inList[words[k]] && leetable(&d.Tokens[d.NormWordToken(k)]) && inList[l] {
			words[k] = l
		}
	}
	var want []Match
	for k := 0; k < d.NormWordCount(); k++ {
		for n := 1; k+n <= d.NormWordCount(); n++ {
			run := strings.Join(words[k:k+n], " ")
			for i, e := range list {
				if gazKey(e) == run {
					want = append(want, Match{Pattern: i, First: d.NormWordToken(k), Last: d.NormWordToken(k + n - 1)})
				}
			}
		}
	}
	if got := p.Find(d, nil); !slices.Equal(got, want) {
		t.Fatalf("list %q, text %q:\nFind  %v\nbrute %v", list, d.Src, got, want)
	}
}

// fuzzList has words of every length around the short-word table's limit
// (seven bytes: text.Pack), non-ASCII and possessive forms, alone and in phrases.
var fuzzList = []string{"a", "my", "the", "pt", "icu", "room", "bed 4", "nurse", "patient", "patients", "patient's family",
	"hospital", "hospitalist", "emergency room", "in the er", "café", "naïve", "🍷", "wine o'clock", "a b c d e f g h",
	"abcdefg", "abcdefgh", "abcdefghi", "x", "x x", "x x x", "St. Brigid's", "GLP-1", "don't", "über", "ÉCOLE"}

// FuzzPhrasesFind checks the trie against the brute-force matcher on any
// text: words are looked up packed in an integer (up to seven bytes, as
// the tokeniser packed them) or by string.
func FuzzPhrasesFind(f *testing.F) {
	for _, s := range []string{"my patient", "a", "x x x x", "The patient's family in the ER.", "abcdefg abcdefgh abcdefghi",
		"café naïve über école 🍷 wine o’clock", "bed 4", "a b c d e f g h", "pt", "Hospitalist hospital emergency room", "", "A222e82h ABCdefgh1 r00m 4"} {
		f.Add(s)
	}
	p := NewPhrases(fuzzList)
	var sc Scratch // one for every text, as a caller keeps it
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Parse(s)
		checkFind(t, fuzzList, p, d)
		checkWith(t, p, d, &sc)
	})
}

// checkWith checks that FindKeysWith finds what FindKeys finds.
func checkWith(t *testing.T, p *Phrases, d *text.Doc, sc *Scratch) {
	t.Helper()
	if got, want := p.FindKeysWith(d, nil, sc), p.FindKeys(d, nil); !slices.Equal(got, want) {
		t.Fatalf("%q: FindKeysWith %v, FindKeys %v", d.Src, got, want)
	}
}

// FindKeysWith finds what FindKeys finds with one Scratch kept over texts
// short and long (past the 64 words FindKeys keeps on its stack), in any
// order.
func TestFindKeysWithScratch(t *testing.T) {
	p := NewPhrases(fuzzList)
	var sc Scratch
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"my", "patient", "patient's", "family", "in", "the", "ER", "x", "a", "b", "c", "café", "🍷", "bed", "4", "abcdefgh", ",", "."}
	found := 0
	for range 300 {
		var sb strings.Builder
		for range rng.IntN(200) {
			sb.WriteString(words[rng.IntN(len(words))])
			sb.WriteByte(' ')
		}
		d := text.Parse(sb.String())
		checkWith(t, p, d, &sc)
		found += len(p.FindKeys(d, nil))
	}
	if found < 1000 {
		t.Fatalf("only %d matches in the texts", found)
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
