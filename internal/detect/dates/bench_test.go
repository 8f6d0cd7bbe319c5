package dates

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
)

func BenchmarkDetect(b *testing.B) { detecttest.Bench(b, New()) }
func BenchmarkDetectShort(b *testing.B) {
	detecttest.BenchOn(b, New(), "presidio-synth.dev.input.jsonl")
}
