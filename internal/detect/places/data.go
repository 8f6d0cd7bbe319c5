package places

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
	"sync"
	"unsafe"
)

// image is the places table, built at generate time (BuildImage, from
// data/gaz.tsv, data/zip.bin.gz and the word lists of the Go source) and
// read in place: building it at start-up took ~100 ms of CPU and 12 MB of
// heap on every run of `scrubs check`, for a table that never changes.
// TestImageFresh fails when it no longer matches its inputs.
//
// Layout, every integer little endian:
//
//	0   magic "scrubsPL", version uint32
//	12  slots, keys, one-word names, multi-word names, zip bytes, blob bytes (uint32 each)
//	40  slots   [slots]slot, 16 bytes each (the struct below, field by field)
//	    bloom   [bloomWords]uint64
//	    shortEntries [256]uint32 (entry; those past the last in use are 0)
//	    short   [shortSize]uint8, an index into shortEntries
//	    zips    bit set over 00000-99999 of the known ZCTAs
//	    blob    the keys, one after another
//
//go:embed data/places.bin
var image string

const (
	imageMagic   = "scrubsPL"
	imageVersion = 5
	headerSize   = 40
	slotSize     = 16
)

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
	tFrame // a word that starts a frame rule (frames.go): bare place noun, "in", employer cue, street type
)

// A slot keeps the flags in 8 bits and the triggers in 16: these constant
// conversions stop the build when a new flag or trigger no longer fits.
const (
	_ = uint8(gCountry)
	_ = uint16(tFrame)
)

// entry is what the table says of a key: gazetteer flags of the key itself
// (gaz; 0: not a name), rule triggers (trig; one-word keys), and whether a
// longer phrase starts with it: next has the nextBit of the first byte of
// each word that follows the key in a longer phrase (0: none does). The
// zero entry is what a non-key reads as. The three are packed in 31 bits,
// as the short table holds them (gaz, trig<<8, next<<24): a lookup returns
// one register, and a word that is no key tests as one comparison.
type entry uint32

func (x entry) gaz() uint16  { return uint16(x & 0xff) }
func (x entry) trig() uint32 { return uint32(x) >> 8 & 0xffff }
func (x entry) next() uint8  { return uint8(x >> nextShift) }

// more reports whether a longer phrase starts with the key.
func (x entry) more() bool { return x>>nextShift != 0 }

// nextBit is the bit of entry.next() for a next word that starts with byte
// c: multiFrom reads on over a word only when its bit is in the phrase's
// next, which turns away two in three of the phrases it would look up.
func nextBit(c byte) uint8 { return 1 << (c % nextBits) }

// slot is one key of the table: a word, a multi-word phrase, or a phrase
// prefix. The key is blob[off&offMask:][:n]. Slots hold the entries
// themselves, and head holds bytes of the key (hashKey's head, all of a key
// of up to eight bytes): a lookup of a word of up to eight bytes (most
// words of a text) touches one slot and
// not the blob, which matters because the table is megabytes and every
// touch is a likely cache miss once the other detectors have run. Sixteen
// bytes, no padding, so that the image's bytes are the slots as Go lays
// them out on a little-endian machine.
type slot struct {
	head uint64 // hashKey's head of the key
	off  uint32 // blob offset of the key (offMask); entry.next above it (nextShift)
	n    uint8  // key length; 0: empty slot (keys are never empty)
	gaz  uint8  // gazetteer flags
	trig uint16 // rule triggers
}

const (
	nextShift = 24
	nextBits  = 7 // the bits of entry.next, in a slot's off and a packed entry
	offMask   = 1<<nextShift - 1
	maxKey    = 0xff // n is a byte
)

func (e *slot) entry() entry {
	return entry(uint32(e.gaz) | uint32(e.trig)<<8 | e.off&^offMask) // off holds next above offMask
}

// The short table answers for the words of one to three letters a-z
// (two in five words of a text: "to", "pt", "and") without hashing, the
// bloom filter or the slots. Such a word is numbered by its letters as
// digits 1-26 of a base-27 number, first letter lowest (lookup; shortWord
// is the inverse), and short holds, at that number, the index of its entry
// in shortEntries (0: the zero entry of a word that is no key). It is
// filled from find at generate time (builder.fillShort), so it answers as
// find does.
const shortSize = 27 * 27 * 27

// shortWord is the word that lookup numbers x, or "" for a number that
// no word gets.
func shortWord(x uint) string {
	var b []byte
	for ; x%27 != 0; x /= 27 {
		b = append(b, byte(x%27)+('a'-1))
	}
	if x != 0 {
		return "" // a zero digit before a letter
	}
	return string(b)
}

// lookup returns the table entry of key k, or the zero entry when k is no
// key (which reads as no name, no trigger and no longer name): from the
// short table for a word of one to three letters, else from find.
func (t *tables) lookup(k string) entry {
	if n := uint(len(k)); n-1 <= 2 {
		// the short table's number of k: the reads at 0, n/2 and n-1 are
		// all of k, and the masks drop the second and third digit of
		// the shorter words (all ones when k has a second, a third
		// letter), without a branch on the length
		c0, c1, c2 := uint(k[0])-('a'-1), uint(k[n>>1])-('a'-1), uint(k[n-1])-('a'-1)
		if c0-1 < 26 && c1-1 < 26 && c2-1 < 26 {
			x := c0 + 27*(c1&-(n>>1)) + 27*27*(c2&-(n>>1&n))
			return entry(t.shortEntries[t.short[x]])
		}
	}
	if e := t.find(k); e != nil {
		return e.entry()
	}
	return 0
}

// tables hold the gazetteer and the trigger words in one open-addressing
// hash table keyed by folded token or Norm phrase.
type tables struct {
	blob  string // the keys
	slots []slot // linear probing; n == 0 marks an empty slot
	// bloom has two bits per key (bloomAt): most words of a text are no
	// key, and this 128 KiB answers for them from cache where the slots
	// (megabytes) would not
	bloom *[bloomWords]uint64
	// short and shortEntries: the entries of the words of one to three
	// letters (shortSize)
	short        *[shortSize]uint8
	shortEntries *[256]uint32
	mask         uint64
	zips         string // bit set of known 5-digit ZCTAs
	words        int    // one-word gazetteer names
	multi        int    // multi-word gazetteer names
}

const (
	bloomBits  = 20
	bloomWords = 1 << bloomBits / 64
)

// Hashing. A key of four bytes or more is read as three little-endian
// 32-bit words, at its start, its middle and its end; a shorter one at
// bytes 0, n/2 and n-1. The first and last word (the three bytes) are the
// slot head, which with the length tells a key of up to eight bytes (most
// words of a text) whole, so that such keys compare as one integer; a
// longer one (a phrase, mostly) is read in part, which only makes a
// collision among long keys likelier, never a wrong answer, since a lookup
// compares the key itself. Three loads for any length over three: the
// words of one to three letters a-z, the only frequent short words, never
// get here (the short table answers for them), so the one branch on the
// length is well predicted, where a byte-wise sample took eight loads.
const (
	p1 = 0xe7037ed1a0b428db
	p2 = 0x8ebc6af09c88c6e3
)

// hashKey returns the hash and the slot head of key k. find takes the
// same two ways itself: each half is small enough to inline, the whole
// is not, and a call for every word of four bytes or more cost a tenth of
// the lookup.
func hashKey(k string) (h, head uint64) {
	if len(k) >= 4 {
		return hashLong(k)
	}
	return hashShort(k)
}

// hashLong is hashKey of a key of four bytes or more.
func hashLong(k string) (h, head uint64) {
	n := len(k)
	le := binary.LittleEndian
	b := unsafe.Slice(unsafe.StringData(k), n)
	head = uint64(le.Uint32(b)) | uint64(le.Uint32(b[n-4:]))<<32
	mid := uint64(le.Uint32(b[(n-4)/2:]))
	return mix64(head^p1, p2^mid<<8^uint64(n)), head
}

// hashShort is hashKey of a key of up to three bytes.
func hashShort(k string) (h, head uint64) {
	n := len(k)
	if n == 0 {
		return 0, 0
	}
	head = uint64(k[0]) | uint64(k[n>>1])<<8 | uint64(k[n-1])<<16
	return mix64(head^p1, p2^uint64(n)), head
}

func mix64(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// key returns the key of slot e.
func (t *tables) key(e *slot) string {
	off := e.off & offMask
	return t.blob[off : off+uint32(e.n)]
}

// is reports whether e holds key k, whose hashKey head is hd.
func (t *tables) is(e *slot, k string, hd uint64) bool {
	return e.head == hd && int(e.n) == len(k) && (len(k) <= 8 || t.key(e) == k)
}

// bloomAt returns the bloom filter word and the two bits of hash h: the
// top bits pick the word, the bits below them the two bits in it (two
// bits per key in one word: a third of the false hits of one bit, at the
// cost of one load still). The slot index takes the low bits.
func bloomAt(h uint64) (word int, mask uint64) {
	const wordBits = bloomBits - 6
	return int(h >> (64 - wordBits)), 1<<(h>>(64-wordBits-6)&63) | 1<<(h>>(64-wordBits-12)&63)
}

// find returns the slot of key k, or nil. It is the lookup of every word
// of four bytes or more of a text (lookup) and of every phrase, so it is
// written out in one function: the hash, the bloom filter and the probe.
func (t *tables) find(k string) *slot {
	var h, hd uint64
	switch { // hashKey, inlined
	case len(k) >= 4:
		h, hd = hashLong(k)
	case k != "":
		h, hd = hashShort(k)
	default:
		return nil
	}
	if w, m := bloomAt(h); t.bloom[w]&m != m {
		return nil
	}
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

var (
	loadOnce sync.Once
	tab      *tables
)

func load() *tables {
	loadOnce.Do(func() {
		var err error
		if tab, err = open(image); err != nil {
			// Only a broken build gets here (TestImageFresh fails first);
			// running on without the gazetteer would leave places in the
			// text unreported, so stop.
			panic(err)
		}
	})
	return tab
}

var errImage = errors.New("places: data/places.bin is corrupt or of another version (go run ./tools/gendata/places -image)")

// open reads an image. The header is checked against the image length,
// which is all that indexing the sections needs; the slots are trusted
// (TestImageFresh compares the whole image with a rebuild), since checking
// them here would touch every page of the table at start-up.
//
// On a little-endian machine, with the sections 8-byte aligned (as the
// linker places the embedded data), the slots and the bloom filter are
// views of the image's bytes: nothing is copied, and only the pages that
// lookups touch are ever read in. Elsewhere they are decoded into copies.
func open(img string) (*tables, error) {
	if len(img) < headerSize || img[:8] != imageMagic {
		return nil, errImage
	}
	le := binary.LittleEndian
	u32 := func(at int) int { return int(le.Uint32([]byte(img[at : at+4]))) }
	nslots, zipLen, blobLen := u32(12), u32(28), u32(32)
	if u32(8) != imageVersion || nslots == 0 || nslots&(nslots-1) != 0 ||
		headerSize+nslots*slotSize+bloomWords*8+256*4+shortSize+zipLen+blobLen != len(img) {
		return nil, errImage
	}
	t := &tables{mask: uint64(nslots - 1), words: u32(20), multi: u32(24)}
	rest := img[headerSize:]
	slots, rest := rest[:nslots*slotSize], rest[nslots*slotSize:]
	bloom, rest := rest[:bloomWords*8], rest[bloomWords*8:]
	entries, rest := rest[:256*4], rest[256*4:]
	short, rest := rest[:shortSize], rest[shortSize:]
	t.zips, t.blob = rest[:zipLen], rest[zipLen:]
	if littleEndian && uintptr(unsafe.Pointer(unsafe.StringData(img)))%8 == 0 {
		// headerSize and slotSize are multiples of 8, so the slots and
		// the bloom filter are aligned, and the short entries (4 bytes
		// each) follow them aligned
		t.slots = unsafe.Slice((*slot)(unsafe.Pointer(unsafe.StringData(slots))), nslots)
		t.bloom = (*[bloomWords]uint64)(unsafe.Pointer(unsafe.StringData(bloom)))
		t.shortEntries = (*[256]uint32)(unsafe.Pointer(unsafe.StringData(entries)))
		t.short = (*[shortSize]uint8)(unsafe.Pointer(unsafe.StringData(short)))
		return t, nil
	}
	t.slots = make([]slot, nslots)
	for i := range t.slots {
		b := []byte(slots[i*slotSize : (i+1)*slotSize])
		t.slots[i] = slot{head: le.Uint64(b), off: le.Uint32(b[8:]), n: b[12], gaz: b[13], trig: le.Uint16(b[14:])}
	}
	t.bloom = new([bloomWords]uint64)
	for i := range t.bloom {
		t.bloom[i] = le.Uint64([]byte(bloom[i*8:]))
	}
	t.shortEntries = new([256]uint32)
	for i := range t.shortEntries {
		t.shortEntries[i] = le.Uint32([]byte(entries[i*4:]))
	}
	t.short = (*[shortSize]uint8)([]byte(short))
	return t, nil
}

// littleEndian: whether this machine lays out integers as the image does.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

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

// Load reads the gazetteer tables now (detect.Loader).
func (detector) Load() { load() }
