package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// benchJSONL runs `scrubs CMD --format jsonl FILE` in-process on src (an
// eval input shared by the project, skipped when absent) repeated to a few
// MB, writing to /dev/null so output costs what it costs in real use. The
// figure to watch is MB/s (of JSONL input) with GOMAXPROCS=1: the
// per-core rate of the whole command, engine start-up and engine plus
// input reading, dispatch and output.
func benchJSONL(b *testing.B, cmd, src string) {
	data, err := os.ReadFile(src)
	if err != nil {
		b.Skipf("eval input not available: %v", err)
	}
	var in bytes.Buffer
	for in.Len() < 4<<20 {
		in.Write(data)
	}
	path := filepath.Join(b.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, in.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	var stderr bytes.Buffer
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stderr.Reset()
		if code := Main([]string{cmd, "--format", "jsonl", path}, nil, devnull, &stderr); code > 1 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

func BenchmarkDeidJSONL(b *testing.B) {
	benchJSONL(b, "deid", "../../../shared/eval/external/physionet-deid.dev.input.jsonl")
}

func BenchmarkCheckJSONL(b *testing.B) {
	benchJSONL(b, "check", "../../../shared/eval/dev/posts.jsonl")
}

// Short texts, dense with identifiers: per-text costs show here.
func BenchmarkDeidShortJSONL(b *testing.B) {
	benchJSONL(b, "deid", "../../../shared/eval/external/presidio-synth.dev.input.jsonl")
}
