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
// string cannot hold as it is: '"', '\\' or a control character; with
// ascii, also any byte from 0x80 (which a writer must check as UTF-8).
// It returns len(s) when there is none.
func Plain[T string | []byte](s T, i int, ascii bool) int {
	for ; i+8 <= len(s) && i >= 0; i += 8 {
		w := s[i : i+8] // one bounds check for the eight loads
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// (y-ones)&^y has the high bit of a byte set where y has a zero
		// byte: q and bs have one where x has a quote or a backslash. The
		// high bits are kept once, for all the tests together.
		q, bs := x^('"'*ones), x^('\\'*ones)
		special := (q-ones)&^q | (bs-ones)&^bs | (x-0x20*ones)&^x
		if ascii {
			special |= x
		}
		if special &= highs; special != 0 {
			// the lowest flag is exact (the subtractions borrow only
			// past a byte that matches): it is the first such byte
			return i + bits.TrailingZeros64(special)/8
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || ascii && c >= 0x80 {
			return i
		}
	}
	return i
}
