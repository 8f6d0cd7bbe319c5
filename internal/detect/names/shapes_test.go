package names

import (
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// signatureLines builds about size bytes of signature-like lines ("Jane
// Smith, MD", "anita morris rn", "Robert V. Degiorgio RRT"), varied so that
// most of them are both a scored run and a signature shape: the input on
// which shapes once compared every line with every earlier candidate.
func signatureLines(size int) string {
	firsts := []string{"Jane", "Anita", "Carole", "Robert", "Maria", "James", "Linda", "Tomas"}
	lasts := []string{"Smith", "Morris", "Hayes", "Okafor", "Degiorgio", "Nicholson", "Moretti"}
	creds := []string{"MD", "RN", "RRT", "NP", "PA"}
	var b strings.Builder
	b.Grow(size + 64)
	for i := 0; b.Len() < size; i++ {
		f, l, c := firsts[i%len(firsts)], lasts[i/len(firsts)%len(lasts)], creds[i%len(creds)]
		switch i % 6 {
		case 0:
			b.WriteString(f + " " + l + ", " + c)
		case 1:
			b.WriteString(strings.ToLower(f + " " + l + " " + c))
		case 2:
			b.WriteString(f + " " + l[:1] + ". " + l + " " + c)
		case 3:
			b.WriteString("Dr. " + f + " " + l + ", " + c)
		case 4:
			b.WriteString(f[:1] + ". " + l + " " + c)
		default:
			b.WriteString(strings.ToUpper(f + " " + l + ", " + c))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func BenchmarkSignatureLines(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"2MB", 2 << 20}, {"20MB", 20 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			d := text.Parse(signatureLines(size.bytes))
			det := New()
			det.(detect.Loader).Load()
			var out []detect.Candidate
			b.SetBytes(int64(size.bytes))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out = det.Detect(d, out[:0])
			}
		})
	}
}

// TestShapesLinear keeps the coverage check of shapes linear: on a text of
// signature lines, most of them both a run candidate and a signature
// shape, comparing every signature with all the candidates before it took
// steps in the square of the lines (10 s for 2 MB); the sweep takes each
// candidate in once.
func TestShapesLinear(t *testing.T) {
	src := signatureLines(256 << 10)
	d := text.Parse(src)
	lines, sigs := 0, 0
	for i := range d.Tokens {
		if i == 0 || d.Tokens[i].Has(text.NewlineBefore) {
			lines++
			if _, _, _, ok := signature(d, i); ok {
				sigs++ // a line that shapes checks against the candidates
			}
		}
	}
	if sigs < lines/3 {
		t.Fatalf("only %d of %d lines are signatures: the input no longer exercises shapes", sigs, lines)
	}
	sc := &scratch{}
	cs := sc.detect(d, nil)
	if sc.coverSteps == 0 || sc.coverSteps > len(cs) {
		t.Errorf("shapes took %d coverage steps for %d candidates (%d lines): want at most one per candidate", sc.coverSteps, len(cs), lines)
	}
}
