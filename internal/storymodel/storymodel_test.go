package storymodel

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// The embedded weights, read in place, score as the decoded model does.
func TestEmbeddedModelLoads(t *testing.T) {
	w := Default()
	if w == nil {
		t.Fatal("the embedded model does not load")
	}
	m, err := Decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"my patient told me her story tonight", "flu shots are free this week", ""} {
		fs := Features(text.Parse(s), nil)
		if a, b := w.Score(fs), m.Score(fs); math.Abs(a-b) > 1e-4 {
			t.Errorf("%q: in place %.6f, decoded %.6f", s, a, b)
		}
		if a, b := w.ScoreDocs(text.Parse(s)), w.Score(fs); a != b {
			t.Errorf("%q: ScoreDocs %.6f, Score %.6f", s, a, b)
		}
	}
	for i := uint32(0); i < 1<<Bits; i += 997 {
		if w.W(i) != m.W[i] {
			t.Fatalf("slot %d: %v, %v", i, w.W(i), m.W[i])
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	m := &Model{Bias: -1.25, W: make([]float32, 1<<Bits)}
	m.W[7], m.W[99] = 3.5, -2
	got, err := Decode(Encode(m))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bias != m.Bias || abs(got.W[7]-3.5) > 1e-3 || abs(got.W[99]+2) > 1e-3 || got.W[8] != 0 {
		t.Fatalf("round trip: bias %v, w7 %v, w99 %v", got.Bias, got.W[7], got.W[99])
	}
	for _, bad := range [][]byte{nil, []byte("STM1"), append([]byte("XXXX"), make([]byte, 8+2<<Bits)...)} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("decoded %d bytes of junk", len(bad))
		}
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// Features are the same for the same text, cover tokens of the doc, and
// tell a mention, a number and a time from words.
func TestFeatures(t *testing.T) {
	d := text.Parse("Met @jess_42 at 3pm in Room 12 today")
	fs := Features(d, nil)
	if len(fs) == 0 {
		t.Fatal("no features")
	}
	again := Features(text.Parse("Met @jess_42 at 3pm in Room 12 today"), nil)
	if len(again) != len(fs) {
		t.Fatal("features differ between runs")
	}
	for i, f := range fs {
		if f != again[i] || f.First < 0 || f.Last >= len(d.Tokens) || f.First > f.Last || f.Slot >= 1<<Bits {
			t.Fatalf("feature %d: %+v (again %+v)", i, f, again[i])
		}
	}
	slot := func(h uint64) uint32 { return uint32(mix(h) & (1<<Bits - 1)) }
	want := map[uint32]string{slot(hHandle): "<handle>", slot(hNum): "<num>", slot(hTime): "<time>", slot(hCap): "<cap>"}
	for s, name := range want {
		found := false
		for _, f := range fs {
			found = found || f.Slot == s
		}
		if !found {
			t.Errorf("no %s feature", name)
		}
	}
}

// Training separates a toy set: a story about one patient from teaching.
func TestTrainSeparates(t *testing.T) {
	pos := []string{"my patient told me about her farm today", "the lad in bed 4 told me about his dog", "she told me her story tonight"}
	neg := []string{"stroke rehab tips for families", "how to read an ECG in five steps", "flu shots are free this week"}
	var xs [][]Feature
	var ys []bool
	for _, s := range pos {
		xs, ys = append(xs, Features(text.Parse(s), nil)), append(ys, true)
	}
	for _, s := range neg {
		xs, ys = append(xs, Features(text.Parse(s), nil)), append(ys, false)
	}
	r := rand.New(rand.NewPCG(1, 2))
	m := Train(xs, ys, 30, 0.5, 1e-4, func(int) []int { return r.Perm(len(xs)) })
	if p := m.Score(Features(text.Parse("he told me about his farm"), nil)); p < 0.5 {
		t.Errorf("story scored %.2f", p)
	}
	if p := m.Score(Features(text.Parse("rehab tips: how to read an ECG"), nil)); p > 0.5 {
		t.Errorf("teaching scored %.2f", p)
	}
}

// The embedded model is what tools/train/story makes from the data it
// names (skipped where ../shared is not beside the project).
func TestModelFresh(t *testing.T) {
	root, _ := filepath.Abs("../..")
	shared := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "eval", "dev", "gold.jsonl")); err != nil {
		t.Skip("no ../shared/eval: the model cannot be retrained here")
	}
	if testing.Short() {
		t.Skip("short")
	}
	out := filepath.Join(t.TempDir(), "story.bin")
	cmd := exec.Command("go", "run", "./tools/train/story", "-shared", shared, "-out", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("training: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, embedded) {
		t.Fatal("internal/storymodel/data/story.bin is stale: run go run ./tools/train/story -shared ../shared")
	}
}

// FuzzFeatures: any text gives features in bounds, never a panic.
func FuzzFeatures(f *testing.F) {
	for _, s := range []string{"", "@", "@a_b.c 3pm 12", "Mr. X\x00\xff", "#LakeshoreED 2am"} {
		f.Add(s)
	}
	w := Default()
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Parse(s)
		if a, b := w.ScoreDocs(d, d), w.Score(Features(d, Features(d, nil))); a != b {
			t.Fatalf("%q: ScoreDocs %v, Score %v", s, a, b)
		}
		for _, ft := range Features(d, nil) {
			if ft.First < 0 || ft.Last >= len(d.Tokens) || ft.First > ft.Last || ft.Slot >= 1<<Bits {
				t.Fatalf("%q: bad feature %+v", s, ft)
			}
		}
	})
}
