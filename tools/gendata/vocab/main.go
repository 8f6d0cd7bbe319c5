// Command vocab regenerates internal/lexicon/vocab/data from the shared
// lexicons and Debian's wamerican word list (SCOWL). Run from the repo root:
//
//	go run ./tools/gendata/vocab -shared ../shared -dict /usr/share/dict/american-english
//
// The generated files are committed; the product never reads ../shared.
package main

import (
	"github.com/scrubs-dev/scrubs/internal/lexicon"

	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

func main() {
	shared := flag.String("shared", "../shared", "path to the shared folder")
	dict := flag.String("dict", "/usr/share/dict/american-english", "wamerican word list (apt-get install wamerican)")
	out := flag.String("out", "internal/lexicon/vocab/data", "output folder")
	flag.Parse()

	english := map[string]bool{}
	proper := map[string]bool{}
	for _, w := range readLines(*dict) {
		w = strings.TrimSuffix(w, "'s")
		if w == "" {
			continue
		}
		r := []rune(w)
		if unicode.IsLower(r[0]) {
			english[w] = true
		} else {
			proper[strings.ToLower(w)] = true
		}
	}

	med := map[string]bool{}
	lex := filepath.Join(*shared, "data/lexicons/medical")
	addWords := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
		}) {
			if len([]rune(w)) >= 3 && !isDigits(w) {
				med[w] = true
			}
		}
	}
	f, err := os.Open(filepath.Join(lex, "drugbank_open_vocabulary.csv"))
	if err != nil {
		log.Fatal(err)
	}
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil || i == 0 || len(rec) < 6 {
			continue
		}
		addWords(rec[2])
		for _, s := range strings.Split(rec[5], "|") {
			if t := strings.TrimSpace(s); !strings.Contains(t, " ") {
				addWords(t) // single-word synonyms only: multi-word ones drag in names
			}
		}
	}
	f.Close()
	for _, name := range []string{"disease_ontology_HumanDO.tsv", "symptom_ontology_from_DO.tsv", "uberon_anatomy_subset_from_DO.tsv"} {
		for i, l := range readLines(filepath.Join(lex, name)) {
			if i == 0 {
				continue
			}
			cols := strings.Split(l, "\t")
			for _, c := range cols[1:] {
				addWords(strings.Trim(c, `"`))
			}
		}
	}
	// clinical abbreviations (hand-written list kept in the data folder)
	abbrev := map[string]bool{}
	for _, l := range readLines(filepath.Join(*out, "clinical_abbrev.txt")) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		for _, w := range strings.Fields(l) {
			abbrev[w] = true
			med[w] = true
		}
	}
	// one prebuilt table: word → bits (see vocab.go)
	bits := map[string]uint32{}
	for w := range english {
		bits[w] |= 1
	}
	for w := range proper {
		bits[w] |= 2
	}
	for w := range med {
		bits[w] |= 4
	}
	for w := range abbrev {
		bits[w] |= 8
	}
	keys := make([]string, 0, len(bits))
	for w := range bits {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	vals := make([]uint32, len(keys))
	for i, k := range keys {
		vals[i] = bits[k]
	}
	// uncompressed: the engine reads the table in place (lexicon.Table)
	if err := os.WriteFile(filepath.Join(*out, "vocab.tbl"), lexicon.BuildTable(keys, vals), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("english %d, proper %d, medical %d, abbreviations %d; table %d words\n", len(english), len(proper), len(med), len(abbrev), len(keys))
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func readLines(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}
