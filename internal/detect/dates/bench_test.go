package dates

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// physionetDev is the shared de-identification dev set, next to the repository.
const physionetDev = "../../../../shared/eval/external/physionet-deid.dev.input.jsonl"

func loadTexts(tb testing.TB, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			out = append(out, r.Text)
		}
	}
	return out
}

func BenchmarkDetect(b *testing.B) {
	texts := loadTexts(b, physionetDev)
	docs := make([]*text.Doc, len(texts))
	n := 0
	for i, t := range texts {
		docs[i] = text.Parse(t)
		n += len(t)
	}
	det := New()
	var out []detect.Candidate
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			out = det.Detect(d, out[:0])
		}
	}
}
