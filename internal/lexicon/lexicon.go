// Package lexicon loads embedded word lists and builds the structures that
// find them in a text.Doc: Phrases (word lists over the normalised form),
// Gazetteer (place and facility names) and Table (large prebuilt word
// tables). Build once, share read-only between goroutines.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// Lines reads a text file (gzip-compressed when its name ends in .gz) from
// fsys and returns its non-empty lines that do not start with '#'.
func Lines(fsys fs.FS, name string) ([]string, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var r io.Reader = bytes.NewReader(raw)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || l[0] == '#' {
			continue
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// MustLines is Lines for embedded data that the build guarantees exists.
func MustLines(fsys fs.FS, name string) []string {
	l, err := Lines(fsys, name)
	if err != nil {
		panic("lexicon: embedded data: " + err.Error())
	}
	return l
}

// Set is a set of folded words or phrases.
type Set map[string]struct{}

// NewSet folds (text.Fold) and stores each item.
func NewSet(items ...string) Set {
	s := make(Set, len(items))
	for _, it := range items {
		s[text.Fold(it)] = struct{}{}
	}
	return s
}

// Has reports whether the folded form is present.
func (s Set) Has(folded string) bool { _, ok := s[folded]; return ok }

// Phrases matches word lists (single words and multi-word phrases) on word
// boundaries of a Doc's normalised form, ignoring punctuation between words,
// as an automaton over Doc.Norm would.
//
// It is a trie over whole words rather than an Aho-Corasick automaton over
// bytes: the lists are word sequences over an already tokenised text, and
// for 15,000 phrases the automaton (petar-dambovaliev/aho-corasick) took
// 4.2 s and 171 MB to build as a DFA, 0.45 s and 46 MB as an NFA, and
// searched at about 50 MB/s. Here each word of the text costs one lookup
// (its id; an integer key for words of up to seven bytes, as most are, a
// string for the rest) and each further word of a phrase one integer
// lookup; it builds in milliseconds.
type Phrases struct {
	words *wordTab // word → id, for words that occur in a phrase
	short shortTab // the same for the words of up to seven bytes, packed (text.Pack)
	// next maps (node, word id) to the child node (node 0 is the root),
	// with endsBit set when phrases end at the child and kidsBit when it
	// has children.
	next *edgeTab
	ends [][]int32 // node → indexes of the phrases that end there
	// root[id] is next[edge(0, id)] (0: none): every known word of a text
	// takes the first step, so it is an array, not a map probe.
	root []int32
	// depth is the number of words of the longest phrase: the most
	// matches a walk down the trie finds
	depth int
	// kids[node] has bit id%64 set for each child's word id (0: a leaf):
	// most steps past a phrase's first word find no child, and the bit
	// turns them away before the edge lookup.
	kids []uint64
	// seen has a bit per cheap word signature (wordSig) of the words in
	// any phrase: most long words of a text are in none, and the bit
	// turns them away before the string hash.
	seen [1 << 16 / 64]uint64
	n    int
}

// The flags of a child node in next, root and shortTab: phrases end at
// it (endsBit), it has children (kidsBit). Most words of a text start a
// phrase of one word that none goes on from: the flags answer both for
// the walk with no look at the node.
const (
	endsBit  = 1 << 30
	kidsBit  = 1 << 29
	nodeMask = kidsBit - 1
)

// wordSig is a cheap 16-bit signature of a word: its length and three of
// its bytes.
func wordSig(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9e3779b1 ^ uint32(w[0])<<16 ^ uint32(w[n-1])<<8 ^ uint32(w[n/2])
	h ^= h >> 15
	h *= 0x85ebca6b
	return h >> 16
}

// edge is the key of a trie transition.
func edge(node, word int32) uint64 { return uint64(uint32(node))<<32 | uint64(uint32(word)) }

// Match is one phrase found in a Doc: Pattern indexes the list given to
// NewPhrases; First and Last are token indexes.
type Match struct {
	Pattern     int
	First, Last int
}

// PhraseKey normalises a phrase the way Doc.Norm is built (tokenised, folded,
// single spaces), so that list entries written in any case or punctuation
// match ("St. Brigid's" → "st brigid").
func PhraseKey(p string) string {
	// a pooled Doc: start-up keys thousands of phrases, and a new Doc's
	// buffers for each were a tenth of a short check's time
	d := text.Get(p)
	k := strings.TrimSpace(d.Norm) // Norm stays valid after Put
	text.Put(d)
	return k
}

// NewPhrases builds the trie. Empty phrases are ignored (but keep their index).
func NewPhrases(phrases []string) *Phrases {
	p := &Phrases{ends: make([][]int32, 1, 2*len(phrases)+1), n: len(phrases)}
	keys := make([]string, len(phrases))
	total := 0 // words in all phrases: at least the number of edges
	for i, ph := range phrases {
		keys[i] = gazKey(ph)
		total += strings.Count(keys[i], " ") + 1
	}
	next := newEdgeTab(total)
	// distinct words: at most about a quarter of all (the shipped packs:
	// 9,500 of 51,000), so the table seldom grows while it is filled
	p.words = newWordTab(total / 4)
	for i, k := range keys {
		if k == "" {
			continue
		}
		node := int32(0)
		for k != "" {
			w := k
			if sp := strings.IndexByte(k, ' '); sp >= 0 {
				w, k = k[:sp], k[sp+1:]
			} else {
				k = ""
			}
			id := p.words.get(w)
			if id < 0 {
				id = int32(p.words.count)
				p.words.put(w, id)
			}
			child := next.get(edge(node, id))
			if child == 0 {
				child = int32(len(p.ends))
				p.ends = append(p.ends, nil)
				next.put(edge(node, id), child)
			}
			node = child
		}
		p.ends[node] = append(p.ends[node], int32(i))
	}
	if len(p.ends) > nodeMask {
		panic("lexicon: too many phrases")
	}
	// flag the children where phrases end and those that have children,
	// and size the table to its edges
	p.kids = make([]uint64, len(p.ends))
	for i, child := range next.vals {
		if child != 0 {
			node, id := uint32(next.keys[i]>>32), uint32(next.keys[i])
			p.kids[node] |= 1 << (id % 64)
		}
	}
	p.next = newEdgeTab(next.count)
	for i, child := range next.vals {
		if child == 0 {
			continue
		}
		flagged := child
		if len(p.ends[child]) > 0 {
			flagged |= endsBit
		}
		if p.kids[child] != 0 {
			flagged |= kidsBit
		}
		p.next.put(next.keys[i], flagged)
	}
	// depth: a node is made after its parent, so the level of each is
	// known before its children's
	parent := make([]int32, len(p.ends))
	for i, child := range next.vals {
		if child != 0 {
			parent[child] = int32(next.keys[i] >> 32)
		}
	}
	level := make([]int, len(p.ends)) // the root's is 0
	for c := 1; c < len(p.ends); c++ {
		level[c] = level[parent[c]] + 1
		p.depth = max(p.depth, level[c])
	}
	p.root = make([]int32, p.words.count)
	p.short = makeShortTab(p.words.count)
	for i, w := range p.words.keys {
		if p.words.slots[i] == 0 {
			continue
		}
		id := int32(uint32(p.words.slots[i])) - 1
		p.root[id] = p.next.get(edge(0, id))
		if key := text.Pack(w); key != 0 {
			p.short.put(key, id, p.root[id])
			continue
		}
		sig := wordSig(w)
		p.seen[sig/64] |= 1 << (sig % 64)
	}
	return p
}

// Len is the number of phrases.
func (p *Phrases) Len() int { return p.n }

// Find returns every (possibly overlapping) phrase occurrence in d, by
// first word, then by length, then in list order.
func (p *Phrases) Find(d *text.Doc, out []Match) []Match {
	if p == nil {
		return out
	}
	start := len(out)
	out = p.FindKeys(d, out)
	keys := len(out)
	for _, m := range out[start:keys] {
		for _, id := range p.ends[m.Pattern] {
			out = append(out, Match{Pattern: int(id), First: m.First, Last: m.Last})
		}
	}
	return append(out[:start], out[keys:]...)
}

// FindKeys is Find with one match per distinct phrase key (the phrases
// that normalise alike, PhraseKey, end at the same trie node): m.Pattern
// is that key's number and Patterns(m.Pattern) the phrases it stands for.
// A word common to many lists ("patient", "my") is one match, not one per
// list.
//
// It looks each word up once, then walks the trie from each word that
// starts a phrase. Both loops, which run for every word, call no function
// (a call has every variable of a loop kept in memory over it, which cost
// more than the lookups): a word of up to seven bytes is looked up by
// the integer the tokeniser packed it in (Doc.Packed), and the lookups
// stop at the others to go on once they are looked up by string
// (longWord); the walks stop when out may be full, to go on once it has
// grown.
func (p *Phrases) FindKeys(d *text.Doc, out []Match) []Match {
	if p == nil || len(p.root) == 0 {
		return out
	}
	var small [64]wordAt // a post's words fit on the stack
	ws := small[:]
	if len(d.Packed) > len(small) { // a word per token at most
		ws = make([]wordAt, len(d.Packed))
	}
	return p.findKeys(d, out, ws)
}

// Scratch is the memory FindKeysWith works in: a caller that searches
// text after text keeps one (not shared between goroutines), so that no
// search clears or allocates its own.
type Scratch struct{ ws []wordAt }

// FindKeysWith is FindKeys working in sc.
func (p *Phrases) FindKeysWith(d *text.Doc, out []Match, sc *Scratch) []Match {
	if p == nil || len(p.root) == 0 {
		return out
	}
	if len(d.Packed) > cap(sc.ws) { // a word per token at most
		sc.ws = make([]wordAt, len(d.Packed)+len(d.Packed)/2)
	}
	return p.findKeys(d, out, sc.ws[:cap(sc.ws)])
}

// findKeys is FindKeys with ws, room for a word per token of d.
func (p *Phrases) findKeys(d *text.Doc, out []Match, ws []wordAt) []Match {
	// the words, with their ids: shortWords stops at each word the
	// tokeniser did not pack, looked up here by string
	i, n := 0, 0
	for {
		if i, n = p.shortWords(d.Packed, d.NormAt[:len(d.Packed)], ws, i, n); i == len(d.Packed) {
			break
		}
		ws[n] = p.longWord(d, i)
		i, n = i+1, n+1
	}
	ws = ws[:n]
	if leetIn(d) {
		p.leet(d, ws)
	}
	for k := 0; k < len(ws); {
		if out, k = p.walk(ws, k, out); k < len(ws) {
			// out may have no room for the matches of word k: it grows
			// (as append grows) to room for one per word left and depth
			out = slices.Grow(out, len(ws)-k+p.depth)
		}
	}
	return out
}

// leetable reports a word that mixes letters with digits and may be
// leetspeak ("sh1t", "d1cks"): four bytes or more, so that "5am", "b12"
// or "4pm" are left as they are.
func leetable(t *text.Token) bool {
	return t.Kind == text.Word && t.Flags&(text.HasDigit|text.HasLetter) == text.HasDigit|text.HasLetter && t.End-t.Start >= 4
}

// leetIn reports whether d holds a leetable word. Such words hold a
// digit, so they are among d.Marks, which are few.
func leetIn(d *text.Doc) bool {
	for _, m := range d.Marks {
		if leetable(&d.Tokens[m]) {
			return true
		}
	}
	return false
}

// leet gives each leetable word of ws that is in no phrase the id of its
// leetspeak reading (text.Leet: "sh1tsh0w" is "shitshow") when that one
// is in a phrase.
func (p *Phrases) leet(d *text.Doc, ws []wordAt) {
	for k := range ws {
		i := ws[k].tok
		if ws[k].id >= 0 || !leetable(&d.Tokens[i]) {
			continue
		}
		at := d.NormAt[i]
		word := d.Norm[at : int(at)+d.NormWordLen(int(i))]
		if l := text.Leet(word); l != word {
			if id := p.words.get(l); id >= 0 {
				ws[k].id, ws[k].first = id, p.root[id]
			}
		}
	}
}

// wordAt is a word of the text FindKeys searches: its id (-1: in no
// phrase), the root's child for it (0: no phrase starts with it) and its
// token index.
type wordAt struct{ id, first, tok int32 }

// shortWords puts the words of packed from token i on into ws from ws[n]
// on, in order, with the ids of those the tokeniser packed, up to the
// first it did not (a long word): it returns that word's token index
// (len(packed) when there is none) and the number of words in ws.
// normAt is the Doc's NormAt (a word has one at 0 or more).
func (p *Phrases) shortWords(packed []uint64, normAt []int32, ws []wordAt, i, n int) (int, int) {
	slots, shift := p.short.slots, p.short.shift&63
	mask := uint64(len(slots) - 1)
	normAt = normAt[:len(packed)]
	for ; i < len(packed); i++ {
		key := packed[i]
		if key == 0 {
			if normAt[i] >= 0 {
				return i, n // a long word
			}
			continue // no word
		}
		j := key * 0x9e3779b97f4a7c15 >> shift
		for slots[j].key != key && slots[j].key != 0 {
			j = (j + 1) & mask
		}
		ws[n] = wordAt{id: slots[j].id, first: slots[j].first, tok: int32(i)}
		n++
	}
	return i, n
}

// longWord looks up token i, a word shortWords left: most are in no
// phrase, and their signature turns them away before the string hash.
func (p *Phrases) longWord(d *text.Doc, i int) wordAt {
	w := wordAt{id: -1, tok: int32(i)}
	at := d.NormAt[i]
	word := d.Norm[at : int(at)+d.NormWordLen(i)]
	if sig := wordSig(word); p.seen[sig/64]&(1<<(sig%64)) != 0 {
		if id := p.words.get(word); id >= 0 {
			w.id, w.first = id, p.root[id]
		}
	}
	return w
}

// walk appends to out the matches of the phrases that start with the
// words from ws[k] on, as long as out has room for all that a word may
// start (depth), and returns it with the first word whose matches it did
// not append (len(ws) when it did them all).
func (p *Phrases) walk(ws []wordAt, k int, out []Match) ([]Match, int) {
	depth := p.depth
	for ; k < len(ws); k++ {
		child := ws[k].first
		if child == 0 {
			continue
		}
		if cap(out)-len(out) < depth {
			return out, k
		}
		first := int(ws[k].tok)
		if child&endsBit != 0 {
			out = out[:len(out)+1] // (not append, which would call to grow)
			out[len(out)-1] = Match{Pattern: int(child & nodeMask), First: first, Last: first}
		}
		// the longer phrases: the next word ends most walks
		for n := k + 1; child&kidsBit != 0 && n < len(ws); n++ {
			node, id := child&nodeMask, ws[n].id
			if id < 0 || p.kids[node]&(1<<(uint32(id)%64)) == 0 {
				break
			}
			if child = p.next.get(edge(node, id)); child&endsBit != 0 {
				out = out[:len(out)+1]
				out[len(out)-1] = Match{Pattern: int(child & nodeMask), First: first, Last: int(ws[n].tok)}
			}
		}
	}
	return out, k
}

// NumKeys bounds the key numbers of FindKeys: 0 <= m.Pattern < NumKeys().
func (p *Phrases) NumKeys() int { return len(p.ends) }

// Patterns returns the indexes (into the list given to NewPhrases, in list
// order) of the phrases of key k; none for a number that is no key.
func (p *Phrases) Patterns(k int) []int32 {
	if k < 0 || k >= len(p.ends) {
		return nil
	}
	return p.ends[k]
}
