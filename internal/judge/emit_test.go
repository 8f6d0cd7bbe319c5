package judge

import (
	"math/rand/v2"
	"testing"

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
