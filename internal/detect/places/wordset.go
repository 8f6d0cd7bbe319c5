package places

// wordSet is a read-only set of words for the membership tests that the
// rules make on nearly every token ("is this a stop word, a street suffix,
// a unit of measure?"). A Go map hashes the whole string and compares it
// on every test (the map lookups were a tenth of the detector's time);
// here a word of up to sixteen bytes is two integer loads (head8 and the
// last eight bytes), one multiply and one probe of a small array. Longer
// words, rare in these sets, use a map.
type wordSet struct {
	slots []setSlot // open addressing, linear probing; n == 0: empty
	mask  uint64
	long  map[string]bool
}

type setSlot struct {
	head, tail uint64 // head8 and the last eight bytes: the key held whole
	n          uint8
}

// newWordSet holds the words that m maps to a value other than the zero
// value (true, for a map to bool).
func newWordSet[V comparable](m map[string]V) *wordSet {
	var zero V
	size := 16
	for size < 2*len(m) {
		size <<= 1
	}
	ws := &wordSet{slots: make([]setSlot, size), mask: uint64(size - 1), long: map[string]bool{}}
	for w, v := range m {
		if v == zero || w == "" {
			continue
		}
		if len(w) > 16 {
			ws.long[w] = true
			continue
		}
		hd, tl := setKey(w)
		i := ws.index(hd, tl)
		for ws.slots[i].n != 0 {
			i = (i + 1) & ws.mask
		}
		ws.slots[i] = setSlot{head: hd, tail: tl, n: uint8(len(w))}
	}
	return ws
}

func setKey(w string) (hd, tl uint64) {
	hd = head8(w)
	if len(w) > 8 {
		tl = le64(w[len(w)-8:])
	}
	return hd, tl
}

func (ws *wordSet) index(hd, tl uint64) uint64 {
	return (hd*0x9e3779b97f4a7c15 ^ tl*0xc2b2ae3d27d4eb4f) >> 40 & ws.mask
}

// has reports whether w is in the set.
func (ws *wordSet) has(w string) bool {
	if len(w) > 16 {
		return ws.long[w]
	}
	if w == "" {
		return false
	}
	hd, tl := setKey(w)
	for i := ws.index(hd, tl); ; i = (i + 1) & ws.mask {
		sl := &ws.slots[i]
		if sl.n == 0 {
			return false
		}
		if sl.head == hd && sl.tail == tl && int(sl.n) == len(w) {
			return true
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
	cue2SecondW    = newWordSet(cue2Second)
	ordinalsW      = newWordSet(ordinals)
	placeTypeW     = newWordSet(placeType)
)
