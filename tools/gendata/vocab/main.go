// Command vocab regenerates internal/lexicon/vocab/data from the shared
// lexicons and Debian's wamerican word list (SCOWL). Run from the repo root:
//
//	go run ./tools/gendata/vocab -shared ../shared -dict /usr/share/dict/american-english
//
// The generated files are committed; the product never reads ../shared.
package main

import (
	"bufio"
	"compress/gzip"
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
	write(filepath.Join(*out, "english.txt.gz"), english)
	write(filepath.Join(*out, "proper.txt.gz"), proper)

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
	write(filepath.Join(*out, "medical.txt.gz"), med)
	fmt.Printf("english %d, proper %d, medical %d\n", len(english), len(proper), len(med))
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

func write(path string, set map[string]bool) {
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, w := range words {
		io.WriteString(zw, w+"\n")
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	f.Close()
}
