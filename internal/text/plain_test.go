package text

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// checkPlain tokenises s with plain and without it (the general loop
// alone) and fails unless the two Docs are the same in every field, the
// word index included, with every word packed (checkPacked). reuse, when not nil, holds two Docs used before
// (as Get gives), one for each: their buffers are written over.
func checkPlain(t *testing.T, s string, reuse *[2]Doc) {
	t.Helper()
	if reuse == nil {
		reuse = new([2]Doc)
	}
	got := parseInto(&reuse[0], s, true)
	want := parseInto(&reuse[1], s, false)
	got.words()
	want.words()
	checkPacked(t, got)
	checkMarks(t, got)
	if reflect.DeepEqual(noRoom(*got), noRoom(*want)) {
		return
	}
	for i := range min(len(got.Tokens), len(want.Tokens)) {
		if got.Tokens[i] != want.Tokens[i] || got.NormAt[i] != want.NormAt[i] {
			t.Fatalf("%q: token %d is %+v at Norm %d, want %+v at %d", s, i, got.Tokens[i], got.NormAt[i], want.Tokens[i], want.NormAt[i])
		}
	}
	t.Fatalf("%q: Doc is\n%+v\nwant\n%+v", s, *got, *want)
}

// plainPieces are what the random texts are made of: the tokens plain
// takes and, next to them, those it must leave to the general loop.
var plainPieces = []string{
	"a", "I", "X", "pt", "the", "Smith", "SMITH", "McDonald", "iPhone", "B12", "5mg", "2130", "0",
	"abcdefgh", "ABCDEFGHIJ", "Abcdefghijklmnopq", "a1b2c3d4e5f6", "1234567890123", "abcdefghé",
	"ABCDEFGH'S", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "abcdefghijklmnop-", "ABCDEFGHIJKLMNOP.",
	"Dr", "dr", "St", "Mrs", "approx", "e.g", "J", "T", "3", "5",
	"don't", "O'Brien", "patient's", "PATIENT'S", "Brigid’s", "rock'n'roll", "'s", "'", "’", "ʼ",
	"#", "#LakeshoreED", "#ICULife", "#a_b", "@", "@jo_doe", "@_x", "_", "__",
	"http", "https", "www", "HTTP", "WWW", "http://x.co/a", "https://example.org/path?q=1.", "www.sleepwell.com", "Www.a.bc", "h", "w", "hi", "wow",
	"j.doe@x.com", "a+b@mail.example.org", "@x.co", "a@b", "a-b", "a_b", "a+b", "a.b",
	".", "..", "...", ",", ";", ":", "!", "?", "-", "/", "(", ")", "[", "]", "\"", "*", "&", "%", "$", "=", "<", ">", "~", "`", "{", "}", "|", "\\", "^",
	" ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\f", "\v", "\x00", "\x01", "\x7f",
	"…", "é", "Tomás", "ÉCOLE", "straße", "ΣΑΣ", "東京", "ＭＲＮ", "e\u0301", "\u200b", "\u00a0", "\u2028", "\u0085",
	"🍷", "👍🏽", "👩\u200d⚕️", "☕",
	"\xff", "\xc3", "\xe2\x80", "\x80",
}

// randomText joins n random pieces, mostly with spaces between them.
func randomText(r *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(plainPieces[r.IntN(len(plainPieces))])
		if r.IntN(3) > 0 {
			sb.WriteByte(" \n.,"[r.IntN(4)])
		}
	}
	return sb.String()
}

func TestPlainSameAsGeneral(t *testing.T) {
	for _, s := range []string{
		"", "a", "abcdefgh", "abcdefgh ", "Saw Dr. Smith today. Then J.T. Brown came. she left",
		"O: 58 YEAR OLD FEMALE ADMITTED IN TRANSFER FROM CALVERT HOSPITAL; PMH: CAD, S/P MI 1992; INR 2.0; PT 17.5.\n\nARRIVED",
		"see http://x.co/a and WWW.EXAMPLE.COM or https://a.b/c. mail j.doe@x.com, bob@mail.example.org.",
		"Mrs. Lopez (DOB 7/22) at #LakeshoreED, email j.doe@x.com or https://x.co/a.",
		"the patient's O'Brien don't rock'n'roll PATIENT'S Brigid’s café 🍷🍷 #ICULife @jo_doe_x hi",
		"ok\xff\x00name\xc3 Lopez\u200b straße ＭＲＮ ÉCOLE",
		"httpxyzw www wwwwwwwwwwww httpsabcdefgh: www.a http:x",
		// words before '.' and ':' that start URLs or only look like it
		"he. with. w. h. ww. wwww. http. https. http: https: hTTps://x.co/ab www: WWW.abc.de HTTP: htt: httpss: wow. hi:",
		"a.b@c.de.f. x@y z-a@b.co q_r@s.tu abcdefghijklmn@example.com",
		// words of 8 bytes and more, ending at the end of the text and in
		// its last 8 bytes
		"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ x", "word abcdefghijklmnopq", "ab ABCDEFGHIJKLMNOPQRSTUVWX",
		"abcdefgh abcdefghi ABCDEFGHIJKLMNOP abcdefghijklmnopq. aBCDEFGHIJKLMNOPqrst 0123456789abcdefghij ok",
		"x abcdefghijklmnopqrstuvwx.y@mail.com and abcdefghijklmnopqrstuvwx.yz then more words here",
		// more tokens than the buffers first have room for, and Norm grown
		// by split hashtags: the stretches end where the room does
		strings.Repeat(".", 100), strings.Repeat("a.", 100), strings.Repeat("a,b ", 60),
		strings.Repeat("#AbCdEf ", 30) + strings.Repeat("words after the hashtags fill Norm. ", 10),
	} {
		checkPlain(t, s, nil)
	}
	r := rand.New(rand.NewPCG(1, 2))
	reuse := new([2]Doc)
	for range 20000 {
		checkPlain(t, randomText(r, 1+r.IntN(40)), reuse)
	}
}

// The evaluation texts (real notes and posts), where present.
func TestPlainSameOnEvalTexts(t *testing.T) {
	files, _ := filepath.Glob("../../eval/fresh/*.posts.jsonl")
	more, _ := filepath.Glob("../../../shared/eval/external/*.input.jsonl")
	files = append(files, more...)
	files = append(files, "../../../shared/eval/dev/posts.jsonl")
	reuse := new([2]Doc)
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				checkPlain(t, rec.Text, reuse)
				// and as the engine's chunks may cut it, anywhere
				if n := len(rec.Text); n > 1 {
					checkPlain(t, rec.Text[n/3:], reuse)
				}
			}
		}
		f.Close()
	}
}

func FuzzPlain(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		f.Add(randomText(r, 1+r.IntN(30)))
	}
	f.Add("Saw Dr. Smith today. Then J.T. Brown came. PT 17.5; INR 2.0 http://x.co www.a.b j@x.co")
	f.Fuzz(func(t *testing.T, s string) {
		checkPlain(t, s, nil)
	})
}

// TestReusedDocIsFresh checks that a Doc parsed into again, as Get does
// with the Docs given back with Put, keeps nothing of the text before: it
// equals a new Doc of the same text, the word index made again included.
func TestReusedDocIsFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	d := new(Doc)
	for range 5000 {
		s := randomText(r, 1+r.IntN(40))
		got, want := parseInto(d, s, true), Parse(s)
		got.words()
		want.words()
		if g, w := emptyNil(*got), emptyNil(*want); !reflect.DeepEqual(g, w) {
			t.Fatalf("%q: reused Doc is\n%+v\nwant\n%+v", s, g, w)
		}
	}
}

// noRoom returns d without the room left in its Norm's buffer, which
// depends on the texts parsed into it before.
func noRoom(d Doc) Doc {
	d.room, d.pad = nil, nil
	return d
}

// emptyNil returns d with its empty slices nil, as those of a new Doc may
// be where a reused one has room, and without the room left in its Norm's
// buffer (noRoom).
func emptyNil(d Doc) Doc {
	d = noRoom(d)
	if len(d.Tokens) == 0 {
		d.Tokens = nil
	}
	if len(d.NormAt) == 0 {
		d.NormAt = nil
	}
	if len(d.Packed) == 0 {
		d.Packed = nil
	}
	if len(d.Marks) == 0 {
		d.Marks = nil
	}
	if len(d.normWords) == 0 {
		d.normWords = nil
	}
	if len(d.normStart) == 0 {
		d.normStart = nil
	}
	return d
}

// A Doc's Norm (and the Lower forms that view it) stays as it was when the
// Doc is parsed into again, as Get's are: each Norm is cut from the room
// the last one left in a shared buffer (see parseInto), and no parse
// writes before its start.
func TestNormOutlivesReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	type kept struct {
		src, norm string
		lower     []string
	}
	d := new(Doc)
	var all []kept
	for range 3000 {
		s := randomText(r, 1+r.IntN(60))
		parseInto(d, s, true)
		k := kept{src: s, norm: d.Norm}
		for _, tk := range d.Tokens {
			k.lower = append(k.lower, tk.Lower)
		}
		all = append(all, k)
	}
	for _, k := range all {
		want := Parse(k.src)
		if k.norm != want.Norm {
			t.Fatalf("%q: Norm became %q, want %q", k.src, k.norm, want.Norm)
		}
		for i, l := range k.lower {
			if l != want.Tokens[i].Lower {
				t.Fatalf("%q: token %d's Lower became %q, want %q", k.src, i, l, want.Tokens[i].Lower)
			}
		}
	}
}
