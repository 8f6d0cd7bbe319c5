package lexicon

import (
	"strings"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// Gazetteer finds whole-token entries ("springfield", "new york city",
// "st. brigid's") in a Doc by hashing runs of up to MaxWords consecutive word
// tokens of its normalised form. Lookup is linear in the text (at most
// MaxWords map probes per token, no allocation) and, unlike an Aho-Corasick
// automaton over 150,000 place names (about 0.9 s to build), it is built in
// milliseconds, which keeps `scrubs check` on one post under 150 ms.
// Use Phrases for lists that need matches inside punctuation runs.
type Gazetteer struct {
	ids      map[string]int32
	maxWords int
	// first maps an entry's first word to the most words of any entry
	// starting with it, so most tokens cost one probe.
	first map[string]uint8
}

// NewGazetteer builds the table; entry i gets payload i. Entries are keyed
// as PhraseKey does; later duplicates keep the first payload.
func NewGazetteer(entries []string) *Gazetteer {
	g := &Gazetteer{ids: make(map[string]int32, len(entries)), first: map[string]uint8{}}
	for i, e := range entries {
		k := gazKey(e)
		if k == "" {
			continue
		}
		if _, dup := g.ids[k]; dup {
			continue
		}
		g.ids[k] = int32(i)
		n := strings.Count(k, " ") + 1
		if n > g.maxWords {
			g.maxWords = n
		}
		fw := k
		if sp := strings.IndexByte(k, ' '); sp > 0 {
			fw = k[:sp]
		}
		if n > 255 {
			n = 255
		}
		if uint8(n) > g.first[fw] {
			g.first[fw] = uint8(n)
		}
	}
	return g
}

// gazKey folds an entry into the Norm form cheaply for plain entries
// (ASCII letters, digits and single spaces: lower-cased and trimmed, as the
// tokenizer would make them; FuzzGazKey checks it) and through the
// tokenizer otherwise.
func gazKey(e string) string {
	upper := false
	for i := 0; i < len(e); i++ {
		c := e[i]
		if c >= 'A' && c <= 'Z' {
			upper = true
		} else if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
			return PhraseKey(e)
		}
	}
	if strings.Contains(e, "  ") {
		return PhraseKey(e)
	}
	if upper {
		e = strings.ToLower(e)
	}
	return strings.TrimSpace(e)
}

// Len is the number of distinct entries.
func (g *Gazetteer) Len() int { return len(g.ids) }

// Lookup returns the payload of a folded, space-joined key.
func (g *Gazetteer) Lookup(key string) (int, bool) {
	id, ok := g.ids[key]
	return int(id), ok
}

// Find appends every entry occurrence (overlapping, all lengths) to out.
func (g *Gazetteer) Find(d *text.Doc, out []Match) []Match {
	if g == nil || len(g.ids) == 0 {
		return out
	}
	toks := d.Tokens
	for i := range toks {
		if toks[i].Kind != text.Word {
			continue
		}
		fw, _ := d.WordRun(i, i)
		limit, ok := g.first[fw]
		if !ok {
			continue
		}
		words := 0
		for j := i; j < len(toks) && words < int(limit); j++ {
			if toks[j].Kind != text.Word {
				continue // WordRun decides whether this punctuation may join
			}
			words++
			run, ok := d.WordRun(i, j)
			if !ok {
				break
			}
			if id, hit := g.ids[run]; hit {
				out = append(out, Match{Pattern: int(id), First: i, Last: j})
			}
		}
	}
	return out
}
