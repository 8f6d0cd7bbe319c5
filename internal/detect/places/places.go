// Package places finds geographic identifiers smaller than a state and
// named facilities: street addresses, cities, counties, ZIP codes,
// hospitals, clinics and their units, rooms and beds, and other named
// facilities. States and countries are reported too, with a low score,
// because the engine uses them as context.
//
// Evidence comes from a gazetteer (GeoNames towns, world towns of several
// words included, CMS hospitals) held in one open-addressing table over
// Doc.Norm keys: each word is looked up once (a bloom filter answers for
// most words that are no key), and a word that opens a longer name reads
// on while the words so far are a known prefix. The table is built from
// the embedded data in tens of milliseconds, where Go maps took four times
// as long and an automaton a second. Token rules are triggered by digits,
// facility words ("Hospital", "Clinic", "Memorial"), street words and cue
// words ("lives in", "transferred to"); frames.go reads places that no
// list knows from the words around them (a bare "to Harbor", a ward after a
// room number, a misspelt town after "lives in", "the VA in Balt", an
// employer after "his business"). Data: see data/SOURCE.txt;
// regenerate with tools/gendata/places.
package places

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Sub values of the candidates this detector emits.
const (
	SubStreet   = "street"
	SubCity     = "city"
	SubCounty   = "county"
	SubZIP      = "zip"
	SubHospital = "hospital"
	SubUnit     = "unit"
	SubState    = "state"
	SubCountry  = "country"
	SubFacility = "facility"
	// SubGuess is a capitalised name that no list knows after a
	// preposition of place ("at Sunnybrook", "from Thornhill"): as often
	// a place as not, so it scores below every threshold that redacts;
	// a rule reads it only where the post is already about a patient
	SubGuess = "guess"
)

type detector struct{}

// New returns the places detector. Its tables are built lazily, once.
func New() detect.Detector { return detector{} }

func (detector) Name() string { return "places" }

// Detect appends LOCATION candidates found in d.
func (detector) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	if d == nil || len(d.Tokens) == 0 {
		return out
	}
	bb := getBuffers()
	s := scan{d: d, t: load(), base: len(out), out: out, bb: bb,
		frameToks: bb.frameToks[:0], starts: bb.starts[:0], ends: bb.ends[:0], matches: bb.matches[:0], weak: bb.weak[:0]}
	s.run()
	out = s.finish()
	bb.frameToks, bb.starts, bb.ends, bb.matches, bb.weak = s.frameToks[:0], s.starts[:0], s.ends[:0], s.matches[:0], s.weak[:0]
	putBuffers(bb)
	return out
}

// buffers are a scan's lists, recycled: a short text would otherwise
// allocate them anew.
type buffers struct {
	frameToks, starts, ends, weak []int
	matches                       []match
	// props and fold are propagate's: the names it looks for, and the
	// bytes of those it folded
	props []propName
	fold  []byte
}

// bufSlots keeps buffers between calls, one per processor, each in a
// slot of its own that is taken and given back with one atomic operation
// (a sync.Pool's Get and Put cost a short text about a tenth of what the
// detector spends on it).
var bufSlots = make([]bufSlot, runtime.GOMAXPROCS(0))

// bufSlot holds kept buffers, on a cache line of its own.
type bufSlot struct {
	p atomic.Pointer[buffers]
	_ [56]byte
}

func getBuffers() *buffers {
	for i := range bufSlots {
		if s := &bufSlots[i].p; s.Load() != nil {
			if bb := s.Swap(nil); bb != nil {
				return bb
			}
		}
	}
	return &buffers{frameToks: make([]int, 0, 64)}
}

// maxKept bounds the buffers kept for the next call, so that one huge
// text does not hold on to its buffers for good.
const maxKept = 1 << 16

func putBuffers(bb *buffers) {
	if cap(bb.frameToks) > maxKept || cap(bb.starts) > maxKept || cap(bb.ends) > maxKept || cap(bb.matches) > maxKept || cap(bb.props) > maxKept || cap(bb.fold) > maxKept || cap(bb.weak) > maxKept {
		*bb = buffers{}
	}
	for i := range bufSlots {
		if s := &bufSlots[i].p; s.Load() == nil && s.CompareAndSwap(nil, bb) {
			return
		}
	}
	// as many as there are processors are kept already
}

type scan struct {
	d       *text.Doc
	t       *tables
	out     []detect.Candidate
	base    int
	starts  []int // first and last token of each candidate emitted, by index from base
	ends    []int
	matches []match
	// frameToks are the tokens, in order, that may start a frame rule:
	// frame words and numbers, marked by the main scan
	frameToks []int
	// weak are the tokens after a weak cue ("at", "from") that cueName
	// passed over: guesses reads them once every other rule has run
	weak []int
	bb   *buffers
}

// lookup returns the table entry of key k, or the zero entry when k is no
// key (which reads as no name, no trigger and no longer name).
func (s *scan) lookup(k string) entry { return s.t.lookup(k) }

// gaz returns the gazetteer flags of a one-word name.
func (s *scan) gaz(w string) uint16 { return s.lookup(w).gaz() }

// match is a multi-word gazetteer name over tokens First..Last.
type match struct {
	First, Last int
	Flags       uint16
}

// ---- token helpers ----

func (s *scan) word(i int) bool {
	return i >= 0 && i < len(s.d.Tokens) && s.d.Tokens[i].Kind == text.Word
}

func (s *scan) low(i int) string {
	if i < 0 || i >= len(s.d.Tokens) {
		return ""
	}
	return s.d.Tokens[i].Lower
}

func (s *scan) has(i int, f text.Flag) bool {
	return i >= 0 && i < len(s.d.Tokens) && s.d.Tokens[i].Flags&f != 0
}

// capSignal: 2 capitalised in a mixed-case text, 1 case carries no signal
// (shouting, or a lower-case text), 0 lower-case where capitals are used.
func (s *scan) capSignal(i int) int {
	if i < 0 || i >= len(s.d.Tokens) {
		return 0 // no word there ("And 0 B Av": nothing before "And")
	}
	t := &s.d.Tokens[i]
	if t.Flags&text.HasLetter == 0 {
		return 1
	}
	if s.d.Upperish {
		return 1
	}
	if t.Flags&text.Upper != 0 {
		if t.Flags&text.AllUpper != 0 && len(t.Lower) > 1 {
			// an all-caps word in a mixed-case text: an acronym or a
			// shouted word as often as a name
			return 1
		}
		return 2
	}
	if s.d.Lowerish {
		return 1
	}
	if r, _ := utf8.DecodeRuneInString(t.Lower); r < utf8.RuneSelf || !unicode.IsLetter(r) || unicode.IsLower(r) {
		return 0
	}
	return 1
}

// nextTok / prevTok return the adjacent token index on the same line, or -1.
func (s *scan) nextTok(i int) int {
	if i+1 < len(s.d.Tokens) && s.d.Tokens[i+1].Flags&text.NewlineBefore == 0 {
		return i + 1
	}
	return -1
}

func (s *scan) prevTok(i int) int {
	if i > 0 && i < len(s.d.Tokens) && s.d.Tokens[i].Flags&text.NewlineBefore == 0 {
		return i - 1
	}
	return -1
}

func (s *scan) punct(i int, c byte) bool { return s.d.IsPunct(i, c) }

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// houseNumber: "12", "1108", "12b", "4-6" style numbers that start addresses.
func houseNumber(w string) bool {
	if w == "" || len(w) > 7 || w[0] < '0' || w[0] > '9' {
		return false
	}
	digits := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z' && i == len(w)-1 && digits > 0:
		default:
			return false
		}
	}
	return digits > 0 && digits <= 6
}

func english(w string) bool { return vocab.English(w) }

// plainWord reports an ordinary English or clinical word.
func plainWord(w string) bool {
	return vocab.Lookup(w).Any(vocab.IsEnglish | vocab.IsAbbrev)
}

// ordinary reports a plainWord or a medical word, in one lookup
// (plainWord(w) || vocab.Medical(w)).
func ordinary(w string) bool {
	return vocab.Lookup(w).Any(vocab.IsEnglish | vocab.IsAbbrev | vocab.IsMedical)
}

// englishOrMedical is english(w) || vocab.Medical(w), in one lookup.
func englishOrMedical(w string) bool {
	return vocab.Lookup(w).Any(vocab.IsEnglish | vocab.IsMedical)
}

func (s *scan) emit(sub string, first, last int, score float64, cue string) {
	if first < 0 || last < first || last >= len(s.d.Tokens) {
		return
	}
	a, b := s.d.Tokens[first].Start, s.d.Tokens[last].End
	if a >= b {
		return
	}
	if score > 0.97 {
		score = 0.97
	}
	s.out = append(s.out, detect.Candidate{Type: detect.Location, Sub: sub, Start: a, End: b, Score: score, Cue: cue})
	s.starts = append(s.starts, first)
	s.ends = append(s.ends, last)
}

// cueBefore reports the context word before token i ("in", "transferred
// to", "@") and its strength: 2 for a cue that announces a place, 1 for a
// preposition.
func (s *scan) cueBefore(i int) (string, int) {
	j := i - 1
	if s.word(j) && (s.low(j) == "the" || s.low(j) == "a") {
		j--
	}
	if j < 0 {
		return "", 0
	}
	t := &s.d.Tokens[j]
	if t.Kind == text.Punct {
		switch {
		case s.punct(j, '@'):
			return "@", 1
		case s.punct(j, ':') && s.word(j-1):
			w := s.low(j - 1)
			if w == "where" || w == "location" || w == "address" || w == "city" || w == "hometown" || w == "hospital" || w == "facility" {
				return s.d.Text(j - 1), 2
			}
		case s.punct(j, '('):
			if s.word(j-1) && (s.low(j-1) == "rehab" || s.low(j-1) == "transfer") {
				return s.d.Text(j - 1), 2
			}
		}
		return "", 0
	}
	if t.Kind != text.Word {
		return "", 0
	}
	w := t.Lower
	kind := cueW.Value(w)
	if kind == 0 {
		return "", 0
	}
	if kind&cueIsStrong != 0 {
		return s.d.Text(j), 2
	}
	c1 := kind&cueIsOne != 0
	if sb := kind & cue2Bits; sb != 0 && (c1 || kind&cueIsSecond != 0) {
		// a two-word cue (cue2) when the word before pairs with this one
		p := s.d.PrevWord(j, false)
		if p >= 0 && cue2FirstW.Value(s.low(p))&sb != 0 {
			return s.d.Span(p, j), 2
		}
	}
	if c1 {
		return s.d.Text(j), 1
	}
	if kind&cueIsTransfer != 0 {
		return s.d.Text(j), 2
	}
	return "", 0
}

// transferCues are strong cues alone ("tx to", "transfer from").
var transferCues = []string{"transfer", "transferred", "transfered", "tx", "trans"}

// ---- main scan ----

func (s *scan) run() {
	d := s.d
	// namedUnit reads all-capital words, where case means something
	var caps text.Flag
	if !d.Upperish {
		caps = text.AllUpper
	}
	for i := range d.Tokens {
		tok := &d.Tokens[i]
		if tok.Kind != text.Word {
			continue
		}
		w := tok.Lower
		if tok.Flags&text.AllDigit != 0 {
			// numbers are no names
			s.frameToks = append(s.frameToks, i) // a room number before a ward
			s.digits(i)
			continue
		}
		wi := s.lookup(w)
		if wi == 0 && tok.Flags&(text.HasDigit|caps) == 0 && !endShape(w) {
			continue // no key, and none of the shapes the rules below read
		}
		if wi.trig()&tFrame != 0 {
			s.frameToks = append(s.frameToks, i)
		}
		// multi-word names starting here (keys are in Norm form: "st
		// mary hospital" for "St. Mary's Hospital")
		if wi.more() {
			// wi.next is the phrases' when w is its own Norm form, as it
			// is unless it ends in "'s" (text.Doc.Norm)
			next := wi.next()
			if w[len(w)-1] == 's' {
				if n, ok := d.WordRun(i, i); !ok || n != w {
					next = 1<<nextBits - 1
				}
			}
			s.multiFrom(i, next)
		} else if possessive(w) {
			if n, ok := d.WordRun(i, i); ok {
				if x := s.lookup(n); x.more() {
					s.multiFrom(i, x.next())
				}
			}
		}
		if wi.gaz() != 0 {
			s.gazHit(i, i, wi.gaz())
		}
		if tok.Flags&text.HasDigit != 0 {
			s.digits(i)
			continue
		}
		if tok.Flags&caps != 0 && len(w) >= 2 && len(w) <= 4 && unitAfterW.Has(w) && w != "or" {
			s.namedUnit(i)
		}
		if abbrevShape(w) {
			s.abbrev(i)
		}
		if compoundShape(w) && compoundStreet(w) {
			s.compoundStreetRule(i)
		}
		tr := wi.trig()
		if tr == 0 {
			continue
		}
		if tr&tHead != 0 {
			s.head(i, int(hospitalHeadW.Value(w)), SubHospital)
		} else if tr&tFacility != 0 {
			s.head(i, int(facilityHeadW.Value(w)), SubFacility)
		}
		switch {
		case tr&tSaint != 0:
			s.saint(i)
		case tr&tBox != 0:
			s.poBox(i)
		case tr&tMil != 0:
			s.military(i)
		case tr&tCorner != 0:
			s.corner(i)
		case tr&tCounty != 0:
			s.county(i)
		case tr&tRoom != 0:
			s.room(i)
		case tr&tUniv != 0:
			s.univ(i)
		}
		if tr&tUnit != 0 {
			s.aptUnit(i)
		}
		if tr&tCompass != 0 {
			s.compassUnit(i)
		}
		if tr&tLead != 0 {
			s.leadStreet(i)
		} else if tr&tTail != 0 {
			s.tailStreet(i)
		}
		if tr&tState != 0 {
			s.cityState(i)
		}
		if tr&tCue != 0 {
			s.cueName(i)
		}
	}
	s.frames()
	s.unitSuffix()
	s.conjunct()
	s.propagate()
	s.guesses()
}

// namedUnit: "sent to Warren Grant EW": capitalised names before a unit
// abbreviation, after a cue.
func (s *scan) namedUnit(i int) {
	first, distinct := -1, false
	for k, n := i-1, 0; n < 3 && s.word(k); n, k = n+1, k-1 {
		if s.d.Tokens[k+1].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(k)
		if s.capSignal(k) != 2 || stopW.Has(lw) || notNameW.Has(lw) || s.has(k, text.HasDigit) || vocab.Medical(lw) || s.has(k, text.SentStart) {
			break
		}
		// a hospital's name word ("Mercy ED", "Memorial ICU") names one as
		// well as a word that is no English
		if !english(lw) || genericLead[lw] {
			distinct = true
		}
		first = k
	}
	if first < 0 {
		return
	}
	cue, cs := s.cueBefore(first)
	if cs == 2 || cs == 1 && distinct {
		s.emit(SubUnit, first, i, 0.6, cue)
	}
}

// conjunct: "SCREENED BY BALTIMORE REHAB AND KIMBROUGH": an unknown name
// joined to a facility by "and" is a facility too.
func (s *scan) conjunct() {
	n := len(s.out)
	for ci := s.base; ci < n; ci++ {
		c := s.out[ci]
		if c.Score < 0.5 || c.Sub != SubHospital && c.Sub != SubFacility {
			continue
		}
		last := s.ends[ci-s.base]
		k := s.d.NextWord(last, false)
		if k < 0 || s.low(k) != "and" && s.low(k) != "&" {
			continue
		}
		m := s.d.NextWord(k, false)
		if m < 0 || s.d.Tokens[m].Flags&text.NewlineBefore != 0 {
			continue
		}
		lw := s.low(m)
		if s.capSignal(m) == 0 || len(lw) < 4 || stopW.Has(lw) || ordinary(lw) || s.has(m, text.HasDigit) {
			continue
		}
		// a lone name: the sentence or clause ends after it
		if e := m + 1; e < len(s.d.Tokens) && s.word(e) && s.d.Tokens[e].Flags&text.NewlineBefore == 0 {
			continue
		}
		s.emit(c.Sub, m, m, 0.55, "and")
	}
}

// abbrevShape and compoundShape are run's first tests of abbrev and
// compoundStreetRule, on the length and last byte of w.
func abbrevShape(w string) bool {
	n := len(w)
	return n >= 2 && (w[n-1] == 'h' || w[n-1] == 'c') && n <= 5
}

func compoundShape(w string) bool { return len(w) >= 7 && compoundEnd[w[len(w)-1]] }

// endShape reports whether w has a length and last byte that a rule of
// run reads in a word that is no key: possessive, abbrevShape or
// compoundShape may hold (TestEndShape). One load of a table where the
// three tests took a dozen instructions for every word, most of them no
// key.
func endShape(w string) bool {
	n := len(w)
	return n > 0 && endLens[w[n-1]]>>min(n, 31)&1 != 0
}

// endLens[c] has bit n set when a word of n bytes (31: or more) that ends
// in byte c may pass possessive, abbrevShape or compoundShape.
var endLens = func() (t [256]uint32) {
	for c := range 256 {
		for n := 1; n < 32; n++ {
			if n > 3 && c == 's' || n >= 2 && n <= 5 && (c == 'h' || c == 'c') || n >= 7 && compoundEnd[c] {
				t[c] |= 1 << n
			}
		}
	}
	return t
}()

// possessive: w ends in a possessive "'s", which the Norm form drops
// (text.Doc.Norm). The last byte is tested first: most words end in
// another.
func possessive(w string) bool {
	n := len(w)
	return n > 3 && w[n-1] == 's' && (w[n-2] == '\'' || w[n-4:n-1] == "’")
}

// multiFrom looks up the multi-word names that start at token i, reading
// on while the words so far are a prefix of some name. next is the entry's
// next of token i's Norm form.
func (s *scan) multiFrom(i int, next uint8) {
	d := s.d
	toks := d.Tokens
	for j, words := i+1, 1; j < len(toks) && words < 24; j++ {
		if toks[j].Kind != text.Word {
			continue // WordRun decides whether this punctuation may join
		}
		words++
		// the run would be the words so far, a space, and word j's Norm
		// form, which starts at NormAt[j] (a word's Norm form is not
		// empty when its Lower is not): no key goes on so when the first
		// byte's bit is not in next
		if at := d.NormAt[j]; toks[j].Lower != "" && at >= 0 && next&nextBit(d.Norm[at]) == 0 {
			return
		}
		run, ok := d.WordRun(i, j)
		if !ok {
			return
		}
		x := s.lookup(run) // the zero entry when no name starts so
		if x.gaz() != 0 {
			s.matches = append(s.matches, match{First: i, Last: j, Flags: x.gaz()})
			s.gazHit(i, j, x.gaz())
		}
		if !x.more() {
			return
		}
		next = x.next()
	}
}

// compoundStreet: a one-word street name ending in a street word
// ("Bundesstrasse", "Magasinsgatan"). Endings are looked up by length.
func compoundStreet(w string) bool {
	if len(w) < 7 || !compoundTailMaybe(w) {
		return false
	}
	for _, suf := range compoundByLast[w[len(w)-1]] {
		if n := len(suf); n >= 3 && n <= 8 && n+3 <= len(w) && w[len(w)-n:] == suf {
			return !english(w)
		}
	}
	return false
}

// compoundByLast holds the street endings by their last byte.
var compoundByLast = func() *[256][]string {
	var t [256][]string
	for _, s := range streetCompound {
		t[s[len(s)-1]] = append(t[s[len(s)-1]], s)
	}
	return &t
}()

// compoundTail is a bit set over a hash of the last three bytes of every
// ending (all have at least three): most words are turned away by it
// before any ending is compared.
var compoundTail = func() (b [tail3Size / 64]uint64) {
	for _, s := range streetCompound {
		h := tail3(s)
		b[h/64] |= 1 << (h % 64)
	}
	return
}()

const tail3Size = 1 << 12

// tail3 hashes the last three bytes of w (len(w) >= 3) to [0, tail3Size).
func tail3(w string) uint32 {
	n := len(w)
	x := uint32(w[n-3]) | uint32(w[n-2])<<8 | uint32(w[n-1])<<16
	return x * 0x9e3779b1 >> (32 - 12)
}

func compoundTailMaybe(w string) bool {
	h := tail3(w)
	return compoundTail[h/64]&(1<<(h%64)) != 0
}

var compoundEnd = func() (b [256]bool) {
	for _, s := range streetCompound {
		b[s[len(s)-1]] = true
	}
	return
}()

// ---- gazetteer ----

func (s *scan) gazHit(first, last int, f uint16) {
	d := s.d
	// case evidence over the phrase: the first and last words count.
	capA, capB := s.capSignal(first), s.capSignal(last)
	capv := capA
	if capB < capv {
		capv = capB
	}
	cue, cs := s.cueBefore(first)
	ambig := f&gAmbig != 0
	multi := first != last
	sentStart := d.Tokens[first].Flags&text.SentStart != 0 && capv == 2 && !d.Upperish
	if !multi && d.Tokens[first].Flags&text.AllUpper != 0 && !d.Upperish && len(d.Tokens[first].Lower) <= 3 {
		// short all-caps tokens are mostly abbreviations
		if f&(gState|gCountry) == 0 {
			return
		}
	}
	if !multi && len(d.Tokens[first].Lower) < 3 {
		return
	}
	if !multi && holidayW[d.Tokens[first].Lower] {
		return // "working Christmas Eve": the day, not Christmas, Florida
	}
	if f&gCountry != 0 {
		// a country wins over a small town of the same name ("Norway", "Peru")
		f &^= gUSCity | gWorldCity | gAlias
	}
	if f&gState != 0 && multi && capv >= 1 && f&gUSCity == 0 {
		s.emit(SubState, first, last, 0.1, cue)
		return
	}
	if f&(gHospital|gAlias) != 0 {
		sc := 0.0
		switch {
		case !multi && ambig:
			if capv == 2 && cs >= 1 && !sentStart {
				sc = 0.6
			}
		case capv == 2:
			sc = 0.75
		case capv == 1 && !ambig && (multi || cs >= 1):
			sc = 0.6
		case capv == 1 && cs >= 1:
			sc = 0.55
		case capv == 0 && (cs >= 2 || multi && cs >= 1 && !ambig):
			sc = 0.5
		}
		if !multi && capv < 2 && cs < 2 && d.Tokens[first].Flags&text.AllUpper == 0 {
			sc = 0
		}
		if f&gHospital != 0 && multi && sc > 0 {
			sc += 0.1
		}
		if cs >= 1 && sc > 0 {
			sc += 0.1
		}
		if sc > 0 {
			s.emit(SubHospital, first, s.headTail(last), sc, cue)
			return
		}
	}
	if k := s.d.NextWord(last, false); k >= 0 && eponymNext[s.low(k)] {
		return
	}
	if f&(gUSCity|gWorldCity) != 0 && !(f&gState != 0 && !multi) {
		sc := 0.0
		world := f&gUSCity == 0
		switch {
		case ambig:
			if capv == 2 && cs >= 1 && !sentStart && multi {
				sc = 0.55
			} else if capv >= 1 && cs >= 2 && (multi || s.d.Upperish) {
				sc = 0.55
			} else if capv == 2 && (cs >= 2 || cs == 1 && (cue == "in" || cue == "from" || cue == "In" || cue == "From") && !sentStart && s.low(first-1) != "the") {
				sc = 0.55
			} else if capv == 0 && cs >= 2 && multi {
				sc = 0.45
			} else if capv == 2 && s.stateAfter(last) {
				sc = 0.7
			}
		case capv == 2:
			sc = 0.65
			if world && !multi {
				sc = 0.4
			}
			if sentStart && !multi {
				sc -= 0.1
			}
			if cs >= 1 {
				sc += 0.15
			}
		case capv == 1:
			if cs >= 1 {
				sc = 0.6
			} else if multi || !world {
				sc = 0.4
			}
		case capv == 0:
			if cs >= 2 || (cs == 1 && multi) {
				sc = 0.5
			}
		}
		if s.stateAfter(last) && sc > 0 && sc < 0.8 {
			sc = 0.8
		}
		if sc > 0 {
			// "Den Haag", "La Paz": a capitalised article belongs to the name
			if p := s.prevTok(first); p >= 0 && cityArticle[s.low(p)] && s.capSignal(p) == 2 && !s.has(p, text.SentStart|text.AllUpper) {
				first = p
			}
			s.emit(SubCity, first, s.parenAfter(last), sc, cue)
			return
		}
	}
	if f&gCounty != 0 && capv >= 1 {
		s.emit(SubCounty, first, last, 0.8, cue)
		return
	}
	if f&gState != 0 && capv >= 1 {
		s.emit(SubState, first, last, 0.1, cue)
		return
	}
	if f&gCountry != 0 && capv >= 1 {
		if !multi && d.Tokens[first].Flags&text.AllUpper != 0 && len(d.Tokens[first].Lower) <= 3 && s.low(first) != "usa" && s.low(first) != "uk" {
			return
		}
		s.emit(SubCountry, first, s.parenAfter(last), 0.1, cue)
	}
}

var cityArticle = map[string]bool{"den": true, "la": true, "le": true, "el": true, "los": true, "las": true, "les": true}

// parenAfter extends a place name over a parenthesised qualifier on the
// same line ("Unionville (Orange)", "Cyprus (Greek)").
func (s *scan) parenAfter(last int) int {
	k := last + 1
	if !s.punct(k, '(') || k >= len(s.d.Tokens) || s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
		return last
	}
	for m, n := k+1, 0; n < 3 && s.word(m); m, n = m+1, n+1 {
		if s.capSignal(m) == 0 || s.has(m, text.HasDigit) || stopW.Has(s.low(m)) {
			return last
		}
		if s.punct(m+1, ')') {
			return m + 1
		}
	}
	return last
}

// headTail extends a facility name over the facility words after it
// ("Sacred Heart memorial", "Holy Cross Hospital").
func (s *scan) headTail(last int) int {
	for n := 0; n < 3; n++ {
		k := s.d.NextWord(last, false)
		if k < 0 || s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			break
		}
		w := s.low(k)
		if !hospitalHeadW.Has(w) && w != "medical" && w != "center" && w != "centre" && w != "ctr" && w != "med" {
			break
		}
		last = k
	}
	return last
}

func (s *scan) headAfter(i int) bool {
	j := s.d.NextWord(i, false)
	if j < 0 {
		return false
	}
	w := s.low(j)
	h := hospitalHeadW.Has(w)
	return h || w == "medical" || w == "center" || unitAfterW.Has(w)
}

// stateAfter: ", MD" or ", Maryland" follows token i.
func (s *scan) stateAfter(i int) bool {
	j := i + 1
	if !s.punct(j, ',') {
		return false
	}
	j++
	if !s.word(j) {
		return false
	}
	w := s.low(j)
	if stateAbbr[w] && s.has(j, text.AllUpper) {
		return true
	}
	f := s.gaz(w)
	return f&gState != 0 && s.has(j, text.Upper)
}

// ---- facility names ----

// head handles a facility word at i ("Hospital", "Clinic", "Memorial",
// "House"): it reaches left over the name before it.
func (s *scan) head(i, strength int, sub string) {
	d := s.d
	w := s.low(i)
	if sub == SubFacility && (w == "center" || w == "centre" || w == "ctr" || w == "group") {
		p := s.d.PrevWord(i, false)
		switch s.low(p) {
		case "medical", "med", "health", "cancer", "heart", "surgical", "trauma", "rehabilitation", "rehab", "children's", "care", "dialysis", "surgery", "kidney", "eye", "wellness":
			sub, strength = SubHospital, 2
		}
	}
	if sub == SubFacility && s.capSignal(i) == 0 {
		return
	}
	emp := s.capSignal(i) < 2 && !s.d.Upperish && s.employerBefore(i)
	if s.capSignal(i) == 0 && strength < 2 && w != "office" && w != "campus" && !emp {
		return
	}
	if w == "assisted" && s.low(s.d.NextWord(i, false)) != "living" {
		return
	}
	first, distinct, names := i, false, 0
	j := i - 1
	steps := 0
	for j >= 0 && steps < 8 {
		steps++
		t := &d.Tokens[j]
		if d.Tokens[j+1].Flags&text.NewlineBefore != 0 {
			break
		}
		if t.Kind == text.Punct {
			// "St. Mary", "Cedars-Sinai", "Dr. Smith's"
			if (s.punct(j, '.') && s.word(j-1) && (s.low(j-1) == "st" || s.low(j-1) == "mt" || s.low(j-1) == "dr" || s.low(j-1) == "ft" || s.low(j-1) == "med")) ||
				(s.punct(j, '-') && d.Adjacent(j, j+1) && d.Adjacent(j-1, j)) || s.punct(j, '&') {
				j--
				continue
			}
			break
		}
		if t.Kind != text.Word {
			break
		}
		lw := t.Lower
		if isConnector(lw) {
			if names == 0 || !s.word(j-1) || stopW.Has(s.low(j-1)) {
				break
			}
			j--
			continue
		}
		if stopW.Has(lw) && !(lw == "dr" || lw == "st") || notNameW.Has(lw) {
			break
		}
		c := s.capSignal(j)
		ok := false
		switch {
		case c == 2:
			ok = true
			if !english(lw) && !genericLead[lw] && !s.isHeadWord(lw) && t.Flags&text.SentStart == 0 {
				distinct = true
			}
			if !english(lw) && !genericLead[lw] && !s.isHeadWord(lw) && t.Flags&text.SentStart != 0 && !vocab.Medical(lw) {
				distinct = true
			}
		case c == 1:
			if genericLead[lw] || s.isHeadWord(lw) || emp && !notNameW.Has(lw) {
				ok = true
			} else if !ordinary(lw) && t.Flags&text.HasLetter != 0 && strings.IndexAny(lw, "'’") < 0 && t.Flags&text.HasDigit == 0 {
				ok = true
				distinct = len(lw) >= 4 || s.gaz(lw) != 0
			}
		default:
			ok = genericLead[lw] || ((lw == "medical" || lw == "health" || lw == "med") && strength == 2) || emp && !notNameW.Has(lw)
		}
		if !ok {
			break
		}
		first = j
		names++
		j--
	}
	// trim leading connectors / punctuation
	for first < i && (d.Tokens[first].Kind != text.Word || isConnector(s.low(first))) {
		first++
	}
	if names == 0 || first == i {
		// "TAKEN TO LAUREL REGIONAL": an ordinary word right after a strong
		// cue still names the facility
		if p := i - 1; s.word(p) && !stopW.Has(s.low(p)) && !notNameW.Has(s.low(p)) && !vocab.Medical(s.low(p)) && s.capSignal(p) >= 1 {
			cue, cs := s.cueBefore(p)
			if cs == 1 {
				// "AT UNION MEMORIAL": a memorial is always someone's;
				// a hospital or clinic needs a name that is no word
				switch strings.ToLower(cue) {
				case "at", "to", "from":
					if w == "memorial" || (w == "hospital" || w == "clinic" || w == "infirmary") && !plainWord(s.low(p)) {
						cs = 2
					}
				}
			}
			if cs == 2 {
				first, names, distinct = p, 1, true
			}
		}
	}
	if names == 0 || first == i {
		return
	}
	cue, cs := s.cueBefore(first)
	if emp {
		cue, cs = "works for", 2
	}
	allGeneric := true
	for k := first; k < i; k++ {
		if s.word(k) && !genericLead[s.low(k)] && !s.isHeadWord(s.low(k)) {
			allGeneric = false
		}
	}
	if strength < 2 && !distinct && cs == 0 {
		return
	}
	if strength < 2 && allGeneric && !(cs >= 1 && s.capSignal(first) == 2 && s.capSignal(i) == 2) {
		return
	}
	if s.capSignal(first) == 0 && allGeneric && !(w == "hospital" || w == "clinic") {
		return
	}
	// in shouting or lower-case texts, only a cue or a distinctive name will do
	if !distinct && cs == 0 && s.capSignal(first) != 2 && !allGeneric {
		return
	}
	last := i
	// "Children's Hospital of Philadelphia"
	if k := s.nextTok(i); k >= 0 && s.low(k) == "of" && s.capSignal(i) == 2 {
		m := k + 1
		e := -1
		for n := 0; n < 3 && s.word(m) && s.capSignal(m) == 2 && !stopW.Has(s.low(m)); n++ {
			e = m
			m++
		}
		if e > 0 {
			last = e
		}
	}
	sc := 0.55
	if strength == 2 {
		sc = 0.7
	}
	if distinct {
		sc += 0.1
	}
	if allGeneric {
		sc = 0.5
	}
	if cs > 0 {
		sc += 0.1
	}
	// "Mercy West ED", "GH TCU": a unit of the named facility
	if k := s.d.NextWord(last, false); k >= 0 && sub == SubHospital && unitAfterW.Has(s.low(k)) && (s.has(k, text.AllUpper) || s.capSignal(k) == 2) && s.low(k) != "or" {
		s.emit(SubUnit, first, k, sc, cue)
	}
	if last == i && s.punct(i+1, '.') && s.d.Adjacent(i, i+1) && (w == "hosp" || w == "med" || w == "ctr") {
		// "General Hosp."
		s.emit(sub, first, i+1, sc, cue)
		return
	}
	s.emit(sub, first, last, sc, cue)
}

// employerBefore: "works for vista health": one or two words after an
// employment cue end at the facility word i.
func (s *scan) employerBefore(i int) bool {
	for k, n := i-1, 0; n < 2 && s.word(k); n, k = n+1, k-1 {
		if stopW.Has(s.low(k)) || vocab.Medical(s.low(k)) {
			return false
		}
		p := s.d.PrevWord(k, false)
		if p < 0 {
			return false
		}
		switch s.low(p) {
		case "for", "by":
			q := s.d.PrevWord(p, false)
			switch s.low(q) {
			case "works", "work", "worked", "working", "employed":
				return true
			}
			return false
		}
	}
	return false
}

func (s *scan) isHeadWord(w string) bool {
	return headW.Has(w) || w == "medical" || w == "center" || w == "med" || w == "ctr"
}

// saint: "St. Brigid's", "Saint Agnes", "Mt. Sinai".
func (s *scan) saint(i int) {
	j := i + 1
	if s.punct(j, '.') {
		j++
	}
	if !s.word(j) || s.d.Tokens[j].Flags&text.NewlineBefore != 0 || s.has(j, text.HasDigit) {
		return
	}
	nw := s.low(j)
	if len(nw) == 1 && s.has(j, text.Upper) && s.punct(j+1, '.') && !s.d.Upperish && s.low(i) == "st" {
		// "Had a bed @ St A.": a saint's initial after a cue
		if cue, cs := s.cueBefore(i); cs >= 1 {
			s.emit(SubHospital, i, j, 0.6, cue)
		}
		return
	}
	if stopW.Has(nw) || streetSuffixW.Has(nw) {
		return
	}
	cap := s.capSignal(j)
	if cap < 2 && (len(nw) < 3 || ordinary(nw)) {
		return
	}
	cue, cs := s.cueBefore(i)
	// "Main St. Clinic" / "Elm St": a street, not a saint
	if p := s.prevTok(i); p >= 0 && s.word(p) && s.capSignal(p) == 2 && !stopW.Has(s.low(p)) && s.low(i) == "st" && cs == 0 {
		return
	}
	poss := strings.HasSuffix(nw, "'s") || strings.HasSuffix(nw, "’s") || strings.HasSuffix(nw, "s'")
	sc := 0.0
	switch {
	case cap == 2 && poss:
		sc = 0.7
	case cap >= 1 && (cs >= 1 || s.headAfter(j)):
		sc = 0.6
	case cap == 2:
		sc = 0.45
	case cap == 0 && (cs >= 2 || s.headAfter(j)):
		sc = 0.5
	}
	if sc == 0 {
		return
	}
	if cs >= 1 {
		sc += 0.1
	}
	last := j
	if k := s.nextTok(j); k >= 0 && s.word(k) && s.capSignal(k) == 2 && cap == 2 && compassW.Has(s.low(k)) {
		last = k
	}
	s.emit(SubHospital, i, last, sc, cue)
}

// abbreviations of hospitals ("GH", "GBMC", "UMMC") with context.
var abbrDeny = map[string]bool{
	"tsh": true, "fsh": true, "lh": true, "acth": true, "adh": true, "bph": true, "sah": true, "ich": true,
	"pph": true, "lvh": true, "rvh": true, "pah": true, "nph": true, "doh": true, "ph": true, "hh": true,
	"uh": true, "oh": true, "ah": true, "eh": true, "sh": true, "ch": true, "th": true, "dh": true,
	"mh": true, "bh": true, "ugh": true, "hmm": true, "mmh": true, "pth": true, "ldh": true, "gh": false,
	"hc": true, "mc": true, "dmc": false, "ohh": true, "ahh": true, "nah": true, "yeah": true, "meh": true,
	"bah": true, "duh": true, "huh": true, "heh": true, "ooh": true, "shh": true, "psh": true, "ach": true,
	"mech": true, "each": true, "much": true, "such": true, "with": true, "both": true, "bath": true,
	"math": true, "path": true, "rush": true, "push": true, "wash": true, "cash": true, "fish": true,
	"high": true, "sigh": true, "tech": true, "etoh": true, "noh": true, "wish": true, "rash": true,
	"dish": true, "hush": true, "gash": true, "mash": true, "lush": true, "bush": true, "ash": true,
	"twh": true, "msh": true, "aph": true, "cvh": true, "hch": true, "mch": true, "mchc": true,
	"sph": true, "iph": true, "osh": true, "olh": true, "trach": true, "bsh": true, "ssh": true, "hah": true, "dph": true, "oph": true, "hcc": true, "lmc": true, "rmc": true,
}

func (s *scan) abbrev(i int) {
	w := s.low(i)
	n := len(w)
	if !(strings.HasSuffix(w, "h") && n <= 3 || strings.HasSuffix(w, "mc") || strings.HasSuffix(w, "hc")) || abbrDeny[w] {
		return
	}
	for k := 0; k < n; k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return
		}
	}
	all := s.has(i, text.AllUpper)
	if !all && !s.d.Lowerish && !(s.capSignal(i) == 1) {
		return
	}
	if ordinary(w) {
		return
	}
	if s.gaz(w) != 0 && !all {
		return
	}
	cue, cs := s.cueBefore(i)
	unit := false
	if k := s.d.NextWord(i, false); k >= 0 && s.d.Tokens[k].Flags&text.NewlineBefore == 0 {
		lk := s.low(k)
		unit = unitAfterW.Has(lk) && lk != "or" || lk == "cath" || lk == "attorneys" || lk == "campus"
	}
	cueOK := false
	if p := s.d.PrevWord(i, false); p >= 0 && (s.low(p) == "leave" || s.low(p) == "leaving") {
		cueOK = true
	}
	if cs >= 1 {
		switch strings.ToLower(cue) {
		case "of", "via":
		case "by":
			cueOK = n >= 3
		default:
			cueOK = true
		}
	}
	if !cueOK && !unit {
		return
	}
	if !all && vocab.Medical(w) {
		return
	}
	sc := 0.6
	if all && n >= 3 {
		sc = 0.65
	}
	s.emit(SubHospital, i, i, sc, cue)
}

// county: "Baltimore County", "Orleans Parish".
func (s *scan) county(i int) {
	if s.capSignal(i) == 0 {
		return
	}
	first := -1
	for j, n := i-1, 0; n < 3; n, j = n+1, j-1 {
		if !s.word(j) || s.d.Tokens[j+1].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(j)
		if stopW.Has(lw) || s.capSignal(j) == 0 || s.has(j, text.HasDigit) || (n > 0 && english(lw) && s.capSignal(j) != 2) {
			break
		}
		if s.capSignal(j) == 1 && ordinary(lw) {
			break
		}
		first = j
	}
	if first < 0 {
		return
	}
	cue, _ := s.cueBefore(first)
	s.emit(SubCounty, first, i, 0.8, cue)
}

// room: "room 12", "rm 4B", "bed 3".
func (s *scan) room(i int) {
	j := i + 1
	for s.punct(j, '.') || s.punct(j, '#') || (s.word(j) && (s.low(j) == "no" || s.low(j) == "number")) {
		j++
	}
	if !s.word(j) || !s.d.Tokens[j].Has(text.HasDigit) || s.d.Tokens[j].Flags&text.NewlineBefore != 0 {
		return
	}
	w := s.low(j)
	if len(w) > 5 || !houseNumber(w) && !(len(w) <= 4 && w[0] >= 'a' && w[0] <= 'z' && isDigits(w[1:])) {
		return
	}
	// "room 12 mg"? units of measure after rule it out
	if k := s.nextTok(j); k >= 0 && s.word(k) && unitOfMeasureW.Has(s.low(k)) {
		return
	}
	s.emit(SubUnit, i, j, 0.45, "")
}

var unitOfMeasure = map[string]bool{
	"mg": true, "ml": true, "mcg": true, "g": true, "kg": true, "lb": true, "lbs": true, "cc": true,
	"units": true, "unit": true, "u": true, "l": true, "hr": true, "hrs": true, "min": true, "mins": true,
	"days": true, "day": true, "weeks": true, "wks": true, "yo": true, "y": true, "years": true, "yrs": true,
	"mmhg": true, "bpm": true, "cm": true, "mm": true, "meq": true, "mmol": true, "am": true, "pm": true,
	"times": true, "x": true, "percent": true, "pts": true, "patients": true, "beds": true, "rooms": true,
}

// univ: "U Maryland", "UOf Maryland", "University of Maryland".
func (s *scan) univ(i int) {
	j := s.d.NextWord(i, false)
	if j >= 0 && s.low(j) == "of" {
		j = s.d.NextWord(j, false)
	}
	if j < 0 || s.d.Tokens[j].Flags&text.NewlineBefore != 0 {
		return
	}
	f := s.gaz(s.low(j))
	if f&(gState|gUSCity) == 0 || s.capSignal(j) == 0 || s.capSignal(i) == 0 {
		return
	}
	if s.low(i) == "u" && !s.has(i, text.AllUpper) && !s.d.Upperish {
		return
	}
	cue, _ := s.cueBefore(i)
	s.emit(SubHospital, i, j, 0.6, cue)
}

// compassUnit: "Mercy West", "Lakeshore 4 North".
func (s *scan) compassUnit(i int) {
	if s.capSignal(i) == 0 {
		return
	}
	// "North Campus", "EAST WING"
	if k := s.nextTok(i); k >= 0 && s.word(k) && s.capSignal(k) >= 1 && (s.capSignal(i) == 2 && s.capSignal(k) == 2 || s.d.Upperish) {
		switch s.low(k) {
		case "campus", "wing", "tower", "pavilion", "annex":
			cue, _ := s.cueBefore(i)
			s.emit(SubUnit, i, k, 0.6, cue)
			return
		}
	}
	p := s.prevTok(i)
	if p < 0 || !s.word(p) {
		return
	}
	pw := s.low(p)
	if isDigits(pw) && len(pw) <= 2 {
		q := s.prevTok(p)
		if q >= 0 && s.word(q) && s.capSignal(q) >= 1 && !stopW.Has(s.low(q)) && !ordinary(s.low(q)) {
			cue, _ := s.cueBefore(q)
			s.emit(SubUnit, q, i, 0.6, cue)
		}
		return
	}
	if s.capSignal(p) != 2 {
		return
	}
	f := s.gaz(pw)
	if hospitalHeadW.Has(pw) || f&gAlias != 0 || pw == "mercy" {
		cue, _ := s.cueBefore(p)
		s.emit(SubHospital, p, i, 0.6, cue)
	}
}

// cueName: after a strong cue ("lives in", "flew to", "Where:"), an
// unknown capitalised name is taken as a city. Token i is a cue word: one
// of cue1 or cueStrong, "where" or "city", the words that tCue marks
// (triggers; TestCueTrigger).
func (s *scan) cueName(i int) {
	w := s.low(i)
	j := s.d.NextWord(i, true)
	if j < 0 || j != i+1 && !(s.punct(i+1, ':') && j == i+2) {
		return
	}
	if s.low(j) == "the" {
		return
	}
	cue, cs := s.cueBefore(j)
	if cs == 1 && w == "in" {
		s.inComma(j, cue)
	}
	if cs == 1 {
		s.weak = append(s.weak, j)
		return
	}
	if cs < 2 {
		return
	}
	// "returned to Mill Village": ordinary capitalised words ending in a
	// place word
	if k := s.placeTypeEnd(j); k > j {
		s.emit(SubCity, j, k, 0.55, cue)
		return
	}
	last := -1
	for k, n := j, 0; n < 4 && s.word(k); n, k = n+1, k+1 {
		if n > 0 && s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(k)
		c := s.capSignal(k)
		if stopW.Has(lw) || c == 0 || s.has(k, text.HasDigit) {
			break
		}
		if ordinary(lw) || s.isHeadWord(lw) {
			break
		}
		if c == 1 && !(len(lw) >= 5 && !strings.HasSuffix(lw, "u") && vowels(lw) >= 2) || strings.IndexAny(lw, "'’") >= 0 {
			break
		}
		last = k
		if !s.word(k+1) && !(s.punct(k+1, '-') && s.d.Adjacent(k, k+1)) {
			break
		}
		if s.punct(k+1, '-') {
			k++
		}
	}
	if last < 0 {
		return
	}
	s.emit(SubCity, j, last, 0.5, cue)
}

// inComma: after a plain "in", an unknown capitalised name closed by a
// comma ("at Sigfig in Camuns, which", "in SCHLAGLES, which", "in Bremen
// Ohlenhof, which") is a town.
func (s *scan) inComma(j int, cue string) {
	if s.d.Upperish {
		return
	}
	last := -1
	for k, n := j, 0; n < 3 && s.word(k); n, k = n+1, k+1 {
		if n > 0 && s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			return
		}
		lw := s.low(k)
		c := s.capSignal(k)
		if !(c == 2 || c == 1 && s.has(k, text.AllUpper) && !s.d.Lowerish) || stopW.Has(lw) || s.has(k, text.HasDigit) {
			return
		}
		if ordinary(lw) || s.isHeadWord(lw) || strings.IndexAny(lw, "'’") >= 0 || len(lw) < 4 || vowels(lw) < 2 || demonym(lw) {
			return
		}
		last = k
		if s.punct(k+1, ',') {
			break
		}
	}
	if last < 0 || !s.punct(last+1, ',') {
		return
	}
	s.emit(SubCity, j, last, 0.5, cue)
}

// guesses: after a preposition of place, one to three capitalised words
// of a mixed-case text, at least one of them no word of the dictionary
// ("at Sunnybrook", "at Royal Perth", "from Thornhill"), that no other
// rule made a candidate of, are a SubGuess at a score below every
// redaction threshold.
func (s *scan) guesses() {
	d := s.d
	if d.Upperish || d.Lowerish {
		return
	}
	for _, j := range s.weak {
		last, odd := -1, false
		for k, n := j, 0; n < 3 && s.word(k); n, k = n+1, k+1 {
			if n > 0 && d.Tokens[k].Flags&text.NewlineBefore != 0 {
				break
			}
			lw := s.low(k)
			if s.capSignal(k) != 2 || stopW.Has(lw) || s.has(k, text.HasDigit) || s.isHeadWord(lw) ||
				strings.IndexAny(lw, "'’") >= 0 || calendarW.Has(lw) || demonym(lw) || notNameW.Has(lw) {
				break
			}
			v := vocab.Lookup(lw)
			if !v.Any(vocab.IsEnglish|vocab.IsAbbrev|vocab.IsMedical) && len(lw) >= 4 && vowels(lw) >= 1 {
				odd = true
			} else if v.Any(vocab.IsMedical | vocab.IsAbbrev) {
				break
			}
			last = k
		}
		if !odd || s.overlaps(j, last) {
			continue
		}
		s.emit(SubGuess, j, last, 0.35, d.Text(j-1))
	}
}

// overlaps reports whether a candidate emitted so far covers any of the
// tokens first..last.
func (s *scan) overlaps(first, last int) bool {
	for ci := range s.starts {
		if s.starts[ci] <= last && s.ends[ci] >= first {
			return true
		}
	}
	return false
}

// calendar words and languages are capitalised but no place ("in
// March", "at Christmas", "in Tagalog").
var calendar = map[string]bool{
	"tagalog": true, "hindi": true, "urdu": true, "swahili": true, "yoruba": true, "igbo": true, "hausa": true,
	"punjabi": true, "tamil": true, "telugu": true, "bengali": true, "farsi": true, "arabic": true, "hebrew": true,
	"creole": true, "patois": true, "mandarin": true, "cantonese": true, "english": true, "french": true,
	"dutch": true, "greek": true, "latin": true, "cebuano": true, "ilocano": true, "amharic": true, "somali": true,
	"zulu": true, "xhosa": true, "afrikaans": true, "maori": true, "samoan": true, "tongan": true, "pidgin": true,
	"gujarati": true, "marathi": true, "malayalam": true, "kannada": true, "nepali": true, "pashto": true, "dari": true,
	"tigrinya": true, "oromo": true, "haitian": true, "navajo": true, "asl": true, "bsl": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "christmas": true, "easter": true, "thanksgiving": true, "halloween": true, "diwali": true,
	"eid": true, "ramadan": true, "hanukkah": true,
}

// demonym: "Iranian", "Lebanese", "Danish" (peoples and languages).
func demonym(w string) bool {
	return strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ans")
}

// placeTypeEnd: tokens from j are one or two capitalised words and a
// capitalised place word ("Mill Village", "Cedar Springs"); it returns the
// last token, or -1.
func (s *scan) placeTypeEnd(j int) int {
	for k, n := j, 0; n < 3 && s.word(k); n, k = n+1, k+1 {
		if s.capSignal(k) != 2 || stopW.Has(s.low(k)) || s.has(k, text.HasDigit) || n > 0 && s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			return -1
		}
		if n > 0 && placeTypeW.Has(s.low(k)) {
			return k
		}
	}
	return -1
}

// cityState: "Sunnyvale, CA", "Middle River, MD" — the name before a
// state code.
func (s *scan) cityState(i int) {
	if !s.has(i, text.AllUpper) && !s.d.Upperish {
		return
	}
	if !s.punct(i-1, ',') || s.d.Tokens[i].Flags&text.NewlineBefore != 0 {
		return
	}
	last := i - 2
	first := -1
	for k, n := last, 0; n < 3 && s.word(k); n, k = n+1, k-1 {
		lw := s.low(k)
		if stopW.Has(lw) || s.capSignal(k) == 0 || s.has(k, text.HasDigit) {
			break
		}
		first = k
		if s.d.Tokens[k].Flags&text.NewlineBefore != 0 {
			break
		}
	}
	if first < 0 {
		return
	}
	known := false
	if first == last {
		known = s.gaz(s.low(first))&(gUSCity|gWorldCity) != 0
	} else {
		for _, m := range s.matches {
			if m.First == first && m.Last == last && m.Flags&(gUSCity|gWorldCity) != 0 {
				known = true
			}
		}
	}
	if !known && (s.d.Upperish || s.capSignal(first) != 2 || s.capSignal(last) != 2) {
		return
	}
	cue, _ := s.cueBefore(first)
	s.emit(SubCity, first, i, 0.8, cue)
	// ZIP after the state
	if z := s.nextTok(i); z >= 0 && s.word(z) && isDigits(s.low(z)) && len(s.low(z)) == 5 {
		s.emitZip(z, 0.85, s.d.Text(i))
	}
}

// unitSuffix: a named place followed by a hospital unit word is that
// hospital's unit ("Lakeshore ED", "Riverbend PICU"), which is what a
// reader takes it for, not the town of the same name.
func (s *scan) unitSuffix() {
	n := len(s.out)
	for ci := s.base; ci < n; ci++ {
		c := s.out[ci]
		if c.Sub != SubCity && c.Sub != SubHospital && c.Sub != SubFacility {
			continue
		}
		last := s.ends[ci-s.base]
		k := s.d.NextWord(last, false)
		if k < 0 || !(s.has(k, text.AllUpper) || s.capSignal(k) == 2) {
			continue
		}
		sub := SubUnit
		switch {
		case hospitalSuffix[s.low(k)]:
			sub = SubHospital // "Riverbend Children's", "Lakeshore General"
		case unitAfterW.Has(s.low(k)) && s.low(k) != "or":
		default:
			continue
		}
		first := s.starts[ci-s.base]
		sc := c.Score
		if sc < 0.6 {
			sc = 0.6
		}
		s.emit(sub, first, k, sc, c.Cue)
	}
}

// hospitalSuffix words make a place name a hospital's name.
var hospitalSuffix = map[string]bool{
	"children's": true, "childrens": true, "general": true, "memorial": true, "regional": true,
	"hospital": true, "medical": true, "health": true, "clinic": true, "infirmary": true,
}

// propagate: a one-word facility or place name found with evidence marks
// its other mentions in the same text.
func (s *scan) propagate() {
	if len(s.out) == s.base {
		return
	}
	// the names, each with the Sub of the last candidate that gave it: a
	// short list in the recycled buffers (a text has few), where a map
	// made for each text cost more than the rest of the rule
	names, fold := s.bb.props[:0], s.bb.fold[:0]
	for _, c := range s.out[s.base:] {
		if c.Score < 0.6 || (c.Sub != SubHospital && c.Sub != SubUnit && c.Sub != SubCity) {
			continue
		}
		// first word of the candidate
		w := s.d.Src[c.Start:c.End]
		if k := firstBreak(w); k > 0 {
			w = w[:k]
		}
		var lw string
		lw, fold = foldInto(fold, w)
		short := len(lw) < 4 && !(c.Sub == SubHospital && len(lw) >= 2 && c.End-c.Start == len(lw) && strings.ToUpper(w) == w)
		if short || stopW.Has(lw) || ordinary(lw) || isDigits(lw) || isConnector(lw) || s.isHeadWord(lw) {
			continue
		}
		if streetLeadW.Has(lw) {
			continue
		}
		names = setProp(names, lw, c.Sub)
	}
	s.bb.props, s.bb.fold = names[:0], fold[:0]
	if len(names) == 0 {
		return
	}
	// a word is a name only if its length is one of the names' (most
	// words are turned away here, before they are compared)
	var lens uint64 // bit n: a name of n bytes (63: of 63 or more)
	for _, p := range names {
		lens |= 1 << min(len(p.w), 63)
	}
	// many names (a long text) are looked up in a map instead
	var byName map[string]string
	if len(names) > maxPropList {
		byName = make(map[string]string, len(names))
		for _, p := range names {
			byName[p.w] = p.sub
		}
	}
	for i := range s.d.Tokens {
		t := &s.d.Tokens[i]
		if t.Kind != text.Word || lens&(1<<min(len(t.Lower), 63)) == 0 {
			continue
		}
		var sub string
		var ok bool
		if byName != nil {
			sub, ok = byName[t.Lower]
		} else {
			sub, ok = getProp(names, t.Lower)
		}
		if ok {
			if len(t.Lower) < 4 && t.Flags&text.AllUpper == 0 && !s.d.Lowerish {
				continue
			}
			s.emit(sub, i, i, 0.5, "")
		}
	}
	clear(names) // (the strings point into the text)
}

// propName is a name propagate looks for, and the Sub it gets.
type propName struct{ w, sub string }

// maxPropList is the most names propagate compares a word with one by
// one (a variable for the test that compares the two ways).
var maxPropList = 16

// setProp sets the Sub of name w in ps, adding w if it is not there.
func setProp(ps []propName, w, sub string) []propName {
	for k := range ps {
		if ps[k].w == w {
			ps[k].sub = sub
			return ps
		}
	}
	return append(ps, propName{w, sub})
}

// getProp returns the Sub of name w in ps.
func getProp(ps []propName, w string) (string, bool) {
	for k := range ps {
		if ps[k].w == w {
			return ps[k].sub, true
		}
	}
	return "", false
}

// firstBreak is strings.IndexAny(w, " \t\n-") without the set it builds
// for each call: the index of the first space, tab, newline or hyphen in
// w, or -1.
func firstBreak(w string) int {
	for k := 0; k < len(w); k++ {
		switch w[k] {
		case ' ', '\t', '\n', '-':
			return k
		}
	}
	return -1
}

// foldInto returns text.Fold(w), writing the folded bytes of an ASCII
// word with capitals at the end of buf (returned, grown) rather than in a
// string of their own; the result lives as long as buf's bytes are not
// overwritten.
func foldInto(buf []byte, w string) (string, []byte) {
	upper := false
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return text.Fold(w), buf
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return w, buf
	}
	at := len(buf)
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	b := buf[at:]
	return unsafe.String(unsafe.SliceData(b), len(b)), buf
}

// isConnector reports the words that join the parts of a facility's name
// ("of", "and", "&", "de", "del", "la").
func isConnector(w string) bool {
	switch w {
	case "of", "and", "&", "de", "del", "la":
		return true
	}
	return false
}

// finish sorts the new candidates and drops those inside a stronger one.
func (s *scan) finish() []detect.Candidate {
	c := s.out[s.base:]
	if len(c) < 2 {
		return s.out
	}
	// the same pattern-defeating quicksort as sort.Slice, without reflection
	slices.SortFunc(c, func(x, y detect.Candidate) int {
		if x.Start != y.Start {
			return cmp.Compare(x.Start, y.Start)
		}
		if x.End != y.End {
			return cmp.Compare(y.End, x.End)
		}
		return cmp.Compare(y.Score, x.Score)
	})
	low := func(x detect.Candidate) bool { return x.Sub == SubState || x.Sub == SubCountry }
	kept := c[:0]
	for _, x := range c {
		drop := false
		for k := len(kept) - 1; k >= 0 && k >= len(kept)-8; k-- {
			y := kept[k]
			if y.Start > x.Start || x.End > y.End || low(y) {
				continue
			}
			// a state inside a city span ("Miami, FL"), or a weaker
			// candidate inside a stronger one, adds nothing
			if low(x) && y.Sub != SubStreet || !low(x) && y.Score >= x.Score-0.15 {
				drop = true
				break
			}
		}
		if !drop {
			kept = append(kept, x)
		}
	}
	s.out = s.out[:s.base+len(kept)]
	s.merge()
	return s.out
}

// merge joins a facility or place with the place right after it ("Johns
// Hopkins Hospital, Baltimore", "UCSF Hospital in San Francisco",
// "Tallinn, Estonia") so that the connecting comma is covered too.
func (s *scan) merge() {
	n := len(s.out)
	for i := s.base; i < n; i++ {
		a := s.out[i]
		if a.Sub == SubState || a.Sub == SubCountry || a.Score < 0.5 {
			continue
		}
		end := a.End
		for j := i + 1; j < n; j++ {
			b := s.out[j]
			if b.Start < end {
				continue
			}
			gap := strings.TrimSpace(s.d.Src[end:b.Start])
			if strings.ContainsRune(s.d.Src[end:b.Start], '\n') {
				break
			}
			if gap == "," || gap == "" || gap == "in" || gap == "-" || gap == "in the" {
				end = b.End
				continue
			}
			break
		}
		if end > a.End {
			a.End = end
			s.out = append(s.out, a)
		}
	}
}

func vowels(w string) int {
	n := 0
	for _, r := range w {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'å', 'ä', 'ö', 'ø', 'æ', 'é', 'á', 'í', 'ó', 'ú',
			'α', 'ε', 'η', 'ι', 'ο', 'υ', 'ω', 'ά', 'έ', 'ή', 'ί', 'ό', 'ύ', 'ώ',
			'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я':
			n++
		}
	}
	return n
}
