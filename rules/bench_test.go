package rules

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// BenchmarkFindPhrases runs the shared phrase trie of the embedded packs
// over the dev posts (skipped without ../shared): most words of a post are
// in some list, so this is the trie's real load.
func BenchmarkFindPhrases(b *testing.B) {
	f, err := os.Open("../../shared/eval/dev/posts.jsonl")
	if err != nil {
		b.Skipf("eval posts not available: %v", err)
	}
	defer f.Close()
	var docs []*text.Doc
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &p) == nil {
			docs = append(docs, text.Parse(p.Text))
			size += len(p.Text)
		}
	}
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	var buf []lexicon.Match
	for b.Loop() {
		for _, d := range docs {
			buf = s.FindPhrases(d, buf[:0])
		}
	}
}
