package lexicon

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// Table is a read-only hash table from words to uint32 values, built once by
// a data generator and embedded as bytes, uncompressed. Loading it makes a
// few slice headers that view the embedded bytes in place (no hashing, no
// inserts, no copy, no decompression), so a 140,000-word table is ready in
// well under a millisecond and its pages are read from the binary only as
// lookups touch them; a Go map takes ~100 ms to fill.
//
// Layout (little endian): "SCTB2\0\0\0", u32 slots (a power of two), u32 n,
// slots×u32 (entry index+1, 0 = empty), n×u32 values, (n+1)×u32 key offsets,
// key bytes. The 16-byte header keeps the arrays 4-byte aligned. Lookups
// hash with FNV-1a and probe linearly.
type Table struct {
	slots []uint32
	vals  []uint32
	offs  []uint32
	keys  string
	mask  uint32
}

const tableMagic = "SCTB2\x00\x00\x00"

func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// BuildTable serialises keys (distinct) and their values.
func BuildTable(keys []string, vals []uint32) []byte {
	n := len(keys)
	size := uint32(1)
	for size < uint32(n)*2+1 {
		size <<= 1
	}
	slots := make([]uint32, size)
	for i, k := range keys {
		j := fnv1a(k) & (size - 1)
		for slots[j] != 0 {
			j = (j + 1) & (size - 1)
		}
		slots[j] = uint32(i + 1)
	}
	var blob []byte
	offs := make([]uint32, 0, n+1)
	for _, k := range keys {
		offs = append(offs, uint32(len(blob)))
		blob = append(blob, k...)
	}
	offs = append(offs, uint32(len(blob)))
	out := []byte(tableMagic)
	out = binary.LittleEndian.AppendUint32(out, size)
	out = binary.LittleEndian.AppendUint32(out, uint32(n))
	for _, a := range [][]uint32{slots, vals, offs} {
		for _, v := range a {
			out = binary.LittleEndian.AppendUint32(out, v)
		}
	}
	return append(out, blob...)
}

// LoadTable reads a serialised table; raw must stay unmodified while the
// table is in use (the table may view it in place). Every offset and slot
// is checked, so a corrupt table is an error, never a bad lookup.
func LoadTable(raw []byte) (*Table, error) { return loadTable(raw, true) }

// LoadEmbeddedTable is LoadTable for a table built into the binary, whose
// offsets and slots its package's tests check with LoadTable: only the
// header is checked here, so that start-up does not read every page of the
// table (a few milliseconds for the names table, at every start).
func LoadEmbeddedTable(raw []byte) (*Table, error) { return loadTable(raw, false) }

func loadTable(raw []byte, checkAll bool) (*Table, error) {
	if len(raw) < len(tableMagic)+8 || string(raw[:len(tableMagic)]) != tableMagic {
		return nil, errors.New("lexicon: not a table")
	}
	p := raw[len(tableMagic):]
	size := binary.LittleEndian.Uint32(p)
	n := binary.LittleEndian.Uint32(p[4:])
	p = p[8:]
	need := (uint64(size) + uint64(n)*2 + 1) * 4
	if size == 0 || size&(size-1) != 0 || uint64(len(p)) < need {
		return nil, errors.New("lexicon: truncated table")
	}
	u32 := func(k uint32) []uint32 {
		out := u32View(p[:k*4])
		p = p[k*4:]
		return out
	}
	t := &Table{mask: size - 1}
	t.slots, t.vals, t.offs = u32(size), u32(n), u32(n+1)
	if int(t.offs[n]) != len(p) {
		return nil, errors.New("lexicon: table keys do not match their offsets")
	}
	for i := uint32(0); checkAll && i < n; i++ {
		if t.offs[i] > t.offs[i+1] {
			return nil, errors.New("lexicon: table offsets out of order")
		}
	}
	for i := 0; checkAll && i < len(t.slots); i++ {
		if t.slots[i] > n {
			return nil, errors.New("lexicon: table slot out of range")
		}
	}
	if len(p) > 0 {
		t.keys = unsafe.String(&p[0], len(p))
	}
	return t, nil
}

// littleEndian: the machine's byte order is the tables' own.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// u32View returns b as little-endian uint32s: the same memory when the
// machine is little-endian and b is aligned, else a decoded copy.
func u32View(b []byte) []uint32 {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return out
}

// Len is the number of keys.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return len(t.vals)
}

// Lookup returns the value of key.
func (t *Table) Lookup(key string) (uint32, bool) {
	if t == nil || len(t.vals) == 0 {
		return 0, false
	}
	j := fnv1a(key) & t.mask
	for probes := 0; probes <= len(t.slots); probes++ {
		e := t.slots[j]
		if e == 0 {
			return 0, false
		}
		e--
		if t.keys[t.offs[e]:t.offs[e+1]] == key {
			return t.vals[e], true
		}
		j = (j + 1) & t.mask
	}
	return 0, false
}

// Each calls f for every key and value (in no particular order).
func (t *Table) Each(f func(key string, val uint32)) {
	for e := range t.vals {
		f(t.keys[t.offs[e]:t.offs[e+1]], t.vals[e])
	}
}

// InPlace reports whether the table views raw directly (no copy was made).
func (t *Table) InPlace(raw []byte) bool {
	return len(t.slots) > 0 && len(raw) > len(tableMagic)+8 && &t.slots[0] == (*uint32)(unsafe.Pointer(&raw[len(tableMagic)+8]))
}
