package text

import "encoding/binary"

// AppendLowerASCII appends s to dst with the ASCII letters A-Z lower-cased
// and every other byte (UTF-8 included) as it is, so offsets are kept. It
// works on eight bytes at a time: a whole note is lower-cased for the
// rules' expressions, and a byte loop with a branch per byte showed in
// profiles.
func AppendLowerASCII(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	b := dst[n:]
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		h := x &^ high                // each byte's low seven bits: the sums below cannot carry
		ge := h + (0x80-'A')*ones     // high bit set where the byte is >= 'A'
		gt := h + (0x80-'Z'-1)*ones   // high bit set where the byte is > 'Z'
		upper := ge &^ gt &^ x & high // in 'A'..'Z' and ASCII
		binary.LittleEndian.PutUint64(b[i:], x|upper>>2)
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return dst
}
