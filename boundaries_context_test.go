package scrubs

import "testing"

// cbSeverity returns the highest severity of category c in the report ("" if none).
func cbSeverity(r Report, c string) Severity {
	best := Severity("")
	for _, f := range r.Findings {
		if f.Category == c && (best == "" || f.Severity.Rank() > best.Rank()) {
			best = f.Severity
		}
	}
	return best
}

// The same words get different conduct findings depending on who posts
// them, where, and to whom.
func TestBoundariesContext(t *testing.T) {
	e := engine(t)
	const (
		dosing  = "give her 5 ml of Benadryl at bedtime and she will sleep through it"
		title   = "Urgent care doctor here: most sore throats are viral."
		surgeon = "Officially a #Neurosurgeon 🧠 (my first lumbar puncture went great)"
		board   = "Parents always ask me this as a board-certified pediatrician."
		opinion = "Unpopular opinion: most patients with back pain don't need an MRI."
		endorse = "We are proud to support Lena Ford for Governor. Volunteer with us Saturday!"
		party   = "Nurses, this is simple: vote Republican in November."
		promo   = "Not sponsored! The new peel at @BrightSkinStudio is a must have, book now."
		date    = "Of course I remember! It's a date, see you Friday"
	)
	cases := []struct {
		name string
		post Post
		cat  string
		want Severity
	}{
		// dosing: a reply to one person's question vs the same words posted to everyone
		{"dosing in a reply", Post{Text: dosing, ReplyTo: &ReplyTo{Text: "my toddler has hives and can't sleep, help?"}}, "patient-boundary", "warn"},
		{"dosing, no reply", Post{Text: dosing}, "patient-boundary", ""},
		{"dosing in a DM", Post{Text: "just take 2 benadryl tonight and you'll be fine", DM: true}, "patient-boundary", "warn"},
		{"same words, public post", Post{Text: "just take 2 benadryl tonight and you'll be fine"}, "patient-boundary", ""},
		// a date: from a former patient vs from a friend
		{"date with a patient", Post{Text: date, DM: true, ReplyTo: &ReplyTo{Text: "you took care of me after my surgery in May, can I buy you dinner?"}}, "patient-boundary", "block"},
		{"date with a friend", Post{Text: date, DM: true, ReplyTo: &ReplyTo{Text: "it's Sam from the climbing gym, dinner after Friday's session?"}}, "patient-boundary", ""},
		// titles: the role decides
		{"PA as physician", Post{Text: title, Author: Author{Role: "pa"}}, "credentials", "block"},
		{"physician as physician", Post{Text: title, Author: Author{Role: "physician"}}, "credentials", ""},
		{"no role given", Post{Text: title}, "credentials", ""},
		{"student as surgeon", Post{Text: surgeon, Author: Author{Role: "student"}}, "credentials", "block"},
		{"surgeon as surgeon", Post{Text: surgeon, Author: Author{Role: "physician"}}, "credentials", ""},
		{"resident board-certified", Post{Text: board, Author: Author{Role: "resident"}}, "credentials", "block"},
		{"attending board-certified", Post{Text: board, Author: Author{Role: "physician"}}, "credentials", ""},
		{"student attending flair", Post{Text: "vitamin C for sepsis is a dead end", Author: Author{Role: "student", Bio: "Flair: Cardiology - Attending physician"}}, "credentials", "block"},
		{"student honest flair", Post{Text: "vitamin C for sepsis is a dead end", Author: Author{Role: "student", Bio: "Flair: MS3"}}, "credentials", ""},
		// disclaimers: the bio decides
		{"employer, no disclaimer", Post{Text: opinion, Account: "professional", Author: Author{Bio: "Spine surgeon at Bayview Medical Center"}}, "missing-disclaimer", "warn"},
		{"employer with disclaimer", Post{Text: opinion, Account: "professional", Author: Author{Bio: "Spine surgeon at Bayview Medical Center | views my own"}}, "missing-disclaimer", ""},
		{"no employer in bio", Post{Text: opinion, Account: "professional", Author: Author{Bio: "Spine surgeon | cyclist"}}, "missing-disclaimer", ""},
		{"official statement by the organization", Post{Text: "The official position of our hospital: visiting hours return to normal.", Account: "organization"}, "missing-disclaimer", "info"},
		{"official position claimed by an individual", Post{Text: "The official position of our hospital: visiting hours return to normal.", Account: "professional"}, "missing-disclaimer", "warn"},
		// conflicts: the bio shows the tie
		{"injector promotes her spa", Post{Text: promo, Author: Author{Bio: "NP | Owner, @BrightSkinStudio"}}, "conflict-of-interest", "warn"},
		{"customer promotes a spa", Post{Text: promo, Author: Author{Bio: "NP | marathoner"}}, "conflict-of-interest", ""},
		{"code with #ad", Post{Text: "#ad Paid partnership with Brightwell. Code BRIGHT10 for 10% off."}, "conflict-of-interest", ""},
		{"code without #ad", Post{Text: "Love Brightwell. Code BRIGHT10 for 10% off."}, "conflict-of-interest", "warn"},
		// political endorsement: the account decides
		{"endorsement, organization", Post{Text: endorse, Account: "organization"}, "political-endorsement", "block"},
		{"endorsement, professional", Post{Text: endorse, Account: "professional"}, "political-endorsement", "warn"},
		{"endorsement, personal", Post{Text: endorse, Account: "personal"}, "political-endorsement", "info"},
		{"party, professional", Post{Text: party, Account: "professional"}, "political-endorsement", "warn"},
		{"party, personal", Post{Text: party, Account: "personal"}, "political-endorsement", "info"},
		{"speaking for the hospital, personal", Post{Text: "All of us at Bayview Clinic are backing Senator Ruiz in November.", Account: "personal"}, "political-endorsement", "warn"},
		{"ballot measure, organization", Post{Text: "Vote NO on Measure B: it cuts school nurses.", Account: "organization"}, "political-endorsement", ""},
	}
	for _, c := range cases {
		r := e.Check(bg, c.post)
		if got := cbSeverity(r, c.cat); got != c.want {
			t.Errorf("%s: %s severity %q, want %q (%s)", c.name, c.cat, got, c.want, summary(r))
		}
	}
}

// The generated list of current federal politicians is in the pack.
func TestPoliticianList(t *testing.T) {
	e := engine(t)
	r := e.Check(bg, Post{Text: "Vote for Elizabeth Warren in the primary!", Account: "organization"})
	found := false
	for _, f := range r.Findings {
		if f.Rule == "pol.named-politician" && f.Severity == "block" {
			found = true
		}
	}
	if !found {
		t.Errorf("named politician not found: %s", summary(r))
	}
	if r := e.Check(bg, Post{Text: "Elizabeth Warren chaired the hearing on drug prices.", Account: "organization"}); cbSeverity(r, "political-endorsement") != "" {
		t.Errorf("a mention is not an endorsement: %s", summary(r))
	}
}
