package names

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func detectAll(s string) []detect.Candidate {
	return New().Detect(text.Parse(s), nil)
}

// best returns the highest score of a candidate covering want (or 0).
func best(cs []detect.Candidate, src, want string) (float64, string) {
	at := strings.Index(src, want)
	if at < 0 {
		return 0, ""
	}
	end := at + len(want)
	sc, sub := 0.0, ""
	for _, c := range cs {
		if c.Start <= at && c.End >= end && c.Score > sc {
			sc, sub = c.Score, c.Sub
		}
	}
	return sc, sub
}

func TestMustFlag(t *testing.T) {
	tests := []struct {
		src, want, sub string
	}{
		{"Saw Mrs Lopez in clinic today, she is doing better.", "Mrs Lopez", "titled"},
		{"Doña Carmen Ruiz, 91 años, cama 7, hoy cumplió años y le cantamos.", "Doña Carmen Ruiz", "titled"},
		{"Nimempokea Mzee Otieno leo, wodi namba 6, sukari yake iko juu sana.", "Mzee Otieno", "titled"},
		{"Hoy vino la señora Benítez a la consulta, que bien que está mejor.", "Benítez", ""},
		{"Our patient Anna S. was discharged home.", "Anna S.", "full"},
		{"Signed off to J.T. at handover.", "J.T.", "initials"},
		{"Spoke with wife Veronica about goals of care.", "Veronica", ""},
		{"Consult placed with Dr. Tomás Ibarra this morning.", "Dr. Tomás Ibarra", "titled"},
		{"pt nicholson resting comfortably, no complaints overnight, will monitor", "nicholson", ""},
		{"Ms. R was seen again today for follow up.", "Ms. R", "titled"},
		{"Case discussed with Dr. John L. and the team.", "Dr. John L.", "titled"},
		{"PT SEEN BY DR WILSON THIS AM, AWARE OF LABS AND PLAN FOR TRANSFER.", "DR WILSON", "titled"},
		{"Our 3 founders: Kónya, Becker and Vasquez met in Berlin.", "Kónya", ""},
		{"Our 3 founders: Kónya, Becker and Vasquez met in Berlin.", "Vasquez", ""},
		{"Update from Smith's family was reassuring.", "Smith", ""},
		{"social: son bill called twice for updates overnight.", "bill", ""},
		{"My name is Siiri and I work nights.", "Siiri", ""},
		{"we met with patient Czyzewicz and his family", "Czyzewicz", ""},
		{"Yesterday Albert Svenningsen came by the unit.", "Albert Svenningsen", "full"},
		{"Carole Hayes, RN", "Carole Hayes", "full"},
		{"Reported to Dr. O'Rourke, 1mg given.", "Dr. O'Rourke", "titled"},
		{"VENTOLIN MDI Q4. ROBERT V. DEGIORGIO, RRT", "ROBERT V. DEGIORGIO", "full"},
		{"She told Szöllössy the results.", "Szöllössy", ""},
		{"Zorka: Where were you last night?\nLiesel: At the market, as always.", "Zorka", ""},
		{"Zorka: Where were you last night?\nLiesel: At the market, as always.", "Liesel", ""},
		{"They named her Rosalind after the aunt.", "Rosalind", ""},
		{"Our founders: Quenby, Hartwell and Ames.", "Hartwell", ""},
		{"The ticket was booked for Ödön Szabó yesterday.", "Ödön Szabó", "full"},
		{"TEMP 38.2, REPEAT AT 1400. R. FALCONETTI AWARE. WILL RECHECK.", "R. FALCONETTI", ""},
		{"SBP DOWN TO 80S, K BRANNIGAN ORDERED FLUIDS AND LABS.", "K BRANNIGAN", ""},
		{"HR 110. CXR DONE; AS PER B. FALCONETTI NO CHANGE TODAY.", "B. FALCONETTI", ""},
		{"Tachy to 130s. Dr. o malley at the bedside, plan reviewed.", "o malley", ""},
		{"Dr. Sarah O'Driscoll spoke with family.", "O'Driscoll", ""},
		{"keep sbp 130-140 with labetolol gtt. Maria Delacroix, RN", "Maria Delacroix", "full"},
		{"Remember me, Marguerite? We met in Lyon.", "Marguerite", ""},
		{"Pressures soft after the run. Dr. halvorsen made aware, bolus given.", "Dr. halvorsen", "titled"},
		// an initial and a common surname before a staff verb, in capitals
		{"HR 120S, SBP 85. K MILLER ORDERED FLUID BOLUS AND LABS.", "K MILLER", "full"},
		// plain words around an initial and a surname are not part of it
		{"PLAN TO MEET T. BRANNIGAN NURSING AGENCY IN AM.", "T. BRANNIGAN", "full"},
		// a signature line in lower case inside a mixed-case note
		{"Skin intact, turned q2h.\n\nmarisol kendrick rn", "marisol kendrick", "full"},
		{"Plan: Continue.\nKenneth L Obuya, RRT", "Kenneth L Obuya", "full"},
		// a first name after a social-section header
		{"resp: lungs clear.\nsocial: tom called twice overnight; updated on plan.", "tom", ""},
		// a relative, then a first name set off by commas (even one that is also shorthand)
		{"Social: Daughter, Nora, updated by phone tonight.", "Nora", ""},
		{"Family: Brother, Ed, called from work.", "Ed", ""},
		// a possessive title ("DR'S") is still a title
		{"PT EXPIRED AT 0320. DR'S CAMARDA AND CLIFFORD REMAINED AT BEDSIDE.", "DR'S CAMARDA", "titled"},
	}
	for _, tc := range tests {
		cs := detectAll(tc.src)
		sc, sub := best(cs, tc.src, tc.want)
		if sc < 0.5 {
			t.Errorf("%q: %q scored %.2f, want >= 0.5 (candidates %+v)", tc.src, tc.want, sc, cs)
			continue
		}
		if tc.sub != "" && sub != tc.sub {
			t.Errorf("%q: %q sub %q, want %q", tc.src, tc.want, sub, tc.sub)
		}
	}
}

func TestMustPass(t *testing.T) {
	tests := []struct{ src, word string }{
		{"a man in his 50s with CHF admitted overnight", "CHF"},
		{"PSA from the ED: an Uber is cheaper than a trauma bay.", "Uber"},
		{"BUN 54, CR 2.8; INR 7 ON COUMADIN AT HOME", "BUN"},
		{"Will follow up with the team tomorrow.", "Will"},
		{"Grace period for the license renewal ends soon.", "Grace"},
		{"Moving to Mobile, AL next month for fellowship.", "Mobile"},
		{"Clinic is closed in January and on Monday.", "January"},
		{"Clinic is closed in January and on Monday.", "Monday"},
		{"Family history of Parkinson disease in her father.", "Parkinson"},
		{"Started Lasix 40 mg and Tylenol prn.", "Lasix"},
		{"Started Lasix 40 mg and Tylenol prn.", "Tylenol"},
		{"Thank God the ICU team was fast.", "God"},
		{"Emergency department was slammed tonight.", "Emergency"},
		{"MS back to baseline after the run of SVT.", "MS"},
		{"pt will be transferred; son will be in later", "will"},
		{"Seen at Mercy Hospital last week.", "Mercy"},
		// prose in other languages: its words that are also names
		{"Hoy perdimos a un paciente al que cuidé durante meses. No voy a contar nada más.", "durante"},
		{"Hoy perdimos a un paciente al que cuidé durante meses. No voy a contar nada más.", "Hoy"},
		{"Les urgences débordent encore, ce n'est pas la faute des patients mais un choix politique.", "choix"},
		{"I'm glad the shift is over.", "I'm"},
		{"NGT ALSO PLACED ON L NARE. SHE HAS MULTIPLE SITES.", "L NARE"},
		{"Wean neo as tol. Monitor Sats, C.O. and SVR overnight.", "C.O."},
		{"K+ 3.7 after repletion. H.O. aware, no further K+ needed.", "H.O."},
		{"RATE CONTROLLED. DISCUSS B BLOCKER DOSING IN AM.", "B BLOCKER"},
		{"GI: tolerating diet.\nEndo: BS 212, covered with insulin.\nSoc: family in.", "Endo"},
		{"Their partners: Hicks, Brown and Abt Associates won the bid.", "Hicks"},
		{"Line team to place Permacath on Friday if stable.", "Permacath"},
		{"CV: ST with frequent PACs, team aware.", "PACs"},
		{"HX: AFIB, CVA/TIA, CAD WITH STENT.", "TIA"},
		{"ETT secured at the 24 cm mark at the lip.", "mark"},
		{"L ARM ORDERED FOR PICC PLACEMENT.", "ARM"},
		{"CONSULTED ID RE S. AUREUS IN SPUTUM.", "AUREUS"},
		{"Skin intact.\npain control good rn\n", "control"},
		{"Family: Son, ED, and ICU team aware.", "ED"},
		{"social: will call in am for update.", "will"},
		{"Family: son, Pt, and nurse present.", "Pt"},
	}
	for _, tc := range tests {
		cs := detectAll(tc.src)
		at := strings.Index(tc.src, tc.word)
		if at < 0 {
			t.Fatalf("bad test %q", tc.word)
		}
		for _, c := range cs {
			if c.Start < at+len(tc.word) && at < c.End && c.Score >= 0.5 {
				t.Errorf("%q: %q flagged as %q (%s %.2f cue %q)", tc.src, tc.word, tc.src[c.Start:c.End], c.Sub, c.Score, c.Cue)
			}
		}
	}
}

func TestCandidatesWellFormed(t *testing.T) {
	src := "Dr. Smith and Nurse Jones saw Mr. Brown's daughter Maria G. at 5pm; J.T. aware."
	cs := detectAll(src)
	if len(cs) < 4 {
		t.Fatalf("want several names, got %+v", cs)
	}
	for _, c := range cs {
		if c.Type != detect.Name || c.Score <= 0 || c.Score > 1 || c.Sub == "" || c.Start >= c.End || c.End > len(src) {
			t.Errorf("bad candidate %+v", c)
		}
	}
}

func TestGazetteerLoaded(t *testing.T) {
	for _, w := range []string{"james", "mary", "smith", "nicholson", "moretti"} {
		if lookup(w) == 0 {
			t.Errorf("%q missing from the embedded name list", w)
		}
	}
	if lookup("aware") != 0 {
		t.Errorf("aware should not be a name")
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"Dr. Smith", "J.T.", "Mrs Lopez's", "son bill", "A-B-C", "\xff\xfeDr.", "Dr.", "Ms. R", "Kónya, Becker and Vasquez",
		"Retterer-moore", "x\u00a0Dr\u2028Smith", "#JohnSmith @jane", "''s", "O'", "Dr. -", "ROBERT V. DEGIORGIO, RRT"} {
		f.Add(s)
	}
	det := New()
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Parse(s)
		for _, c := range det.Detect(d, nil) {
			if c.Start < 0 || c.End > len(s) || c.Start >= c.End {
				t.Fatalf("bad span %+v in %q", c, s)
			}
			if c.Score <= 0 || c.Score > 1 {
				t.Fatalf("bad score %+v", c)
			}
		}
	})
}

func BenchmarkDetect(b *testing.B) { detecttest.Bench(b, New()) }

// isTitle is the titles list, with "'s", within maxTitleLen bytes.
func TestIsTitle(t *testing.T) {
	want := func(w string) bool {
		if len(w) > maxTitleLen {
			return false
		}
		return titles[w] || strings.HasSuffix(w, "'s") && titles[w[:len(w)-2]]
	}
	// the words of isTitle's switch, and near misses
	words := strings.Fields(`dr doctor mr mrs ms miss mx mister prof professor madam mme mlle sra srta
		dr's doctor's mr's mrs's ms's miss's mx's mister's prof's madam's mme's mlle's sra's srta's señora senora señora's
		d drs dr' dr's's mrss professor's professors`)
	words = append(words, "")
	for w := range titles {
		words = append(words, w, w+"'s", w+"s", w[:len(w)-1], w+"'", "x"+w)
	}
	for w := range kw {
		words = append(words, w, w+"'s")
	}
	for _, w := range words {
		if isTitle(w) != want(w) {
			t.Errorf("isTitle(%q) = %v", w, isTitle(w))
		}
	}
}

// scanBytes answers as a loop over the bytes does.
func TestScanBytes(t *testing.T) {
	slow := func(w string) (nonASCII, quote bool) {
		for k := 0; k < len(w); k++ {
			if c := w[k]; c >= utf8.RuneSelf {
				nonASCII = true
				quote = quote || c == 0xE2
			} else if c == '\'' {
				quote = true
			}
		}
		return
	}
	words := []string{"", "a", "i'm", "don’t", "sörös", "miklós", "abcdefgh", "abcdefgh'", "abcdefg'h", "'abcdefghijklmnop", "abcdefghijklmnop’"}
	bytes := []byte{'a', 'z', '\'', 0, 0x27 ^ 0x80, 0x80, 0xE2, 0x99, 0xFF, 0x26, 0x28, 0xA7}
	for n := 0; n <= 17; n++ {
		for _, c := range bytes {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat("q", n))
				b[at] = c
				words = append(words, string(b))
			}
		}
	}
	for _, w := range words {
		a, q := scanBytes(w)
		if sa, sq := slow(w); a != sa || q != sq {
			t.Errorf("scanBytes(%q) = %v, %v, want %v, %v", w, a, q, sa, sq)
		}
	}
}

// atLeast3Runes and oneRune count as utf8.RuneCountInString does.
func TestRuneCounts(t *testing.T) {
	for _, w := range []string{"", "a", "ab", "abc", "é", "éa", "aé", "éé", "ééé", "abé", "\xff\xff", "\xff\xff\xff", "日本", "日本語", "a\xe2", "\xe2\x80"} {
		n := utf8.RuneCountInString(w)
		if atLeast3Runes(w) != (n >= 3) || oneRune(w) != (n == 1) {
			t.Errorf("%q: atLeast3Runes %v, oneRune %v, runes %d", w, atLeast3Runes(w), oneRune(w), n)
		}
	}
}

func BenchmarkDetectPosts(b *testing.B) { detecttest.BenchPosts(b, New()) }

// An @handle names a person (Safe Harbor: any other unique identifying
// code); the "@" of clinical shorthand does not.
func TestHandles(t *testing.T) {
	yes := map[string]string{
		"@jessruns_42 you CRUSHED your first post-op session": "@jessruns_42",
		"your shoulder imaging is back @kieran.lifts":         "@kieran.lifts",
		"Hear @drsmith on the podcast":                        "@drsmith",
		"got to see @the_rivera_fam baby girl":                "@the_rivera_fam",
	}
	for src, want := range yes {
		found := false
		for _, c := range detectAll(src) {
			if c.Sub == SubHandle && src[c.Start:c.End] == want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no handle %q", src, want)
		}
	}
	for _, src := range []string{"NS @75CC/HR", "RECHECK @12AM", "lasix @goal", "CRACKLES @BASES", "HR 80s @rest", "email jo@example.com", "K @ 3.7", "meet @ 5pm"} {
		for _, c := range detectAll(src) {
			if c.Sub == SubHandle {
				t.Errorf("%q: unexpected handle %q", src, src[c.Start:c.End])
			}
		}
	}
}

// The function-word table answers +1 for every foreign word, -1 for every
// English one and 0 for any other word.
func TestFunctionWords(t *testing.T) {
	for _, w := range foreignWords {
		if k := text.Pack(w); k != 0 && functionWords.get(k) != 1 {
			t.Errorf("%q: %d, want 1", w, functionWords.get(k))
		}
	}
	for _, w := range englishWords {
		if functionWords.get(text.Pack(w)) != -1 {
			t.Errorf("%q: want -1", w)
		}
	}
	for _, w := range []string{"patient", "bed", "maria", "x", "hoyy"} {
		if functionWords.get(text.Pack(w)) != 0 {
			t.Errorf("%q is no function word", w)
		}
	}
}
