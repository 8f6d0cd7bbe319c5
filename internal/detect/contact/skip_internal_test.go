package contact

import (
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// mayAct is Detect's own gate, token by token, without nextStart: every
// token Detect can act on passes it.
func mayAct(src string, t *text.Token) bool {
	if t.Start < 0 || t.End > len(src) || t.Start >= t.End {
		return false
	}
	switch t.Kind {
	case text.Email, text.URL:
		return true
	case text.Punct:
		return strings.IndexByte("+(@:", src[t.Start]) >= 0
	case text.Word:
	default:
		return false
	}
	next := byte(0)
	if t.End < len(src) {
		next = src[t.End]
	}
	switch {
	case t.Flags&text.HasDigit != 0, next == ':', maybeKeyword(src[t.Start:t.End]):
		return true
	case next == '.':
		// a domain, or the words Detect's switch on Lower looks for
		after := t.End+1 < len(src) && isAlnum(src[t.End+1])
		return after || t.Lower == "at" || t.Lower == "ext" || t.Lower == "extn" || t.Lower == "extension"
	}
	return false
}

// TestNextStartSkipsNothing checks that nextStart passes over no token that
// Detect's gate lets through.
func TestNextStartSkipsNothing(t *testing.T) {
	texts := []string{
		"Phone: +46 (0)8 928 571 38 fax 345-899-3560x4587", "Pager: #54321 ext 212 x54321 EXT. 12 Extension: 4",
		"jdoe [at] example [dot] org, a.b@c.edu.", "mail AT. ex.", "ClickPhobia.com.br/x 6e40:4041::2eb4 10.0.0.1",
		"BP 120/80 2003-08-28 12:13:52 (240444-1243)", "\xff\x00+1 (", "ＡＴ. ｅｘｔ: x", "a", "at", "ex.", "x١٢٣ ٣",
		"see www.example.org and http://x.y/z or me@x.org 😀 at.", "A.B. c.d e: F.g",
	}
	for _, s := range texts {
		checkNextStart(t, s)
	}
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "presidio-synth.dev.input.jsonl"} {
		for _, s := range detecttest.EvalTexts(t, name) {
			checkNextStart(t, s)
		}
	}
}

func checkNextStart(t *testing.T, s string) {
	t.Helper()
	d := text.Parse(s)
	for i := 0; i < len(d.Tokens); i++ {
		j := nextStart(d.Src, d.Tokens, i)
		for k := i; k < j; k++ {
			if mayAct(d.Src, &d.Tokens[k]) {
				t.Fatalf("%q: nextStart passes over token %d %q", s, k, d.Text(k))
			}
		}
		i = j
	}
}
