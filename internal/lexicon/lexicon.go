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
// It is a hash of token n-grams with a first-word index rather than an
// Aho-Corasick automaton: the lists are whole-word sequences over an
// already tokenised text, and for 15,000 phrases the automaton
// (petar-dambovaliev/aho-corasick) took 4.2 s and 171 MB to build as a DFA,
// 0.45 s and 46 MB as an NFA, and searched at about 50 MB/s, where this
// builds in milliseconds and costs one map probe per word of text.
type Phrases struct {
	ids   map[string][]int32 // phrase key → indexes of the phrases with that key
	first map[string]uint8   // first word → the most words of a phrase starting with it
	n     int
}

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
	d := text.Parse(p)
	return strings.TrimSpace(d.Norm)
}

// NewPhrases builds the table. Empty phrases are ignored (but keep their index).
func NewPhrases(phrases []string) *Phrases {
	p := &Phrases{ids: make(map[string][]int32, len(phrases)), first: map[string]uint8{}, n: len(phrases)}
	for i, ph := range phrases {
		k := gazKey(ph)
		if k == "" {
			continue
		}
		p.ids[k] = append(p.ids[k], int32(i))
		words := strings.Count(k, " ") + 1
		fw := k
		if sp := strings.IndexByte(k, ' '); sp > 0 {
			fw = k[:sp]
		}
		if words > 255 {
			words = 255
		}
		if uint8(words) > p.first[fw] {
			p.first[fw] = uint8(words)
		}
	}
	return p
}

// Len is the number of phrases.
func (p *Phrases) Len() int { return p.n }

// Find returns every (possibly overlapping) phrase occurrence in d.
func (p *Phrases) Find(d *text.Doc, out []Match) []Match {
	if p == nil || len(p.ids) == 0 {
		return out
	}
	nw := d.NormWordCount()
	for k := 0; k < nw; k++ {
		w, _, _, _ := d.NormRun(k, 1)
		limit, ok := p.first[w]
		if !ok {
			continue
		}
		for n := 1; n <= int(limit) && k+n <= nw; n++ {
			run, f, l, _ := d.NormRun(k, n)
			for _, id := range p.ids[run] {
				out = append(out, Match{Pattern: int(id), First: f, Last: l})
			}
		}
	}
	return out
}
