package lexicon

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// refFindKeys is FindKeys done the plain way, as the search was first
// written: every word of d looked up by string, and a walk down the trie
// from each, one edge lookup per word, with none of the search's
// shortcuts (the packed-word table, the root array, the children's bits
// and the flags on the nodes).
func refFindKeys(p *Phrases, d *text.Doc) []Match {
	var ids []int32
	var toks []int
	for i := range d.Tokens {
		if at := d.NormAt[i]; at >= 0 {
			ids = append(ids, p.words.get(d.Norm[at:int(at)+d.NormWordLen(i)]))
			toks = append(toks, i)
		}
	}
	var out []Match
	for k := range ids {
		node := int32(0)
		for n := k; n < len(ids) && ids[n] >= 0; n++ {
			if node = p.next.get(edge(node, ids[n])) & nodeMask; node == 0 {
				break
			}
			if len(p.ends[node]) > 0 {
				out = append(out, Match{Pattern: int(node), First: toks[k], Last: toks[n]})
			}
		}
	}
	return out
}

// checkRef fails t unless FindKeys and FindKeysWith (with sc, and with
// out short of room) find in d what refFindKeys finds.
func checkRef(t *testing.T, p *Phrases, d *text.Doc, sc *Scratch) int {
	t.Helper()
	want := refFindKeys(p, d)
	if got := p.FindKeys(d, nil); !slices.Equal(got, want) && len(got)+len(want) > 0 {
		t.Fatalf("%q:\nFindKeys %v\nplain    %v", d.Src, got, want)
	}
	if got := p.FindKeysWith(d, nil, sc); !slices.Equal(got, want) && len(got)+len(want) > 0 {
		t.Fatalf("%q:\nFindKeysWith %v\nplain        %v", d.Src, got, want)
	}
	prefix := []Match{{Pattern: -1}}
	got := p.FindKeysWith(d, append(make([]Match, 0, 2), prefix...), sc)
	if !slices.Equal(got[:1], prefix) || !slices.Equal(got[1:], want) && len(got)+len(want) > 1 {
		t.Fatalf("%q, out short of room:\nFindKeysWith %v\nplain        %v", d.Src, got[1:], want)
	}
	return len(want)
}

// The search finds what the plain search finds, on random texts of words
// around the packed-word limit (seven bytes), phrases of one word and of
// many, sharing words, and punctuation between words.
func TestFindKeysMatchesPlainSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"a", "b", "my", "patient", "patients", "abcdefg", "abcdefgh", "hospitalist", "x", "in", "the", "er", "café", "🍷", "don't", "4"}
	pick := func(n int) string {
		ws := make([]string, 1+rng.IntN(n))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	var sc Scratch
	found := 0
	for range 500 {
		list := make([]string, 1+rng.IntN(40))
		for i := range list {
			list[i] = pick(1 + rng.IntN(5))
		}
		p := NewPhrases(list)
		for range 5 {
			var sb strings.Builder
			for range rng.IntN(120) {
				sb.WriteString(vocab[rng.IntN(len(vocab))])
				sb.WriteString([]string{" ", " ", " ", ", ", ". ", "\n"}[rng.IntN(6)])
			}
			found += checkRef(t, p, text.Parse(sb.String()), &sc)
		}
	}
	if found < 10000 {
		t.Fatalf("only %d matches", found)
	}
}

// The search finds what the plain search finds with the phrases of the
// rule packs and texts from them and from the evaluation posts: every
// string of the packs is both a phrase and a text.
func TestFindKeysMatchesPlainSearchOnPacks(t *testing.T) {
	var strs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			strs = append(strs, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	files, _ := filepath.Glob("../../rules/packs/*.yaml")
	if len(files) == 0 {
		t.Fatal("no rule packs")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := yaml.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
	}
	slices.Sort(strs) // (map order)
	p := NewPhrases(strs)
	texts := slices.Clone(strs)
	if f, err := os.Open("../../../shared/eval/dev/posts.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<22)
		for sc.Scan() {
			var v any
			if json.Unmarshal(sc.Bytes(), &v) == nil {
				n := len(strs)
				walk(v)
				texts = append(texts, strs[n:]...)
			}
		}
	} else {
		t.Log("no evaluation posts:", err)
	}
	var sc Scratch
	found := 0
	for _, s := range texts {
		found += checkRef(t, p, text.Parse(s), &sc)
	}
	if found < len(texts) {
		t.Fatalf("only %d matches in %d texts", found, len(texts))
	}
	t.Logf("%d texts, %d phrases, %d matches", len(texts), p.Len(), found)
}
