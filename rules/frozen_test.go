package rules

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/frozen"
	"github.com/scrubs-dev/scrubs/model"
)

// The strings a rule's findings repeat are frozen (see freezeHead), as
// the JSONL writer knows them by where they lie; so is a severity set by
// an override. The packs' own rules are left as they were.
func TestRuleHeadsFrozen(t *testing.T) {
	packs, err := readSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(packs)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(map[string]Override{"phi.patient-name": {Severity: model.Severity(string([]byte("info")))}}); err != nil {
		t.Fatal(err)
	}
	byRole := 0
	for _, r := range s.Rules {
		for _, v := range []string{r.ID, r.Category, string(r.Severity), r.Clause, r.Message, r.Fix} {
			if !frozen.Is(v) {
				t.Errorf("rule %s: %q not frozen", r.ID, v)
			}
		}
		for _, m := range []map[string]model.Severity{r.SeverityByAccount, r.SeverityByRole} {
			for k, v := range m {
				byRole++
				if !frozen.Is(string(v)) {
					t.Errorf("rule %s: severity for %s not frozen", r.ID, k)
				}
			}
		}
	}
	if byRole == 0 {
		t.Error("no rule has a severity by account or role: the test checks too little")
	}
	for _, p := range packs {
		for _, r := range p.Rules {
			if frozen.Is(r.Message) {
				t.Fatalf("rule %s of pack %s changed", r.ID, p.Name)
			}
			for _, v := range r.SeverityByRole {
				if frozen.Is(string(v)) {
					t.Fatalf("rule %s of pack %s: its map changed", r.ID, p.Name)
				}
			}
		}
	}
}
