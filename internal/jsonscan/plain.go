// Package jsonscan finds, eight bytes at a time, where a run of bytes that
// a JSON string holds as they are ends: the JSONL reader and writer spend
// most of their time on such runs (a clinical note is a long string).
package jsonscan

import "math/bits"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Plain returns the index of the first byte at or after i that a JSON
// string cannot hold as it is ('"', '\\' or a control character) or that
// needs a UTF-8 check (any byte from 0x80). It returns len(s) when there is
// none.
func Plain[T string | []byte](s T, i int) int {
	if i >= len(s) {
		return i
	}
	// j counts from 0 in w, which keeps the loop free of bounds checks
	w := s[i:]
	j := 0
	for ; j <= len(w)-8; j += 8 {
		if sp := special(word(w[j : j+8])); sp != 0 {
			return i + j + bits.TrailingZeros64(sp)/8
		}
	}
	if j == len(w) {
		return len(s)
	}
	if len(w) >= 8 {
		// The last bytes, as the end of the last eight, in one test rather
		// than one a byte: those before j, found plain already, flag
		// nothing and borrow nothing, and are shifted out.
		sp := special(word(w[len(w)-8:])) >> (8 * (8 - (len(w) - j)))
		if sp == 0 {
			return len(s)
		}
		return i + j + bits.TrailingZeros64(sp)/8
	}
	for ; j < len(w); j++ {
		if c := w[j]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return i + j
		}
	}
	return len(s)
}

// special has the high bit of a byte set where x has a byte that Plain
// stops at; the lowest such flag is exact (the subtractions borrow only
// past a byte that matches), it is the first such byte. (y-ones) has the
// high bit of a byte set where y has a zero byte, and where y has a byte
// above 0x80: q and bs have such a zero where x has a quote or a
// backslash, and bytes above 0x80 where x has a byte from 0x80, which x's
// own high bits flag anyway. The high bits are kept once, for all the
// tests together.
func special(x uint64) uint64 {
	q, bs := x^('"'*ones), x^('\\'*ones)
	return ((q - ones) | (bs - ones) | (x - 0x20*ones) | x) & highs
}

// word is w's first eight bytes, the first in the low byte: one load.
func word[T string | []byte](w T) uint64 {
	_ = w[7] // one bounds check for the eight loads
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}
