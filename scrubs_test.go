package scrubs

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/rules"
)

var bg = context.Background()

func engine(t testing.TB) *Engine {
	t.Helper()
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func rulesOf(r Report) map[string]bool {
	m := map[string]bool{}
	for _, f := range r.Findings {
		m[f.Rule] = true
	}
	return m
}

// The same words get different findings in different contexts.
func TestContextDecides(t *testing.T) {
	e := engine(t)
	reply := "Tom, I'm sorry. As we discussed at your visit, the imaging was normal."
	onReview := e.Check(bg, Post{Text: reply, Platform: "review-reply", ReplyTo: &ReplyTo{Text: "Dr. Huang ignored me. 1 star."}})
	if !rulesOf(onReview)["phi.review-reply"] || onReview.Verdict != "block" {
		t.Errorf("review reply: %s", summary(onReview))
	}
	plain := e.Check(bg, Post{Text: reply, Platform: "x"})
	if rulesOf(plain)["phi.review-reply"] {
		t.Errorf("not a review reply, yet: %s", summary(plain))
	}
}

func TestNotViolations(t *testing.T) {
	e := engine(t)
	for _, s := range []string{
		"Our chief resident Dr. Tomás Ibarra just won the department teaching award and nobody deserved it more.",
		"A man in his 50s with CHF presenting with orthopnea: what is your next step? #MedEd",
		"Flying to Chicago for the cardiology conference on Friday!",
		"Reminder: flu shots are free at every pharmacy this month.",
	} {
		if r := e.Check(bg, Post{Text: s}); hasCategory(r, "patient-privacy") {
			t.Errorf("%q flagged: %s", s, summary(r))
		}
	}
}

func TestPatientIdentifiers(t *testing.T) {
	e := engine(t)
	for _, c := range []struct{ text, want string }{
		{"12 hrs in and Mr. Delgado in 14 still thinks I'm his daughter, dementia is brutal", "Mr. Delgado"},
		{"Honored to have performed the first robotic Whipple on Oct 3. Our patient is recovering beautifully.", "Oct 3"},
		{"My patient's daughter left her number 410-555-2671 for the labs", "410-555-2671"},
	} {
		r := e.Check(bg, Post{Text: c.text})
		found := false
		for _, f := range r.Findings {
			if f.Category == "patient-privacy" && strings.Contains(f.Text, c.want) && f.Severity == "block" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no block finding covering %q: %s", c.text, c.want, summary(r))
		}
	}
}

func TestAltTextIsChecked(t *testing.T) {
	e := engine(t)
	r := e.Check(bg, Post{Text: "survived my first solo night float", Media: []Media{{Alt: "selfie at a workstation; whiteboard behind shows room numbers with patient last names and diagnoses"}}})
	var got *Finding
	for i := range r.Findings {
		if r.Findings[i].Media != nil {
			got = &r.Findings[i]
		}
	}
	if got == nil || *got.Media != 0 || got.Field != "alt" || got.Severity != "block" {
		t.Fatalf("no block finding on the photo: %s", summary(r))
	}
}

func TestReidScore(t *testing.T) {
	e := engine(t)
	r := e.Check(bg, Post{Text: "the 19yo with the 3rd lightning strike of his LIFE rolled into Lakeshore ED last night. kid is a legend"})
	if r.ReidScore < 0.6 || !rulesOf(r)["phi.reidentifiable"] || r.Verdict != "review" {
		t.Errorf("score %.2f verdict %s: %s", r.ReidScore, r.Verdict, summary(r))
	}
	calm := e.Check(bg, Post{Text: "Lightning safety: if you can hear thunder, you are close enough to be struck."})
	if calm.ReidScore != 0 || len(calm.Findings) != 0 {
		t.Errorf("education post scored %.2f: %s", calm.ReidScore, summary(calm))
	}
}

// A person or event everyone knows ("all over the news", "who won") is
// rarity evidence of its own kind, and a patient's condition ("still
// sedated") makes the post about a patient; neither fires without the other
// groups of evidence.
func TestReidPublicEvidence(t *testing.T) {
	e := engine(t)
	r := e.Check(bg, Post{Text: "the driver from the bridge collapse that's all over the news is in our trauma bay this morning, still sedated"})
	if r.ReidScore < 0.6 || !rulesOf(r)["phi.reidentifiable"] {
		t.Fatalf("score %.2f: %s", r.ReidScore, summary(r))
	}
	var public bool
	for _, f := range r.Findings {
		for _, ev := range f.Evidence {
			public = public || ev == "this detail: public"
		}
	}
	if !public {
		t.Errorf("no finding points at the public detail: %s", summary(r))
	}
	for _, text := range []string{
		"the bridge collapse is all over the news this morning; our trauma team is ready", // no patient
		"still sedated after a long night, coffee please",                                 // no rarity
	} {
		if c := e.Check(bg, Post{Text: text}); rulesOf(c)["phi.reidentifiable"] {
			t.Errorf("%q fired (score %.2f): %s", text, c.ReidScore, summary(c))
		}
	}
}

func TestDeidStrictSafeHarbor(t *testing.T) {
	e := engine(t)
	in := "Pt Mrs. Lopez, 95 years old, seen 7/22/2023 by Dr. Healey at Lakeshore General in Harlan Falls, MRN 00482913, tel 410-555-2671, jlopez@example.com. MI in 1992; her son is 62 years old. Ohio."
	d := e.Deidentify(bg, "x", in, DeidOptions{})
	for _, leak := range []string{"Lopez", "95", "7/22", "Healey", "Lakeshore", "Harlan", "00482913", "555-2671", "jlopez"} {
		if strings.Contains(d.Text, leak) {
			t.Errorf("%q survived: %s", leak, d.Text)
		}
	}
	for _, keep := range []string{"1992", "62 years old", "Ohio"} {
		if !strings.Contains(d.Text, keep) {
			t.Errorf("%q should be kept (Safe Harbor keeps years, ages under 90, states): %s", keep, d.Text)
		}
	}
	for _, en := range d.Entities {
		if in[en.Start:en.End] != en.Text {
			t.Fatalf("entity %+v does not match the input bytes", en)
		}
	}
}

func TestDeidModes(t *testing.T) {
	e := engine(t)
	in := "Mrs. Lopez came on 7/22/2023. Mrs. Lopez left on 7/25/2023."
	m := e.Deidentify(bg, "", in, DeidOptions{Mode: Mask})
	if len(m.Text) != len(in) || strings.Contains(m.Text, "Lopez") {
		t.Errorf("mask: %q", m.Text)
	}
	s1 := e.Deidentify(bg, "", in, DeidOptions{Mode: Surrogate, Seed: "k"})
	s2 := e.Deidentify(bg, "", in, DeidOptions{Mode: Surrogate, Seed: "k"})
	if s1.Text != s2.Text || strings.Contains(s1.Text, "Lopez") || strings.Contains(s1.Text, "7/22") {
		t.Errorf("surrogate not deterministic or leaks: %q / %q", s1.Text, s2.Text)
	}
}

// A text with no identifier comes back as it is, in every mode (replace
// then returns the text itself rather than a copy).
func TestDeidNothingToReplace(t *testing.T) {
	e := engine(t)
	in := "The patient was stable overnight and tolerated the diet well."
	for _, mode := range []DeidMode{Redact, Mask, Surrogate} {
		d := e.Deidentify(bg, "", in, DeidOptions{Mode: mode, Seed: "k"})
		if d.Text != in || len(d.Entities) != 0 {
			t.Errorf("%s: %q, entities %+v", mode, d.Text, d.Entities)
		}
	}
}

func TestNeverPanicsOnOddInput(t *testing.T) {
	e := engine(t)
	for _, s := range []string{"", "\x00\x00", "\xff\xfe\xfd", strings.Repeat("Dr. ", 5000), strings.Repeat("7/", 4000), strings.Repeat("🍷", 3000), "#" + strings.Repeat("Aa1", 3000)} {
		e.Check(bg, Post{Text: s, Media: []Media{{Alt: s}}, Author: Author{Bio: s}, ReplyTo: &ReplyTo{Text: s}})
		e.Deidentify(bg, "", s, DeidOptions{Mode: Surrogate})
	}
}

func hasCategory(r Report, c string) bool {
	for _, f := range r.Findings {
		if f.Category == c && f.Severity != "info" {
			return true
		}
	}
	return false
}

// benchTexts are the texts of the dev-split PhysioNet notes when ../shared
// is present, else the lines of a shipped synthetic sample.
func benchTexts(b *testing.B) (texts []string, size int) {
	if raw, err := os.ReadFile("../shared/eval/external/physionet-deid.dev.input.jsonl"); err == nil {
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var r struct{ Text string }
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				b.Fatal(err)
			}
			texts = append(texts, r.Text)
		}
	} else {
		raw, err := os.ReadFile("testdata/bench.txt")
		if err != nil {
			b.Fatal(err)
		}
		texts = strings.Split(string(raw), "\n")
	}
	for _, t := range texts {
		size += len(t)
	}
	return texts, size
}

// cpuTime reports CPU time per op and MB of text per CPU-second (see
// detecttest.CPUTime). Call the returned func after the loop.
func cpuTime(b *testing.B, size int) func() { return detecttest.CPUTime(b, size) }

func BenchmarkDeidentify(b *testing.B) {
	e := engine(b)
	texts, size := benchTexts(b)
	b.SetBytes(int64(size))
	done := cpuTime(b, size)
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			e.Deidentify(bg, "", t, DeidOptions{})
		}
	}
	done()
}

// BenchmarkCheckPosts checks the dev posts with their context (bio, reply,
// alt text): the input `scrubs check` is made for. Bytes are the post texts.
func BenchmarkCheckPosts(b *testing.B) {
	raw, err := os.ReadFile("../shared/eval/dev/posts.jsonl")
	if err != nil {
		raw, err = os.ReadFile("eval/fresh/set1.posts.jsonl")
	}
	if err != nil {
		b.Fatal(err)
	}
	var posts []Post
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var p Post
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			b.Fatal(err)
		}
		posts = append(posts, p)
		n += len(p.Text)
	}
	e := engine(b)
	b.SetBytes(int64(n))
	done := cpuTime(b, n)
	for i := 0; i < b.N; i++ {
		for _, p := range posts {
			e.Check(bg, p)
		}
	}
	done()
}

// BenchmarkCheckNotes checks the PhysioNet notes as posts without context.
func BenchmarkCheckNotes(b *testing.B) {
	e := engine(b)
	texts, size := benchTexts(b)
	b.SetBytes(int64(size))
	done := cpuTime(b, size)
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			e.Check(bg, Post{Text: t})
		}
	}
	done()
}

// With LazyRules the engine de-identifies without compiling the rules, and
// compiles them when a post is first checked.
func TestLazyRules(t *testing.T) {
	e, err := New(Options{LazyRules: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := e.Deidentify(bg, "", "Seen by Dr. Alvarez on 7/22", DeidOptions{}); len(d.Entities) < 2 {
		t.Errorf("deid found %d entities", len(d.Entities))
	}
	if e.judge != nil {
		t.Fatal("rules were compiled before any check")
	}
	if r := e.Check(bg, Post{Text: "Mrs. Lopez in bed 4 keeps pulling her IV, day 3 of this"}); r.Verdict == "ok" {
		t.Errorf("lazy engine missed a patient identifier: %+v", r)
	}
	if e.Rules() == nil || len(e.Rules().Rules) == 0 {
		t.Error("no rules after first use")
	}
}

// A document longer than one analysis piece is cut at paragraph breaks:
// every paragraph gets the entities it gets on its own, at its offset, and
// a cut never falls inside a character.
func TestDeidentifyLongDocumentInPieces(t *testing.T) {
	e := engine(t)
	para := "Pt Mrs. Lopez seen 7/22 at Lakeshore General by Dr. Alvarez, call 410-555-2671.\n\n"
	doc := strings.Repeat(para, 2*deidChunk/len(para)+3)
	one := e.Deidentify(bg, "", para, DeidOptions{})
	if len(one.Entities) < 4 {
		t.Fatalf("the paragraph alone gives %d entities", len(one.Entities))
	}
	all := e.Deidentify(bg, "", doc, DeidOptions{})
	reps := len(doc) / len(para)
	if len(all.Entities) != reps*len(one.Entities) {
		t.Fatalf("%d entities in %d paragraphs, want %d", len(all.Entities), reps, reps*len(one.Entities))
	}
	for i, en := range all.Entities {
		want := one.Entities[i%len(one.Entities)]
		off := (i / len(one.Entities)) * len(para)
		if en.Start != want.Start+off || en.Text != want.Text || en.Type != want.Type {
			t.Fatalf("entity %d: %+v, want %+v at +%d", i, en, want, off)
		}
	}
	if all.Text != strings.Repeat(one.Text, reps) {
		t.Error("redacted text differs from the paragraphs redacted alone")
	}
	// no blank line, no line break, no space: cut on a rune boundary
	runes := strings.Repeat("é", deidChunk)
	for off := 0; off < len(runes); {
		end := chunkEnd(runes, off)
		if end <= off || !utf8.RuneStart(runes[end%len(runes)]) && end != len(runes) {
			t.Fatalf("cut at %d", end)
		}
		off = end
	}
}

// A post text longer than one piece is judged piece by piece: each
// paragraph's findings land at its offset, findings about the bio are kept
// once, and a suppression by line applies to the whole text.
func TestCheckLongTextInPieces(t *testing.T) {
	e := engine(t)
	para := "Mrs. Lopez in bed 4 keeps pulling her IV, third night in a row.\n\n"
	one := e.Check(bg, Post{Text: para, Author: Author{Bio: "RN at Lakeshore General"}})
	if len(one.Findings) == 0 {
		t.Fatal("the paragraph alone has no findings")
	}
	reps := 2*MaxPiece/len(para) + 3
	doc := strings.Repeat(para, reps)
	all := e.Check(bg, Post{Text: doc, Author: Author{Bio: "RN at Lakeshore General"}})
	textFindings, other := 0, 0
	for _, f := range all.Findings {
		a, b, ok := f.Span()
		if !ok || f.Field != "" {
			other++
			continue
		}
		textFindings++
		if doc[a:b] != f.Text {
			t.Fatalf("finding %s points at %q, says %q", f.Rule, doc[a:b], f.Text)
		}
	}
	perPara := 0
	for _, f := range one.Findings {
		if _, _, ok := f.Span(); ok && f.Field == "" {
			perPara++
		}
	}
	if textFindings != reps*perPara || other != len(one.Findings)-perPara {
		t.Errorf("%d text findings (want %d) and %d others (want %d)", textFindings, reps*perPara, other, len(one.Findings)-perPara)
	}
	if all.Verdict != one.Verdict {
		t.Errorf("verdict %s, the paragraph alone %s", all.Verdict, one.Verdict)
	}
	// a suppression on the last paragraph's line silences only that one
	last := strings.Count(doc, "\n") - 1
	sup := e.Check(bg, Post{Text: doc, Suppress: []Suppression{{Rule: "patient-privacy", Reason: "consent on file", Line: last}}})
	if len(sup.Suppressed) == 0 || len(sup.Suppressed) >= textFindings {
		t.Errorf("%d findings suppressed on line %d", len(sup.Suppressed), last)
	}
}

// With the default detectors the judge finds candidates only when a rule
// can use them (see judge.ruleCands), and makes the bio and the reply
// fields only when a rule may read them (judge.Judge.reads). The reports must be exactly those
// of running every detector on every post and making every field, which
// the judge does when the detectors are wrapped (here by an allow list
// that matches nothing).
func TestCandidatesOnDemandChangeNothing(t *testing.T) {
	lazy := engine(t)
	eager, err := New(Options{Allow: []string{"zz-no-such-term-zz"}})
	if err != nil {
		t.Fatal(err)
	}
	var posts []Post
	for _, f := range []string{"set1", "set2", "set3", "set4"} {
		raw, err := os.ReadFile("eval/fresh/" + f + ".posts.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var p Post
			if err := json.Unmarshal([]byte(l), &p); err != nil {
				t.Fatal(err)
			}
			posts = append(posts, p)
		}
	}
	for _, r := range lazy.Rules().Rules {
		for _, ex := range append(append([]rules.Example{}, r.Examples.Flag...), r.Examples.Pass...) {
			p := ex.Post
			p.Media = nil // photo paths are relative to the rules' folder
			posts = append(posts, p)
		}
	}
	if len(posts) < 500 {
		t.Fatalf("only %d posts", len(posts))
	}
	for _, p := range posts {
		a, b := lazy.Check(bg, p), eager.Check(bg, p)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%q:\n on demand %s\n every detector %s", p.Text, ja, jb)
		}
	}
}

// One engine serves several goroutines (audit checks in parallel): pooled
// buffers must not leak between them.
func TestConcurrentChecksAgree(t *testing.T) {
	e := engine(t)
	var posts []Post
	for _, f := range []string{"set1", "set2"} {
		raw, err := os.ReadFile("eval/fresh/" + f + ".posts.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var p Post
			if json.Unmarshal([]byte(l), &p) == nil {
				p.Media = nil
				posts = append(posts, p)
			}
		}
	}
	if len(posts) < 200 {
		t.Fatalf("only %d posts", len(posts))
	}
	want := make([]string, len(posts))
	wantD := make([]string, len(posts))
	for i, p := range posts {
		b, _ := json.Marshal(e.Check(bg, p))
		want[i] = string(b)
		d, _ := json.Marshal(e.Deidentify(bg, "x", p.Text, DeidOptions{}))
		wantD[i] = string(d)
	}
	// a fresh engine whose rules, patterns and literal analyses are all
	// made on first use: the first checks race for them
	e, err := New(Options{LazyRules: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range posts {
				i := (k*7 + g*13) % len(posts)
				b, _ := json.Marshal(e.Check(bg, posts[i]))
				if string(b) != want[i] {
					t.Errorf("post %d differs concurrently", i)
				}
				d, _ := json.Marshal(e.Deidentify(bg, "x", posts[i].Text, DeidOptions{}))
				if string(d) != wantD[i] {
					t.Errorf("deid %d differs concurrently", i)
				}
			}
		}(g)
	}
	wg.Wait()
}

// An identifier rule that reads only IDs, scoped to the bio, finds none
// there: the bio's candidates are its places (judge.candsOf), however the
// candidates are found.
func TestBioIDRuleReadsOnlyPlaces(t *testing.T) {
	pack := `name: user
rules:
  - id: user.bio-id
    kind: identifier
    category: self-privacy
    severity: warn
    clause: AMA-b
    scope: [bio]
    types: [ID]
    message: an id in bio
    fix: remove it
    examples:
      flag:
        - {text: "hi", bio: "NPI 1578293046"}
`
	lazy, err := New(Options{RulePacks: map[string][]byte{"user.yaml": []byte(pack)}})
	if err != nil {
		t.Fatal(err)
	}
	p := Post{Text: "hello world"}
	p.Author.Bio = "NPI 1578293046 | MRN 00482913"
	if r := lazy.Check(bg, p); len(r.Findings) != 0 {
		t.Errorf("the bio's candidates are its places only, got: %+v", r.Findings)
	}
}

// The judge makes the bio and the replied-to text fields only when a rule
// that reads them applies to the post (judge.Judge.reads), else when first
// read: a user's rules scoped to them, whose phrases are in no other field
// (and so make them candidates from there alone), still fire, on exactly the posts where an engine that makes every field
// fires them.
func TestBioAndReplyMadeOnDemand(t *testing.T) {
	pack := []byte(`name: user
rules:
  - id: user.reply-phrase
    kind: phrase
    category: self-privacy
    severity: warn
    clause: AMA-b
    scope: [reply]
    phrases: [zebra crossing]
    message: a phrase in the reply
    fix: reply elsewhere
    examples:
      flag:
        - {text: "hi", reply_to: "a zebra crossing"}
  - id: user.bio-phrase
    kind: phrase
    category: self-privacy
    severity: warn
    clause: AMA-b
    scope: [bio]
    when: {role: [nurse]}
    phrases: [zebra crossing]
    message: a phrase in the bio
    fix: change the bio
    examples:
      flag:
        - {text: "hi", role: nurse, bio: "a zebra crossing"}
`)
	lazy, err := New(Options{RulePacks: map[string][]byte{"user.yaml": pack}})
	if err != nil {
		t.Fatal(err)
	}
	eager, err := New(Options{RulePacks: map[string][]byte{"user.yaml": pack}, Allow: []string{"zz-no-such-term-zz"}})
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]int{}
	for _, role := range []string{"nurse", "physician"} {
		for _, bio := range []string{"", "a zebra crossing", "my patient at Mercy West"} {
			for _, reply := range []string{"", "a zebra crossing", "is it a zebra crossing or a patient?"} {
				p := Post{Text: "my patient crossed the road", Author: Author{Role: role, Bio: bio}}
				if reply != "" {
					p.ReplyTo = &ReplyTo{Text: reply}
				}
				a, b := lazy.Check(bg, p), eager.Check(bg, p)
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if string(ja) != string(jb) {
					t.Errorf("%+v:\n on demand %s\n every field %s", p, ja, jb)
				}
				for r := range rulesOf(a) {
					fired[r]++
				}
			}
		}
	}
	// the reply rule on the 12 posts with the phrase in their reply, the
	// bio rule on the 3 of a nurse with it in her bio
	if fired["user.reply-phrase"] != 12 || fired["user.bio-phrase"] != 3 {
		t.Errorf("fired %v", fired)
	}
}
