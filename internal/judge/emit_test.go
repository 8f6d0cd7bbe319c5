package judge

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"unsafe"

	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// record keeps keys in a slice while a post has few findings and in a map
// past manyKeys: either way it must answer as a set would, and a post
// taken from the pool must remember nothing of the one before.
func TestRecord(t *testing.T) {
	rs := []*rules.Rule{{ID: "a"}, {ID: "b"}}
	scopes := []rules.Scope{rules.ScopeText, rules.ScopeAlt}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		ps := postPool.Get().(*post)
		want := map[emitKey]bool{}
		n := rng.IntN(4 * manyKeys)
		for range n {
			k := emitKey{rule: rs[rng.IntN(2)], scope: scopes[rng.IntN(2)], media: rng.IntN(2) - 1, a: rng.IntN(6), b: rng.IntN(6), hasField: rng.IntN(2) == 0}
			if got := ps.record(k); got != !want[k] {
				t.Fatalf("round %d, %d keys: record(%+v) = %v, want %v", round, len(want), k, got, !want[k])
			}
			want[k] = true
		}
		if len(ps.keys) != len(want) {
			t.Fatalf("round %d: %d keys kept, want %d", round, len(ps.keys), len(want))
		}
		ps.release()
	}
}

// sortFindings must give the order of a stable sort by photo, start and
// severity (most severe first), which it used to be.
func TestSortFindings(t *testing.T) {
	reference := func(fs []model.Finding) {
		slices.SortStableFunc(fs, func(a, b model.Finding) int {
			ma, mb := -1, -1
			if a.Media != nil {
				ma = *a.Media
			}
			if b.Media != nil {
				mb = *b.Media
			}
			if ma != mb {
				return cmp.Compare(ma, mb)
			}
			sa, _, _ := a.Span()
			sb, _, _ := b.Span()
			if sa != sb {
				return cmp.Compare(sa, sb)
			}
			return cmp.Compare(b.Severity.Rank(), a.Severity.Rank())
		})
	}
	rng := rand.New(rand.NewPCG(3, 4))
	severities := []model.Severity{model.Info, model.Warn, model.Block, ""}
	for range 500 {
		fs := make([]model.Finding, rng.IntN(30))
		for i := range fs {
			f := &fs[i]
			f.Rule = strconv.Itoa(i) // tells equal keys apart
			f.Severity = severities[rng.IntN(len(severities))]
			if rng.IntN(3) == 0 {
				m := rng.IntN(2)
				f.Media = &m
			}
			if rng.IntN(4) > 0 {
				a, b := rng.IntN(5), 9
				f.Start, f.End = &a, &b
			}
		}
		want := slices.Clone(fs)
		reference(want)
		sortFindings(fs)
		if !reflect.DeepEqual(fs, want) {
			t.Fatalf("got  %v\nwant %v", fs, want)
		}
	}
}

// A combination's per-detail message is made once and then repeated, the
// same string (the JSONL writer finds a head by where its strings lie),
// for every set of kinds and kind.
func TestReidMessageMadeOnce(t *testing.T) {
	for kinds := range uint16(1 << numReidKinds) {
		for k := range numReidKinds {
			m := reidMessage(kinds, k)
			if want := "Part of the same re-identifying combination (" + reidCombo(kinds) + "): this is the " + reidLabel[k] + "."; m != want {
				t.Fatalf("reidMessage(%d, %d) = %q, want %q", kinds, k, m, want)
			}
			if again := reidMessage(kinds, k); unsafe.StringData(again) != unsafe.StringData(m) {
				t.Fatalf("reidMessage(%d, %d) made twice", kinds, k)
			}
		}
	}
	if got, want := reidCombo(1<<kAge|1<<kPatient|1<<kTime|1<<kRare), "age + rare + time"; got != want {
		t.Errorf("reidCombo = %q, want %q", got, want)
	}
}
