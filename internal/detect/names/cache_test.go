package names

import (
	"encoding/binary"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
)

func TestPackKey(t *testing.T) {
	for n := 0; n <= 17; n++ {
		for _, s := range []string{"abcdefghijklmnopq"[:n], "\xffbcd\x80fghij\xe2lmn\x01pq"[:n]} {
			k, ok := packKey(s)
			var b [16]byte
			copy(b[:], s)
			want := ckey{binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:]), uint32(len(s))}
			if ok != (n > 0 && n <= maxCached) || ok && k != want {
				t.Errorf("%q: %x %v, want %x", s, k, ok, want)
			}
		}
	}
}

// The cache must answer exactly as the tables do, whatever it evicts (but
// for its own bits, cProperAsked and cProper).
func TestCacheAnswers(t *testing.T) {
	var c wcache
	words := []string{"smith", "the", "maria", "aware", "dr", "hospital", "x", "abcdefghijklmnop", "abcdefghijklmnopq", "grace", "ödön"}
	for round := 0; round < 3; round++ {
		for _, w := range words {
			if got, want := c.info(w)&^(cProperAsked|cProper), quickInfo(w); got != want {
				t.Errorf("info(%q) = %x, want %x", w, got, want)
			}
			if c.proper(w) != vocab.Proper(w) {
				t.Errorf("proper(%q) is wrong", w)
			}
		}
	}
	for i := 0; i < 1<<16; i++ { // push everything out
		c.info(string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)) + "q")
	}
	for _, w := range words {
		if got, want := c.info(w)&^(cProperAsked|cProper), quickInfo(w); got != want {
			t.Errorf("after eviction info(%q) = %x, want %x", w, got, want)
		}
	}
}
