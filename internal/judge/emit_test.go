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

// release resets a post field by field for the pool: every field must come
// back empty (nil, zero, or a slice or map with nothing in it), except the
// buffers that their users truncate (marks, win), so that a field added
// to post and forgotten there fails here.
func TestReleasedPostIsEmpty(t *testing.T) {
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		case reflect.Map:
			v.Set(reflect.MakeMap(v.Type()))
		case reflect.Array:
			for i := range v.Len() {
				fill(v.Index(i))
			}
		case reflect.Uint8:
			v.SetUint(1)
		case reflect.Bool:
			v.SetBool(true)
		default:
			t.Fatalf("no filling for a %s", v.Type())
		}
	}
	ps := new(post)
	v := reflect.ValueOf(ps).Elem()
	for i := range v.NumField() {
		fill(reflect.NewAt(v.Field(i).Type(), v.Field(i).Addr().UnsafePointer()).Elem())
	}
	ps.all = ps.all[:0] // release puts these fields in their pool
	ps.release()
	var empty func(v reflect.Value) bool
	empty = func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.Slice, reflect.Map:
			return v.Len() == 0
		case reflect.Array:
			for i := range v.Len() {
				if !empty(v.Index(i)) {
					return false
				}
			}
			return true
		}
		return v.IsZero()
	}
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if name != "marks" && name != "win" && !empty(v.Field(i)) {
			t.Errorf("post.%s is not empty after release", name)
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
