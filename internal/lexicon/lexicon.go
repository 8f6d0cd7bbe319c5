// Package lexicon loads embedded word lists and builds phrase automata
// (Aho-Corasick) over a text.Doc's normalised form. Build once, share
// read-only between goroutines.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

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

// Phrases matches multi-word phrases against Doc.Norm on word boundaries.
type Phrases struct {
	ac       ahocorasick.AhoCorasick
	patterns []string
	n        int
}

// Match is one phrase found in a Doc: Pattern indexes the list given to
// NewPhrases; First and Last are token indexes.
type Match struct {
	Pattern     int
	First, Last int
}

// PhraseKey normalises a phrase the way Doc.Norm is built (tokenised, folded,
// single spaces), so that list entries written in any case or punctuation
// match ("St. Brigid's" → "st brigid's").
func PhraseKey(p string) string {
	d := text.Parse(p)
	return strings.TrimSpace(d.Norm)
}

// NewPhrases builds the automaton. Empty phrases are ignored (but keep their index).
func NewPhrases(phrases []string) *Phrases {
	pats := make([]string, len(phrases))
	for i, p := range phrases {
		k := PhraseKey(p)
		if k == "" {
			k = "\x00\x00never\x00" // keeps indexes aligned; cannot occur in Norm
		}
		pats[i] = " " + k + " "
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		MatchKind: ahocorasick.StandardMatch,
		DFA:       len(pats) < 20000,
	})
	return &Phrases{ac: b.Build(pats), patterns: pats, n: len(phrases)}
}

// Len is the number of phrases.
func (p *Phrases) Len() int { return p.n }

// Find returns every (possibly overlapping) phrase occurrence in d.
func (p *Phrases) Find(d *text.Doc, out []Match) []Match {
	if p == nil || p.n == 0 {
		return out
	}
	it := p.ac.IterOverlapping(d.Norm)
	for m := it.Next(); m != nil; m = it.Next() {
		f, l, ok := d.NormSpan(m.Start(), m.End())
		if !ok {
			continue
		}
		out = append(out, Match{Pattern: m.Pattern(), First: f, Last: l})
	}
	return out
}
