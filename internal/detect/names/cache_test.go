package names

import (
	"encoding/binary"
	"strings"
	"testing"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
)

func TestPackKey(t *testing.T) {
	for n := 0; n <= 17; n++ {
		for _, s := range []string{"abcdefghijklmnopq"[:n], "\xffbcd\x80fghij\xe2lmn\x01pq"[:n], "ab\x00defghijklmnopq"[:n], "abcdefghij\x00lmnopq"[:n], "abcdefgh\x00"[:min(n, 9)]} {
			k, ok := packKey(s)
			var b [16]byte
			copy(b[:], s)
			want := ckey{binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])}
			if ok != (n > 0 && n <= maxCached && !strings.Contains(s, "\x00")) || ok && k != want {
				t.Errorf("%q: %x %v, want %x", s, k, ok, want)
			}
		}
	}
}

// The cache must answer exactly as the tables do, whatever it evicts (but
// for its own bits, cProperAsked and cProper).
func TestCacheAnswers(t *testing.T) {
	var c wcache
	words := []string{"smith", "the", "maria", "aware", "dr", "hospital", "x", "abcdefghijklm", "abcdefghijklmn", "abcdefghijklmnop", "abcdefghijklmnopq", "grace", "ödön", "smith\x00", "smit"}
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

// A set is one cache line: entries of 16 bytes, sets that start a line.
func TestCacheLines(t *testing.T) {
	if s := unsafe.Sizeof([cacheWays]centry{}); s != 64 {
		t.Errorf("a set is %d bytes", s)
	}
	sc := getScratch()
	defer putScratch(sc)
	if p := uintptr(unsafe.Pointer(&sc.cache.sets[0])); p%64 != 0 {
		t.Errorf("sets start at %#x", p)
	}
}

// find finds each word it holds, in any of the ways of its set, and no
// other word.
func TestCacheFind(t *testing.T) {
	var c wcache
	words := []string{"a", "ab", "abcdefgh", "abcdefghi", "abcdefghijklm", "smith", "smiths"}
	for _, w := range words {
		k, _ := packKey(w)
		if c.find(k) != nil {
			t.Errorf("%q found in an empty cache", w)
		}
		s := c.set(k)
		for way := 0; way < cacheWays; way++ {
			*s = [cacheWays]centry{}
			s[way] = centry{k0: k.k0, k1x: k.k1 | uint64(way+1)<<xShift}
			if e := c.find(k); e == nil || e.x() != winfo(way+1) {
				t.Errorf("%q in way %d not found", w, way)
			}
			for _, o := range words {
				if ko, _ := packKey(o); o != w && c.set(ko) == s && c.find(ko) != nil {
					t.Errorf("%q found for %q", o, w)
				}
			}
		}
		*s = [cacheWays]centry{}
	}
}

// The embedded names table loads without its full check at start-up
// (LoadEmbeddedTable); it must pass that check.
func TestEmbeddedTableIsSound(t *testing.T) {
	if _, err := lexicon.LoadTable(namesTbl); err != nil {
		t.Fatal(err)
	}
}
