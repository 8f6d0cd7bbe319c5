package scrubs

import "testing"

// conductSev returns the highest severity of the post's findings of
// category cat ("" when there is none).
func conductSev(r Report, cat string) string {
	best, rank := "", 0
	for _, f := range r.Findings {
		if f.Category != cat {
			continue
		}
		k := map[string]int{"info": 1, "warn": 2, "block": 3}[string(f.Severity)]
		if k > rank {
			best, rank = string(f.Severity), k
		}
	}
	return best
}

// The same words about drinking or drugs are a warning on a day off, block
// when tied to clinical duty, and nothing when they describe a patient or
// a drink without intoxication.
func TestIntoxicationDependsOnDuty(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		text, intox, conduct string
	}{
		{"Day off = 4 bottles deep and I can't feel my face lmao 🍷", "warn", ""},
		{"4 bottles deep and I can't feel my face, on call in an hour lmao 🍷", "block", "block"},
		{"took an edible before clinic, this should be fun 🍃", "block", "block"},
		{"took an edible on my golden weekend 🍃", "warn", ""},
		{"A cold beer after shift hits different 🍺", "", ""},
		{"My little brother got married today 🥂 so much love in one place.", "", ""},
		{"The patient came in wasted again, third time this week.", "", ""},
	} {
		r := e.Check(bg, Post{Text: c.text, Account: "personal"})
		if got := conductSev(r, "intoxication"); got != c.intox {
			t.Errorf("%q: intoxication %q, want %q: %s", c.text, got, c.intox, summary(r))
		}
		if got := conductSev(r, "unprofessional-conduct"); got != c.conduct {
			t.Errorf("%q: unprofessional-conduct %q, want %q: %s", c.text, got, c.conduct, summary(r))
		}
	}
}

// "I told the patient I was the doctor" is deception from a student and
// plain fact from a physician.
func TestMisrepresentationDependsOnRole(t *testing.T) {
	e := engine(t)
	text := "told the pt I was 'the doctor' so she'd relax about the exam"
	student := e.Check(bg, Post{Text: text, Author: Author{Role: "student"}})
	if got := conductSev(student, "unprofessional-conduct"); got != "block" {
		t.Errorf("student: unprofessional-conduct %q, want block: %s", got, summary(student))
	}
	physician := e.Check(bg, Post{Text: text, Author: Author{Role: "physician"}})
	if !rulesOf(physician)["conduct.misrepresent-to-patient"] {
		t.Fatalf("physician: the rule should still report (as info): %s", summary(physician))
	}
	for _, f := range physician.Findings {
		if f.Rule == "conduct.misrepresent-to-patient" && f.Severity != "info" {
			t.Errorf("physician: %s is %s, want info", f.Rule, f.Severity)
		}
	}
}

// "That's totally fine" is only unsafe advice when it answers a question
// about mixing a sedative with alcohol.
func TestUnsafeAdviceNeedsTheQuestion(t *testing.T) {
	e := engine(t)
	text := "yeah that's totally fine, enjoy your night 👍"
	alone := e.Check(bg, Post{Text: text})
	if got := conductSev(alone, "unprofessional-conduct"); got != "" {
		t.Errorf("no reply: unprofessional-conduct %q: %s", got, summary(alone))
	}
	reply := e.Check(bg, Post{Text: text, ReplyTo: &ReplyTo{Text: "can I take 2 of my xanax with a few beers? can't sleep"}})
	if got := conductSev(reply, "unprofessional-conduct"); got != "block" {
		t.Errorf("reply about xanax and beer: unprofessional-conduct %q, want block: %s", got, summary(reply))
	}
	harmless := e.Check(bg, Post{Text: text, ReplyTo: &ReplyTo{Text: "is it ok to skip the gym tonight?"}})
	if got := conductSev(harmless, "unprofessional-conduct"); got != "" {
		t.Errorf("reply about the gym: unprofessional-conduct %q: %s", got, summary(harmless))
	}
}

// A phone number posted publicly overshares; the same words in a direct
// message, or an organisation's number, do not.
func TestPrivateContactDependsOnAudience(t *testing.T) {
	e := engine(t)
	text := "Lost my phone, text me at 312-555-0188 until I get a new one"
	public := e.Check(bg, Post{Text: text, Account: "personal", Audience: "public"})
	if got := conductSev(public, "self-privacy"); got != "warn" {
		t.Errorf("public: self-privacy %q, want warn: %s", got, summary(public))
	}
	dm := e.Check(bg, Post{Text: text, Account: "personal", DM: true, Audience: "private"})
	if got := conductSev(dm, "self-privacy"); got != "" {
		t.Errorf("dm: self-privacy %q, want none: %s", got, summary(dm))
	}
	org := e.Check(bg, Post{Text: text, Account: "organization", Audience: "public"})
	if got := conductSev(org, "self-privacy"); got == "warn" || got == "block" {
		t.Errorf("organization: self-privacy %q, want at most info: %s", got, summary(org))
	}
}

// A photographer's watermark in the photo makes a repost a copyright
// problem unless the caption credits them with permission.
func TestCopyrightCreditInCaption(t *testing.T) {
	e := engine(t)
	alt := []Media{{Alt: "landscape photo of a lake at sunrise with the watermark 'J. Doe Photography' in the corner"}}
	bare := e.Check(bg, Post{Text: "my happy place 🏔️", Media: alt})
	if got := conductSev(bare, "copyright"); got != "warn" {
		t.Errorf("uncredited: copyright %q, want warn: %s", got, summary(bare))
	}
	credited := e.Check(bg, Post{Text: "my happy place 🏔️ photo by J. Doe Photography, shared with permission", Media: alt})
	if got := conductSev(credited, "copyright"); got != "" {
		t.Errorf("credited: copyright %q, want none: %s", got, summary(credited))
	}
}

// Claims: the claim blocks, debunking the same claim does not.
func TestClaimsNegationAndEvidence(t *testing.T) {
	e := engine(t)
	for _, c := range []struct{ text, want string }{
		{"Vaccines cause autism and nobody will admit it.", "block"},
		{"Vaccines do not cause autism; the Wakefield paper was retracted.", ""},
		{"My 30-day protocol reverses type 2 diabetes naturally 🌿", "block"},
		{"There is no cure for type 1 diabetes yet.", ""},
		{"Cure rates for early breast cancer in the trial were over 90%.", ""},
		{"Statins are pointless for anyone over 75. Full stop.", "warn"},
	} {
		r := e.Check(bg, Post{Text: c.text})
		if got := conductSev(r, "misleading-claims"); got != c.want {
			t.Errorf("%q: misleading-claims %q, want %q: %s", c.text, got, c.want, summary(r))
		}
	}
}
