package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// escapeAll writes v as JSON with its strings' characters escaped in
// turns: some as \u escapes (pairs above the BMP), '/' as "\/", the rest
// as they are, so that the fast path decodes every string in place.
func escapeAll(b *strings.Builder, v any, n *int) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, "%q:", k) // the post's keys are plain
			escapeAll(b, v[k], n)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			escapeAll(b, e, n)
		}
		b.WriteByte(']')
	case string:
		b.WriteByte('"')
		for _, r := range v {
			*n++
			switch {
			case r == '"' || r == '\\':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r == '/':
				b.WriteString(`\/`)
			case r == '\n':
				b.WriteString(`\n`)
			case r < 0x20 || r >= utf8.RuneSelf && *n%2 == 0 || *n%5 == 0:
				if r > 0xFFFF {
					r -= 0x10000
					fmt.Fprintf(b, `\u%04x\u%04X`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
				} else {
					fmt.Fprintf(b, `\u%04x`, r)
				}
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
	default:
		raw, _ := json.Marshal(v)
		b.Write(raw)
	}
}

// A JSONL post's strings are slices of one copy of its line, decoded in
// place, and findings keep substrings of them until their line is written,
// in input order, after the later lines have been read and judged on other
// goroutines. So the same posts, written plainly or with every string
// escaped, among long lines (batches cut by size, lines put together
// across read buffers), give the same output on one worker as on several.
func TestEscapedPostsAgreeAcrossWorkers(t *testing.T) {
	var plain, escaped strings.Builder
	n := 0
	for _, set := range []string{"set1", "set2"} {
		raw, err := os.ReadFile("../../eval/fresh/" + set + ".posts.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var v map[string]any
			if err := json.Unmarshal([]byte(l), &v); err != nil {
				t.Fatal(err)
			}
			delete(v, "media") // no photo files to read
			if i%40 == 7 {
				// a long line: the text many times over
				v["text"] = strings.Repeat(v["text"].(string)+"\n", 60000/len(v["text"].(string)))
			}
			p, _ := json.Marshal(v)
			plain.Write(p)
			plain.WriteByte('\n')
			escapeAll(&escaped, v, &n)
			escaped.WriteByte('\n')
		}
	}
	var want string
	for _, c := range []struct {
		in    string
		procs int
	}{{plain.String(), 1}, {escaped.String(), 1}, {plain.String(), 4}, {escaped.String(), 4}} {
		old := runtime.GOMAXPROCS(c.procs)
		r := run(t, c.in, "check", "--format", "jsonl", "--fail-on", "none", "-")
		runtime.GOMAXPROCS(old)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if want == "" {
			want = r.stdout
			if strings.Count(want, `"rule":`) < 100 {
				t.Fatalf("only %d findings", strings.Count(want, `"rule":`))
			}
			continue
		}
		if r.stdout != want {
			got, w := strings.Split(r.stdout, "\n"), strings.Split(want, "\n")
			for i := range w {
				if i >= len(got) || got[i] != w[i] {
					t.Fatalf("GOMAXPROCS=%d, escaped %v: line %d differs:\n%.600s\nwant\n%.600s", c.procs, c.in == escaped.String(), i+1, got[min(i, len(got)-1)], w[i])
				}
			}
		}
	}
}
