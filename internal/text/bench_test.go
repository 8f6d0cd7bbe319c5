package text_test

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// benchGet tokenises the texts of an evaluation file the way the engine
// does (Get, then Put), and reports MB/s of text.
func benchGet(b *testing.B, name string) {
	texts := detecttest.EvalTexts(b, name)
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	done := detecttest.CPUTime(b, n)
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			text.Put(text.Get(s))
		}
	}
	done()
}

// BenchmarkGetNotes tokenises the PhysioNet dev notes (mostly capitals).
func BenchmarkGetNotes(b *testing.B) { benchGet(b, "physionet-deid.dev.input.jsonl") }

// BenchmarkGetTweets tokenises general tweets (mixed case, hashtags, emoji).
func BenchmarkGetTweets(b *testing.B) { benchGet(b, "tweets-general.input.jsonl") }
