package audit

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/scrubs-dev/scrubs/model"
)

// Account-level rules: what no single post shows.
const (
	ruleProfOnPersonal = "audit.professional-on-personal"
	rulePersOnProf     = "audit.personal-on-professional"
	ruleIdentity       = "audit.identity-public"
	rulePatients       = "audit.patient-contacts"
	rulePublicShare    = "audit.public-history"
)

// Cue words for a rough split of content into professional and personal.
var profWords = set("patient", "patients", "pt", "pts", "clinic", "clinical", "hospital", "ward", "shift",
	"rounds", "residency", "resident", "residents", "attending", "intern", "diagnosis", "diagnosed",
	"treatment", "surgery", "surgical", "icu", "ed", "er", "or", "nicu", "picu", "nurse", "nurses",
	"nursing", "medicine", "medical", "med", "physician", "doctor", "doctors", "consult", "consults",
	"prescribe", "prescribed", "dose", "dosing", "vaccine", "vaccines", "symptoms", "trial", "study",
	"journal", "cme", "conference", "grand", "oncall", "#medtwitter", "#meded", "#foamed", "#medstudent",
	"#surgery", "#nursing", "#residency", "#match", "step1", "usmle", "mcat", "anatomy", "pharmacology",
	"ecg", "ekg", "ct", "mri", "xray", "labs", "chart", "charting", "admission", "admitted", "discharge",
	"discharged", "code", "triage", "sepsis", "stroke", "cardiology", "pediatrics", "oncology")

var persWords = set("vacation", "holiday", "beach", "party", "wedding", "birthday", "kids", "son",
	"daughter", "husband", "wife", "boyfriend", "girlfriend", "partner", "drinks", "drunk", "beer", "wine",
	"cocktails", "hangover", "game", "concert", "movie", "netflix", "dog", "puppy", "cat", "weekend",
	"brunch", "gym", "workout", "dating", "tinder", "vegas", "festival", "playlist", "football",
	"soccer", "basketball", "baseball", "selfie", "mom", "dad", "family", "christmas", "thanksgiving",
	"recipe", "baking", "travel", "trip", "hiking", "#tbt", "#vacation", "#weekend")

// Cues in a message being answered that the person is (or was) a patient.
var patientCues = []string{"my doctor", "my surgeon", "my nurse", "you treated", "you saw me", "you operated",
	"your patient", "i'm your patient", "im your patient", "i was your patient", "my appointment",
	"my results", "my labs", "my prescription", "my surgery", "my diagnosis", "my symptoms",
	"should i take", "should i stop", "my test results", "refill", "my meds", "my medication"}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Categories that only professional, or only personal, content produces.
var profCats = set(model.PatientPrivacy, model.PatientBoundary, model.Credentials,
	model.ConflictOfInterest, model.MisleadingClaims, model.MissingDisclaimer)
var persCats = set(model.Intoxication, model.SexualContent, model.PoliticalEndorsement)

// classify splits content roughly into professional and personal, from
// the categories found and simple cue words.
func classify(text string, fs []model.Finding) (prof, pers bool) {
	for _, f := range fs {
		if profCats[f.Category] {
			prof = true
		}
		if persCats[f.Category] {
			pers = true
		}
	}
	if prof || pers {
		return prof, pers && !prof
	}
	np, nq := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '#'
	}) {
		if profWords[w] {
			np++
		}
		if persWords[w] {
			nq++
		}
	}
	return np > nq, nq > np
}

// patientContact names the person a reply or DM answers when they appear
// to be a patient: the post got a patient-boundary finding, or the message
// answered speaks of being the author's patient.
func patientContact(p *model.Post, fs []model.Finding) string {
	if p.ReplyTo == nil && !p.DM {
		return ""
	}
	who := "(unknown)"
	if p.ReplyTo != nil && p.ReplyTo.Author != "" {
		who = p.ReplyTo.Author
	} else if p.DM {
		who = "(a direct message)"
	}
	for _, f := range fs {
		if f.Category == model.PatientBoundary {
			return who
		}
	}
	if p.ReplyTo != nil && p.ReplyTo.Text != "" {
		t := strings.ToLower(p.ReplyTo.Text)
		for _, c := range patientCues {
			if strings.Contains(t, c) {
				return who
			}
		}
	}
	return ""
}

// acctStats accumulates what the account-level checks need, per platform.
type acctStats struct {
	posts, prof, pers   int
	profIDs, persIDs    []string
	flagged             int // posts with a warn or block finding
	patients            map[string]int
	patientIDs          []string
	patientPosts        int
	public, visibleKnow int
}

type accounts struct{ per map[string]*acctStats }

func newAccounts() *accounts { return &accounts{per: map[string]*acctStats{}} }

const maxExamples = 5

func (a *accounts) add(c *checked) {
	pl := c.res.Post.Platform
	st := a.per[pl]
	if st == nil {
		st = &acctStats{patients: map[string]int{}}
		a.per[pl] = st
	}
	st.posts++
	id := c.res.Post.ID
	if c.prof {
		st.prof++
		st.profIDs = appendExample(st.profIDs, id)
	}
	if c.pers {
		st.pers++
		st.persIDs = appendExample(st.persIDs, id)
	}
	if c.res.Worst().Rank() >= model.Warn.Rank() {
		st.flagged++
	}
	if c.patient != "" {
		st.patientPosts++
		if len(st.patients) < 1000 || st.patients[c.patient] > 0 {
			st.patients[c.patient]++
		}
		st.patientIDs = appendExample(st.patientIDs, id)
	}
	if c.known {
		st.visibleKnow++
		if c.public {
			st.public++
		}
	}
}

// appendExample keeps the smallest few IDs, so examples do not depend on
// the order in which workers finish.
func appendExample(l []string, id string) []string {
	if id == "" {
		return l
	}
	l = append(l, id)
	sort.Slice(l, func(i, j int) bool {
		if len(l[i]) != len(l[j]) {
			return len(l[i]) < len(l[j])
		}
		return l[i] < l[j]
	})
	if len(l) > maxExamples {
		l = l[:maxExamples]
	}
	return l
}

var credentialCue = []string{" md", "m.d.", " do,", " d.o.", " rn", " np", "pa-c", "dr.", "dr ", "physician",
	"doctor", "surgeon", "nurse", "resident", "med student", "medical student", "ms1", "ms2", "ms3", "ms4",
	"pgy", "fellow", "attending", "cardiolog", "oncolog", "pediatric", "psychiatr", "anesthes", "radiolog",
	"dermatolog", "neurolog", "obgyn", "ob/gyn", "emergency medicine", "family medicine", "internal medicine"}

var employerCue = []string{" at ", " @ ", "hospital", "clinic", "medical center", "health system",
	"university", "school of medicine", "college of medicine", "healthcare", "health care"}

func cues(bio string, list []string) []string {
	b := " " + strings.ToLower(bio) + " "
	var out []string
	for _, c := range list {
		if strings.Contains(b, c) {
			out = append(out, strings.TrimSpace(c))
		}
	}
	return out
}

// looksLikeName reports whether a display name looks like a real name:
// two to four capitalised words of letters.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		w = strings.TrimSuffix(w, ".")
		w = strings.TrimSuffix(w, ",")
		rs := []rune(w)
		if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
			return false
		}
		for _, r := range rs {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' {
				return false
			}
		}
	}
	return true
}

func pct(n, d int) int {
	if d == 0 {
		return 0
	}
	return (100*n + d/2) / d
}

// accountFindings runs the account-level checks once the import is over.
func (a *auditor) accountFindings(ctx context.Context, s *Summary) []AccountFinding {
	var out []AccountFinding
	add := func(pl string, f model.Finding) { out = append(out, AccountFinding{Platform: pl, Finding: f}) }
	profiles := map[string][]int{}
	for i, p := range s.Profiles {
		profiles[p.Platform] = append(profiles[p.Platform], i)
	}
	var pls []string
	for pl := range a.acct.per {
		pls = append(pls, pl)
	}
	for pl := range profiles {
		if a.acct.per[pl] == nil {
			pls = append(pls, pl)
		}
	}
	sort.Strings(pls)
	for _, pl := range pls {
		st := a.acct.per[pl]
		if st == nil {
			st = &acctStats{patients: map[string]int{}}
		}
		// the profile (bio, name, visibility), when the export has one
		var bio, name string
		var public *bool
		for _, i := range profiles[pl] {
			p := s.Profiles[i]
			if bio == "" {
				bio = p.Bio
			}
			if name == "" {
				name = p.DisplayName
			}
			if public == nil {
				public = p.Public
			}
		}
		kind := a.opt.Account
		if kind == "" {
			switch {
			case pl == "linkedin":
				kind = "professional"
			case len(cues(bio, credentialCue)) > 0:
				kind = "professional"
			case bio != "":
				kind = "personal"
			}
		}
		// the bio, checked once with the account's context
		if bio != "" {
			rep := a.eng.Check(ctx, model.Post{Platform: pl, Account: kind, Author: model.Author{Role: a.opt.Role, Bio: bio}})
			for _, f := range rep.Findings {
				if f.Field == "bio" {
					add(pl, f)
				}
			}
		}
		// AMA (d): keep personal and professional content apart
		const minPosts, share = 5, 20
		if kind == "personal" && st.prof >= minPosts && pct(st.prof, st.posts) >= share {
			add(pl, model.Finding{
				Rule: ruleProfOnPersonal, Category: model.PatientBoundary, Severity: model.Warn, Clause: "AMA-d",
				Message:  fmt.Sprintf("%d of %d posts (%d%%) on this personal account are professional (clinical work, patients, medicine).", st.prof, st.posts, pct(st.prof, st.posts)),
				Fix:      "Keep clinical and professional content on a professional account, and keep this one personal (or make it private).",
				Evidence: append([]string{"account: personal"}, prefix("post ", st.profIDs)...),
			})
		}
		if (kind == "professional" || kind == "organization") && st.pers >= minPosts && pct(st.pers, st.posts) >= share {
			add(pl, model.Finding{
				Rule: rulePersOnProf, Category: model.PatientBoundary, Severity: model.Warn, Clause: "AMA-d",
				Message:  fmt.Sprintf("%d of %d posts (%d%%) on this professional account are personal (family, parties, drinking, politics).", st.pers, st.posts, pct(st.pers, st.posts)),
				Fix:      "Move personal content to a personal account with private settings; keep this account for professional content.",
				Evidence: append([]string{"account: " + kind}, prefix("post ", st.persIDs)...),
			})
		}
		// identity cues combined with public visibility
		var ids []string
		if looksLikeName(name) {
			ids = append(ids, "real name "+name)
		}
		for _, c := range cues(bio, credentialCue) {
			ids = append(ids, "credential cue \""+c+"\" in the bio")
		}
		if e := cues(bio, employerCue); len(e) > 0 && len(cues(bio, credentialCue)) > 0 {
			ids = append(ids, "employer named in the bio")
		}
		isPub := public != nil && *public || public == nil && st.visibleKnow > 0 && pct(st.public, st.visibleKnow) >= 50
		if len(ids) > 0 && isPub {
			sev := model.Info
			if st.flagged > 0 {
				sev = model.Warn
			}
			msg := "The profile identifies you (" + strings.Join(ids, "; ") + ") and the account is public: every post is attributable to you as a clinician."
			if st.flagged > 0 {
				msg += fmt.Sprintf(" %d of its posts have warn or block findings.", st.flagged)
			}
			add(pl, model.Finding{
				Rule: ruleIdentity, Category: model.SelfPrivacy, Severity: sev, Clause: "AMA-b",
				Message:  msg,
				Fix:      "Review the flagged posts first; then either make the account private or remove the identifying details you do not want tied to it.",
				Evidence: ids,
			})
		}
		// AMA (c): replies and messages to people who appear to be patients
		if st.patientPosts > 0 {
			var who []string
			for w := range st.patients {
				who = append(who, w)
			}
			sort.Slice(who, func(i, j int) bool {
				if st.patients[who[i]] != st.patients[who[j]] {
					return st.patients[who[i]] > st.patients[who[j]]
				}
				return who[i] < who[j]
			})
			if len(who) > maxExamples {
				who = who[:maxExamples]
			}
			ev := prefix("with ", who)
			ev = append(ev, prefix("post ", st.patientIDs)...)
			add(pl, model.Finding{
				Rule: rulePatients, Category: model.PatientBoundary, Severity: model.Warn, Clause: "AMA-c",
				Message:  fmt.Sprintf("%d replies or direct messages went to %d people who appear to be patients (they speak of their care, or the reply gives them individual advice).", st.patientPosts, len(st.patients)),
				Fix:      "Do not give individual care through social media; move the conversation to the clinic's patient portal or phone line, and delete replies that discuss a person's care.",
				Evidence: ev,
			})
		}
		// how much of the history is public
		if st.visibleKnow > 0 && st.public > 0 {
			add(pl, model.Finding{
				Rule: rulePublicShare, Category: model.SelfPrivacy, Severity: model.Info, Clause: "AMA-b",
				Message: fmt.Sprintf("%d of %d posts whose visibility is known (%d%%) are public.", st.public, st.visibleKnow, pct(st.public, st.visibleKnow)),
				Fix:     "Check the platform's privacy settings; limit old posts to friends or followers where the platform allows it.",
			})
		}
	}
	return out
}

func prefix(p string, l []string) []string {
	out := make([]string, 0, len(l))
	for _, s := range l {
		out = append(out, p+s)
	}
	return out
}
