// Command names regenerates internal/detect/names/data from the shared
// person-name lexicons. Run from the repo root:
//
//	go run ./tools/gendata/names -shared ../shared
//
// Output: data/names.tbl, a lexicon.Table from each folded name to its
// packed classes (names.TableValue), built from:
//
//	name<TAB>FLC
//
// F is the first-name frequency class and L the surname frequency class
// (0 = not in that list, 1 = rare ... 9 = very common, log10 scaled) and C
// is 1 when the name is in the cspell people-names list (no frequency).
// The generated file is committed; the product never reads ../shared.
package main

import (
	"github.com/scrubs-dev/scrubs/internal/detect/names"
	"github.com/scrubs-dev/scrubs/internal/lexicon"

	"bufio"
	"encoding/csv"
	"flag"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/scrubs-dev/scrubs/internal/text"
)

type entry struct{ first, last, cspell int }

func main() {
	shared := flag.String("shared", "../shared", "path to the shared folder")
	out := flag.String("out", "internal/detect/names/data", "output folder")
	minBirths := flag.Float64("min-births", 40, "drop SSA first names with fewer births 1880-2024 (both sexes) and no other source")
	flag.Parse()
	dir := filepath.Join(*shared, "data/lexicons/names")
	m := map[string]*entry{}
	get := func(w string) *entry {
		w = text.Fold(strings.TrimSpace(w))
		if !valid(w) {
			return nil
		}
		e := m[w]
		if e == nil {
			e = &entry{}
			m[w] = e
		}
		return e
	}
	cls := func(x float64) int {
		if x <= 1 {
			return 1
		}
		c := int(math.Floor(math.Log10(x))) + 1
		return max(1, min(9, c))
	}

	// SSA national first names: sum births over both sexes.
	births := map[string]float64{}
	rows := readTSV(filepath.Join(dir, "ssa_national_firstnames_1880_2024.tsv"))
	for i, r := range rows {
		if i == 0 || len(r) < 3 {
			continue
		}
		n, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			continue
		}
		births[r[0]] += n
	}
	// Census 1990 first names (percent of population by sex).
	census1st := map[string]float64{}
	for i, r := range readCSV(filepath.Join(dir, "census1990_firstnames.csv")) {
		if i == 0 || len(r) < 5 {
			continue
		}
		f, err := strconv.ParseFloat(r[4], 64)
		if err == nil {
			census1st[strings.ToLower(r[1])] += f
		}
	}
	// cspell people names (first and last, many cultures).
	cs := map[string]bool{}
	for _, l := range readLines(filepath.Join(dir, "cspell_people_names.txt")) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		cs[text.Fold(l)] = true
	}
	for n, b := range births {
		if b < *minBirths && census1st[n] == 0 && !cs[text.Fold(n)] {
			continue
		}
		if e := get(n); e != nil {
			// SSA births to a class: 40 births → 2, 5 million → 7.
			e.first = max(e.first, cls(b))
		}
	}
	for n, f := range census1st {
		if e := get(n); e != nil {
			// percent of population → class (0.001% → 2, 1% → 5, 3% → 6) on the SSA-like scale
			e.first = max(e.first, cls(f*1e5)+1)
		}
	}
	for i, r := range readCSV(filepath.Join(dir, "census1990_surnames.csv")) {
		_ = i
		if len(r) < 2 {
			continue
		}
		f, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			continue
		}
		if e := get(r[0]); e != nil {
			// 0.001% → 1, 0.01% → 2, 1% (SMITH) → 4; shift so the rarest is 2.
			e.last = max(e.last, cls(f*1e4)+1)
		}
	}
	for n := range cs {
		if e := get(n); e != nil {
			e.cspell = 1
		}
	}

	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	// The detector loads a prebuilt hash table (lexicon.Table): no hashing
	// at start-up. Values pack the frequency classes with the vocabulary bits.
	vals := make([]uint32, len(keys))
	for i, k := range keys {
		e := m[k]
		vals[i] = names.TableValue(uint8(e.first), uint8(e.last), e.cspell == 1, k)
	}
	path := filepath.Join(*out, "names.tbl")
	// uncompressed: the engine reads the table in place (lexicon.Table)
	must(os.WriteFile(path, lexicon.BuildTable(keys, vals), 0o644))
	st, _ := os.Stat(path)
	log.Printf("%s: %d names, %d bytes", path, len(keys), st.Size())
}

// valid keeps single words of letters (apostrophes and hyphens inside).
func valid(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i, r := range w {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		if (r == '\'' || r == '-') && i > 0 && i < len(w)-1 {
			continue
		}
		return false
	}
	return true
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func readLines(p string) []string {
	f, err := os.Open(p)
	must(err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	must(sc.Err())
	return out
}

func readTSV(p string) [][]string {
	var out [][]string
	for _, l := range readLines(p) {
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

func readCSV(p string) [][]string {
	f, err := os.Open(p)
	must(err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	must(err)
	return rows
}
