package meta

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFix(t *testing.T) {
	cases := map[string]string{
		"caf\u00c3\u00a9":                "café",
		"caf\u00e9":                      "caf\u00e9", // a real é: the bytes would not be UTF-8
		"plain ascii":                    "plain ascii",
		"\u00f0\u009f\u0098\u00b4 tired": "😴 tired",
		"Gr\u00c3\u00bc\u00c3\u009fe":    "Grüße",
		"already café ☕":                 "already café ☕", // a rune above U+00FF: left alone
		"\u00e2\u0080\u0094":             "—",
		"\u00c3":                         "\u00c3", // truncated sequence
		string([]byte{0xff, 0xfe}):       string([]byte{0xff, 0xfe}),
		"":                               "",
	}
	for in, want := range cases {
		if got := Fix(in); got != want {
			t.Errorf("Fix(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTolerantTypes(t *testing.T) {
	var v struct {
		S Str         `json:"s"`
		N Int         `json:"n"`
		F Float       `json:"f"`
		L List[Str]   `json:"l"`
		O List[Media] `json:"o"`
	}
	raw := `{"s": 12, "n": "1700000000", "f": "42.5", "l": "one", "o": {"uri": "a.jpg"}}`
	if err := Decode([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	if v.S != "12" || v.N != 1700000000 || !v.F.Set || v.F.V != 42.5 || len(v.L) != 1 || v.L[0] != "one" || len(v.O) != 1 || v.O[0].URI != "a.jpg" {
		t.Errorf("%+v", v)
	}
	raw = `{"s": {"x": 1}, "n": [1], "f": "NaN", "l": [1, "a", {"b": 2}], "o": "x"}`
	if err := Decode([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	if v.S != "" || v.N != 0 || v.F.Set || len(v.L) != 3 || v.L[1] != "a" || len(v.O) != 0 {
		t.Errorf("%+v", v)
	}
	if Decode([]byte(`[1,2]`), &v) == nil {
		t.Error("array decoded as object")
	}
}

func TestUnixTime(t *testing.T) {
	for in, want := range map[int64]string{
		0:             "",
		-5:            "",
		1704100000:    "2024-01-01T09:06:40Z",
		1704100000000: "2024-01-01T09:06:40Z", // milliseconds
		100:           "",
		1 << 62:       "",
	} {
		if got := UnixTime(in); got != want {
			t.Errorf("UnixTime(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestStream(t *testing.T) {
	doc := `{"a": [1, 2], "b": {"c": [{"x": 1}, {"x": 2}, {"x": 3}], "d": "s"}, "e": [[1], [2]], "p": {"k": "v"}}`
	var got []string
	want := func(p []string) bool { return strings.Join(p, ".") == "b.c" || strings.Join(p, ".") == "e" }
	wantObj := func(p []string) bool { return strings.Join(p, ".") == "p" }
	err := Walk(context.Background(), strings.NewReader(doc), want, wantObj, func(p []string, i int, raw json.RawMessage) error {
		got = append(got, strings.Join(p, ".")+":"+string(raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if w := `b.c:{"x": 1}|b.c:{"x": 2}|b.c:{"x": 3}|e:[1]|e:[2]|p:{"k": "v"}`; strings.Join(got, "|") != w {
		t.Errorf("got %v", got)
	}
	// Top-level array; a syntax error after two elements.
	n := 0
	err = Stream(context.Background(), strings.NewReader(`[{}, {}, {`), func([]string) bool { return true },
		func([]string, int, json.RawMessage) error { n++; return nil })
	if err == nil || n != 2 {
		t.Errorf("n=%d err=%v", n, err)
	}
	// Deep nesting is skipped, not recursed into without bound.
	deep := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	if err := Stream(context.Background(), strings.NewReader(deep), func([]string) bool { return true },
		func([]string, int, json.RawMessage) error { return nil }); err != nil {
		t.Errorf("deep: %v", err)
	}
	if err := Stream(context.Background(), strings.NewReader(""), func([]string) bool { return true },
		func([]string, int, json.RawMessage) error { return nil }); err == nil {
		t.Error("empty input accepted")
	}
}

func TestStreamCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Stream(ctx, strings.NewReader(`[1,2,3]`), func([]string) bool { return true },
		func([]string, int, json.RawMessage) error { return nil })
	if !Stopped(err) {
		t.Errorf("err = %v", err)
	}
}

func TestMediaPath(t *testing.T) {
	for in, want := range map[string]string{
		"media/posts/a.jpg":         "media/posts/a.jpg",
		"/media_attachments/x.png":  "media_attachments/x.png",
		"https://cdn.example/a.jpg": "",
		"../../etc/passwd":          "",
		"a/../../b":                 "",
		"a\\b.jpg":                  "a/b.jpg",
		"":                          "",
	} {
		if got := MediaPath(in); got != want {
			t.Errorf("MediaPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNatLess(t *testing.T) {
	if !natLess("posts_2.json", "posts_10.json") || natLess("posts_10.json", "posts_2.json") || !natLess("a", "b") {
		t.Error("natural order")
	}
}

func FuzzFix(f *testing.F) {
	f.Add("caf\u00c3\u00a9")
	f.Add("\u00f0\u009f\u0098")
	f.Fuzz(func(t *testing.T, s string) {
		out := Fix(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("Fix(%q) = %q: invalid UTF-8", s, out)
		}
		if out != s && Fix(out) != out && !utf8.ValidString(out) {
			t.Errorf("unstable %q", s)
		}
	})
}

func FuzzStream(f *testing.F) {
	f.Add([]byte(`{"a":[{"b":[1,2]}],"c":{"d":[3]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = Walk(context.Background(), strings.NewReader(string(b)), func(p []string) bool { return len(p) < 3 },
			func(p []string) bool { return len(p) == 3 },
			func(p []string, i int, raw json.RawMessage) error {
				var v Post
				_ = Decode(raw, &v)
				_, _ = v.Item("x", "post", "f", i)
				return nil
			})
	})
}
