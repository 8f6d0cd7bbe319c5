package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// watchedWords are the words the tests have the tokeniser watch (Watch is
// for package initialisation: here the test binary's).
var watchedWords = []string{"at", "ext", "may", "september", "thanksgiving", "valentine's", "valentine’s", "st", "x"}

func init() { Watch(watchedWords...) }

// wantMarks lists the tokens of d that Marks must list, the simple way:
// by its definition, token by token, the watched words by the tokeniser's
// own test of the Norm form (the hash lets a few other words through).
func wantMarks(d *Doc) []int32 {
	var out []int32
	src := d.Src
	for i, t := range d.Tokens {
		var m bool
		switch t.Kind {
		case URL, Email:
			m = true
		case Punct:
			m = strings.IndexByte("+(@:", src[t.Start]) >= 0
		case Word:
			after, next := byte(0), byte(0)
			if t.End < len(src) {
				after = src[t.End]
			}
			if t.End+1 < len(src) {
				next = src[t.End+1]
			}
			alnum := 'a' <= next|0x20 && next|0x20 <= 'z' || '0' <= next && next <= '9'
			m = t.Flags&HasDigit != 0 || after != 0 && strings.IndexByte(":-0123456789", after) >= 0 ||
				after == '.' && alnum || watched(watchKey(normWord(t.Lower)))
		}
		if m {
			out = append(out, int32(i))
		}
	}
	return out
}

// checkMarks fails t unless d's Marks are those of wantMarks, and list
// every watched word.
func checkMarks(t *testing.T, d *Doc) {
	t.Helper()
	if want := wantMarks(d); !slices.Equal(d.Marks, want) {
		t.Fatalf("%q: Marks %v, want %v", d.Src, d.Marks, want)
	}
	for i, tk := range d.Tokens {
		if slices.Contains(watchedWords, tk.Lower) && !slices.Contains(d.Marks, int32(i)) {
			t.Fatalf("%q: watched word %d %q not marked", d.Src, i, d.Text(i))
		}
	}
}

// The watched words are marked however they are written, wherever they
// stand: capitalised, in a hashtag, before punctuation, at the
// end of the text, among words the general loop takes.
func TestWatchedWordsMarked(t *testing.T) {
	for _, w := range watchedWords {
		for _, form := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w)} {
			for _, s := range []string{form, "on " + form + " 2", "(" + form + ").", "#" + form, "é " + form, "since " + form + ": x", strings.Repeat("word ", 5) + form} {
				d := Parse(s)
				checkMarks(t, d)
				if len(d.Marks) == 0 {
					t.Fatalf("%q: nothing marked", s)
				}
			}
		}
	}
}

// Marks lists what wantMarks does in random texts of the pieces that
// matter to it, with plain and without (checkPlain checks marks as well).
func TestMarks(t *testing.T) {
	pieces := []string{"at", "AT", "Ext", "x", "May", "SEPTEMBER", "valentine's", "Valentine’s", "St", "stop",
		"3.5", "e.g.", "a.m.", "example.org", "fe80::1", "+1", "(555)", "a-1", "x:y", "MRN:", "#CS123456", "ab-", "x.",
		"12/03/2024", "555-0100", "j.doe@x.com", "www.a.bc", "é1", "🍷", ".", ":", "-", "+", "(", "@", " ", "\n"}
	r := rand.New(rand.NewPCG(11, 12))
	reuse := new([2]Doc)
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(30) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(2) == 0 {
				sb.WriteByte(' ')
			}
		}
		checkPlain(t, sb.String(), reuse)
	}
}
