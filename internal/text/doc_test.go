package text

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func words(d *Doc) []string {
	var out []string
	for i, t := range d.Tokens {
		if t.Kind == Word {
			out = append(out, d.Text(i))
		}
	}
	return out
}

func TestParseTokensAndOffsets(t *testing.T) {
	src := "Mrs. Lopez (DOB 7/22) at #LakeshoreED, email j.doe@x.com or https://x.co/a."
	d := Parse(src)
	got := strings.Join(words(d), "|")
	want := "Mrs|Lopez|DOB|7|22|at|Lakeshore|ED|email|or"
	if got != want {
		t.Fatalf("words = %s, want %s", got, want)
	}
	kinds := map[Kind]string{}
	for i, tk := range d.Tokens {
		if tk.Kind == Email || tk.Kind == URL {
			kinds[tk.Kind] = d.Text(i)
		}
		if d.Src[tk.Start:tk.End] != d.Text(i) {
			t.Fatal("Text disagrees with offsets")
		}
	}
	if d2 := Parse("write to smith.example@baylor.edu."); d2.Tokens[2].Kind != Email || d2.Text(2) != "smith.example@baylor.edu" {
		t.Errorf("e-mail before a full stop: %+v", d2.Tokens)
	}
	if kinds[Email] != "j.doe@x.com" || kinds[URL] != "https://x.co/a" {
		t.Errorf("email/url tokens = %q", kinds)
	}
	if strings.TrimSpace(d.Norm) != "mrs lopez dob 7 22 at lakeshore ed email or" {
		t.Errorf("Norm = %q", d.Norm)
	}
}

func TestHashtagSplitting(t *testing.T) {
	for in, want := range map[string]string{
		"#LakeshoreED":      "Lakeshore|ED",
		"#ICULife":          "ICU|Life",
		"#MercyWest2North":  "Mercy|West|2|North",
		"#nightshift":       "nightshift",
		"#ShareAStoryInOne": "Share|A|Story|In|One",
	} {
		d := Parse(in)
		if got := strings.Join(words(d), "|"); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
		for _, tk := range d.Tokens {
			if tk.Kind == Word && !tk.Has(InHashtag) {
				t.Errorf("%s: token not marked InHashtag", in)
			}
		}
	}
}

func TestSentenceStarts(t *testing.T) {
	d := Parse("Saw Dr. Smith today. Then J.T. Brown came. she left")
	var starts []string
	for i, tk := range d.Tokens {
		if tk.Has(SentStart) {
			starts = append(starts, d.Text(i))
		}
	}
	if got := strings.Join(starts, "|"); got != "Saw|Then|she" {
		t.Errorf("sentence starts = %s", got)
	}
}

func TestFoldUnicode(t *testing.T) {
	for in, want := range map[string]string{"Tomás": "tomás", "ＭＲＮ": "mrn", "Straße": "strasse", "plain": "plain", "ABC": "abc"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if Leet("sh1t") != "shit" || Leet("b!tch") != "bitch" || Leet("nothing") != "nothing" {
		t.Error("Leet")
	}
}

// slowFold is what Fold computes without its shortcuts.
func slowFold(s string) string { return folder.String(norm.NFKC.String(s)) }

// Fold's shortcut for text that is its own fold gives what the
// transformations give, for every rune it decides and next to others.
func TestFoldShortcutExact(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		for _, s := range []string{string(r), "a" + string(r), string(r) + "b", "É" + string(r), string(r) + "\u0301", "e" + string(r) + "\u0301"} {
			if got, want := Fold(s), slowFold(s); got != want {
				t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	if !folded("josé’s café") || folded("Josè") || folded("straße") || folded("e\u0301") {
		t.Error("folded decides these wrongly")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Tomás", "ＭＲＮ", "Straße", "I’m", "e\u0301", "ǅ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestBadBytesKeepOffsets(t *testing.T) {
	src := "ok\xff\x00name\xc3 Lopez\u200b"
	d := Parse(src)
	if got := strings.Join(words(d), "|"); got != "ok|name|Lopez" {
		t.Errorf("words = %q", got)
	}
	for _, tk := range d.Tokens {
		if tk.Start < 0 || tk.End > len(src) || tk.Start >= tk.End {
			t.Fatalf("bad span %+v", tk)
		}
	}
}

func TestCaseShape(t *testing.T) {
	if d := Parse("O: 58 YEAR OLD FEMALE ADMITTED IN TRANSFER FROM CALVERT"); !d.Upperish {
		t.Error("all-caps note not Upperish")
	}
	if d := Parse("pt seen by dr healey at gh this am, stable overnight"); !d.Lowerish {
		t.Error("lower-case note not Lowerish")
	}
	if d := Parse("Mrs. Lopez was seen by Dr. Healey at General Hospital."); d.Upperish || d.Lowerish {
		t.Error("mixed case misread")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "Mrs. Lopez #LakeshoreED 7/22", "a@b.co https://x.y/z", "\xff\x00\xc3", "🍷🍷 don't", strings.Repeat("#A1b", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Parse(s)
		prevEnd := 0
		for _, tk := range d.Tokens {
			if tk.Start < prevEnd || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("token span %d..%d out of order or bounds (len %d)", tk.Start, tk.End, len(s))
			}
			prevEnd = tk.End
		}
		for k := range d.NormWordCount() {
			ti := d.NormWordToken(k)
			if d.NormToken(int(d.normStart[k])) != int(ti) || (d.Tokens[ti].Kind != Word && d.Tokens[ti].Kind != Emoji) {
				t.Fatalf("NormToken(%d) does not map back to word token %d", d.normStart[k], ti)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(d.Norm) {
			t.Fatal("valid input gave invalid Norm")
		}
		checkPacked(t, d)
		checkMarks(t, d)
	})
}

// checkPacked fails t unless every word of d is packed from its Norm form
// (Pack), and no other token is.
func checkPacked(t *testing.T, d *Doc) {
	t.Helper()
	if len(d.Packed) != len(d.Tokens) {
		t.Fatalf("%q: %d packed forms for %d tokens", d.Src, len(d.Packed), len(d.Tokens))
	}
	for i, at := range d.NormAt {
		want := uint64(0)
		if at >= 0 {
			want = Pack(d.Norm[at : int(at)+d.NormWordLen(i)])
		}
		if d.Packed[i] != want {
			t.Fatalf("%q: token %d (%q) packed as %x, want %x", d.Src, i, d.Text(i), d.Packed[i], want)
		}
	}
}

// Pack gives forms of one to seven bytes distinct non-zero numbers, and
// others 0.
func TestPack(t *testing.T) {
	const src = "ab\x00cdéfg hijk lmnop🍷qr\xff"
	seen := map[uint64]string{}
	for a := 0; a < len(src); a++ {
		for n := 0; a+n <= len(src) && n <= 9; n++ {
			w := src[a : a+n]
			key := Pack(w)
			if (key != 0) != (n >= 1 && n <= 7) {
				t.Fatalf("%q packed as %x", w, key)
			}
			if other, ok := seen[key]; ok && key != 0 && other != w {
				t.Fatalf("%q and %q share %x", w, other, key)
			}
			seen[key] = w
			if Pack([]byte(w)) != key {
				t.Fatalf("%q packed as bytes differs", w)
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/bench.txt")
	if err != nil {
		b.Skip(err)
	}
	lines := strings.Split(string(raw), "\n")
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			Parse(l)
		}
	}
}

func TestEmojiInNorm(t *testing.T) {
	d := Parse("wine o'clock 🍷🍷 4 bottles")
	if !strings.Contains(d.Norm, " 🍷 🍷 ") {
		t.Errorf("emoji missing from Norm: %q", d.Norm)
	}
}

// AppendLowerASCII lower-cases exactly the bytes A-Z, as a byte loop does.
func FuzzAppendLowerASCII(f *testing.F) {
	for _, s := range []string{"", "A", "Hello WORLD", "@[`{AZaz", "ÀÉ Straße ΣΑΣ", "\x80\xc1\xda\xff ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789"} {
		f.Add([]byte("pre"), s)
	}
	f.Fuzz(func(t *testing.T, pre []byte, s string) {
		want := append([]byte(nil), pre...)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			want = append(want, c)
		}
		if got := AppendLowerASCII(append([]byte(nil), pre...), s); string(got) != string(want) {
			t.Fatalf("AppendLowerASCII(%q, %q) = %q, want %q", pre, s, got, want)
		}
	})
}

// TestNoWordRune checks that no rune noWordRune tells, without the
// Unicode tables, is a letter, digit or mark by them.
func TestNoWordRune(t *testing.T) {
	n := 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if noWordRune(r) {
			n++
			if wordRuneInTables(r) {
				t.Fatalf("%U is a letter, digit or mark", r)
			}
		}
	}
	if n == 0 {
		t.Fatal("noWordRune tells no rune")
	}
}

// splitCamelRef is splitCamel as first written, rune classes from the
// Unicode tables alone, for TestSplitCamel to check it against.
func splitCamelRef(w string) [][2]int {
	var out [][2]int
	start := 0
	var prev rune
	prevPos := 0
	for pos, r := range w {
		if pos > 0 {
			pc, c := splitCamelClassRef(prev), splitCamelClassRef(r)
			cut := -1
			switch {
			case pc == 2 && c == 1:
				cut = pos
			case (pc == 3) != (c == 3) && pc != 4 && c != 4:
				cut = pos
			case pc == 1 && c == 2 && prevPos > start:
				cut = prevPos
			}
			if cut > start {
				out = append(out, [2]int{start, cut})
				start = cut
			}
		}
		prev, prevPos = r, pos
	}
	return append(out, [2]int{start, len(w)})
}

func TestSplitCamel(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if got, want := camelClass(r), splitCamelClassRef(r); got != want {
			t.Fatalf("camelClass(%q) = %d, want %d", r, got, want)
		}
	}
	for _, w := range []string{"", "a", "LakeshoreED", "ICULife", "MercyWest2North", "ShareAStoryInOne", "a1B2c3", "ÉcoleNormale", "straßeΣΑΣ", "x'Y", "ABCdefGHI9j", "ＭＲＮabc", "A", "aB", "Ab1"} {
		checkSplitCamel(t, w)
	}
}

// splitCamelClassRef is the rune class of splitCamelRef: 1 upper case, 2
// lower case, 3 digit, 4 anything else.
func splitCamelClassRef(r rune) int {
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

func checkSplitCamel(t *testing.T, w string) {
	t.Helper()
	var parts [2][2]int // fewer than some words have: the buffer grows
	got, want := splitCamel(w, parts[:0]), splitCamelRef(w)
	if !slices.Equal(got, want) {
		t.Fatalf("splitCamel(%q) = %v, want %v", w, got, want)
	}
}

func FuzzSplitCamel(f *testing.F) {
	for _, w := range []string{"LakeshoreED", "ICULife", "MercyWest2North", "ÉcoleNormale2ΣΑΣ"} {
		f.Add(w)
	}
	f.Fuzz(checkSplitCamel)
}
