package lexicon

import (
	"fmt"
	"testing"
	"unsafe"
)

func TestTableRoundTrip(t *testing.T) {
	var keys []string
	var vals []uint32
	for i := 0; i < 5000; i++ {
		keys = append(keys, fmt.Sprintf("w%d", i))
		vals = append(vals, uint32(i*7))
	}
	keys = append(keys, "", "tomás")
	vals = append(vals, 1, 2)
	tb, err := LoadTable(BuildTable(keys, vals))
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if v, ok := tb.Lookup(k); !ok || v != vals[i] {
			t.Fatalf("%q: %d %v", k, v, ok)
		}
	}
	for _, k := range []string{"w5000", "x", "tomas"} {
		if _, ok := tb.Lookup(k); ok {
			t.Errorf("%q found", k)
		}
	}
	n := 0
	tb.Each(func(string, uint32) { n++ })
	if n != len(keys) || tb.Len() != len(keys) {
		t.Errorf("Each saw %d", n)
	}
}

func TestLoadTableRejectsDamage(t *testing.T) {
	raw := BuildTable([]string{"a", "bb"}, []uint32{1, 2})
	for _, bad := range [][]byte{nil, []byte(tableMagic), raw[:len(raw)-1], append([]byte("XXXXX"), raw[5:]...)} {
		if _, err := LoadTable(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func FuzzLoadTable(f *testing.F) {
	f.Add(BuildTable([]string{"a", "bb"}, []uint32{1, 2}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tb, err := LoadTable(raw)
		if err != nil {
			return
		}
		tb.Lookup("a")
		tb.Each(func(string, uint32) {})
	})
}

// A table loaded from aligned bytes views them in place; from unaligned
// bytes it decodes a copy; both answer the same.
func TestTableViewsAlignedBytes(t *testing.T) {
	raw := BuildTable([]string{"a", "bb", "ccc"}, []uint32{1, 2, 3})
	buf := make([]byte, len(raw)+1)
	for shift := 0; shift < 2; shift++ {
		b := buf[shift : shift+len(raw)]
		copy(b, raw)
		tb, err := LoadTable(b)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := tb.Lookup("bb"); !ok || v != 2 {
			t.Errorf("shift %d: bb → %d %v", shift, v, ok)
		}
		aligned := uintptr(unsafe.Pointer(&b[0]))%4 == 0
		inPlace := &tb.slots[0] == (*uint32)(unsafe.Pointer(&b[len(tableMagic)+8]))
		if littleEndian && aligned != inPlace {
			t.Errorf("shift %d: aligned %v but viewed in place %v", shift, aligned, inPlace)
		}
	}
}

// The word table finds every word it holds (short, exactly 16 bytes, long,
// with NUL bytes) after growing from its smallest size, and no other.
func TestWordTabGrowsAndFinds(t *testing.T) {
	words := []string{"a", "a\x00", "patient", "sixteen-bytes-xx", "seventeen-bytes-x", "seventeen-bytes-y", "ünïcödé", "an extraordinarily long phrase word"}
	for i := 0; i < 500; i++ {
		words = append(words, "w"+itoa(i))
	}
	tab := newWordTab(1)
	for i, w := range words {
		tab.put(w, int32(i))
	}
	for i, w := range words {
		if got := tab.get(w); got != int32(i) {
			t.Errorf("get(%q) = %d, want %d", w, got, i)
		}
	}
	for _, w := range []string{"", "b", "a\x00\x00", "seventeen-bytes-z", "sixteen-bytes-xy", "w500", "patients"} {
		if got := tab.get(w); got != -1 {
			t.Errorf("get(%q) = %d, want -1", w, got)
		}
	}
}
