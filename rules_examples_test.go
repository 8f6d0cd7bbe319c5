package scrubs

import (
	"context"
	"strings"
	"testing"
)

// TestRuleExamples runs every example of every embedded rule through the
// whole engine: each "flag" example must produce a finding of that rule and
// each "pass" example must not.
func TestRuleExamples(t *testing.T) {
	eng, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range eng.Rules().Rules {
		if r.Disabled {
			continue
		}
		for _, ex := range r.Examples.Flag {
			n++
			rep := eng.Check(context.Background(), ex.Post)
			if !hasRule(rep, r.ID) {
				t.Errorf("%s should flag %q (context %+v); got %s", r.ID, ex.Text, ex.Post, summary(rep))
			}
		}
		for _, ex := range r.Examples.Pass {
			n++
			rep := eng.Check(context.Background(), ex.Post)
			if hasRule(rep, r.ID) {
				t.Errorf("%s should pass %q; got %s", r.ID, ex.Text, summary(rep))
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d examples ran; the packs should carry more", n)
	}
}

func hasRule(r Report, id string) bool {
	for _, f := range r.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

func summary(r Report) string {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(f.Rule + "[" + f.Text + "] ")
	}
	if b.Len() == 0 {
		return "no findings"
	}
	return b.String()
}
