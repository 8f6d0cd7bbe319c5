package places

import (
	"strings"

	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Frames: places that no gazetteer knows (a misspelt town, a ward, an
// employer, a town's short form), found from the words around them.
//
//	bare place noun     "go to Harbor and wait", "meeting at harbor": a
//	                    place noun with no article after at/to/from is a name
//	ward after a room   "transferred to 209 quartermain"
//	where one lives     "lives alone in white amrsh, daughter ..."
//	town of a facility  "from the VA in Balt", "a rehab in Towson"
//	employer            "his business Genentech", "works for Zentrix"
//	street, no number   "lives on Pine Ridge Rd", "the Elm St shelter"
//	                    (bareStreet, streets.go)

// frames runs the frame rules over the whole text: over the tokens the
// main scan marked (s.frameToks), which hold every frame word and number.
func (s *scan) frames() {
	for _, i := range s.frameToks {
		if !s.word(i) {
			continue
		}
		if s.has(i, text.AllDigit) {
			s.wardAfterRoom(i) // a number is none of the frame words
			continue
		}
		w := s.low(i)
		switch {
		case bareNamesW.Has(w):
			s.bareName(i)
		case w == "in":
			s.livesIn(i)
			s.townOf(i)
		case employerCuesW.Has(w):
			s.employer(i)
		case bareSuffixW.Has(w):
			s.bareStreet(i)
		}
	}
}

// bareNames are place nouns that English puts after an article ("the
// harbor", "a valley"); without one, after at/to/from, they are the name
// of a place: a hospital, a town or a district.
var bareNames = map[string]bool{
	"harbor": true, "harbour": true, "valley": true, "summit": true, "ridge": true, "heights": true,
	"springs": true, "meadows": true, "glen": true, "vista": true, "bayview": true, "lakeside": true,
	"hillcrest": true, "highlands": true, "pines": true, "oaks": true, "seaside": true, "riverside": true,
	"brookside": true, "fairview": true, "parkview": true, "lakeview": true, "oceanview": true,
}

func (s *scan) bareName(i int) {
	p := s.prevTok(i)
	if p < 0 || !s.word(p) || s.capSignal(i) == 0 {
		return
	}
	switch s.low(p) {
	case "at", "to", "from":
	default:
		return
	}
	// the name must end here: "to Harbor View", "at summit level", "at
	// heights of" are longer names or phrases
	if k := s.nextTok(i); k >= 0 && s.word(k) && (!stopW.Has(s.low(k)) || s.low(k) == "of") {
		return
	}
	s.emit(SubHospital, i, i, 0.6, s.d.Text(p))
}

// wardAfterRoom: "transferred to 209 quartermain": after a transfer cue, a
// room number and a word that is no ordinary word name the ward.
func (s *scan) wardAfterRoom(i int) {
	w := s.low(i)
	if len(w) < 2 || len(w) > 4 {
		return
	}
	// the word after first (cheap tests), then the cue
	k := s.nextTok(i)
	if k < 0 || !s.word(k) || s.has(k, text.HasDigit) || !s.d.Adjacent(i, k) && !s.has(k, text.SpaceBefore) {
		return
	}
	lk := s.low(k)
	if len(lk) < 4 {
		return
	}
	cue, cs := s.cueBefore(i)
	if cs < 2 {
		return
	}
	if vowels(lk) < 2 || stopW.Has(lk) || unitOfMeasureW.Has(lk) || ordinary(lk) || strings.IndexAny(lk, "'’") >= 0 {
		return
	}
	last := k
	if m := s.nextTok(k); m >= 0 && s.word(m) && (compassW.Has(s.low(m)) || unitAfterW.Has(s.low(m)) && s.low(m) != "or") {
		last = m // "209 Quartermain North"
	}
	s.emit(SubUnit, k, last, 0.6, cue)
}

// liveVerbs say where someone lives.
var liveVerbs = map[string]bool{
	"lives": true, "live": true, "living": true, "lived": true, "resides": true, "reside": true,
	"residing": true, "resided": true,
}

// residence nouns make "lives in ..." a kind of home, not a town.
var residence = map[string]bool{
	"home": true, "house": true, "apartment": true, "apt": true, "condo": true, "building": true,
	"facility": true, "nursing": true, "assisted": true, "senior": true, "housing": true, "community": true,
	"group": true, "shelter": true, "rehab": true, "hospital": true, "care": true, "center": true,
	"town": true, "city": true, "area": true, "country": true, "state": true, "suburbs": true,
	"own": true, "same": true, "law": true, "fear": true, "pain": true, "poverty": true, "car": true,
}

// livesIn: "lives alone in white amrsh, daughter pat ...": up to three
// words after "in" in a clause about where someone lives, closed by
// punctuation or the end of the line, with at least one that is no
// ordinary word, name the town (misspellings and all).
func (s *scan) livesIn(i int) {
	d := s.d
	live := false
	for k, n := i-1, 0; n < 4 && k >= 0; n, k = n+1, k-1 {
		if !s.word(k) || d.Tokens[k+1].Flags&text.NewlineBefore != 0 {
			break
		}
		if liveVerbsW.Has(s.low(k)) {
			live = true
			break
		}
	}
	if !live {
		return
	}
	j := i + 1
	if !s.word(j) || d.Tokens[j].Flags&text.NewlineBefore != 0 {
		return
	}
	last, odd := -1, false
	k := j
	for n := 0; n < 3 && s.word(k); n, k = n+1, k+1 {
		if n > 0 && d.Tokens[k].Flags&text.NewlineBefore != 0 {
			break
		}
		lw := s.low(k)
		if n > 0 && closersW.Has(lw) {
			break
		}
		if stopW.Has(lw) || residenceW.Has(lw) || s.capSignal(k) == 0 || s.has(k, text.HasDigit) || vocab.Medical(lw) && !english(lw) || notNameW.Has(lw) || s.isHeadWord(lw) {
			return
		}
		if len(lw) >= 4 && vowels(lw) >= 1 && (!plainWord(lw) || s.capSignal(k) == 2 && !d.Upperish && d.Tokens[k].Flags&text.SentStart == 0) {
			odd = true
		}
		last = k
	}
	if last < 0 || !odd {
		return
	}
	// the phrase must end here: punctuation, the line's end, or "with"
	if e := last + 1; e < len(d.Tokens) && d.Tokens[e].Flags&text.NewlineBefore == 0 {
		if !(s.punct(e, ',') || s.punct(e, '.') || s.punct(e, ';') || s.word(e) && closersW.Has(s.low(e))) {
			return
		}
	}
	s.emit(SubCity, j, last, 0.6, d.Span(i-1, i))
}

// closers end a place phrase after "lives in X".
var closers = map[string]bool{"with": true, "w": true, "and": true, "alone": true, "near": true, "since": true, "by": true}

// townOf: "from the VA in Balt", "a rehab in Towson": a facility word, "in",
// and a name that is no ordinary word give the facility's town.
func (s *scan) townOf(i int) {
	p := s.prevTok(i)
	if p < 0 || !s.word(p) || !s.isHeadWord(s.low(p)) && s.low(p) != "va" && !s.endsCandidate(p) {
		return
	}
	j := s.nextTok(i)
	if j < 0 || !s.word(j) || s.has(j, text.HasDigit) {
		return
	}
	lw := s.low(j)
	c := s.capSignal(j)
	if c == 0 || stopW.Has(lw) || ordinary(lw) || notNameW.Has(lw) || s.isHeadWord(lw) || vowels(lw) < 1 || len(lw) < 3 || c == 1 && len(lw) < 4 {
		return
	}
	last := j
	if k := s.nextTok(j); k >= 0 && s.word(k) && s.capSignal(k) == 2 && c == 2 && !stopW.Has(s.low(k)) && !plainWord(s.low(k)) {
		last = k
	}
	s.emit(SubCity, j, last, 0.6, s.d.Text(p)+" in")
}

// endsCandidate reports a hospital or facility candidate ending at token i.
func (s *scan) endsCandidate(i int) bool {
	for ci := s.base; ci < len(s.out); ci++ {
		if s.ends[ci-s.base] == i && (s.out[ci].Sub == SubHospital || s.out[ci].Sub == SubFacility) {
			return true
		}
	}
	return false
}

// employerCues come before the name of someone's employer or firm.
var employerCues = map[string]bool{
	"business": true, "company": true, "employer": true, "firm": true, "startup": true,
	"for": true, "at": true, "by": true,
}

// employer: "his business Genentech", "works for Zentrix", "employed by
// Acmecorp": a capitalised name that is no ordinary word.
func (s *scan) employer(i int) {
	d := s.d
	w := s.low(i)
	p := d.PrevWord(i, false)
	switch w {
	case "for", "at", "by":
		// a third person's employer (a note about a patient); "I work
		// for Acme" in a post is the writer's own business
		switch s.low(p) {
		case "works", "employed":
		case "worked":
			if q := d.PrevWord(p, false); q >= 0 && (s.low(q) == "i" || s.low(q) == "we" || s.low(q) == "you") {
				return
			}
		default:
			return
		}
	default:
		switch s.low(p) {
		case "his", "her", "their", "own", "family", "family's", "my", "our":
		default:
			return
		}
	}
	j := s.nextTok(i)
	if j < 0 || !s.word(j) || s.has(j, text.HasDigit) || d.Upperish {
		return
	}
	lw := s.low(j)
	if s.capSignal(j) != 2 || stopW.Has(lw) || ordinary(lw) || notNameW.Has(lw) || len(lw) < 3 || vowels(lw) < 1 {
		return
	}
	last := j
	if k := s.nextTok(j); k >= 0 && s.word(k) && s.capSignal(k) == 2 && !stopW.Has(s.low(k)) {
		last = k // "Acme Logistics"
	}
	s.emit(SubFacility, j, last, 0.6, d.Span(p, i))
}
