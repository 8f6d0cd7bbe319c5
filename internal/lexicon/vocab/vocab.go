// Package vocab knows which words are ordinary English or medical
// vocabulary, so that name and place gazetteers do not fire on them.
// Data: Debian wamerican (SCOWL), Disease Ontology, Symptom Ontology,
// UBERON and the DrugBank open vocabulary (see NOTICE); regenerate with
// tools/gendata/vocab.
package vocab

import (
	"embed"
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

//go:embed data
var data embed.FS

var (
	once                             sync.Once
	english, proper, medical, abbrev lexicon.Set
)

func load() {
	english = set(lexicon.MustLines(data, "data/english.txt.gz"))
	proper = set(lexicon.MustLines(data, "data/proper.txt.gz"))
	medical = set(lexicon.MustLines(data, "data/medical.txt.gz"))
	abbrev = lexicon.Set{}
	for _, l := range lexicon.MustLines(data, "data/clinical_abbrev.txt") {
		for _, w := range strings.Fields(l) {
			abbrev[w] = struct{}{}
			medical[w] = struct{}{}
		}
	}
}

func set(words []string) lexicon.Set {
	s := make(lexicon.Set, len(words))
	for _, w := range words {
		s[w] = struct{}{}
	}
	return s
}

// Load builds the sets now (they load lazily otherwise).
func Load() { once.Do(load) }

// English reports whether the folded word is a common English word
// (lower-case dictionary entry).
func English(w string) bool { once.Do(load); return english.Has(w) }

// Proper reports whether the folded word is a capitalised dictionary entry
// (a proper noun: a well-known place, person, brand or demonym).
func Proper(w string) bool { once.Do(load); return proper.Has(w) }

// Medical reports whether the folded word is medical vocabulary: a drug,
// disease, symptom or anatomy word, or a clinical abbreviation.
func Medical(w string) bool { once.Do(load); return medical.Has(w) }

// Abbrev reports whether the folded word is a clinical abbreviation.
func Abbrev(w string) bool { once.Do(load); return abbrev.Has(w) }
