package places

import (
	"sort"

	"github.com/scrubs-dev/scrubs/internal/lexicon/wordset"
)

// wordSet holds the word lists the rules test on nearly every token
// (wordset: placed by length and three bytes, not hashed whole as a Go
// map would; the map lookups were a tenth of the detector's time). A word
// is in the set when its value is not 0 (has), and get returns the value.
type wordSet = wordset.Map[uint16]

// newWordSet holds the words that m maps to a value other than the zero
// value (true, for a map to bool), with the value 1.
func newWordSet[V comparable](m map[string]V) *wordSet {
	var zero V
	vals := map[string]uint16{}
	for w, v := range m {
		if v != zero {
			vals[w] = 1
		}
	}
	return newWordMap(vals)
}

// newWordMap holds the words that m maps to a value other than 0, with
// their values.
func newWordMap(m map[string]uint16) *wordSet {
	vals := map[string]uint16{}
	for w, v := range m {
		if v != 0 && w != "" {
			vals[w] = v
		}
	}
	return wordset.New(vals)
}

// The sets the rules test on every token.
var (
	stopW          = newWordSet(stop)
	notNameW       = newWordSet(notName)
	streetSuffixW  = newWordSet(streetSuffix)
	strongSuffixW  = newWordSet(strongSuffix)
	unitOfMeasureW = newWordSet(unitOfMeasure)
	streetLeadW    = newWordSet(streetLead)
	compassW       = newWordSet(compass)
	unitAfterW     = newWordSet(unitAfter)
	lowConnectorW  = newWordSet(lowConnector)
	cueStrongW     = newWordSet(cueStrong)
	cue1W          = newWordSet(cue1) // every value is 1
	headW          = newWordSet(mergeHeads())
	hospitalHeadW  = newWordMap(strengths(hospitalHead))
	facilityHeadW  = newWordMap(strengths(facilityHead))
	cue2FirstW     = newWordMap(cue2First())
	cueW           = newWordMap(cueKinds())
	bareNamesW     = newWordSet(bareNames)
	employerCuesW  = newWordSet(employerCues)
	liveVerbsW     = newWordSet(liveVerbs)
	residenceW     = newWordSet(residence)
	closersW       = newWordSet(closers)
	ordinalsW      = newWordSet(ordinals)
	placeTypeW     = newWordSet(placeType)
	calendarW      = newWordSet(calendar)
)

// The two-word cues (cue2) as bits: each second word of a pair has a bit
// (cueW gives it), and cue2FirstW gives each first word the bits of the
// second words it pairs with; a pair is a cue when the two share a bit.
// This answers cue2 without hashing the pair.
var cue2Bit = func() map[string]uint16 {
	m := map[string]uint16{}
	var seconds []string
	for k := range cue2 {
		seconds = append(seconds, k[1])
	}
	sort.Strings(seconds)
	for _, w := range seconds {
		if m[w] == 0 {
			m[w] = cueSecondBits << len(m)
		}
	}
	if len(m) > 16-cueKindBits {
		panic("places: too many second words of two-word cues for the bits of a cue word")
	}
	return m
}()

func cue2First() map[string]uint16 {
	m := map[string]uint16{}
	for k, v := range cue2 {
		if v {
			m[k[0]] |= cue2Bit[k[1]]
		}
	}
	return m
}

// What cueBefore needs to know of the word before a place, in one lookup:
// these kinds, and the cue2Bit of the word.
const (
	cueIsStrong   = 1 << iota // cueStrong
	cueIsOne                  // cue1
	cueIsSecond               // cue2Second
	cueIsTransfer             // "transfer", "tx" and the like: a strong cue alone

	cueKindBits   = iota
	cueSecondBits = 1 << cueKindBits // the first cue2Bit
	cue2Bits      = 0xffff &^ (cueSecondBits - 1)
)

func cueKinds() map[string]uint16 {
	m := map[string]uint16{}
	for w, v := range cueStrong {
		if v {
			m[w] |= cueIsStrong
		}
	}
	for w, v := range cue1 {
		if v != 0 {
			m[w] |= cueIsOne
		}
	}
	for w, v := range cue2Second {
		if v {
			m[w] |= cueIsSecond
		}
	}
	for _, w := range transferCues {
		m[w] |= cueIsTransfer
	}
	for w, b := range cue2Bit {
		m[w] |= b
	}
	return m
}

// mergeHeads joins the hospital and facility heads (every strength is 1 or
// 2): isHeadWord asks whether a word is either.
func mergeHeads() map[string]int {
	m := map[string]int{}
	for w, v := range hospitalHead {
		m[w] = v
	}
	for w, v := range facilityHead {
		m[w] = v
	}
	return m
}

// strengths is m (of heads and their strengths, 1 or 2) as newWordMap
// takes it.
func strengths(m map[string]int) map[string]uint16 {
	out := make(map[string]uint16, len(m))
	for w, v := range m {
		if v <= 0 || v > 0xffff {
			panic("places: a head's strength out of range: " + w)
		}
		out[w] = uint16(v)
	}
	return out
}
