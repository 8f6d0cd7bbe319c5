package lexicon

import "hash/maphash"

// wordTab maps words to ids with open addressing (linear probing): the
// phrase trie looks up every word of every text, and a flat table with the
// runtime's string hash answers faster than a map. Each slot keeps 32 bits
// of the word's hash beside its id, so a probe compares strings (a second
// memory load) only when those bits agree. It is built once and then only
// read.
type wordTab struct {
	seed  maphash.Seed
	keys  []string
	slots []uint64 // hash bits << 32 | id+1; 0 marks an empty slot
	mask  uint64
	count int
}

// tableSize is the number of slots for n entries: a power of two (the
// probe index is a mask) at least twice n, so a table stays at most half
// full.
func tableSize(n int) int {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return size
}

func newWordTab(n int) *wordTab {
	size := tableSize(n)
	return &wordTab{seed: maphash.MakeSeed(), keys: make([]string, size), slots: make([]uint64, size), mask: uint64(size - 1)}
}

// get returns the id of w, or -1.
func (t *wordTab) get(w string) int32 {
	h := maphash.String(t.seed, w)
	fp := h >> 32
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s>>32 == fp && t.keys[i] == w {
			return int32(uint32(s)) - 1
		}
	}
}

// put stores w with id (w must not be stored yet); the table never fills
// past half, as newWordTab sized it for n words.
func (t *wordTab) put(w string, id int32) {
	if 2*(t.count+1) > len(t.keys) {
		t.grow()
	}
	h := maphash.String(t.seed, w)
	i := h & t.mask
	for t.slots[i] != 0 {
		i = (i + 1) & t.mask
	}
	t.keys[i], t.slots[i] = w, h>>32<<32|uint64(uint32(id+1))
	t.count++
}

func (t *wordTab) grow() {
	old := *t
	*t = *newWordTab(len(old.keys))
	t.seed = old.seed
	for i, k := range old.keys {
		if old.slots[i] != 0 {
			t.put(k, int32(uint32(old.slots[i]))-1)
		}
	}
}

// edgeTab maps trie edges (node, word id) to child nodes, with the same
// open addressing over integer keys.
type edgeTab struct {
	keys  []uint64
	vals  []int32 // child node; 0 marks an empty slot (the root is no child)
	mask  uint64
	count int
}

// newEdgeTab returns a table for n edges (it never fills past half).
func newEdgeTab(n int) *edgeTab {
	size := tableSize(n)
	return &edgeTab{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

// put stores edge k (not stored yet) with child v != 0; at most the n
// edges newEdgeTab was given.
func (t *edgeTab) put(k uint64, v int32) {
	i := mixEdge(k) & t.mask
	for t.vals[i] != 0 {
		i = (i + 1) & t.mask
	}
	t.keys[i], t.vals[i] = k, v
	t.count++
}

// mixEdge spreads an edge key's bits (a multiply-xorshift finaliser).
func mixEdge(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// get returns the child of edge k, or 0.
func (t *edgeTab) get(k uint64) int32 {
	for i := mixEdge(k) & t.mask; ; i = (i + 1) & t.mask {
		v := t.vals[i]
		if v == 0 || t.keys[i] == k {
			return v
		}
	}
}

// shortTab maps words of one to seven bytes to ids, each word packed into
// an integer key (text.Pack, as the tokeniser packs them into Doc.Packed):
// most words of a text are short, and a lookup is then a multiply and
// integer compares, with no string hash or string compare. Like wordTab it
// is open addressing with linear probing, at most half full. An empty
// slot has id -1 and first 0, what a word in no phrase has: a lookup takes
// the slot it stops at as it is.
type shortTab struct {
	slots []shortSlot
	shift uint // 64 - log2(len(slots)): the hash keeps the product's top bits
}

type shortSlot struct {
	key uint64 // text.Pack of the word; 0 marks an empty slot
	id  int32
	// first is the trie's root child for the word (Phrases.root[id]),
	// kept beside the id as the phrase walk reads both
	first int32
}

func makeShortTab(n int) shortTab {
	size := tableSize(n)
	shift := uint(64)
	for s := size; s > 1; s >>= 1 {
		shift--
	}
	t := shortTab{slots: make([]shortSlot, size), shift: shift}
	for i := range t.slots {
		t.slots[i].id = -1
	}
	return t
}

// put stores key (not stored yet); at most the n keys makeShortTab was given.
func (t *shortTab) put(key uint64, id, first int32) {
	mask := uint64(len(t.slots) - 1)
	i := key * 0x9e3779b97f4a7c15 >> t.shift
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = shortSlot{key: key, id: id, first: first}
}
