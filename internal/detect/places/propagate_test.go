package places

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// propagateWords are the first words of candidates that propagate folds,
// and the pieces random ones are made of.
var propagateWords = []string{
	"", "a", "A", "Mercy", "MERCY", "mercy", "Lakeshore-General", "St.", "O'Hare", "Zürich", "ZÜRICH",
	"İstanbul", "ﬁeld", "Ǆemal", "Straße", "ΣΟΦΙΑ", "Québec", "\xff", "x\ty", "a b", "a\nb", "-x", "Ab-",
}

func randomWord(r *rand.Rand) string {
	var sb strings.Builder
	for range 1 + r.IntN(3) {
		sb.WriteString(propagateWords[r.IntN(len(propagateWords))])
	}
	return sb.String()
}

// TestFoldInto: foldInto folds as text.Fold does, and leaves the words it
// folded before intact while it appends more.
func TestFoldInto(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := append([]string(nil), propagateWords...)
	for range 3000 {
		words = append(words, randomWord(r))
	}
	for _, s := range detecttest.PostTexts(t) {
		words = append(words, strings.Fields(s)...)
	}
	var buf []byte
	var got, want []string
	for i, w := range words {
		if i%50 == 0 {
			buf = buf[:0]
			got, want = got[:0], want[:0]
		}
		var lw string
		lw, buf = foldInto(buf, w)
		got, want = append(got, lw), append(want, text.Fold(w))
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("foldInto: %q, want %q", got[k], want[k])
			}
		}
	}
}

// TestFirstBreak: firstBreak is strings.IndexAny(w, " \t\n-").
func TestFirstBreak(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		w := randomWord(r)
		if got, want := firstBreak(w), strings.IndexAny(w, " \t\n-"); got != want {
			t.Fatalf("firstBreak(%q) = %d, want %d", w, got, want)
		}
	}
}

// TestProps: setProp and getProp keep what a map of each name to its last
// Sub keeps.
func TestProps(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	subs := []string{SubCity, SubHospital, SubUnit}
	for range 500 {
		var ps []propName
		m := map[string]string{}
		for range r.IntN(2 * maxPropList) {
			w, sub := propagateWords[r.IntN(len(propagateWords))], subs[r.IntN(len(subs))]
			ps = setProp(ps, w, sub)
			m[w] = sub
		}
		if len(ps) != len(m) {
			t.Fatalf("%d names, want %d", len(ps), len(m))
		}
		for _, w := range propagateWords {
			got, ok := getProp(ps, w)
			want, wok := m[w]
			if got != want || ok != wok {
				t.Fatalf("getProp(%q) = %q %v, want %q %v", w, got, ok, want, wok)
			}
		}
	}
}

// TestPropagateMap: propagate finds the same looking the names up in a
// list as in a map, on the eval texts and on texts of many places.
func TestPropagateMap(t *testing.T) {
	towns := []string{"Boston", "Denver", "Seattle", "Portland", "Chicago", "Houston", "Phoenix", "Dallas", "Atlanta",
		"Miami", "Detroit", "Memphis", "Nashville", "Louisville", "Baltimore", "Milwaukee", "Albuquerque", "Tucson",
		"Fresno", "Sacramento", "Omaha", "Raleigh", "Oakland", "Tulsa", "Lakeshore General", "Mercy West ED"}
	r := rand.New(rand.NewPCG(9, 10))
	var texts []string
	for range 300 {
		var sb strings.Builder
		for range 1 + r.IntN(40) {
			w := towns[r.IntN(len(towns))]
			switch r.IntN(4) {
			case 0:
				sb.WriteString("She moved to " + w + ". ")
			case 1:
				sb.WriteString("Transferred to " + w + " Hospital. ")
			case 2:
				sb.WriteString(strings.ToUpper(w) + " again, ")
			default:
				sb.WriteString("then " + w + " ")
			}
		}
		texts = append(texts, sb.String())
	}
	texts = append(texts, detecttest.PostTexts(t)...)
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "asq-phi.dev.input.jsonl"} {
		texts = append(texts, detecttest.EvalTextsIfAny(name)...)
	}
	det := New()
	many := 0
	defer func(n int) { maxPropList = n }(maxPropList)
	for _, s := range texts {
		maxPropList = 16
		list := det.Detect(text.Parse(s), nil)
		maxPropList = 0
		byMap := det.Detect(text.Parse(s), nil)
		if !slices.Equal(list, byMap) {
			t.Fatalf("%q: with a list %+v, with a map %+v", s, list, byMap)
		}
		if len(list) > 16 {
			many++
		}
	}
	if many == 0 {
		t.Fatal("no text with many candidates")
	}
}

// TestConcurrent: goroutines sharing the recycled buffers find what one
// finds alone (run it with -race).
func TestConcurrent(t *testing.T) {
	texts := detecttest.PostTexts(t)
	det := New()
	want := make([][]detect.Candidate, len(texts))
	for i, s := range texts {
		want[i] = det.Detect(text.Parse(s), nil)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range len(texts) {
				i := (k + g*31) % len(texts)
				if got := det.Detect(text.Parse(texts[i]), nil); !slices.Equal(got, want[i]) {
					errs <- texts[i]
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("%q: not as found alone", s)
	}
}
