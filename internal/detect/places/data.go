package places

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"math/bits"
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

//go:embed data/zip.bin.gz
var data embed.FS

// gazTSV is embedded uncompressed: inflating it took a third of the
// start-up time, and the keys are used in place (substrings of it).
//
//go:embed data/gaz.tsv
var gazTSV string

// Gazetteer flags, one bit per kind of entry.
const (
	gUSCity uint16 = 1 << iota
	gWorldCity
	gCounty
	gState
	gHospital
	gAlias
	gAmbig
	gCountry
)

var flagLetters = map[byte]uint16{
	'c': gUSCity, 'w': gWorldCity, 'k': gCounty, 's': gState,
	'h': gHospital, 'a': gAlias, 'x': gAmbig, 'n': gCountry,
}

// Trigger bits: which token rules a word starts.
const (
	tHead uint32 = 1 << iota
	tFacility
	tSaint
	tBox
	tMil
	tCorner
	tCounty
	tRoom
	tUniv
	tUnit
	tCompass
	tLead
	tTail
	tState
	tCue
	tFrame // a word that starts a frame rule (frames.go): bare place noun, "in", employer cue
)

// entry is one key of the table: a word (gazetteer flags, rule triggers),
// a multi-word phrase, or a phrase prefix. The key is blob[off:off+n]; an
// entry holds no pointer, so the 200,000 of them cost the collector nothing.
// Entries live in the hash slots themselves, and head holds the first eight
// bytes of the key: a lookup of a word of up to eight bytes (most words of
// a text) touches one slot and neither a separate entry array nor the blob,
// which matters because the table is megabytes and every touch is a likely
// cache miss once the other detectors have run.
type entry struct {
	head uint64 // key bytes 0..7, little endian, zero padded
	off  uint32
	n    uint16 // key length; 0: empty slot (keys are never empty)
	gaz  uint16 // gazetteer flags of the key itself (0: not a name)
	trig uint32 // rule triggers (one-word keys)
	more bool   // a longer phrase starts with this key
}

// tables hold the gazetteer and the trigger words in one open-addressing
// hash table keyed by folded token or Norm phrase. Building it is a hash
// or two per line of the embedded data, which keeps first use cheap (Go
// maps of the same keys took four times as long, and the earlier
// Aho-Corasick automaton a second).
type tables struct {
	blob  string  // gazetteer lines, then the lines written in the source
	slots []entry // linear probing; n == 0 marks an empty slot
	keys  int     // entries in use
	// bloom has one bit per key (top hash bits): most words of a text are
	// no key, and this 128 KiB answers for them from cache where the
	// slots (megabytes) would not
	bloom *[1 << bloomBits / 64]uint64
	mask  uint64
	zips  []byte    // bit set of known 5-digit ZCTAs
	words int       // one-word gazetteer names
	multi int       // multi-word gazetteer names
	last  [4]string // prefixes marked last, by depth (while building)
}

const bloomBits = 20

// hashKey: a wyhash-style hash. Keys up to 16 bytes (nearly every word
// of a text) are read as two overlapping little-endian loads and mixed by
// one 64x64->128 multiply; longer keys fold 16 bytes a step first. The
// table uses low bits for the slot, high bits for the bloom filter; a
// final multiply spreads every input bit over both.
func hashKey(k string) uint64 {
	const (
		p0 = 0xa0761d6478bd642f
		p1 = 0xe7037ed1a0b428db
		p2 = 0x8ebc6af09c88c6e3
	)
	n := len(k)
	seed := uint64(p2)
	var a, b uint64
	switch {
	case n > 16:
		for len(k) > 16 {
			seed = mix64(le64(k)^p1, le64(k[8:])^seed)
			k = k[16:]
		}
		if len(k) >= 8 {
			a, b = le64(k), le64(k[len(k)-8:])
		} else {
			a = small(k)
		}
	case n >= 8:
		a, b = le64(k), le64(k[n-8:])
	case n >= 4:
		a, b = uint64(le32(k)), uint64(le32(k[n-4:]))
	case n > 0:
		a = uint64(k[0])<<16 | uint64(k[n>>1])<<8 | uint64(k[n-1])
	}
	return mix64(mix64(a^p1, b^seed)^uint64(n), p0)
}

func mix64(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func small(k string) uint64 {
	switch n := len(k); {
	case n >= 4:
		return uint64(le32(k))<<32 | uint64(le32(k[n-4:]))
	case n > 0:
		return uint64(k[0])<<16 | uint64(k[n>>1])<<8 | uint64(k[n-1])
	}
	return 0
}

// head8 packs the first eight bytes of k (fewer, zero padded, for a
// shorter k) into an integer, so that keys of up to eight bytes compare
// as one integer and longer ones are told apart from most others by it.
func head8(k string) uint64 {
	switch n := len(k); {
	case n >= 8:
		return le64(k)
	case n >= 4:
		// two overlapping loads; the shared bytes are equal, so OR is exact
		return uint64(le32(k)) | uint64(le32(k[n-4:]))<<(8*(n-4))
	default:
		var h uint64
		for i := n - 1; i >= 0; i-- {
			h = h<<8 | uint64(k[i])
		}
		return h
	}
}

func le64(k string) uint64 {
	_ = k[7]
	return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
		uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
}

func le32(k string) uint32 {
	_ = k[3]
	return uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
}

// is reports whether e holds key k, whose head8 is hd.
func (t *tables) is(e *entry, k string, hd uint64) bool {
	return e.head == hd && int(e.n) == len(k) && (len(k) <= 8 || t.blob[e.off+8:e.off+uint32(e.n)] == k[8:])
}

func (t *tables) find(k string) *entry {
	if k == "" {
		return nil
	}
	h := hashKey(k)
	if b := h >> (64 - bloomBits); t.bloom[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	hd := head8(k)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if e.n == 0 {
			return nil
		}
		if t.is(e, k, hd) {
			return e
		}
	}
}

// put returns the entry of blob[off:off+n] (n > 0), adding it when new.
// The pointer is valid until the next put.
func (t *tables) put(off, n int) *entry {
	if 2*(t.keys+1) > len(t.slots) {
		t.grow(3 * (t.keys + 1))
	}
	k := t.blob[off : off+n]
	h := hashKey(k)
	hd := head8(k)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if e.n == 0 {
			b := h >> (64 - bloomBits)
			t.bloom[b/64] |= 1 << (b % 64)
			*e = entry{head: hd, off: uint32(off), n: uint16(n)}
			t.keys++
			return e
		}
		if t.is(e, k, hd) {
			return e
		}
	}
}

func (t *tables) grow(size int) {
	n := 1 << 10
	for n < size {
		n <<= 1
	}
	old := t.slots
	t.slots = make([]entry, n)
	t.mask = uint64(n - 1)
	for k := range old {
		e := &old[k]
		if e.n == 0 {
			continue
		}
		i := hashKey(t.blob[e.off:e.off+uint32(e.n)]) & t.mask
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = *e
	}
}

// addName adds the gazetteer key blob[off:off+n] (Norm form) with flags f,
// and marks its word prefixes so that the scan knows to read on.
func (t *tables) addName(off, n int, f uint16) {
	if n <= 0 || n > 0xffff {
		return
	}
	e := t.put(off, n)
	key := t.blob[off : off+n]
	multi := strings.IndexByte(key, ' ') >= 0
	if e.gaz == 0 && f != 0 {
		if multi {
			t.multi++
		} else {
			t.words++
		}
	}
	e.gaz |= f // before the next put, which may move entries
	for sp, depth := 0, 0; multi; sp, depth = sp+1, depth+1 {
		k := strings.IndexByte(key[sp:], ' ')
		if k < 0 {
			break
		}
		sp += k
		// the data is sorted: a prefix is most often the one just added
		if sp == 0 || depth < len(t.last) && t.last[depth] == key[:sp] {
			continue
		}
		t.put(off, sp).more = true
		if depth < len(t.last) {
			t.last[depth] = key[:sp]
		}
	}
}

var (
	loadOnce sync.Once
	tab      *tables
)

func load() *tables {
	loadOnce.Do(func() { tab = build() })
	return tab
}

// sourceLines are the gazetteer lines written in the Go source: countries,
// health-system short names, city nicknames, and the trigger words ("-"
// flags: in the table for their triggers only).
func sourceLines() []string {
	var l []string
	for _, c := range countries {
		l = append(l, "n\t"+lexicon.PhraseKey(c))
	}
	for _, c := range knownFacilities {
		l = append(l, "a\t"+lexicon.PhraseKey(c))
	}
	for _, c := range cityShort {
		l = append(l, "c\t"+lexicon.PhraseKey(c))
	}
	for _, w := range triggers() {
		l = append(l, "-\t"+w.word)
	}
	return l
}

type trigger struct {
	word string
	bit  uint32
}

func triggers() []trigger {
	var tr []trigger
	add := func(bit uint32, words ...string) {
		for _, w := range words {
			tr = append(tr, trigger{w, bit})
		}
	}
	for w := range hospitalHead {
		add(tHead, w)
	}
	for w := range facilityHead {
		add(tFacility, w)
	}
	add(tSaint, "st", "saint", "ste", "mt", "mount")
	add(tBox, "box")
	add(tMil, "apo", "fpo", "dpo")
	add(tCorner, "corner")
	add(tCounty, "county", "parish", "borough")
	add(tRoom, "room", "rm", "bed", "bay", "cubicle")
	add(tUniv, "u", "univ", "university", "uof")
	for w := range unitWords {
		add(tUnit, w)
	}
	for w := range compass {
		if len(w) > 1 {
			add(tCompass, w)
		}
	}
	for w := range streetLead {
		add(tLead, w)
	}
	for w := range streetTail {
		add(tTail, w)
	}
	for w := range stateAbbr {
		add(tState, w)
	}
	for w := range cue1 {
		add(tCue, w)
	}
	for w := range cueStrong {
		add(tCue, w)
	}
	add(tCue, "where", "city")
	for w := range bareNames {
		add(tFrame, w)
	}
	for w := range employerCues {
		add(tFrame, w)
	}
	add(tFrame, "in")
	return tr
}

func build() *tables {
	t := &tables{bloom: new([1 << bloomBits / 64]uint64)}
	var b strings.Builder
	b.Grow(len(gazTSV) + 8192)
	b.WriteString(gazTSV)
	if len(gazTSV) > 0 && gazTSV[len(gazTSV)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, l := range sourceLines() {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	t.blob = b.String()
	n := strings.Count(t.blob, "\n")
	t.grow(2 * (n + n/2))
	for off := 0; off < len(t.blob); {
		end := strings.IndexByte(t.blob[off:], '\n')
		if end < 0 {
			end = len(t.blob)
		} else {
			end += off
		}
		l := t.blob[off:end]
		if tb := strings.IndexByte(l, '\t'); tb > 0 && l[0] != '#' {
			var f uint16
			for i := 0; i < tb; i++ {
				f |= flagLetters[l[i]]
			}
			k := strings.TrimRight(l[tb+1:], "\r")
			t.addName(off+tb+1, len(k), f)
		}
		off = end + 1
	}
	t.last = [4]string{}
	for _, tr := range triggers() {
		if e := t.find(tr.word); e != nil {
			e.trig |= tr.bit
		}
	}
	if z, err := data.ReadFile("data/zip.bin.gz"); err == nil {
		if zr, err := gzip.NewReader(bytes.NewReader(z)); err == nil {
			t.zips, _ = io.ReadAll(zr)
		}
	}
	return t
}

// knownZIP reports whether z (five ASCII digits) is a 2010 Census ZCTA.
func knownZIP(t *tables, z string) bool {
	if len(z) != 5 {
		return false
	}
	n := 0
	for i := 0; i < 5; i++ {
		c := z[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n/8 < len(t.zips) && t.zips[n/8]&(1<<(n%8)) != 0
}

// restrictedZIP3 are the HHS Safe Harbor three-digit ZIP prefixes whose
// population is 20,000 or fewer (reported as 000).
var restrictedZIP3 = map[string]bool{
	"036": true, "059": true, "063": true, "102": true, "203": true, "556": true,
	"692": true, "790": true, "821": true, "823": true, "830": true, "831": true,
	"878": true, "879": true, "884": true, "890": true, "893": true,
}

// RestrictedZIP3 reports whether a ZIP code (5 digits, ZIP+4, or just the
// 3-digit prefix) falls in one of the 17 Safe Harbor restricted prefixes.
func RestrictedZIP3(zip string) bool {
	zip = strings.TrimSpace(zip)
	if len(zip) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if zip[i] < '0' || zip[i] > '9' {
			return false
		}
	}
	return restrictedZIP3[zip[:3]]
}

// Load builds the gazetteer tables now (detect.Loader).
func (detector) Load() { load() }
