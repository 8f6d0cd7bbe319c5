// Package vocab knows which words are ordinary English or medical
// vocabulary, so that name and place gazetteers do not fire on them.
// Data: Debian wamerican (SCOWL), Disease Ontology, Symptom Ontology,
// UBERON and the DrugBank open vocabulary (see NOTICE); regenerate with
// tools/gendata/vocab.
package vocab

import (
	_ "embed"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

//go:embed data/vocab.tbl
var data []byte

const (
	bEnglish = 1 << iota
	bProper
	bMedical
	bAbbrev
)

var (
	once  sync.Once
	table *lexicon.Table
)

func load() {
	var err error
	table, err = lexicon.LoadEmbeddedTable(data)
	if err != nil {
		panic("vocab: embedded data: " + err.Error()) // the build guarantees it
	}
}

func bits(w string) uint32 {
	once.Do(load)
	v, _ := table.Lookup(w)
	return v
}

// Load builds the table now (it loads lazily otherwise).
func Load() { once.Do(load) }

// English reports whether the folded word is a common English word
// (lower-case dictionary entry).
func English(w string) bool { return bits(w)&bEnglish != 0 }

// Proper reports whether the folded word is a capitalised dictionary entry
// (a proper noun: a well-known place, person, brand or demonym).
func Proper(w string) bool { return bits(w)&bProper != 0 }

// Medical reports whether the folded word is medical vocabulary: a drug,
// disease, symptom or anatomy word, or a clinical abbreviation.
func Medical(w string) bool { return bits(w)&bMedical != 0 }

// Abbrev reports whether the folded word is a clinical abbreviation.
func Abbrev(w string) bool { return bits(w)&bAbbrev != 0 }

// Word is what the vocabulary knows of a folded word: the answers of
// English, Proper, Medical and Abbrev at once, for a caller that asks
// more than one of them of the same word (one lookup instead of one each).
type Word uint32

// The kinds of word, as bits of a Word.
const (
	IsEnglish Word = bEnglish
	IsProper  Word = bProper
	IsMedical Word = bMedical
	IsAbbrev  Word = bAbbrev
)

// Lookup returns what the vocabulary knows of the folded word w.
func Lookup(w string) Word { return Word(bits(w)) }

// Any reports whether the word is of any of the kinds k.
func (v Word) Any(k Word) bool { return v&k != 0 }
