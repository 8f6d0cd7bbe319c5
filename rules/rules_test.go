package rules

import (
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/model"
)

func TestEmbeddedPacksLoad(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if s.Get("phi.patient-name") == nil || len(s.Lists["patient-cues"]) == 0 {
		t.Fatal("embedded privacy pack missing")
	}
}

const good = `
name: mine
lists:
  cues: [alpha, beta gamma]
rules:
  - id: x.one
    kind: phrase
    category: profanity
    severity: warn
    clause: AMSA-respect
    message: m
    fix: f
    phrases: ["@cues", delta]
    examples: {flag: [alpha]}
`

func TestUserPackReplacesAndExtends(t *testing.T) {
	s, err := Load(PacksFS(), map[string][]byte{"mine.yaml": []byte(good + `
  - id: phi.reidentifiable
    kind: reid
    category: patient-privacy
    severity: block
    clause: AMSA-privacy
    message: m
    fix: f
    threshold: 0.9
    weights: {time: 0.5}
    examples: {flag: [x]}
`)})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Get("phi.reidentifiable")
	if r.Severity != model.Block || r.Threshold != 0.9 || r.Pack != "mine" {
		t.Errorf("user rule did not replace the embedded one: %+v", r)
	}
	if s.Get("x.one") == nil {
		t.Error("new rule missing")
	}
	n := 0
	for _, x := range s.Rules {
		if x.ID == "phi.reidentifiable" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d rules with the same ID", n)
	}
}

func TestValidation(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{strings.Replace(good, "category: profanity", "category: rudeness", 1), "unknown category"},
		{strings.Replace(good, "severity: warn", "severity: severe", 1), "severity"},
		{strings.Replace(good, "    fix: f\n", "", 1), "required"},
		{strings.Replace(good, `"@cues"`, `"@nope"`, 1), "no list named @nope"},
		{strings.Replace(good, "kind: phrase", "kind: magic", 1), "unknown kind"},
		{strings.Replace(good, "examples: {flag: [alpha]}", "examples: {pass: [alpha]}", 1), "example"},
		{strings.Replace(good, "phrases:", "colour: red\n    phrases:", 1), "colour"},
		{strings.Replace(strings.Replace(good, `phrases: ["@cues", delta]`, `pattern: "(unclosed"`+"\n    keywords: [a]", 1), "kind: phrase", "kind: pattern", 1), "pattern: error"},
		{strings.Replace(good, `kind: phrase`, "kind: pattern\n    pattern: a+", 1), "keywords"},
	} {
		_, err := Load(PacksFS(), map[string][]byte{"bad.yaml": []byte(c.yaml)})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want error containing %q, got %v", c.want, err)
		}
	}
}

func TestOverrides(t *testing.T) {
	s, _ := Default()
	if err := s.Apply(map[string]Override{"phi.date": {Disabled: true}, "patient-privacy": {Severity: model.Warn}}); err != nil {
		t.Fatal(err)
	}
	if !s.Get("phi.date").Disabled || s.Get("phi.patient-name").Severity != model.Warn {
		t.Error("overrides not applied")
	}
	if err := s.Apply(map[string]Override{"no.such": {Disabled: true}}); err == nil {
		t.Error("unknown override accepted")
	}
}

func TestContextConditions(t *testing.T) {
	yes, no := true, false
	r := &Rule{When: When{Account: []string{"organization"}, Reply: &yes}}
	if !r.Applies(&model.Post{Account: "organization", ReplyTo: &model.ReplyTo{Text: "x"}}) {
		t.Error("should apply")
	}
	if r.Applies(&model.Post{Account: "personal", ReplyTo: &model.ReplyTo{Text: "x"}}) || r.Applies(&model.Post{Account: "organization"}) {
		t.Error("should not apply")
	}
	r2 := &Rule{When: When{DM: &no}, Severity: model.Warn, SeverityByAccount: map[string]model.Severity{"organization": model.Block}}
	if r2.Applies(&model.Post{DM: true}) || r2.SeverityFor("organization") != model.Block || r2.SeverityFor("personal") != model.Warn {
		t.Error("dm condition or severity by account wrong")
	}
}

// A list entry of words before another list ("his @terms") is a derived
// entry, not a phrase; its list must exist, and derived entries do not
// build on each other.
func TestDerivedEntries(t *testing.T) {
	pack := func(lists string) []Pack {
		p, err := Parse("d.yaml", []byte("name: d\nlists:\n"+lists))
		if err != nil {
			t.Fatal(err)
		}
		return []Pack{p}
	}
	s, err := Compile(pack("  terms: [chemo, dialysis]\n  poss: [\"his @terms\", \"one of my @terms\", plain phrase]\n"))
	if err != nil {
		t.Fatal(err)
	}
	ds := s.Derived()
	if len(ds) != 2 || ds[0].Target != s.ListID("poss") || ds[0].Base != s.ListID("terms") ||
		strings.Join(ds[0].Prefix, " ") != "his" || strings.Join(ds[1].Prefix, " ") != "one of my" {
		t.Fatalf("derived entries: %+v", ds)
	}
	for _, bad := range []string{
		"  poss: [\"his @nosuch\"]\n",
		"  terms: [chemo]\n  a: [\"his @terms\"]\n  b: [\"her @a\"]\n",
	} {
		if _, err := Compile(pack(bad)); err == nil {
			t.Errorf("%q: compiled", bad)
		}
	}
}
