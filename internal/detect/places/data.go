package places

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

//go:embed data/gaz.tsv.gz data/zip.bin.gz
var data embed.FS

// Gazetteer flags, one bit per kind of entry.
const (
	gUSCity uint16 = 1 << iota
	gWorldCity
	gCounty
	gState
	gHospital
	gAlias
	gAmbig
	gCountry
)

var flagLetters = map[byte]uint16{
	'c': gUSCity, 'w': gWorldCity, 'k': gCounty, 's': gState,
	'h': gHospital, 'a': gAlias, 'x': gAmbig, 'n': gCountry,
}

// Trigger bits: which token rules a word starts.
const (
	tHead uint32 = 1 << iota
	tFacility
	tSaint
	tBox
	tMil
	tCorner
	tCounty
	tRoom
	tUniv
	tUnit
	tCompass
	tLead
	tTail
	tState
	tCue
)

type wordInfo struct {
	gaz  uint16
	trig uint32
}

type tables struct {
	word   map[string]wordInfo // gazetteer flags and rule triggers by folded token
	single map[string]uint16   // one-token names by folded token
	multi  *lexicon.Gazetteer  // multi-token names (token n-gram hash)
	mflags []uint16            // flags of each multi pattern
	zips   []byte              // bit set of known 5-digit ZCTAs
}

var (
	loadOnce sync.Once
	tab      *tables
)

func load() *tables {
	loadOnce.Do(func() {
		t := &tables{single: make(map[string]uint16, 120000)}
		lines, err := lexicon.Lines(data, "data/gaz.tsv.gz")
		if err != nil {
			lines = nil
		}
		multi := map[string]uint16{}
		put := func(key string, f uint16) {
			if strings.IndexByte(key, ' ') < 0 {
				t.single[key] |= f
			} else {
				multi[key] |= f
			}
		}
		for _, l := range lines {
			tab := strings.IndexByte(l, '\t')
			if tab <= 0 {
				continue
			}
			var f uint16
			for i := 0; i < tab; i++ {
				f |= flagLetters[l[i]]
			}
			put(l[tab+1:], f)
		}
		for _, c := range countries {
			put(lexicon.PhraseKey(c), gCountry)
		}
		for _, c := range knownFacilities {
			put(lexicon.PhraseKey(c), gAlias)
		}
		for _, c := range cityShort {
			put(lexicon.PhraseKey(c), gUSCity)
		}
		// Multi-word patterns: keys are already in Norm form, so the
		// automaton's own normalisation leaves them as they are.
		keys := make([]string, 0, len(multi))
		for k := range multi {
			keys = append(keys, k)
		}
		t.mflags = make([]uint16, len(keys))
		for i, k := range keys {
			t.mflags[i] = multi[k]
		}
		t.multi = lexicon.NewGazetteer(keys)
		if raw, err := data.ReadFile("data/zip.bin.gz"); err == nil {
			if zr, err := gzip.NewReader(bytes.NewReader(raw)); err == nil {
				t.zips, _ = io.ReadAll(zr)
			}
		}
		trig := map[string]uint32{}
		add := func(bit uint32, words ...string) {
			for _, w := range words {
				trig[w] |= bit
			}
		}
		for w := range hospitalHead {
			add(tHead, w)
		}
		for w := range facilityHead {
			add(tFacility, w)
		}
		add(tSaint, "st", "saint", "ste", "mt", "mount")
		add(tBox, "box")
		add(tMil, "apo", "fpo", "dpo")
		add(tCorner, "corner")
		add(tCounty, "county", "parish", "borough")
		add(tRoom, "room", "rm", "bed", "bay", "cubicle")
		add(tUniv, "u", "univ", "university", "uof")
		for w := range unitWords {
			add(tUnit, w)
		}
		add(tUnit, "#")
		for w := range compass {
			if len(w) > 1 {
				add(tCompass, w)
			}
		}
		for w := range streetLead {
			add(tLead, w)
		}
		for w := range streetTail {
			add(tTail, w)
		}
		for w := range stateAbbr {
			add(tState, w)
		}
		for w := range cue1 {
			add(tCue, w)
		}
		for w := range cueStrong {
			add(tCue, w)
		}
		add(tCue, "where", "city")
		t.word = make(map[string]wordInfo, len(t.single)+len(trig))
		for w, f := range t.single {
			t.word[w] = wordInfo{gaz: f}
		}
		for w, b := range trig {
			wi := t.word[w]
			wi.trig = b
			t.word[w] = wi
		}
		tab = t
	})
	return tab
}

// knownZIP reports whether z (five ASCII digits) is a 2010 Census ZCTA.
func knownZIP(t *tables, z string) bool {
	if len(z) != 5 {
		return false
	}
	n := 0
	for i := 0; i < 5; i++ {
		c := z[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n/8 < len(t.zips) && t.zips[n/8]&(1<<(n%8)) != 0
}

// restrictedZIP3 are the HHS Safe Harbor three-digit ZIP prefixes whose
// population is 20,000 or fewer (reported as 000).
var restrictedZIP3 = map[string]bool{
	"036": true, "059": true, "063": true, "102": true, "203": true, "556": true,
	"692": true, "790": true, "821": true, "823": true, "830": true, "831": true,
	"878": true, "879": true, "884": true, "890": true, "893": true,
}

// RestrictedZIP3 reports whether a ZIP code (5 digits, ZIP+4, or just the
// 3-digit prefix) falls in one of the 17 Safe Harbor restricted prefixes.
func RestrictedZIP3(zip string) bool {
	zip = strings.TrimSpace(zip)
	if len(zip) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if zip[i] < '0' || zip[i] > '9' {
			return false
		}
	}
	return restrictedZIP3[zip[:3]]
}

// Load builds the gazetteer tables now (detect.Loader).
func (detector) Load() { load() }
