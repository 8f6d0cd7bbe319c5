package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite rules/packs.json from the YAML packs (make packs)")

// The embedded snapshot is what the YAML packs parse to: edit a pack and
// this fails until `make packs` rewrites it.
func TestSnapshotIsFresh(t *testing.T) {
	want, err := makeSnapshot(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(SnapshotFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// the file, not the embedded copy: under -update the test binary
	// still holds the stale one
	got, err := os.ReadFile(SnapshotFile)
	if err != nil {
		t.Fatal(err)
	}
	if emb, _ := embedded.ReadFile(SnapshotFile); !*update && !bytes.Equal(emb, got) {
		t.Fatalf("rules/%s changed after this test was built", SnapshotFile)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("rules/%s is stale: the YAML packs changed; run `make packs`", SnapshotFile)
	}
}

// The snapshot decodes to exactly the packs the YAML parses to, nil and
// empty lists and *bool fields included.
func TestSnapshotDecodesLikeYAML(t *testing.T) {
	fromYAML, err := parsePacks(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	fromSnap, err := readSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	for i := range fromSnap {
		fromSnap[i].trusted = false
	}
	if !reflect.DeepEqual(fromYAML, fromSnap) {
		t.Fatal("the snapshot decodes to other packs than the YAML (run make packs; a list written [] in YAML becomes nil in JSON: leave it out)")
	}
}

// The set compiled from the snapshot (Default) is the set compiled from
// the YAML itself: same rules with the same fields, same lists.
func TestSnapshotCompilesLikeYAML(t *testing.T) {
	fromYAML, err := Load(os.DirFS("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	fromSnap, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(fromYAML.Rules) != len(fromSnap.Rules) {
		t.Fatalf("%d rules from YAML, %d from the snapshot", len(fromYAML.Rules), len(fromSnap.Rules))
	}
	for i, r := range fromYAML.Rules {
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(fromSnap.Rules[i])
		if !bytes.Equal(a, b) {
			t.Errorf("rule %s differs:\nYAML     %s\nsnapshot %s", r.ID, a, b)
		}
		if (r.Regexp() == nil) != (fromSnap.Rules[i].Regexp() == nil) || r.Regexp() != nil && r.Regexp().String() != fromSnap.Rules[i].Regexp().String() {
			t.Errorf("rule %s: expressions differ", r.ID)
		}
	}
	a, _ := json.Marshal(fromYAML.Lists)
	b, _ := json.Marshal(fromSnap.Lists)
	if !bytes.Equal(a, b) {
		t.Error("named lists differ")
	}
	if fromYAML.NumLists() != fromSnap.NumLists() || fromYAML.phrases.Len() != fromSnap.phrases.Len() {
		t.Error("phrase tries differ")
	}
}

// The embedded patterns compile on first use: each must compile.
func TestEmbeddedPatternsCompile(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range s.Rules {
		if r.Kind != Pattern {
			continue
		}
		n++
		if r.Regexp() == nil || r.pat.get().err != nil {
			t.Errorf("rule %s: pattern does not compile: %v", r.ID, r.pat.get().err)
		}
	}
	if n == 0 {
		t.Fatal("no pattern rules")
	}
}
