package places

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

// BuildImage builds the table image (data/places.bin) from the gazetteer
// lines (data/gaz.tsv), the ZCTA bit set (data/zip.bin.gz, inflated) and
// the lines written in the Go source (sourceLines). It runs at generate
// time (tools/gendata/places) and in the test that keeps the committed
// image fresh; the product only reads the result (image in data.go), so
// that a process pays nothing to build the tables at start-up.
//
// The image is a pure function of its inputs: the same inputs give the
// same bytes on any machine, which is what the freshness test compares.
func BuildImage(gazTSV, zips []byte) ([]byte, error) {
	b, err := build(string(gazTSV))
	if err != nil {
		return nil, err
	}
	return b.encode(string(zips)), nil
}

// builder fills a table on the heap the way the product reads it, then
// encodes it. It only runs at generate time and in tests.
type builder struct {
	t    tables
	keys int // slots in use
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

// triggers lists the rule trigger words, sorted so that the image does not
// depend on map iteration order (slot positions follow insertion order).
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
	for w, v := range cue1 {
		if v != 0 {
			add(tCue, w)
		}
	}
	for w, v := range cueStrong {
		if v {
			add(tCue, w)
		}
	}
	add(tCue, "where", "city")
	for w := range bareNames {
		add(tFrame, w)
	}
	for w := range employerCues {
		add(tFrame, w)
	}
	add(tFrame, "in")
	for w := range bareSuffix {
		add(tFrame, w)
	}
	sort.Slice(tr, func(i, j int) bool {
		if tr[i].word != tr[j].word {
			return tr[i].word < tr[j].word
		}
		return tr[i].bit < tr[j].bit
	})
	return tr
}

// build reads the gazetteer and source lines into a heap table. The blob
// holds only the keys, one after another (the flags become slot fields).
func build(gazTSV string) (*builder, error) {
	type line struct {
		f      uint16
		off, n int
	}
	var (
		blob  strings.Builder
		lines []line
	)
	blob.Grow(len(gazTSV))
	read := func(l string) error {
		tb := strings.IndexByte(l, '\t')
		if tb <= 0 || l[0] == '#' {
			return nil
		}
		var f uint16
		for i := 0; i < tb; i++ {
			f |= flagLetters[l[i]]
		}
		k := strings.TrimRight(l[tb+1:], "\r")
		if k == "" {
			return nil
		}
		if len(k) > maxKey {
			return fmt.Errorf("places: key of %d bytes (at most %d): %q", len(k), maxKey, k)
		}
		lines = append(lines, line{f, blob.Len(), len(k)})
		blob.WriteString(k)
		return nil
	}
	for _, l := range strings.Split(gazTSV, "\n") {
		if err := read(l); err != nil {
			return nil, err
		}
	}
	for _, l := range sourceLines() {
		if err := read(l); err != nil {
			return nil, err
		}
	}
	if blob.Len() > offMask {
		return nil, fmt.Errorf("places: %d bytes of keys (at most %d)", blob.Len(), offMask)
	}
	b := &builder{t: tables{blob: blob.String(), bloom: new([bloomWords]uint64)}}
	b.grow(3 * len(lines))
	for _, l := range lines {
		b.addName(l.off, l.n, l.f)
	}
	for _, tr := range triggers() {
		if e := b.t.find(tr.word); e != nil {
			e.trig |= uint16(tr.bit)
		}
	}
	// Final size: the smallest power of two at most maxLoad full. Slots
	// are moved in index order, which keeps the result deterministic.
	b.grow(b.keys * maxLoadDen / maxLoadNum)
	return b, b.fillShort()
}

// Load factor of the shipped table: at most maxLoadNum/maxLoadDen of the
// slots in use. Lower is fewer probes per lookup, higher a smaller binary.
const maxLoadNum, maxLoadDen = 1, 2

// put returns the slot of key blob[off:off+n] (n > 0), adding it when new.
// The pointer is valid until the next grow.
func (b *builder) put(off, n int) *slot {
	if 2*(b.keys+1) > len(b.t.slots) {
		b.grow(3 * (b.keys + 1))
	}
	t := &b.t
	k := t.blob[off : off+n]
	h, hd := hashKey(k)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if e.n == 0 {
			w, m := bloomAt(h)
			t.bloom[w] |= m
			*e = slot{head: hd, off: uint32(off), n: uint8(n)}
			b.keys++
			return e
		}
		if t.is(e, k, hd) {
			return e
		}
	}
}

// grow rehashes into a table of at least size slots (a power of two).
func (b *builder) grow(size int) {
	n := 1 << 10
	for n < size {
		n <<= 1
	}
	t := &b.t
	old := t.slots
	t.slots = make([]slot, n)
	t.mask = uint64(n - 1)
	for k := range old {
		e := &old[k]
		if e.n == 0 {
			continue
		}
		h, _ := hashKey(t.key(e))
		i := h & t.mask
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = *e
	}
}

// addName adds the gazetteer key blob[off:off+n] (Norm form) with flags f,
// and marks its word prefixes so that the scan knows to read on.
func (b *builder) addName(off, n int, f uint16) {
	e := b.put(off, n)
	key := b.t.blob[off : off+n]
	multi := strings.IndexByte(key, ' ') >= 0
	if e.gaz == 0 && f != 0 {
		if multi {
			b.t.multi++
		} else {
			b.t.words++
		}
	}
	e.gaz |= uint8(f) // before the next put, which may move slots
	for sp := 0; multi; sp++ {
		k := strings.IndexByte(key[sp:], ' ')
		if k < 0 {
			break
		}
		sp += k
		if sp == 0 {
			continue
		}
		c := byte(' ') // a key that ends in a space (none does) still marks its prefix
		if sp+1 < len(key) {
			c = key[sp+1]
		}
		b.put(off, sp).off |= uint32(nextBit(c)) << nextShift
	}
}

// fillShort fills the short table from find: each word of one to three
// letters gets the entry that find gives it. The entries are numbered in
// the order of their first word, the zero entry first.
func (b *builder) fillShort() error {
	t := &b.t
	t.short = new([shortSize]uint8)
	t.shortEntries = new([256]uint32)
	index := map[uint32]uint8{0: 0}
	for x := range uint(shortSize) {
		w := shortWord(x)
		if w == "" {
			continue
		}
		var v uint32
		if e := t.find(w); e != nil {
			v = uint32(e.entry())
		}
		i, ok := index[v]
		if !ok {
			if len(index) == len(t.shortEntries) {
				return errors.New("places: more distinct entries of short words than a short table index holds")
			}
			i = uint8(len(index))
			index[v] = i
			t.shortEntries[i] = v
		}
		t.short[x] = i
	}
	return nil
}

// encode writes the image (layout in data.go), every field little endian.
func (b *builder) encode(zips string) []byte {
	t := &b.t
	slotsLen := len(t.slots) * slotSize
	img := make([]byte, headerSize, headerSize+slotsLen+bloomWords*8+256*4+shortSize+len(zips)+len(t.blob))
	copy(img, imageMagic)
	le := binary.LittleEndian
	le.PutUint32(img[8:], imageVersion)
	le.PutUint32(img[12:], uint32(len(t.slots)))
	le.PutUint32(img[16:], uint32(b.keys))
	le.PutUint32(img[20:], uint32(t.words))
	le.PutUint32(img[24:], uint32(t.multi))
	le.PutUint32(img[28:], uint32(len(zips)))
	le.PutUint32(img[32:], uint32(len(t.blob)))
	for i := range t.slots {
		e := &t.slots[i]
		img = le.AppendUint64(img, e.head)
		img = le.AppendUint32(img, e.off)
		img = append(img, e.n, e.gaz)
		img = le.AppendUint16(img, e.trig)
	}
	for _, w := range t.bloom {
		img = le.AppendUint64(img, w)
	}
	for _, v := range t.shortEntries {
		img = le.AppendUint32(img, v)
	}
	img = append(img, t.short[:]...)
	img = append(img, zips...)
	img = append(img, t.blob...)
	return img
}
