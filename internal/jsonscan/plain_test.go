package jsonscan

import "testing"

// Plain agrees with a byte-by-byte scan from every offset.
func naive(s string, i int) int {
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return i
		}
	}
	return i
}

func check(t *testing.T, s string) {
	for i := 0; i <= len(s); i++ {
		if got, want := Plain(s, i), naive(s, i); got != want {
			t.Fatalf("Plain(%q, %d) = %d, want %d", s, i, got, want)
		}
		if got, want := Plain([]byte(s), i), naive(s, i); got != want {
			t.Fatalf("Plain([]byte %q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	for _, s := range []string{
		"", "a", "plain text with no specials at all, long enough",
		"quote \" here", "back\\slash", "new\nline", "tab\there", "\x00\x01\x1f\x20",
		"caf\xc3\xa9 and more", "\xff\xfe\x80", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
		"!!!!!!!!\"", "########\\", "\x21\x21\x21\x21\x21\x21\x21\x1f",
		// several in one group of eight, where the borrows of the tests
		// flag bytes after the first
		"ab\x00\"\\\x1fcdefgh", "\x01\x00\x00\x00\x00\x00\x00\x00", "a\x00b\x21\x20\x1f\x80xyzzy",
		"\x00\x01\"\"\"\"\"\"", "12345\x00\x00\x00\x00\x00",
	} {
		check(t, s)
	}
}

func FuzzPlain(f *testing.F) {
	f.Add("some \"json\" text\n")
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
