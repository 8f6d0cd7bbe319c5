package audit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/model"
)

// Baseline is a set of finding fingerprints from an earlier audit. It is
// safe for concurrent use.
type Baseline struct {
	mu  sync.Mutex
	fps map[[32]byte]struct{}
}

// NewBaseline returns an empty baseline.
func NewBaseline() *Baseline { return &Baseline{fps: map[[32]byte]struct{}{}} }

// Fingerprint identifies a finding across audits: the SHA-256 of the
// platform, the post ID, the rule and the matched text (for a finding
// about a photo without matched text, its photo number and field; for an
// account finding, the post ID is empty).
func Fingerprint(platform, postID string, f *model.Finding) [32]byte {
	what := f.Text
	if what == "" && f.Media != nil {
		what = fmt.Sprintf("photo %d %s", *f.Media+1, f.Field)
	}
	h := sha256.New()
	for _, s := range []string{platform, postID, f.Rule, what} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Add records a fingerprint.
func (b *Baseline) Add(fp [32]byte) {
	b.mu.Lock()
	b.fps[fp] = struct{}{}
	b.mu.Unlock()
}

// Has reports whether the fingerprint is known.
func (b *Baseline) Has(fp [32]byte) bool {
	b.mu.Lock()
	_, ok := b.fps[fp]
	b.mu.Unlock()
	return ok
}

// Len is the number of fingerprints.
func (b *Baseline) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.fps)
}

const baselineHeader = "# scrubs audit baseline v1: one SHA-256 finding fingerprint a line"

// WriteTo writes the baseline: a header line, then the fingerprints in
// hex, sorted, one a line.
func (b *Baseline) WriteTo(w io.Writer) (int64, error) {
	b.mu.Lock()
	lines := make([]string, 0, len(b.fps))
	for fp := range b.fps {
		lines = append(lines, hex.EncodeToString(fp[:]))
	}
	b.mu.Unlock()
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	var n int64
	k, _ := bw.WriteString(baselineHeader + "\n")
	n += int64(k)
	for _, l := range lines {
		k, _ = bw.WriteString(l + "\n")
		n += int64(k)
	}
	return n, bw.Flush()
}

// ReadBaseline reads a baseline written by WriteTo. Blank lines and lines
// starting with # are ignored; any other line must be 64 hex digits.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	b := NewBaseline()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		raw, err := hex.DecodeString(l)
		if err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("baseline line %d: not a fingerprint (64 hex digits)", n)
		}
		var fp [32]byte
		copy(fp[:], raw)
		b.fps[fp] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("baseline line %d: %w", n+1, err)
	}
	return b, nil
}
