package vocab

import (
	"encoding/binary"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

// The embedded table loads without its full check at start-up
// (LoadEmbeddedTable); it must pass that check.
func TestEmbeddedTableIsSound(t *testing.T) {
	if _, err := lexicon.LoadTable(data); err != nil {
		t.Fatal(err)
	}
}

func TestVocab(t *testing.T) {
	for _, c := range []struct {
		w                  string
		eng, med, abbr, pr bool
	}{
		{"window", true, false, false, false},
		{"healey", false, false, false, false},
		{"lasix", false, true, true, false},
		{"metoprolol", false, true, false, false},
		{"bun", true, true, true, false},
		{"chicago", false, false, false, true},
	} {
		if English(c.w) != c.eng || Medical(c.w) != c.med || Abbrev(c.w) != c.abbr || Proper(c.w) != c.pr {
			t.Errorf("%s: english=%v medical=%v abbrev=%v proper=%v", c.w, English(c.w), Medical(c.w), Abbrev(c.w), Proper(c.w))
		}
	}
}

// The embedded table is read in place: no copy of its 2.9 MB at start-up.
func TestTableReadInPlace(t *testing.T) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		t.Skip("big-endian machines decode a copy")
	}
	once.Do(load)
	if !table.InPlace(data) {
		t.Error("the embedded vocabulary table was copied (unaligned embedded data?)")
	}
}
