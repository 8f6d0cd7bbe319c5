package names

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// packKey packs short words as text.Pack does and longer ones as their
// bytes, zero padded; no two words share a key, and no word has the zero
// key unless it is not cached.
func TestPackKey(t *testing.T) {
	seen := map[ckey]string{}
	for m := 0; m <= 17; m++ {
		for _, s := range []string{"abcdefghijklmnopq"[:m], "\xffbcd\x80fghij\xe2lmn\x01pq"[:m], "ab\x00defghijklmnopq"[:m],
			"abcdefghij\x00lmnopq"[:m], "abcdefgh\x00"[:min(m, 9)], "abcdefg\x07ijklmnopq"[:m], "abcdefg\x08ijklmnopq"[:m], "abcdefg"[:min(m, 7)] + "\x00"} {
			n := len(s)
			k := packKey(s)
			var b [16]byte
			copy(b[:], s)
			want := ckey{binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])}
			cached := n > 0 && n <= maxCached && (n < 8 || s[7] >= 8 && !strings.Contains(s[8:], "\x00"))
			switch {
			case !cached:
				want = ckey{}
			case n < 8:
				want = ckey{text.Pack(s), 0}
			}
			if k != want {
				t.Errorf("%q: %x, want %x", s, k, want)
			}
			if o, ok := seen[k]; ok && o != s && k != (ckey{}) {
				t.Errorf("%q and %q share the key %x", s, o, k)
			}
			seen[k] = s
		}
	}
}

// randomWord makes a word of bytes that keys find hard to tell apart:
// NUL and low bytes, apostrophes, the bytes of "’" and "é".
func randomWord(r *rand.Rand) string {
	const alphabet = "aabcdehimnoqrstyz'\x00\x01\x07\x08\xe2\x80\x99\xc3\xa9"
	b := make([]byte, 1+r.IntN(16))
	for j := range b {
		b[j] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// info asks the cache about w, whose key is k, as wordUnit does.
func (c *wcache) info(k ckey, w string) winfo {
	if e := c.find(k); e != nil {
		return e.x()
	}
	x, _ := c.add(k, w)
	return x
}

// The cache answers as the tables do for random words (many of them
// alike, so that sets fill and entries are evicted) and for every word of
// random texts, keyed as the detector keys them: by the tokeniser's packed
// form (tokenKey), which must be packKey's.
func TestCacheDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var c wcache
	check := func(k ckey, w string) {
		t.Helper()
		if got, want := c.info(k, w)&^(cProperAsked|cProper), quickInfo(w); got != want {
			t.Fatalf("info(%q) = %x, want %x", w, got, want)
		}
		if c.proper(w) != vocab.Proper(w) {
			t.Fatalf("proper(%q) is wrong", w)
		}
	}
	names := []string{"smith", "maria", "the", "aware", "dr", "grace", "hospital", "ödön", "o'brien", "abcdefghijklm"}
	for round := 0; round < 1<<15; round++ {
		w := randomWord(r)
		if round%4 == 0 {
			w = names[r.IntN(len(names))]
		}
		check(packKey(w), w)
	}
	words := []string{"Smith's", "O'Brien", "Dr", "Maria’s", "BOB'S", "ab's", "abcdefg's", "abcdefgh's", "x’s's", "abc’s's", "Ödön’s", "JOHNSON'S"}
	for round := 0; round < 2000; round++ {
		var sb strings.Builder
		for k := r.IntN(30); k >= 0; k-- {
			if r.IntN(3) == 0 {
				sb.WriteString(words[r.IntN(len(words))])
			} else {
				sb.WriteString(randomWord(r))
			}
			sb.WriteString([]string{" ", " ", "-", ", ", "\n", "'s "}[r.IntN(6)])
		}
		d := text.Parse(sb.String())
		for i := range d.Tokens {
			if d.Tokens[i].Kind != text.Word {
				continue
			}
			w := d.Tokens[i].Lower
			for _, v := range []string{w, strings.TrimSuffix(w, "'s"), strings.TrimSuffix(w, "’s"), strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")} {
				if v == "" {
					continue
				}
				k := tokenKey(d.Packed[i], v)
				if k != packKey(v) {
					t.Fatalf("%q: token %d (%q) keyed %x, want %x", d.Src, i, v, k, packKey(v))
				}
				check(k, v)
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
			if got, want := c.info(packKey(w), w)&^(cProperAsked|cProper), quickInfo(w); got != want {
				t.Errorf("info(%q) = %x, want %x", w, got, want)
			}
			if c.proper(w) != vocab.Proper(w) {
				t.Errorf("proper(%q) is wrong", w)
			}
		}
	}
	for i := 0; i < 1<<16; i++ { // push everything out
		w := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)) + "q"
		c.info(packKey(w), w)
	}
	for _, w := range words {
		if got, want := c.info(packKey(w), w)&^(cProperAsked|cProper), quickInfo(w); got != want {
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
		k := packKey(w)
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
				if ko := packKey(o); o != w && c.set(ko) == s && c.find(ko) != nil {
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
