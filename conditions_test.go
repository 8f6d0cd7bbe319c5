package scrubs

import (
	"testing"
)

// A user pack exercising require/forbid on the bio, severity by role and
// account, and quoted speech.
const condPack = `
name: cond
lists:
  employer: [hospital, health, clinic]
  disclaimer: [views my own, views are my own, opinions mine]
rules:
  - id: test.disclaimer
    kind: phrase
    category: missing-disclaimer
    severity: warn
    severity_by_role: {student: info}
    clause: AMSA-disclaimer
    message: m
    fix: f
    phrases: [in my opinion]
    require: [{scope: bio, any: ["@employer"]}]
    forbid: [{scope: bio, any: ["@disclaimer"]}]
    quoted: skip
    examples: {flag: [{text: "in my opinion statins are underused", bio: "Cardiologist at Lakeshore Hospital"}]}
`

func TestRuleConditions(t *testing.T) {
	e, err := New(Options{RulePacks: map[string][]byte{"cond.yaml": []byte(condPack)}})
	if err != nil {
		t.Fatal(err)
	}
	text := "in my opinion statins are underused"
	cases := []struct {
		post Post
		want Severity
	}{
		{Post{Text: text, Author: Author{Bio: "Cardiologist at Lakeshore Hospital"}}, "warn"},
		{Post{Text: text, Author: Author{Bio: "Cardiologist at Lakeshore Hospital. Views my own."}}, ""},
		{Post{Text: text, Author: Author{Bio: "Cardiologist, dog person"}}, ""},
		{Post{Text: text, Author: Author{Role: "student", Bio: "MS2 at State Health"}}, "info"},
		{Post{Text: `She told me "in my opinion statins are underused"`, Author: Author{Bio: "Lakeshore Hospital"}}, ""},
	}
	for i, c := range cases {
		got := Severity("")
		for _, f := range e.Check(bg, c.post).Findings {
			if f.Rule == "test.disclaimer" {
				got = f.Severity
			}
		}
		if got != c.want {
			t.Errorf("case %d: severity %q, want %q", i, got, c.want)
		}
	}
}
