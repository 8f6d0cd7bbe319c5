package scrubs

import "testing"

// severityOf returns the highest severity of category c in r ("" when none).
func severityOf(r Report, c string) string {
	best := ""
	rank := map[string]int{"": 0, "info": 1, "warn": 2, "block": 3}
	for _, f := range r.Findings {
		if f.Category == c && rank[string(f.Severity)] > rank[best] {
			best = string(f.Severity)
		}
	}
	return best
}

// The same vulgar words are a warning in a public post and only advice in
// a direct message.
func TestProfanityPublicVersusDM(t *testing.T) {
	e := engine(t)
	text := "this fucking pager has not stopped all night"
	pub := e.Check(bg, Post{Text: text, Platform: "x", Account: "personal", Audience: "public"})
	if got := severityOf(pub, "profanity"); got != "warn" || pub.Verdict != "review" {
		t.Errorf("public post: profanity %q, verdict %s: %s", got, pub.Verdict, summary(pub))
	}
	dm := e.Check(bg, Post{Text: text, Platform: "x", DM: true})
	if got := severityOf(dm, "profanity"); got != "info" {
		t.Errorf("DM: profanity %q, want info: %s", got, summary(dm))
	}
}

// Clinical and identity words are never profanity or sexual content, and
// a mild "damn" is at most info.
func TestClinicalTermsAreNotProfanity(t *testing.T) {
	e := engine(t)
	for _, s := range []string{
		"Penile fracture is a urologic emergency: a pop, rapid detumescence and swelling means go to the ER.",
		"Don't skip the rectal exam or the testicular exam; anal fissures and scrotal masses get missed.",
		"Breast and nipple changes, vaginal bleeding after menopause, blood in sperm or ejaculation: tell your doctor.",
		"Patient sex: male. Cocaine use disclosed. Finger prick glucose 54.",
		"Our clinic welcomes gay, lesbian, bisexual and trans patients.",
		"Damn, what a week. Grateful for a quiet Saturday.",
	} {
		r := e.Check(bg, Post{Text: s, Platform: "x", Account: "professional"})
		for _, c := range []string{"profanity", "sexual-content", "discrimination"} {
			if sev := severityOf(r, c); sev == "warn" || sev == "block" {
				t.Errorf("%q: %s %s: %s", s, c, sev, summary(r))
			}
		}
	}
}

// Innuendo about a colleague is a warning; the same innuendo about a
// patient is a block.
func TestSexualContentInvolvingPatients(t *testing.T) {
	e := engine(t)
	colleague := e.Check(bg, Post{Text: "the new ortho attending is a literal Greek god 🥵 #residentlife", Platform: "x"})
	if got := severityOf(colleague, "sexual-content"); got != "warn" {
		t.Errorf("colleague: sexual-content %q, want warn: %s", got, summary(colleague))
	}
	patient := e.Check(bg, Post{Text: "my patient in 9 is a literal Greek god 🥵 #nightshift", Platform: "x"})
	if got := severityOf(patient, "sexual-content"); got != "block" || patient.Verdict != "block" {
		t.Errorf("patient: sexual-content %q, verdict %s: %s", got, patient.Verdict, summary(patient))
	}
	// the suggestive description is in the photo's alt text only
	photo := e.Check(bg, Post{Text: "night shift things", Media: []Media{{Alt: "two nurses posing suggestively on a hospital bed"}}})
	if got := severityOf(photo, "sexual-content"); got != "warn" {
		t.Errorf("alt text: sexual-content %q, want warn: %s", got, summary(photo))
	}
	swim := e.Check(bg, Post{Text: "Lake day with the ICU girls 🛶💦", Media: []Media{{Alt: "women in swimsuits on a dock"}}})
	if sev := severityOf(swim, "sexual-content"); sev != "" {
		t.Errorf("swimwear: sexual-content %q: %s", sev, summary(swim))
	}
}

// Insults in a reply to someone are a heated exchange; the same words
// aimed at oneself in a standalone post are not.
func TestHeatedReply(t *testing.T) {
	e := engine(t)
	text := "you absolute moron, read a textbook"
	reply := e.Check(bg, Post{Text: text, Platform: "x", ReplyTo: &ReplyTo{Text: "vaccines are poison and you're a pharma shill"}})
	if got := severityOf(reply, "disparagement"); got != "warn" {
		t.Errorf("reply: disparagement %q, want warn: %s", got, summary(reply))
	}
	alone := e.Check(bg, Post{Text: text, Platform: "x"})
	if got := severityOf(alone, "disparagement"); got == "warn" || got == "block" {
		t.Errorf("not a reply: disparagement %q: %s", got, summary(alone))
	}
}

// A slur used is a block; the same slur reported or condemned is not.
func TestSlurUsedVersusCondemned(t *testing.T) {
	e := engine(t)
	used := e.Check(bg, Post{Text: "surrounded by f*gs all semester 😭💀 #nursingschool", Platform: "tiktok"})
	if got := severityOf(used, "discrimination"); got != "block" {
		t.Errorf("used: discrimination %q, want block: %s", got, summary(used))
	}
	for _, s := range []string{
		"A resident used the word 'retarded' on rounds today and I explained why we don't: it's a slur.",
		"A patient called me a faggot today. Still gave him the best care I could.",
	} {
		if got := severityOf(e.Check(bg, Post{Text: s}), "discrimination"); got != "" {
			t.Errorf("%q: discrimination %q", s, got)
		}
	}
}

// A mocking photo shared approvingly is discrimination; the same photo
// shared to call it out is not (the text decides).
func TestMockingPhotoDependsOnText(t *testing.T) {
	e := engine(t)
	alt := []Media{{Alt: "handwritten sign on the break-room fridge mocking a Spanish accent"}}
	cheer := e.Check(bg, Post{Text: "😂😂😂 our charge nurse is an absolute legend", Media: alt})
	if got := severityOf(cheer, "discrimination"); got != "block" {
		t.Errorf("shared approvingly: discrimination %q: %s", got, summary(cheer))
	}
	callout := e.Check(bg, Post{Text: "Found this in our break room and took it down. Not funny, not who we are.", Media: alt})
	if got := severityOf(callout, "discrimination"); got != "" {
		t.Errorf("called out: discrimination %q: %s", got, summary(callout))
	}
}

// Derogatory slang about patients is disparagement; arguing against the
// slang, or the same words outside a clinical context, is not.
func TestClinicalSlangContext(t *testing.T) {
	e := engine(t)
	if got := severityOf(e.Check(bg, Post{Text: "admitted 3 gomers and a frequent flyer tonight 🙃"}), "disparagement"); got != "warn" {
		t.Errorf("slang about patients: disparagement %q", got)
	}
	for _, s := range []string{
		"Can we retire 'frequent flyer' and 'gomer' from hospital vocabulary? Patients who come back often are telling us the system failed them.",
		"Finally used my frequent flyer miles for the conference.",
	} {
		if got := severityOf(e.Check(bg, Post{Text: s}), "disparagement"); got != "" {
			t.Errorf("%q: disparagement %q", s, got)
		}
	}
}
