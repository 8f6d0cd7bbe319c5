package names

import (
	"math/bits"

	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
)

// wcache remembers what the word lists say about short words, so that a
// worker going through many notes asks the large tables about each word
// about once. It is 4-way set associative: a direct-mapped table of the
// same size lost a word to a colliding one about once in twenty lookups on
// clinical notes, and every miss costs probes of tables far larger than
// the processor's caches. An entry keeps a word of up to 13 bytes (nearly
// all words) and its answer packed into two machine words, so hashing and
// comparing it is a handful of instructions, and a set of 4 entries is one
// 64-byte cache line: a lookup reads one line of a 256 KB table (with the
// length in an entry of its own, a set spanned two lines of a 384 KB one).
// A word of up to seven bytes (eight in ten of those looked up) is keyed
// as the tokeniser packed it (Doc.Packed): the detector reads none of its
// bytes to look it up.
type wcache struct {
	// sets is the first field of the cache, itself the first of the
	// (large, so page-aligned) scratch: every set starts a cache line
	sets [cacheSets][cacheWays]centry
}

const (
	cacheSetBits = 12
	cacheSets    = 1 << cacheSetBits
	cacheWays    = 4
	maxCached    = 13 // bytes; longer words are not cached
)

// centry is a cached word and its answer; an empty entry (k0 == 0)
// matches no word.
type centry struct {
	k0 uint64 // the word's key.k0
	// k1x holds the word's key.k1 in bits 0-39 and the answer (a winfo,
	// which leaves bits 24 and up free) in bits 40-63
	k1x uint64
}

const (
	xShift = 40
	k1Mask = 1<<xShift - 1
	xMask  = 1<<24 - 1
)

// ckey is a word packed for the cache. A word of up to seven bytes is
// packed as text.Pack packs it, which the tokeniser has done already for
// the words of a Doc (Doc.Packed, see tokenKey): its bytes below its
// length, in k0, and k1 is 0. A longer word has its first 8 bytes in k0
// and the rest (up to 5 bytes), zero padded, in k1. The zero key stands
// for a word that is not cached.
type ckey struct {
	k0, k1 uint64
}

// packKey packs w, or returns the zero key when w is too long to be
// cached or is a longer word whose key is ambiguous: one with a NUL byte
// after its eighth (a token never has one), which the padding would hide,
// or whose eighth byte is below 8, where a short word's key has its
// length.
func packKey(w string) ckey {
	n := len(w)
	switch {
	case n == 0 || n > maxCached:
		return ckey{}
	case n < 8:
		return ckey{loadShort(w) | uint64(n)<<56, 0}
	}
	k := ckey{load64(w), loadShort(w[8:])}
	if w[7] < 8 || hasZero(k.k1, n-8) {
		return ckey{}
	}
	return k
}

// tokenKey is packKey(w) for w, a word token or a prefix of it (the word
// without its possessive), given what the tokeniser packed for the token
// (p, from Doc.Packed): p itself when it packs w, that is has w's length
// (it packs a prefix of the token too; an empty w has the zero key either
// way).
func tokenKey(p uint64, w string) ckey {
	if p>>56 == uint64(len(w)) {
		return ckey{p, 0}
	}
	return packKey(w)
}

// hasZero reports whether one of the first n (at most 8) bytes of v is 0.
func hasZero(v uint64, n int) bool {
	if n < 8 {
		v |= ^uint64(0) << (8 * n) // the bytes past n are not zero
	}
	return (v-0x0101010101010101)&^v&0x8080808080808080 != 0
}

// load64 reads the first 8 bytes of s (at least 8) as one little-endian
// word; the compiler turns the byte reads into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// loadShort reads s (at most 8 bytes) as a little-endian word, zero padded,
// with at most three loads: two that may overlap, or single bytes.
func loadShort(s string) uint64 {
	switch n := len(s); {
	case n == 8:
		return load64(s)
	case n >= 4:
		return uint64(load32(s)) | uint64(load32(s[n-4:]))<<(8*(n-4))
	case n > 0:
		return uint64(s[0]) | uint64(s[n>>1])<<(8*(n>>1)) | uint64(s[n-1])<<(8*(n-1))
	}
	return 0
}

// set is the set of the word whose key is k: the top bits of a product
// with its key (the word's bytes reach them all through the carries). A
// stronger mix (a second multiply after a shift) gave no fewer misses:
// 25,871 against this hash's 25,198 in 1.34M lookups on 19.5 MB of notes.
func (c *wcache) set(k ckey) *[cacheWays]centry {
	h := (k.k0 ^ k.k1*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15
	return &c.sets[h>>(64-cacheSetBits)]
}

// find returns the entry of the word whose key is k, or nil (always for
// the zero key: the word is not cached). It compares the keys' first
// words in the four ways without a branch on each (which of them holds
// the word is anybody's guess, and a branch that guesses wrong costs more
// than the comparisons), then the rest of the key in the way that
// matched: two words of a set that begin alike are rare, so that nearly
// always settles it.
func (c *wcache) find(k ckey) *centry {
	if k.k0 == 0 {
		return nil
	}
	s := c.set(k)
	m := same0(&s[0], k) | same0(&s[1], k)<<1 | same0(&s[2], k)<<2 | same0(&s[3], k)<<3
	for ; m != 0; m &= m - 1 {
		if e := &s[bits.TrailingZeros8(m)&(cacheWays-1)]; e.k1x&k1Mask == k.k1 {
			return e
		}
	}
	return nil
}

// same0 is 1 when the first word of the key in e is k's, else 0.
func same0(e *centry, k ckey) uint8 {
	var b uint8
	if e.k0 == k.k0 { // (a compare and a set, no branch)
		b = 1
	}
	return b
}

func (e *centry) x() winfo     { return winfo(e.k1x >> xShift) }
func (e *centry) setX(x winfo) { e.k1x = e.k1x&k1Mask | uint64(x&xMask)<<xShift }
func (c *wcache) insert(k ckey, x winfo) *centry {
	s := c.set(k)
	copy(s[1:], s[:cacheWays-1]) // the oldest entry makes way
	s[0] = centry{k0: k.k0, k1x: k.k1 | uint64(x&xMask)<<xShift}
	return &s[0]
}

// add answers for w, whose key is k and which has no entry, as the cache
// does: describe plus the wEnglish bit. Without wPresent only that bit and
// the keyword bits are valid; the caller asks vocab for the rest and may
// complete the answer in w's entry, which add returns (nil when w is not
// cached). The detector asks find first, then add (wordUnit, with a call
// less than a function that did both).
func (c *wcache) add(k ckey, w string) (winfo, *centry) {
	x := quickInfo(w)
	if k.k0 == 0 {
		return x, nil
	}
	return x, c.insert(k, x)
}

// Cache-only bits of an entry's answer (gaz, has and kw read none of them):
// whether vocab.Proper has been asked about the word, and its answer.
const (
	cProperAsked winfo = 1 << 14
	cProper      winfo = 1 << 15
)

// proper is vocab.Proper(w), remembered in w's entry while w has one.
func (c *wcache) proper(w string) bool {
	e := c.find(packKey(w))
	if e == nil {
		return vocab.Proper(w)
	}
	if x := e.x(); x&cProperAsked != 0 {
		return x&cProper != 0
	}
	p := vocab.Proper(w)
	x := e.x() | cProperAsked
	if p {
		x |= cProper
	}
	e.setX(x)
	return p
}

func init() {
	for w, b := range kw {
		if winfo(b)<<16 > xMask {
			panic("names: keyword bits of " + w + " do not fit a cache entry")
		}
	}
}
