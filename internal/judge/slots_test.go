package judge

import (
	"slices"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/rules"
)

// A field's hit slots hold what handing each phrase match to the lists of
// its users (rules.Set.PhraseRefs) one by one gives: every named list's
// hits, and every rule's own hits of each list kind, in match order; and
// hits gives a rule's own and named lists' hits together.
func TestSlotsHoldEveryUsersHits(t *testing.T) {
	rs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	j := New(rs, defaultDetectors(), nil)
	var texts []string
	for _, r := range rs.Rules {
		for _, ex := range r.Examples.Flag {
			texts = append(texts, ex.Text)
		}
		for _, ex := range r.Examples.Pass {
			texts = append(texts, ex.Text)
		}
	}
	hits, joins := 0, 0
	for _, src := range texts {
		f := j.newField(rules.ScopeText, -1, src, noCands)
		named := map[int32][]span{}
		own := map[[2]int32][]span{}
		for _, m := range rs.FindPhrases(f.doc, nil) {
			for _, ref := range rs.PhraseRefs(m) {
				s := span{m.First, m.Last}
				if ref.List == rules.ListNamed {
					named[ref.ListID] = append(named[ref.ListID], s)
				} else {
					k := [2]int32{ref.Rule, int32(ref.List)}
					own[k] = append(own[k], s)
				}
				hits++
			}
		}
		// derived list entries ("his @health-terms"): a base hit right
		// after the entry's words
		for _, d := range rs.Derived() {
			for _, h := range named[d.Base] {
				at := h.first - len(d.Prefix)
				if at < 0 {
					continue
				}
				ok := true
				for k, w := range d.Prefix {
					if tk := f.doc.Tokens[at+k]; tk.Lower != w || tk.Kind != text.Word {
						ok = false
					}
				}
				if ok {
					named[d.Target] = append(named[d.Target], span{at, h.last})
				}
			}
		}
		for id := range int32(rs.NumLists()) {
			if got := f.list(id); !slices.Equal(got, named[id]) {
				t.Fatalf("%q: list %d: %v, want %v", src, id, got, named[id])
			}
		}
		for _, r := range rs.Rules {
			h := f.ownOf(r)
			for k, got := range map[rules.ListKind][]span{rules.ListMain: h.main(), rules.ListNear: h.near(), rules.ListUnless: h.unless(), rules.ListKeyword: h.keyword(), rules.ListCondition: f.slots[f.own[r.Index][rules.ListCondition]]} {
				if want := own[[2]int32{int32(r.Index), int32(k)}]; !slices.Equal(got, want) {
					t.Fatalf("%q: rule %s list %d: %v, want %v", src, r.ID, k, got, want)
				}
			}
		}
		// hits joins own and the lists' hits, in that order, whether it
		// answers with one slot as it is or copies
		for _, r := range rs.Rules {
			for _, k := range []rules.ListKind{rules.ListMain, rules.ListNear, rules.ListUnless, rules.ListContext} {
				var own []span
				if k != rules.ListContext {
					own = f.slots[f.own[r.Index][k]]
				}
				want := slices.Clone(own)
				for _, id := range r.NamedLists(k) {
					want = append(want, f.list(id)...)
				}
				if got := f.hits(r.NamedLists(k), own); !slices.Equal(got, want) || cap(got) != len(got) {
					t.Fatalf("%q: rule %s list %d: hits %v (cap %d), want %v", src, r.ID, k, got, cap(got), want)
				}
				if len(want) > 0 {
					joins++
				}
			}
		}
		f.release()
	}
	if joins < 100 {
		t.Fatalf("only %d lists with hits in the examples", joins)
	}
	if hits < 1000 {
		t.Fatalf("only %d phrase hits in the examples", hits)
	}
}
