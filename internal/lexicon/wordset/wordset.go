// Package wordset is a small read-only map from words to values, for the
// membership tests detectors make on nearly every token ("is this a stop
// word, a street suffix, a unit of measure?"). A Go map hashes the whole
// word on every test; here a word is placed by its length and its first,
// middle and last bytes (three loads and a multiply) and compared whole
// only with a word found there. Tables are at most a quarter full, so
// most tests end at once, at an empty slot.
package wordset

// Map maps words to values. The zero Map is empty; build one with New or Of.
type Map[V any] struct {
	slots    []slot[V] // open addressing, linear probing; w == "": empty
	mask     uint64
	hasEmpty bool // "" is a key, with value empty
	empty    V
}

type slot[V any] struct {
	w string
	v V
}

// New holds the entries of m.
func New[V any](m map[string]V) *Map[V] {
	size := 16
	for size < 4*len(m) {
		size <<= 1
	}
	t := &Map[V]{slots: make([]slot[V], size), mask: uint64(size - 1)}
	for w, v := range m {
		if w == "" {
			t.hasEmpty, t.empty = true, v
			continue
		}
		i := t.index(w)
		for t.slots[i].w != "" {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot[V]{w, v}
	}
	return t
}

// Of is the set of words.
func Of(words ...string) *Map[struct{}] {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return New(m)
}

// index places w (not empty) by its length and first, middle and last bytes.
func (t *Map[V]) index(w string) uint64 {
	n := len(w)
	x := uint64(n) | uint64(w[0])<<8 | uint64(w[n>>1])<<16 | uint64(w[n-1])<<24
	return x * 0x9e3779b97f4a7c15 >> 40 & t.mask
}

// Get returns the value of w and whether w is a key.
func (t *Map[V]) Get(w string) (V, bool) {
	if w == "" || len(t.slots) == 0 {
		if w == "" && t.hasEmpty {
			return t.empty, true
		}
		var zero V
		return zero, false
	}
	for i := t.index(w); ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.w == "" {
			var zero V
			return zero, false
		}
		if len(sl.w) == len(w) && sl.w == w {
			return sl.v, true
		}
	}
}

// Value returns the value of w, or the zero value when w is no key.
func (t *Map[V]) Value(w string) V {
	v, _ := t.Get(w)
	return v
}

// Has reports whether w is a key.
func (t *Map[V]) Has(w string) bool {
	_, ok := t.Get(w)
	return ok
}
