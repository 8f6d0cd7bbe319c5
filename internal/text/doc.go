// Package text turns a post into a Doc once: tokens with their byte spans in
// the original text, a case-folded NFKC form of each token, sentence starts,
// hashtag/mention/URL/email markers, and a normalised string (Norm) for
// phrase matching whose every byte maps back to a token and so to the
// original bytes. Detectors read the Doc; none re-tokenises.
package text

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Kind of token.
type Kind uint8

const (
	Word  Kind = iota // letters and digits (may mix: "5mg", "B12")
	Punct             // one punctuation or symbol rune
	URL               // http(s)://... or www....
	Email             // local@domain.tld
	Emoji             // a pictographic rune (with its modifiers)
)

// Flag bits describing a token.
type Flag uint16

const (
	Upper         Flag = 1 << iota // first rune is upper case
	AllUpper                       // every letter is upper case (and there are letters)
	HasDigit                       // contains a digit
	AllDigit                       // only digits
	HasLetter                      // contains a letter
	SentStart                      // first word of a sentence
	InHashtag                      // part of a #hashtag (split into words)
	InMention                      // part of an @mention
	SpaceBefore                    // whitespace precedes it (or it starts the text)
	NewlineBefore                  // a line break precedes it
	Split                          // produced by splitting a camel-case hashtag
)

// Token is one unit of text.
type Token struct {
	Start, End int    // byte offsets into Doc.Src, end exclusive
	Lower      string // NFKC + case folded form
	Kind       Kind
	Flags      Flag
}

// Has reports whether all flags in f are set.
func (t *Token) Has(f Flag) bool { return t.Flags&f == f }

// Doc is a tokenised post.
type Doc struct {
	Src    string
	Tokens []Token
	// Norm is the space-joined Lower of every Word and Emoji token (hashtag
	// parts included; a final possessive "'s" dropped), with a leading and
	// trailing space, for phrase matching on word boundaries; NormToken
	// maps a Norm offset back to its token.
	Norm string
	// NormAt[i] is the byte offset in Norm where word token i starts (-1
	// for other tokens), so a run of word tokens i..j is the Norm substring
	// NormAt[i] : NormAt[j]+len(Tokens[j].Lower).
	NormAt []int32
	// Packed[i] is the Norm form of word token i packed in an integer when
	// it has one to seven bytes (as most have): its bytes, the first in
	// the lowest, below its length in the top byte (Pack), so that phrase
	// matching looks it up with no read of Norm. It is 0 for other tokens
	// and longer forms.
	Packed []uint64
	// Marks lists, in order, the tokens that a number, code, date or
	// contact may start at, so that the detectors that look for those
	// walk them and not every token: URLs and e-mail addresses; the
	// punctuation marks '+', '(', '@' and ':'; and the words that have a
	// digit, that are followed by ':', '-', a digit, or a full stop and an
	// ASCII letter or digit ("example.org"), or that were given to Watch.
	// It may list a few other words (see Watch), and no other token. The
	// tokeniser lists them as it goes, for a few instructions a token,
	// where each detector's own walk over every token cost tens.
	Marks []int32
	// normWords lists the word tokens in order, with normStart their Norm
	// offsets: made from NormAt on first use (words), as only phrase
	// matching needs them, not the detectors.
	normWords []int32
	normStart []int32
	wordsMade bool
	// room is what is left of the buffer of the last Norm made in the
	// Doc, past its end: the next one starts there (see parseInto)
	room []byte
	// pad is the text and padding after it (padLen bytes), which plain
	// reads: as it reads 8 bytes at a time, and the byte after a word or
	// punctuation mark, it can go on up to the text's very end (see
	// parseInto); the buffer is kept for the next text
	pad []byte
	// Upperish is true when most letters are upper case (shouting, or a
	// clinical note typed in capitals): capitalisation then carries no signal.
	Upperish bool
	// Lowerish is true when the text has almost no capitals (casual typing).
	Lowerish bool
}

// Text returns the original bytes of token i.
func (d *Doc) Text(i int) string { t := &d.Tokens[i]; return d.Src[t.Start:t.End] }

// Span returns the original bytes between the start of token i and the end of token j.
func (d *Doc) Span(i, j int) string { return d.Src[d.Tokens[i].Start:d.Tokens[j].End] }

// words makes normWords and normStart, once.
func (d *Doc) words() {
	if d.wordsMade {
		return
	}
	d.wordsMade = true
	ws, st := d.normWords[:0], d.normStart[:0]
	for i, at := range d.NormAt {
		if at >= 0 {
			ws = append(ws, int32(i))
			st = append(st, at)
		}
	}
	d.normWords, d.normStart = ws, st
}

// NormWordCount is the number of words (and emoji) in Norm.
func (d *Doc) NormWordCount() int { d.words(); return len(d.normWords) }

// NormRun returns the Norm text of the n normalised words starting at word
// k ("new york city"), punctuation between them ignored, with the indexes
// of its first and last tokens; ok is false past the end.
func (d *Doc) NormRun(k, n int) (s string, first, last int, ok bool) {
	d.words()
	if k < 0 || n <= 0 || k+n > len(d.normWords) {
		return "", 0, 0, false
	}
	first, last = int(d.normWords[k]), int(d.normWords[k+n-1])
	a := d.normStart[k]
	b := d.normStart[k+n-1] + int32(len(normWord(d.Tokens[last].Lower)))
	return d.Norm[a:b], first, last, true
}

// NormWordLen is the length in Norm of word token i (NormAt[i] >= 0):
// Norm[NormAt[i]:][:NormWordLen(i)] is its normalised form. A walk over
// NormAt with it reads each word without the word index NormRun builds.
func (d *Doc) NormWordLen(i int) int { return len(normWord(d.Tokens[i].Lower)) }

// NormWordToken returns the token index of normalised word k.
func (d *Doc) NormWordToken(k int) int { d.words(); return int(d.normWords[k]) }

// NormToken returns the index of the token whose normalised form holds Norm
// byte off, or -1 for a separating space.
func (d *Doc) NormToken(off int) int {
	d.words()
	ws := d.normStart
	k := sort.Search(len(ws), func(i int) bool { return int(ws[i]) > off }) - 1
	if k < 0 {
		return -1
	}
	ti := int(d.normWords[k])
	if off >= int(ws[k])+len(normWord(d.Tokens[ti].Lower)) {
		return -1
	}
	return ti
}

// NormSpan maps a [a,b) byte range of Norm to the first and last token index.
// ok is false when the range does not cover a token.
func (d *Doc) NormSpan(a, b int) (first, last int, ok bool) {
	for a < b && a < len(d.Norm) && d.Norm[a] == ' ' {
		a++
	}
	for b > a && d.Norm[b-1] == ' ' {
		b--
	}
	if a >= b {
		return 0, 0, false
	}
	f, l := d.NormToken(a), d.NormToken(b-1)
	if f < 0 || l < 0 {
		return 0, 0, false
	}
	return f, l, true
}

// WordRun returns the normalised form of word tokens i..j ("new york"),
// without allocating; ok is false unless only word tokens, or the joining
// punctuation of names and abbreviations (". - & '"), lie between them
// ("St. Brigid's" → "st brigid's", "Cedars-Sinai" → "cedars sinai").
func (d *Doc) WordRun(i, j int) (string, bool) {
	if i < 0 || j >= len(d.Tokens) || i > j || d.NormAt[i] < 0 || d.NormAt[j] < 0 {
		return "", false
	}
	// the tokens are consecutive words when their Norm text is contiguous
	// and there are exactly j-i words between them
	a := d.NormAt[i]
	b := d.NormAt[j] + int32(len(normWord(d.Tokens[j].Lower)))
	for k := i + 1; k < j; k++ {
		t := &d.Tokens[k]
		if t.Kind == Word {
			continue
		}
		if t.Kind != Punct || t.End-t.Start != 1 || strings.IndexByte(".-&'", d.Src[t.Start]) < 0 {
			return "", false
		}
	}
	return d.Norm[a:b], true
}

// NextWord returns the index of the next Word token after i (skipping
// nothing else), or -1. Punctuation between them makes it return -1 unless
// skipPunct.
func (d *Doc) NextWord(i int, skipPunct bool) int {
	for j := i + 1; j < len(d.Tokens); j++ {
		switch d.Tokens[j].Kind {
		case Word:
			return j
		case Punct:
			if !skipPunct {
				return -1
			}
		default:
			return -1
		}
	}
	return -1
}

// PrevWord is NextWord backwards.
func (d *Doc) PrevWord(i int, skipPunct bool) int {
	for j := i - 1; j >= 0; j-- {
		switch d.Tokens[j].Kind {
		case Word:
			return j
		case Punct:
			if !skipPunct {
				return -1
			}
		default:
			return -1
		}
	}
	return -1
}

// Is reports whether token i exists and its Lower equals s.
func (d *Doc) Is(i int, s string) bool {
	return i >= 0 && i < len(d.Tokens) && d.Tokens[i].Lower == s
}

// IsPunct reports whether token i is the punctuation rune r.
func (d *Doc) IsPunct(i int, r byte) bool {
	if i < 0 || i >= len(d.Tokens) {
		return false
	}
	// the Lower of a Punct token is its text (other)
	t := &d.Tokens[i]
	return t.Kind == Punct && len(t.Lower) == 1 && t.Lower[0] == r
}

// Adjacent reports whether token j starts exactly where token i ends.
func (d *Doc) Adjacent(i, j int) bool {
	return i >= 0 && j < len(d.Tokens) && d.Tokens[i].End == d.Tokens[j].Start
}

var folder = cases.Fold()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold returns the NFKC case-folded form of s, allocating only when needed.
func Fold(s string) string {
	ascii := true
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	if folded(s) {
		return s // already NFKC and case-folded: nothing to allocate
	}
	return folder.String(norm.NFKC.String(s))
}

// folded reports whether s is its own NFKC case fold, for the texts it can
// decide without transforming them: NFKC by the normaliser's quick check,
// and every rune one that folds to itself. Full case folding maps each
// rune on its own (no context), so a string of such runes folds to
// itself. The runes are those of stableRunes (accented Latin letters,
// general punctuation such as the curly apostrophe of "I’m"); any other
// rune sends s the long way.
func folded(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !stableRune(r) {
			return false
		}
		i += w
	}
	return norm.NFKC.IsNormalString(s)
}

// stableRanges are the runes outside ASCII that stableRune knows: Latin-1
// Supplement and Latin Extended-A and -B, and General Punctuation.
var stableRanges = [...][2]rune{{0x80, 0x250}, {0x2000, 0x2070}}

// stable[k] has bit b set when the rune b of range k, counted from its
// start, is NFKC on its own and folds to itself: worked out once, on first
// use, by the transformations themselves.
var (
	stableOnce sync.Once
	stable     [len(stableRanges)][]uint64
)

func stableRune(r rune) bool {
	stableOnce.Do(func() {
		for k, rg := range stableRanges {
			bits := make([]uint64, (rg[1]-rg[0]+63)/64)
			for r := rg[0]; r < rg[1]; r++ {
				if s := string(r); utf8.ValidString(s) && norm.NFKC.String(s) == s && folder.String(s) == s {
					bits[(r-rg[0])/64] |= 1 << ((r - rg[0]) % 64)
				}
			}
			stable[k] = bits
		}
	})
	for k, rg := range stableRanges {
		if rg[0] <= r && r < rg[1] {
			o := r - rg[0]
			return stable[k][o/64]&(1<<(o%64)) != 0
		}
	}
	return false
}

const (
	cLetter = 1 << iota
	cUpper
	cDigit
)

// asciiClass classifies the ASCII letters and digits; every other byte,
// those of runes outside ASCII included, is 0.
var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLetter
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cLetter | cUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	return
}()

// wordStats accumulates the shape of a word while it is scanned.
type wordStats struct {
	letters, uppers, digits, others int
	firstUpper, started             bool
	apos                            bool // scanASCIIWord went past an apostrophe
}

func (w *wordStats) add(r rune) {
	var cl uint8
	if r < utf8.RuneSelf {
		cl = asciiClass[r]
	} else {
		switch {
		case unicode.IsUpper(r):
			cl = cLetter | cUpper
		case unicode.IsLetter(r):
			cl = cLetter
		case unicode.IsDigit(r):
			cl = cDigit
		}
	}
	switch {
	case cl&cLetter != 0:
		w.letters++
		if cl&cUpper != 0 {
			w.uppers++
			if !w.started {
				w.firstUpper = true
			}
		}
	case cl&cDigit != 0:
		w.digits++
	default:
		w.others++
	}
	w.started = true
}

func (w *wordStats) flags() Flag {
	var fl Flag
	if w.firstUpper {
		fl |= Upper
	}
	if w.letters > 0 {
		fl |= HasLetter
		if w.uppers == w.letters {
			fl |= AllUpper
		}
	}
	if w.digits > 0 {
		fl |= HasDigit
		if w.letters == 0 && w.others == 0 {
			fl |= AllDigit
		}
	}
	return fl
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] != 0
	}
	if noWordRune(r) {
		return false
	}
	return wordRuneInTables(r)
}

// noWordRune reports the runes outside ASCII met most often in posts
// that are no letters, digits or marks, without looking them up in the
// Unicode tables (four searches): general punctuation (curly quotes,
// dashes, zero-width spaces) and emoji. TestNoWordRune checks them.
func noWordRune(r rune) bool { return 0x2000 <= r && r < 0x2070 || isEmoji(r) }

func wordRuneInTables(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isEmoji(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF)
}

func isEmojiModifier(r rune) bool {
	return r == 0x200D || r == 0xFE0F || r == 0xFE0E || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

// Parse tokenises src. It never fails: invalid UTF-8 bytes and NULs are
// treated as separators, so every offset still points into src.
func Parse(src string) *Doc { return parseInto(&Doc{}, src, true) }

var pool = sync.Pool{New: func() any { return &Doc{} }}

// Get is Parse with a Doc from a pool, for callers that process many texts:
// give it back with Put once nothing refers to its tokens any more.
// Strings taken from the Doc (Src slices, Lower forms, Norm) stay valid.
func Get(src string) *Doc { return parseInto(pool.Get().(*Doc), src, true) }

// Put returns a Doc obtained from Get to the pool.
func Put(d *Doc) {
	if d == nil || cap(d.Tokens) > 1<<20 {
		return // do not keep huge buffers alive
	}
	d.Src, d.Norm = "", ""
	pool.Put(d)
}

// parseInto tokenises src into d, reusing its buffers. withPlain lets it
// take the common tokens with plain; the tests turn it off to check that
// the general loop alone gives the same Doc.
func parseInto(d *Doc, src string, withPlain bool) *Doc {
	// the Doc's buffers are built in b, on the stack, and handed back at
	// the end: an append to a slice in the Doc (on the heap) stored the
	// slice back there, with a write barrier while the collector runs
	b := builder{src: src, toks: d.Tokens[:0], normAt: d.NormAt[:0], packed: d.Packed[:0], marks: d.Marks[:0], ws: SpaceBefore}
	want := len(src)/3 + 8
	if cap(b.toks) < want {
		b.toks = make([]Token, 0, want)
	}
	if cap(b.marks) < want {
		b.marks = make([]int32, 0, want)
	}
	if cap(b.normAt) < want {
		b.normAt = make([]int32, 0, want)
	}
	if cap(b.packed) < want {
		b.packed = make([]uint64, 0, want)
	}
	// Norm is shorter than the text (0.86 to 0.97 of it on the evaluation
	// sets, never longer than the text and 8 bytes), but for runs of
	// hashtags split apart ("#AbCd" is " ab cd "), for which it grows. Its
	// buffer is the room left past the last Norm made in the Doc, cut
	// from a chunk that serves many short texts: a buffer of its own cost
	// an allocation per text. Norm's strings stay valid after Put, as
	// they view only bytes before that room, which no later parse writes.
	if need := len(src) + 16; cap(d.room) < need {
		size := need
		if d.room != nil { // a Doc parsed into again, as Get's are
			size = max(need, normChunk)
		}
		d.room = make([]byte, 0, size)
	}
	b.norm = append(d.room[:0], ' ') // Norm starts with a space
	if withPlain {
		// the text copied out with padding after it, for plain to read
		// up to its end (most texts end in words and punctuation that
		// the general loop took at many times the cost); a padding byte
		// reads as the end of the text does: it ends a word, puts no
		// word in Marks (markAfter), and closes a sentence, as a tab
		if need := len(src) + padLen; cap(d.pad) < need {
			d.pad = make([]byte, need, max(need, 256))
		}
		p := d.pad[:len(src)+padLen]
		copy(p, src)
		*(*[padLen]byte)(p[len(src):]) = padding
		b.text = unsafe.Pointer(&p[0])
	}
	b.nextAt = strings.IndexByte(src, '@')
	b.sentStart = true
	hashtag, mention := false, false
	i := 0
	for i < len(src) {
		if withPlain && !hashtag && !mention {
			// the common tokens first, in a loop of their own; it stops
			// at the first token that needs the checks below
			if i = b.plain(i); i == len(src) {
				break
			}
		}
		c := src[i]
		// Fast ASCII paths.
		if c == ' ' || c == '\t' || c == '\r' || c == 0 || c == '\f' || c == '\v' {
			b.ws |= SpaceBefore
			hashtag, mention = false, false
			i++
			continue
		}
		if c == '\n' {
			b.ws |= SpaceBefore | NewlineBefore
			hashtag, mention = false, false
			// a blank line or a line break after a line without final punctuation
			// is treated as a sentence boundary
			b.sentStart = true
			i++
			continue
		}
		if c == 'h' || c == 'w' || c == 'H' || c == 'W' {
			if n := urlLen(src, i); n > 0 && b.ws&SpaceBefore != 0 {
				b.other(i, i+n, Fold(src[i:i+n]), URL)
				b.sentStart = false
				i += n
				continue
			}
		}
		r, w := rune(c), 1
		if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && w <= 1 {
				b.ws |= SpaceBefore
				i++
				continue
			}
			if unicode.IsSpace(r) {
				b.ws |= SpaceBefore
				if r == 0x2028 || r == 0x2029 || r == 0x85 {
					b.ws |= NewlineBefore
					b.sentStart = true
				}
				hashtag, mention = false, false
				i += w
				continue
			}
		}
		if c < utf8.RuneSelf && asciiClass[c] != 0 || c >= utf8.RuneSelf && isWordRune(r) {
			// the word's ASCII letters and digits first, in a tight loop;
			// the general loop takes over at the first byte outside ASCII
			var st wordStats
			j, pre := i, false
			if c < utf8.RuneSelf {
				// the scan writes the word, lower-cased, where its Norm form
				// goes (past the end of Norm so far, in its spare room)
				j, pre = scanASCIIWord(src, i, &st, b.norm[len(b.norm):cap(b.norm)])
			} else {
				st.add(r)
				j += w
			}
			ascii := c < utf8.RuneSelf && (j == len(src) || src[j] < utf8.RuneSelf)
			if !ascii {
				j = scanWord(src, j, &st)
				ascii = c < utf8.RuneSelf && isASCII(src[i:j])
			}
			// email: word@word.tld (only worth looking for before an '@')
			if b.nextAt >= 0 && b.nextAt < j {
				b.nextAt = indexFrom(src, j, '@')
			}
			if b.nextAt >= 0 && (j < len(src) && src[j] == '@' || j < len(src) && (src[j] == '.' || src[j] == '-' || src[j] == '_' || src[j] == '+') && !hashtag && !mention) {
				if n := emailLen(src, i); n > 0 {
					b.other(i, i+n, Fold(src[i:i+n]), Email)
					b.sentStart = false
					i += n
					continue
				}
			}
			var fl Flag
			if hashtag {
				fl |= InHashtag
			}
			if mention {
				fl |= InMention
			}
			if b.sentStart {
				fl |= SentStart
				b.sentStart = false
			}
			if hashtag {
				word := src[i:j]
				var parts [8][2]int
				for _, part := range splitCamel(word, parts[:0]) {
					tf := fl
					if len(part) != len(word) {
						tf |= Split
					}
					b.part(i+part[0], i+part[1], tf)
					fl &^= SentStart
				}
			} else {
				b.word(i, j, fl|st.flags(), st.uppers == 0, ascii, pre && ascii, st.apos)
			}
			b.letters += st.letters
			b.uppers += st.uppers
			i = j
			continue
		}
		if isEmoji(r) {
			j := i + w
			for j < len(src) {
				r2, w2 := utf8.DecodeRuneInString(src[j:])
				if isEmojiModifier(r2) || isEmoji(r2) && j > i && lastIsZWJ(src[:j]) {
					j += w2
					continue
				}
				break
			}
			b.emoji(i, j)
			hashtag, mention = false, false
			i = j
			continue
		}
		// punctuation / symbol
		if c == '#' && i+1 < len(src) {
			r2, _ := utf8.DecodeRuneInString(src[i+1:])
			hashtag = isWordRune(r2)
		} else if c == '@' && i+1 < len(src) {
			r2, _ := utf8.DecodeRuneInString(src[i+1:])
			mention = isWordRune(r2) || r2 == '_'
		} else if c != '_' {
			hashtag, mention = false, false
		}
		b.other(i, i+w, src[i:i+w], Punct)
		if c == '.' || c == '!' || c == '?' || r == '…' {
			// a sentence starts after it (see closesSentence)
			if nx := i + w; nx >= len(src) || closesSentence[src[nx]] {
				b.sentStart = true
			}
			if n := len(b.toks); c == '.' && n >= 2 && noStopAfter(&b.toks[n-2], i) {
				b.sentStart = false
			}
		}
		i += w
	}
	// every field of the Doc, set one by one (a Doc built aside and
	// copied in cost a copy, with a bulk write barrier);
	// TestReusedDocIsFresh tells if one is left out
	d.Src, d.Tokens, d.NormAt, d.Packed, d.Marks = src, b.toks, b.normAt, b.packed, b.marks
	d.normWords, d.normStart, d.wordsMade = d.normWords[:0], d.normStart[:0], false
	d.Upperish, d.Lowerish = false, false
	if b.letters > 8 {
		d.Upperish = b.uppers*10 >= b.letters*7
		d.Lowerish = b.uppers*40 < b.letters
	}
	// the bytes are never written again (a later parse writes past them),
	// so the string views them in place (Norm stays valid after Put, as
	// documented)
	d.Norm = unsafe.String(&b.norm[0], len(b.norm))
	d.room = b.norm[len(b.norm):]
	return d
}

// normChunk is the size of the buffers Norms are cut from (parseInto).
const normChunk = 4096

// padLen is the number of padding bytes after the text that plain reads
// (Doc.pad), and padding those bytes: tabs, which stretch reads as it
// would the end of the text (see parseInto).
const padLen = 16

var padding = [padLen]byte{'\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t'}

// asciiBytes holds each ASCII byte at its own index: the Lower of a
// punctuation mark that stretch adds views its byte here, as the text it
// reads is a copy (Doc.pad) that the next parse writes over.
var asciiBytes = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	return
}()

// abbrevNoStop reports abbreviations after whose period a sentence rarely
// starts (a switch: it runs at every full stop, and a map lookup cost more).
func abbrevNoStop(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	switch w {
	case "dr", "mr", "mrs", "ms", "mx", "st", "pt", "pts",
		"prof", "sr", "jr", "mt", "ft", "vs", "no", "approx",
		"e.g", "i.e", "etc", "ave", "rd", "blvd", "apt", "ste":
		return true
	}
	return false
}

// indexFrom returns the index of the first c in s at or after i, or -1.
func indexFrom(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

func letterAt(s string, j int) bool {
	if s[j] < utf8.RuneSelf {
		return asciiClass[s[j]]&cLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return unicode.IsLetter(r)
}

func lastIsZWJ(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == 0x200D
}

// builder gathers a Doc's tokens and Norm while the text is tokenised.
type builder struct {
	src    string
	text   unsafe.Pointer // src's bytes and padLen bytes of padding (Doc.pad)
	toks   []Token
	normAt []int32
	packed []uint64
	marks  []int32
	norm   []byte
	// ws holds SpaceBefore and NewlineBefore for the next token: whitespace
	// and a line break seen since the last one (and SpaceBefore at the
	// start of the text)
	ws Flag
	// sentStart tells that the next word starts a sentence
	sentStart bool
	// nextAt is the next '@' at or after the current word (-1: none): an
	// e-mail address is only worth looking for before one
	nextAt int
	// letters counts the letters of the words so far, uppers those in
	// upper case (for Upperish and Lowerish)
	letters, uppers int
	// what plain keeps for stretch: the end of the stretch, and the
	// start of a word found to start no e-mail address and the end of
	// one that may (see leaveWord)
	lim, mailChecked, mailEnd int
	// the number of marks stretch has written (see plain): a field, as
	// stretch has no register left for it
	nmarks int
}

// closesSentence tells the bytes after which a stop ('.', '!', '?', '…')
// ends a sentence, as it does at the end of the text: a space, a line
// break, closing punctuation, and the bytes of runes outside ASCII; not
// in "sleepwell.com" or "3.5". A full stop after what noStopAfter tells
// ends none.
var closesSentence = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n\"')]}*_") {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	return
}()

// noStopAfter reports whether a full stop at i, after token p, ends no
// sentence: "Dr. Smith", "St. Brigid", "Mr. X", initials "J.T.".
func noStopAfter(p *Token, i int) bool {
	return p.Kind == Word && p.End == i && (abbrevNoStop(p.Lower) || (p.End-p.Start == 1 && p.Has(Upper)))
}

// Classes of bytes for plain (plainClass).
const (
	pOther   = iota // left to the general loop: bytes outside ASCII, '#', '@'
	pSpace          // ASCII whitespace but a line break, and NUL
	pNewline        // '\n'
	pPunct          // any other ASCII byte but letters and digits
	pWord           // ASCII letters and digits
)

// plainClass classes the bytes for plain.
var plainClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case asciiClass[c] != 0:
			t[c] = pWord
		case c == ' ' || c == '\t' || c == '\r' || c == 0 || c == '\f' || c == '\v':
			t[c] = pSpace
		case c == '\n':
			t[c] = pNewline
		case c != '#' && c != '@':
			t[c] = pPunct
		}
	}
	return
}()

// wordEnd tells what the byte after a word of ASCII letters and digits
// means to plain (see there): eGeneral, the word is for the general loop
// (it may go on); eURL, it may start a URL; eEmail, an e-mail address.
// And to Doc.Marks: eMark, the word goes in (':', '-', '.' if markAfter
// lets it, and for the general loop the digits, which follow a word split
// from them in a hashtag: stretch meets no byte after a word that has
// eMark alone).
var wordEnd = func() (t [256]uint8) {
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = eGeneral
	}
	t['\''] = eGeneral
	t[':'] = eURL
	t['.'] = eURL | eEmail
	for _, c := range "@-_+" {
		t[c] = eEmail
	}
	for _, c := range ".:-0123456789" {
		t[c] |= eMark
	}
	return
}()

const (
	eMark = 1 << iota
	eGeneral
	eURL
	eEmail
)

// wordBytes classes the 8 bytes of v, the next of a word (the first in
// the lowest byte): 0x80 in the bytes that are letters, upper-case
// letters, and those that stop the word, neither ASCII letters nor digits
// (see the note on the sums after scanASCIIWord). The sums carry past a
// byte outside ASCII into the bytes after it; such a byte stops the word,
// and the classes of the bytes past the first stop do not count.
func wordBytes(v uint64) (let, up, stop uint64) {
	folded := v | ones*0x20 // letters in lower case, and no other ASCII byte made one
	let = (folded + ones*(0x80-'a')) &^ (folded + ones*(0x7f-'z')) & highs
	up = let &^ (v << 2) // 0x20 (moved to 0x80) clear: upper case
	dg := (v + ones*(0x80-'0')) &^ (v + ones*(0x7f-'9'))
	stop = (^(let | dg) | v) & highs
	return
}

// plain tokenises src from i while it holds only the common tokens, and
// returns where it stopped: the end of the text, or the first token it
// leaves to the general loop of parseInto. It is called outside hashtags
// and mentions, and leaves them so: it stops at a '#' or '@'.
//
// It gives the Doc that the general loop gives, as it takes only the
// tokens for which that loop takes the same steps:
//   - ASCII whitespace, its flags kept for the next token, a line break
//     starting a sentence;
//   - ASCII punctuation but '#' and '@' (which start hashtags and
//     mentions): a Punct token, and a sentence start after '.', '!' and
//     '?' as the general loop tells it (closesSentence, noStopAfter);
//   - a word of ASCII letters and digits, unless the general loop might
//     do otherwise with it: when it ends before an apostrophe (it may go
//     on past one) or a byte outside ASCII (scanWord); when it may start
//     a URL ("http:", "https:", "www." in any case: urlLen); and when it
//     starts an e-mail address (emailLen, worth trying before '@', '.',
//     '-', '_' or '+' when an '@' follows). Else the general loop reads it
//     with scanASCIIWord and adds it with word, its Lower the lower-cased
//     bytes written into Norm, as here.
//
// It reads the text in stretches (see stretch), as long as the room left
// in the builder's buffers allows, and leaves the rest to the general
// loop. It reads 8 bytes at a time, and the byte after them, from the
// text's copy with padding after it (Doc.pad), which lets it go on to
// the end of the text. The state it keeps in variables of its
// own is the builder's, written back on return, and it lists the tokens
// for Doc.Marks as the general loop does.
func (b *builder) plain(i int) int {
	src := b.src
	// the tokens so far (n) and their NormAt entries, and Norm so far (at)
	n, at := len(b.toks), len(b.norm)
	b.nmarks = len(b.marks)
	// the flags pending for the next token: the whitespace before it, and
	// SentStart for the next word
	pend := b.ws
	if b.sentStart {
		pend |= SentStart
	}
	b.mailChecked = -1
	for {
		// Each stretch ends at lim, as soon as the room left in the
		// buffers may run out, so that no token in it needs a check of
		// its own: a token takes at least a byte of text (and at most a
		// mark, so there are no more marks than tokens), and a word's
		// Norm form (with its space) no more than its bytes and the one
		// after it, which is not a word's (while 8 bytes are written at
		// the start of every word). The padding after the text (Doc.pad)
		// lets a word's first 8 bytes be read at once, and the byte after
		// a punctuation mark looked at, or after the full stop that may
		// end a word (markAfter), up to the end of the text.
		b.lim = min(len(src), i+min(cap(b.toks), cap(b.normAt), cap(b.packed), cap(b.marks))-n, i+cap(b.norm)-8-at)
		if i >= b.lim {
			break
		}
		var left uint8
		i, n, at, pend, left = b.stretch(i, n, at, pend)
		if left == leftGeneral {
			break
		}
		if left == leftMail {
			// the word at i, which ends at mailEnd before '.', '-', '_',
			// '+' or '@', with an '@' after it: the general loop takes it
			// if it starts an e-mail address, else the next stretch
			if b.nextAt < b.mailEnd {
				b.nextAt = indexFrom(src, b.mailEnd, '@')
			}
			if b.nextAt >= 0 && emailLen(src, i) > 0 {
				break
			}
			b.mailChecked = i
		}
	}
	b.toks, b.normAt, b.packed, b.marks, b.norm = b.toks[:n], b.normAt[:n], b.packed[:n], b.marks[:b.nmarks], b.norm[:at]
	b.ws, b.sentStart = pend&^SentStart, pend&SentStart != 0
	return i
}

// What stretch stops at, before b.lim.
const (
	leftGeneral = 1 + iota // a token for the general loop
	leftMail               // a word that may start an e-mail address (see plain)
)

// stretch is the loop of plain, from i up to b.lim: it takes the tokens
// of the text there and returns where it stopped, the state it keeps (see
// plain), and what it left, if it stopped before b.lim.
//
// The loop is the costliest of the tokeniser, and written so that the
// compiler keeps its variables in registers: it calls no function (a call
// has every variable kept in memory over it), and keeps what it seldom
// needs in the builder. It reads the text and writes the buffers through
// pointers, without bounds checks, which b.lim makes needless (see plain).
func (b *builder) stretch(i, n, at int, pend Flag) (int, int, int, Flag, uint8) {
	src := b.text
	var left uint8
scan:
	for i < b.lim {
		c := *(*byte)(unsafe.Add(src, i))
		switch class := plainClass[c]; { // (cases in order of frequency)
		case class == pWord:
			// the word, 8 bytes at a time, classed (wordBytes) and written
			// lower-cased into Norm, with the bytes after it in the last 8
			// (Norm's spare room, written over by what comes next)
			v := *(*uint64)(unsafe.Add(src, i))
			let, up, stop := wordBytes(v)
			j := i
			if stop == 0 {
				// a word longer than 8 bytes (apart from the common case,
				// which then needs fewer variables): the counts of its
				// letters and upper-case letters so far, and where its
				// Norm form goes on
				wl, wu, o := 0, 0, at
				for stop == 0 {
					*(*uint64)(b.normBytes(o)) = v | up>>2
					wl, wu = wl+count(let), wu+count(up)
					// (the 8 bytes were all the word's, inside the text,
					// so 8 more can be read from the padded copy)
					j, o = j+8, o+8
					if cap(b.norm)-o < 8 {
						left = leftGeneral
						break scan
					}
					v = *(*uint64)(unsafe.Add(src, j))
					let, up, stop = wordBytes(v)
				}
				low := (stop & -stop) >> 7 // the lowest bit of the byte after the word
				m := low - 1               // the bytes before it
				*(*uint64)(b.normBytes(o)) = (v|up>>2)&m | low*' '
				j += bits.TrailingZeros64(low) / 8
				end := *(*byte)(unsafe.Add(src, j))
				e := wordEnd[end]
				if e != 0 {
					if l := b.leaveWord(i, j, end, e, 0); l != 0 {
						left = l
						break scan
					}
					e = markAfter(e, end, *(*byte)(unsafe.Add(src, j+1)))
				}
				wl, wu = wl+count(let&m), wu+count(up&m)
				b.letters += wl
				b.uppers += wu
				fl := wordFlags(wl, wu, j-i)
				b.putWord(n, i, j, at, pend|Flag(asciiClass[c]>>1&1)*Upper|fl, 0)
				// its watchKey: its first 8 bytes, lower-cased in Norm
				*b.markEntry(b.nmarks) = int32(n)
				b.nmarks += wordMark(fl, e, *(*uint64)(b.normBytes(at))^uint64(j-i)<<56)
				n++
				at += j - i + 1
				i = j
				pend = 0
				if end == ' ' {
					pend = SpaceBefore
					i++
				}
				continue
			}
			// the word ends in these 8 bytes: Norm takes it and its
			// separating space in one store
			low := (stop & -stop) >> 7 // the lowest bit of the byte after the word
			m := low - 1               // the bytes before it
			w := (v | up>>2) & m       // the word, lower-cased
			*(*uint64)(b.normBytes(at)) = w | low*' '
			j += bits.TrailingZeros64(low) / 8
			end := *(*byte)(unsafe.Add(src, j))
			e := wordEnd[end]
			if e != 0 {
				if l := b.leaveWord(i, j, end, e, w); l != 0 {
					left = l
					break scan
				}
				e = markAfter(e, end, *(*byte)(unsafe.Add(src, j+1)))
			}
			wl, wu := count(let&m), count(up&m) // its letters, upper-case letters
			b.letters += wl
			b.uppers += wu
			fl, key := wordFlags(wl, wu, j-i), w|uint64(j-i)<<56
			b.putWord(n, i, j, at, pend|Flag(up>>7&1)*Upper|fl, key)
			*b.markEntry(b.nmarks) = int32(n)
			b.nmarks += wordMark(fl, e, key)
			n++
			at += j - i + 1
			i = j
			pend = 0
			if end == ' ' {
				pend = SpaceBefore
				i++
			}
		case class == pSpace:
			pend |= SpaceBefore
			i++
		case class == pPunct:
			t := b.tok(n)
			t.Start, t.End, t.Lower, t.Kind, t.Flags = i, i+1, unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(&asciiBytes), c)), 1), Punct, pend&^SentStart
			*b.normAtEntry(n), *b.packedEntry(n) = -1, 0
			*b.markEntry(b.nmarks) = int32(n)
			b.nmarks += int(punctMark[c])
			n++
			pend &= SentStart
			next := *(*byte)(unsafe.Add(src, i+1))
			if c == '.' || c == '!' || c == '?' {
				// a sentence starts after it (see closesSentence)
				if closesSentence[next] {
					pend = SentStart
				}
				if c == '.' && n >= 2 && noStopAfter(b.tok(n-2), i) {
					pend = 0
				}
			}
			i++
			if next == ' ' {
				pend |= SpaceBefore
				i++
			}
		case class == pNewline:
			pend |= SpaceBefore | NewlineBefore | SentStart
			i++
		default:
			left = leftGeneral
			break scan
		}
	}
	return i, n, at, pend, left
}

// leaveWord tells whether stretch leaves the word src[i:j], followed by
// end (e = wordEnd[end] != 0), and to what (see stretch), or takes it
// (0). w is the word lower-cased, when it is 8 bytes or less (else 0).
func (b *builder) leaveWord(i, j int, end, e byte, w uint64) uint8 {
	// the start of a URL (urlLen): "www.", "http:" or "https:"
	if e&eGeneral != 0 || e&eURL != 0 && (end == '.' && w == wordWWW || end == ':' && (w == wordHTTP || w == wordHTTPS)) {
		return leftGeneral
	}
	if e&eEmail != 0 && b.nextAt >= 0 && i != b.mailChecked {
		b.mailEnd = j
		return leftMail
	}
	return 0
}

// The words that start URLs, as leaveWord sees them: their bytes, the
// first in the lowest.
const (
	wordWWW   = 'w' | 'w'<<8 | 'w'<<16
	wordHTTP  = 'h' | 't'<<8 | 't'<<16 | 'p'<<24
	wordHTTPS = wordHTTP | 's'<<32
)

// wordFlags gives the flags of a word of n bytes, letters and digits,
// wl of them letters and wu upper-case letters, but for Upper.
func wordFlags(wl, wu, n int) Flag {
	var fl Flag
	if wl > 0 {
		fl |= HasLetter
		if wu == wl {
			fl |= AllUpper
		}
	}
	if wl < n {
		fl |= HasDigit
		if wl == 0 {
			fl |= AllDigit
		}
	}
	return fl
}

// The builder's buffers as stretch writes them, past their length, within
// their capacity, without bounds checks (see plain): token n, NormAt and
// Packed entry n, mark k (k <= n: a mark at most a token), and the 8
// bytes of Norm from at.
func (b *builder) tok(n int) *Token {
	return (*Token)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b.toks)), uintptr(n)*unsafe.Sizeof(Token{})))
}

func (b *builder) normAtEntry(n int) *int32 {
	return (*int32)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b.normAt)), uintptr(n)*4))
}

func (b *builder) packedEntry(n int) *uint64 {
	return (*uint64)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b.packed)), uintptr(n)*8))
}

func (b *builder) markEntry(k int) *int32 {
	return (*int32)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b.marks)), uintptr(k)*4))
}

// wordMark is 1 when the word with flags fl (those of wordFlags) and
// watchKey key, before a byte whose wordEnd is e (as markAfter leaves it),
// goes in Doc.Marks, else 0: stretch writes the word's index as the next
// mark either way, and counts it with this, without a branch.
func wordMark(fl Flag, e uint8, key uint64) int {
	return int(uint8(fl/HasDigit&1) | e&eMark | watchSet[watchHash(key)])
}

func (b *builder) normBytes(at int) unsafe.Pointer {
	return unsafe.Add(unsafe.Pointer(unsafe.SliceData(b.norm)), at)
}

// putWord writes word token n, src[i:j], whose Norm form is at at and
// packed (see Doc.Packed) is key.
func (b *builder) putWord(n, i, j, at int, fl Flag, key uint64) {
	t := b.tok(n)
	t.Start, t.End, t.Lower, t.Kind, t.Flags = i, j, unsafe.String((*byte)(b.normBytes(at)), j-i), Word, fl
	*b.normAtEntry(n), *b.packedEntry(n) = int32(at), key
}

// push appends a token, with the flags for the whitespace before it, and
// lists it in Doc.Marks if mark.
func (b *builder) push(start, end int, lower string, kind Kind, fl Flag, mark bool) {
	fl |= b.ws
	b.ws = 0
	// the fields are stored in place: a Token built aside and copied in
	// cost a copy (and a bulk write barrier while the collector runs)
	n := len(b.toks)
	if n == cap(b.toks) {
		b.toks = append(b.toks, Token{})
	}
	b.toks = b.toks[:n+1]
	t := &b.toks[n]
	t.Start, t.End, t.Lower, t.Kind, t.Flags = start, end, lower, kind, fl
	if mark {
		b.marks = append(b.marks, int32(n))
	}
}

// markAfter is e, the wordEnd of end, the byte after a word, without
// eMark if end is a full stop and next, the byte after it (0 at the end of
// the text), no ASCII letter or digit: a word goes in Doc.Marks for a
// full stop that joins it to more ("example.org", "e.g"), not for one
// that ends a sentence.
func markAfter(e, end, next byte) uint8 {
	if end == '.' && asciiClass[next] == 0 {
		return e &^ eMark
	}
	return e
}

// punctMark is 1 for the punctuation that goes in Doc.Marks: '+', '(',
// '@' and ':'.
var punctMark = func() (t [256]uint8) {
	for _, c := range "+(@:" {
		t[c] = 1
	}
	return
}()

// Watch adds words, in their Lower form, to those Doc.Marks lists. Call
// it only while the program initialises (from an init function or the
// initialiser of a package variable), before any text is parsed: the
// tokeniser reads the words without a lock.
//
// The tokeniser tells the words by their Norm form (so "mother's" also
// marks "mother"), hashed (watchKey, watchHash) into a table: a test of
// a few instructions a word, which lets a few words through that were
// not given, as Marks may.
func Watch(words ...string) {
	for _, w := range words {
		watchSet[watchHash(watchKey(normWord(w)))] = 1
	}
}

// watchSet is 1 at the hashes of the words given to Watch: bytes, not
// bits, as the byte is the mark stretch counts (wordMark). Of its 8192
// entries, the 160-odd words the detectors watch take 2%, the share of
// other words that Marks lists with them.
var watchSet [1 << watchBits]uint8

const watchBits = 13

// watchKey is the integer a word's Norm form is hashed by for Watch: its
// packed form (Pack, as Doc.Packed holds it) when it has one to seven
// bytes, else its first 8 bytes (the first in the lowest) with its length
// xored into the top byte.
func watchKey(w string) uint64 {
	if len(w) < 8 {
		return Pack(w)
	}
	return load64(w) ^ uint64(len(w))<<56
}

// watchHash hashes a watchKey to an index of watchSet (Fibonacci hashing).
func watchHash(key uint64) uint64 { return key * 0x9E3779B97F4A7C15 >> (64 - watchBits) }

// watched tells whether the word of key may have been given to Watch.
func watched(key uint64) bool { return watchSet[watchHash(key)] != 0 }

// other adds a token that has no Norm form (punctuation, URL, email).
func (b *builder) other(start, end int, lower string, kind Kind) {
	b.normAt = append(b.normAt, -1)
	b.packed = append(b.packed, 0)
	// the punctuation that starts something, URLs and e-mail addresses
	b.push(start, end, lower, kind, 0, kind != Punct || punctMark[b.src[start]] != 0)
}

// inNorm records that the next token starts at Norm offset at.
func (b *builder) inNorm(at int) {
	b.normAt = append(b.normAt, int32(at))
}

// endNorm ends the Norm form of the next token, which started at at,
// with its space, and records the form packed.
func (b *builder) endNorm(at int) {
	key := uint64(0)
	if n := len(b.norm) - at; uint(n-1) < 7 {
		if at+8 <= cap(b.norm) {
			// its bytes in one load, from the buffer's room past them
			key = binary.LittleEndian.Uint64(b.norm[at:at+8])&(1<<(8*n)-1) | uint64(n)<<56
		} else {
			key = Pack(b.norm[at:])
		}
	}
	b.packed = append(b.packed, key)
	b.norm = append(b.norm, ' ')
}

// normKey is the watchKey of the Norm form of the last token, which
// starts at at: its packed form, or for a longer one its first 8 bytes
// and length.
func (b *builder) normKey(at int) uint64 {
	if key := b.packed[len(b.packed)-1]; key != 0 {
		return key
	}
	return watchKey(unsafe.String(&b.norm[at], len(b.norm)-1-at))
}

// Pack packs a word's Norm form as Doc.Packed has it: forms of one to
// seven bytes, else 0.
func Pack[S string | []byte](form S) uint64 {
	n := len(form)
	if n == 0 || n > 7 {
		return 0
	}
	var v uint64
	for j := n - 1; j >= 0; j-- {
		v = v<<8 | uint64(form[j])
	}
	return v | uint64(n)<<56
}

// emoji adds an emoji token; it is its own Norm form.
func (b *builder) emoji(start, end int) {
	w := b.src[start:end]
	at := len(b.norm)
	b.inNorm(at)
	b.norm = append(b.norm, normWord(w)...)
	b.endNorm(at)
	b.push(start, end, w, Emoji, 0, false)
}

// part adds the part src[a:e] of a hashtag as a word token.
func (b *builder) part(a, e int, fl Flag) {
	w := b.src[a:e]
	var st wordStats
	for _, r := range w {
		st.add(r)
	}
	b.word(a, e, fl|st.flags(), st.uppers == 0, isASCII(w), false, false)
}

// word adds the word token src[a:e] with flags fl. ascii tells that all
// its bytes are ASCII and lower that none is an upper-case letter: then
// its Lower is itself, or its lower-cased bytes as they are written into
// Norm (so no word costs an allocation of its own); a possessive with
// capitals, whose Norm form lacks the "'s", and words outside ASCII go
// through Fold. pre tells that the bytes past the end of Norm hold the
// word lower-cased already (scanASCIIWord wrote them), and apos, for such
// a word, that it has an apostrophe.
func (b *builder) word(a, e int, fl Flag, lower, ascii, pre, apos bool) {
	w := b.src[a:e]
	at := len(b.norm)
	b.inNorm(at)
	var lw string
	switch {
	case pre:
		// Norm takes the word as it was written, but for a final "'s"
		// (normWord), and Lower views it there (whether the word was in
		// lower case already is a branch that goes either way), unless the
		// "'s" is cut off
		n := len(w)
		if apos && possessive(w) {
			n -= 2
		}
		b.norm = b.norm[:at+n]
		switch {
		case n == len(w):
			lw = unsafe.String(&b.norm[at], n)
		case lower:
			lw = w
		default:
			lw = Fold(w)
		}
	case ascii && lower:
		lw = w
		b.norm = append(b.norm, normWord(w)...)
	case ascii && !possessive(w):
		// Norm holds the whole word (no "'s" to drop): lower-case it
		// there and view it. Norm only grows, so the bytes never change
		// (a grown buffer leaves the old one, still viewed, as it was).
		b.norm = slices.Grow(b.norm, len(w)+1)
		nb := b.norm[at : at+len(w)]
		for k := range nb {
			nb[k] = toLower[w[k]]
		}
		b.norm = b.norm[:at+len(w)]
		lw = unsafe.String(&nb[0], len(nb))
	default:
		lw = Fold(w)
		b.norm = append(b.norm, normWord(lw)...)
	}
	b.endNorm(at)
	b.push(a, e, lw, Word, fl, fl&HasDigit != 0 || b.markAfter(e) || watched(b.normKey(at)))
}

// markAfter tells whether the byte after a word that ends at e puts it in
// Doc.Marks (wordEnd, markAfter).
func (b *builder) markAfter(e int) bool {
	if e >= len(b.src) {
		return false
	}
	next := byte(0)
	if e+1 < len(b.src) {
		next = b.src[e+1]
	}
	return markAfter(wordEnd[b.src[e]], b.src[e], next)&eMark != 0
}

// possessive reports an ASCII word that ends in "'s" or "'S" and whose
// Norm form therefore drops those two bytes (normWord).
func possessive(w string) bool {
	n := len(w)
	return n > 3 && w[n-2] == '\'' && w[n-1]|0x20 == 's'
}

// toLower maps each byte to itself, A-Z to a-z.
var toLower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return
}()

// scanASCIIWord scans the word that starts with the ASCII letter or digit
// src[i], through ASCII letters and digits and the apostrophes inside it
// ("O'Brien", "don't"), adding the letters and digits to st (which must be
// empty). It returns the end of the scan: the end of the word, or the first
// byte outside ASCII, where scanWord goes on. On the way it writes the
// bytes it scans, lower-cased, into dst (and maybe a few bytes past them:
// dst is spare room); pre tells whether dst had room for them all.
//
// It reads 8 bytes at a time while 8 are left, classing them all at once
// (swar): most words end in their first 8 bytes, so the loop rarely turns,
// and counting letters takes a few instructions, not a branch per byte.
func scanASCIIWord(src string, i int, st *wordStats, dst []byte) (j int, pre bool) {
	letters, uppers, digits := 0, 0, 0
	j, pre = i, true
	for j < len(src) {
		if j+8 <= len(src) {
			// the next 8 bytes, lower-cased into dst, and classed: 0x80 in
			// the bytes that are ASCII upper-case letters, lower-case
			// letters, digits (see the note on the sums below)
			v := load64(src[j:])
			if o := j - i; o+8 <= len(dst) {
				lowerInto(dst[o:o+8], v)
			} else {
				pre = false
			}
			ascii := ^v & highs // bytes outside ASCII are none of them
			v &^= highs         // (and with their top bit off, the sums do not carry)
			up := (v + ones*(0x80-'A')) &^ (v + ones*(0x7f-'Z')) & ascii
			lo := (v + ones*(0x80-'a')) &^ (v + ones*(0x7f-'z')) & ascii
			dg := (v + ones*(0x80-'0')) &^ (v + ones*(0x7f-'9')) & ascii
			stop := ^(up | lo | dg) & highs // the bytes that are not ASCII letters or digits
			if stop == 0 {
				letters += count(up | lo)
				uppers += count(up)
				digits += count(dg)
				j += 8
				continue
			}
			k := bits.TrailingZeros64(stop) / 8 // the first of them
			m := uint64(1)<<(8*k) - 1           // the bytes before it
			letters += count((up | lo) & m)
			uppers += count(up & m)
			digits += count(dg & m)
			j += k
		} else if cl := asciiClass[src[j]]; cl != 0 {
			// the last bytes of the text, one at a time (branch free counts:
			// cLetter, cUpper and cDigit are bits 0, 1, 2)
			if o := j - i; o < len(dst) {
				dst[o] = toLower[src[j]]
			} else {
				pre = false
			}
			letters += int(cl & cLetter)
			uppers += int(cl >> 1 & 1)
			digits += int(cl >> 2)
			j++
			continue
		}
		// src[j] ends the run of letters and digits: the word goes on past
		// an apostrophe before a letter
		if src[j] == '\'' && j+1 < len(src) && letterAt(src, j+1) {
			if o := j - i; o < len(dst) {
				dst[o] = '\''
			} else {
				pre = false
			}
			st.apos = true
			j++
			continue
		}
		break
	}
	st.letters, st.uppers, st.digits = letters, uppers, digits
	st.firstUpper = asciiClass[src[i]]&cUpper != 0
	st.started = true
	return j, pre
}

// lowerInto writes the 8 bytes of v to dst (8 bytes), with the ASCII
// upper-case letters made lower case: 0x20 added where the top bit of the
// sums (see scanASCIIWord) says A-Z.
func lowerInto(dst []byte, v uint64) {
	w := v &^ highs
	up := (w + ones*(0x80-'A')) &^ (w + ones*(0x7f-'Z')) & ^v & highs
	binary.LittleEndian.PutUint64(dst, v|up>>2)
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load64 reads the first 8 bytes of s (at least 8) as a little-endian
// word; the compiler turns the byte reads into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// In the sums of scanASCIIWord, adding 0x80-a to a byte below 0x80 sets
// its top bit from a up, and adding 0x7f-b from b+1 up: the bytes in
// [a, b] are those with the first bit and not the second.

// count returns the number of bytes of m (each 0x80 or 0) that are set.
func count(m uint64) int { return int((m >> 7) * ones >> 56) }

// scanWord goes on with the word whose bytes before j are in st, through
// letters, digits and marks of any script and the apostrophes inside it,
// and returns its end.
func scanWord(src string, j int, st *wordStats) int {
	for j < len(src) {
		c2 := src[j]
		if c2 < utf8.RuneSelf {
			if asciiClass[c2] != 0 {
				st.add(rune(c2))
				j++
				continue
			}
			if c2 == '\'' && j+1 < len(src) && letterAt(src, j+1) {
				j++
				continue
			}
			break
		}
		r2, w2 := utf8.DecodeRuneInString(src[j:])
		if isWordRune(r2) {
			st.add(r2)
			j += w2
			continue
		}
		// internal apostrophe: O'Brien, Brigid's, don't
		if isApostrophe(r2) && j+w2 < len(src) && letterAt(src, j+w2) {
			j += w2
			continue
		}
		break
	}
	return j
}

// splitCamel splits a hashtag body at lower→upper, letter↔digit and
// upper-run→Capitalised boundaries: "LakeshoreED" → Lakeshore|ED,
// "MercyWest2North" → Mercy|West|2|North, "ICULife" → ICU|Life. It appends
// the parts to out (room the caller keeps on its stack: most hashtags
// have a few parts).
func splitCamel(w string, out [][2]int) [][2]int {
	start := 0
	prev, prevPos := 0, 0 // the class and position of the rune before
	for pos, r := range w {
		c := camelClass(r)
		if pos > 0 {
			cut := -1
			switch {
			case prev == 2 && c == 1:
				cut = pos
			case (prev == 3) != (c == 3) && prev != 4 && c != 4:
				cut = pos
			case prev == 1 && c == 2 && prevPos > start:
				// "ICULife": the L starts a new word
				cut = prevPos
			}
			if cut > start {
				out = append(out, [2]int{start, cut})
				start = cut
			}
		}
		prev, prevPos = c, pos
	}
	return append(out, [2]int{start, len(w)})
}

// camelClass classes a rune for splitCamel: 1 an upper-case letter, 2 a
// lower-case one, 3 a digit, 4 anything else.
func camelClass(r rune) int {
	if r < utf8.RuneSelf {
		switch cl := asciiClass[r]; {
		case cl&cUpper != 0:
			return 1
		case cl&cLetter != 0:
			return 2
		case cl&cDigit != 0:
			return 3
		}
		return 4
	}
	switch {
	case unicode.IsUpper(r):
		return 1
	case unicode.IsLower(r):
		return 2
	case unicode.IsDigit(r):
		return 3
	}
	return 4
}

// normWord is a token's form in Norm: its Lower without a possessive or
// contracted "'s" ("patient's" → "patient", "brigid's" → "brigid"), so that
// "my patient" matches "my patient's daughter".
func normWord(w string) string {
	if n := len(w); n > 3 {
		if w[n-2:] == "'s" {
			return w[:n-2]
		}
		if n > 5 && w[n-4:] == "’s" {
			return w[:n-4]
		}
	}
	return w
}

func urlLen(s string, i int) int {
	rest := s[i:]
	lower := func(p string) bool { return len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) }
	if !(lower("http://") || lower("https://") || lower("www.")) {
		return 0
	}
	j := 0
	for j < len(rest) {
		c := rest[j]
		if c <= ' ' || c == '"' || c == '<' || c == '>' || c >= utf8.RuneSelf {
			break
		}
		j++
	}
	// trailing punctuation is not part of the URL
	for j > 0 && strings.IndexByte(".,;:!?)]}'", rest[j-1]) >= 0 {
		j--
	}
	if j < 8 {
		return 0
	}
	return j
}

func emailLen(s string, i int) int {
	j := i
	for j < len(s) && (isASCIIWord(s[j]) || s[j] == '.' || s[j] == '-' || s[j] == '_' || s[j] == '+') {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return 0
	}
	at := j
	j++
	dot := -1
	for j < len(s) && (isASCIIWord(s[j]) || s[j] == '.' || s[j] == '-') {
		if s[j] == '.' {
			dot = j
		}
		j++
	}
	for j > at && s[j-1] == '.' {
		j--
	}
	// the last dot inside the trimmed address
	dot = strings.LastIndexByte(s[at:j], '.')
	if dot >= 0 {
		dot += at
	}
	if dot < 0 || dot <= at+1 || dot >= j-1 {
		return 0
	}
	return j - i
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// Leet returns s with common leetspeak digits and symbols read as letters
// ("sh1t" → "shit", "b!tch" → "bitch"), or s itself when nothing changes.
func Leet(s string) string {
	if strings.IndexAny(s, "013457@$!") < 0 {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		switch c {
		case '0':
			b[i] = 'o'
		case '1', '!':
			b[i] = 'i'
		case '3':
			b[i] = 'e'
		case '4', '@':
			b[i] = 'a'
		case '5', '$':
			b[i] = 's'
		case '7':
			b[i] = 't'
		}
	}
	return string(b)
}
