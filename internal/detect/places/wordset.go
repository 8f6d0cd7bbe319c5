package places

import "sort"

// wordSet is a read-only set of words for the membership tests that the
// rules make on nearly every token ("is this a stop word, a street suffix,
// a unit of measure?"). A Go map hashes the whole string on every test
// (the map lookups were a tenth of the detector's time); here a word is
// placed by its length and three of its bytes (first, middle, last: three
// loads and a multiply), and compared whole only with a word of its
// length found there. The sets are small, so most tests end at an empty
// slot or a length that differs.
type wordSet struct {
	slots []setSlot // open addressing, linear probing; n == 0: empty
	mask  uint64
}

type setSlot struct {
	n   uint8  // len(w); words are 1 to 255 bytes
	val uint16 // what get returns (1 in a set made by newWordSet)
	w   string
}

// newWordSet holds the words that m maps to a value other than the zero
// value (true, for a map to bool).
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
// their values (get; has tells a value other than 0).
func newWordMap(m map[string]uint16) *wordSet {
	size := 16
	for size < 4*len(m) {
		size <<= 1
	}
	ws := &wordSet{slots: make([]setSlot, size), mask: uint64(size - 1)}
	for w, v := range m {
		if v == 0 || w == "" {
			continue
		}
		if len(w) > 255 {
			panic("places: word set word of more than 255 bytes")
		}
		i := ws.index(w)
		for ws.slots[i].n != 0 {
			i = (i + 1) & ws.mask
		}
		ws.slots[i] = setSlot{n: uint8(len(w)), val: v, w: w}
	}
	return ws
}

// index places w (not empty) by its length and first, middle and last bytes.
func (ws *wordSet) index(w string) uint64 {
	n := len(w)
	x := uint64(n) | uint64(w[0])<<8 | uint64(w[n>>1])<<16 | uint64(w[n-1])<<24
	return x * 0x9e3779b97f4a7c15 >> 40 & ws.mask
}

// has reports whether w is in the set.
func (ws *wordSet) has(w string) bool { return ws.get(w) != 0 }

// get returns the value of w, or 0 when w is not in the set.
func (ws *wordSet) get(w string) uint16 {
	if w == "" {
		return 0
	}
	for i := ws.index(w); ; i = (i + 1) & ws.mask {
		sl := &ws.slots[i]
		if sl.n == 0 {
			return 0
		}
		if int(sl.n) == len(w) && sl.w == w {
			return sl.val
		}
	}
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
	cue2FirstW     = newWordMap(cue2First())
	cueW           = newWordMap(cueKinds())
	bareNamesW     = newWordSet(bareNames)
	employerCuesW  = newWordSet(employerCues)
	liveVerbsW     = newWordSet(liveVerbs)
	residenceW     = newWordSet(residence)
	closersW       = newWordSet(closers)
	ordinalsW      = newWordSet(ordinals)
	placeTypeW     = newWordSet(placeType)
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
