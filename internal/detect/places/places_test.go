package places

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func run(src string) []detect.Candidate {
	return New().Detect(text.Parse(src), nil)
}

// covered reports whether every non-space byte of want in src is inside a
// candidate with score >= min (state/country excluded unless sub asks).
func covered(src, want string, cs []detect.Candidate, min float64, sub string) bool {
	at := strings.Index(src, want)
	if at < 0 {
		return false
	}
	for k := at; k < at+len(want); k++ {
		if src[k] == ' ' || src[k] == '\n' {
			continue
		}
		ok := false
		for _, c := range cs {
			if c.Score < min || c.Start > k || k >= c.End {
				continue
			}
			if sub != "" && c.Sub != sub {
				continue
			}
			ok = true
			break
		}
		if !ok {
			return false
		}
	}
	return true
}

func TestMustFlag(t *testing.T) {
	cases := []struct {
		src, want, sub string
	}{
		{"Pt lives at 123 Main St with her daughter.", "123 Main St", "street"},
		{"Home visit in LS9 7TF this afternoon", "LS9 7TF", "zip"},
		{"J.T. rolls into Mercy ED at 0300 Sunday", "Mercy ED", "unit"},
		{"Palace is at SW1A 1AA.", "SW1A 1AA", "zip"},
		{"Drove out to M6H 2K4 for a follow-up", "M6H 2K4", "zip"},
		{"Drove out to M6H2K4 for a follow-up", "M6H2K4", "zip"},
		{"Facility address: 1108 Ross Clark Circle, Dothan", "1108 Ross Clark Circle", "street"},
		{"Mail to PO Box 8158 please", "PO Box 8158", "street"},
		{"Tomomi lives at 86036 Rua do Arenque 1634, Goiânia", "Rua do Arenque 1634", "street"},
		{"Address:\nBrucker Bundesstrasse 31\n Suite 245\n FÜRLING\n Austria 25173.", "Brucker Bundesstrasse 31", "street"},
		{"Address:\nBrucker Bundesstrasse 31\n Suite 245\n FÜRLING", "Suite 245", ""},
		{"eva lives at 255 hersnapvej 18, københavn k", "hersnapvej 18", "street"},
		{"my address is the corner of Dalbraut 99 and Frederikke Coves", "the corner of Dalbraut 99 and Frederikke Coves", "street"},
		{"Apt. 297 is on the left", "Apt. 297", "street"},
		{"She was transferred from Calvert Hospital last night.", "Calvert Hospital", "hospital"},
		{"Seen at St. Brigid's yesterday", "St. Brigid's", "hospital"},
		{"He had surgery at Lakeshore General.", "Lakeshore General", "hospital"},
		{"Referred to Johns Hopkins for a second opinion", "Johns Hopkins", "hospital"},
		{"Follow-up at Cedars-Sinai next week", "Cedars-Sinai", "hospital"},
		{"Transferred to UCSF overnight", "UCSF", "hospital"},
		{"admitted to Mt. Sinai on Friday", "Mt. Sinai", "hospital"},
		{"seen at NY Presbyterian Hospital", "NY Presbyterian Hospital", "hospital"},
		{"Pt had a heart transplant at Holy Cross.", "Holy Cross", "hospital"},
		{"Pt was referred to GH for cath.", "GH", "hospital"},
		{"Records sent to Dr. Smith's Office today", "Dr. Smith's Office", "hospital"},
		{"Pt is a 83 y.o. female transferred to Quartermain 2 today", "Quartermain 2", "unit"},
		{"Bed ready in Lakeshore 4 North tonight", "Lakeshore 4 North", "unit"},
		{"Patient in room 12 is stable", "room 12", "unit*"},
		{"Her son lives in Catonsville and visits daily.", "Catonsville", "city"},
		{"Daughter flew in from Baltimore this morning.", "Baltimore", "city"},
		{"Patient from Middle River, MD was admitted.", "Middle River, MD", "city"},
		{"She lives in Baltimore County near the river.", "Baltimore County", "county"},
		{"Springfield, IL 62701 is her address", "62701", "zip"},
		{"zip code 21201-1234 on file", "21201-1234", "zip"},
		{"seen at Johns Hopkins Hospital, Baltimore, last month", "Johns Hopkins Hospital, Baltimore", ""},
		{"Mr. Leiva flew to Reykjavik on Tuesday morning.", "Reykjavik", "city"},
		{"Lives at Keeley House since March.", "Keeley House", "facility"},
		// addresses: a second house number, "Name number" lines, regions
		{"Send it to 4410 27 Rue des Lilas, Lyon", "4410 27 Rue des Lilas", "street"},
		{"Nordic Ltd\n7731 Brattli 12 Apt. 4\nBergen, NO 50123", "7731 Brattli 12 Apt. 4\nBergen, NO 50123", "street"},
		{"Nordic Ltd\n??? 7731 Brattli 12\n??? Suite 40\n??? Bergen", "7731 Brattli 12", "street"},
		{"the shuttle stops at 5521 grovane 12 st.", "5521 grovane 12", "street"},
		{"She lives on the east side of Ramon Ortega 1187.", "Ramon Ortega 1187", "street"},
		{"Ship to USS Carlson\nFPO AE 09012 today", "USS Carlson\nFPO AE 09012", "street"},
		{"Acme\n2210 Hagenmarkt 84 Apt. 5 GRAZ ST", "2210 Hagenmarkt 84 Apt. 5 GRAZ ST", "street"},
		{"acme\n118 2204 second avenue suite 9 regina saskatchewan", "118 2204 second avenue suite 9 regina saskatchewan", "street"},
		{"Please update the billing address with Lorvik 41 Birch Rapids\n Apt. 5\n Gent", "Lorvik 41 Birch Rapids", "street"},
		// towns from context
		{"the next year at Fintech Inc in VALDREMO, which later", "VALDREMO", "city"},
		{"the economy of his home city BRAVESTI: coal and steel", "BRAVESTI", "city"},
		{"I'm in ΚΑΡΠΑΘΟΣ, at the meeting", "ΚΑΡΠΑΘΟΣ", "city"},
		{"We returned to Cedar Village by noon.", "Cedar Village", "city"},
		{"Mrs. Ortiz flew to Reguengos de Monsaraz on Monday.", "Reguengos de Monsaraz", "city"},
		// hospital places
		{"PLAN: TRANSFER TO BRANTMOOR 3 WHEN BED AVAIL.", "BRANTMOOR 3", "unit"},
		{"Per Brantmoor 4 RN, urine output low", "Brantmoor 4", "unit"},
		{"Transfer to brantmoor 2 today if stable", "brantmoor 2", "unit"},
		{"Social: Had a bed @ St B. but needs rescreening", "St B", "hospital"},
		{"She lives at Hollis Assisted living with an aide", "Hollis Assisted", "facility"},
		{"HE WOULD NEED TO LEAVE GBMC, HAVE SURGERY AND RETURN", "GBMC", "hospital"},
		{"left for radiation planning on South Campus today", "South Campus", "unit"},
		{"sent to Harlan Pierce EW where EKG showed ST changes", "Harlan Pierce EW", "unit"},
		{"FAMILY REPORTS THAT AT GRACE MEMORIAL, SKIN BECAME RED", "GRACE MEMORIAL", "hospital"},
		{"he works for zenith health. a: stable", "zenith health", "hospital"},
		// a place noun with no article after at/to is a name
		{"Pt hopes to go to Summit and rest after discharge.", "Summit", "hospital"},
		{"family meeting at harbor \n\nplan: diurese", "harbor", "hospital"},
		// a ward after a room number, after a transfer cue
		{"Pt transferred to 412 bellamont. Report given.", "bellamont", "unit"},
		// a town no gazetteer knows, where someone lives
		{"social: lives with wife in east ravensby, son nearby.", "east ravensby", "city"},
		// a town's short form after a facility
		{"Arrived by ambulance from the VA in Wilm with the RN", "Wilm", "city"},
		{"D/C TO REHAB IN ZORBERTON WHEN BED AVAILABLE", "ZORBERTON", "city"},
		// an employer
		{"anxious about her business Trextonix, wants phone.", "Trextonix", "facility"},
		{"Pt is employed by Quorvanta as a driver.", "Quorvanta", "facility"},
	}
	for _, c := range cases {
		cs := run(c.src)
		// "*": a weak kind of evidence, reported below the usual bar
		min, sub := 0.5, c.sub
		if strings.HasSuffix(sub, "*") {
			min, sub = 0.4, strings.TrimSuffix(sub, "*")
		}
		if !covered(c.src, c.want, cs, min, sub) {
			t.Errorf("%q: %q (%s) not flagged; got %v", c.src, c.want, c.sub, show(c.src, cs))
		}
	}
}

func TestMustPass(t *testing.T) {
	cases := []string{
		"a man in his 50s with CHF",
		"MS3 2ND YEAR and still lost",
		"Working Christmas Eve in the ED again",
		"B12 2MG daily and vitamin D",
		"home visit in ls9 7tf", // lower case: no postcode shape is trusted
		"cross-cover tonight, hope to see you at sign-out",
		"hope to see everyone at the party",
		"normal sinus rhythm on the monitor",
		"the mobile unit is parked outside",
		"consulted general surgery for the hernia",
		"sent to the emergency department",
		"transferred to the ICU overnight",
		"seen in the ED and discharged",
		"NORMAL SINUS RHYTHM. CON'T TO MONITOR. PLAN TO GO HOME.",
		"Pt wants to go home, will cough and deep breathe.",
		"ST elevation in leads II, III, aVF; weaned to psv 15 peep 5",
		"a high Framingham risk score",
		"HR 80, given 5 MG IV LOPRESSOR OVER 15 MINUTES",
		"Harbor seals and the cross on the hill",
		"the outside hospital sent records",
		"WEANED PACER DOWN TO VVIR 60. OWN RHYTHM 70S",
		"she is yelling in Portuguese, her native language",
		"I used to work for Oracle as a clerk, then quit",
		"to recieve 1 unit of blood tonight",
		"O2 6L VIA FM, sats 98%",
		"Pt was moved to 3 West at 1400",
		"team meeting at summit level today",
		"Pt wants to go to the harbor and fish.",
		"Admitted to 5 north, then transferred to 512 for monitoring.",
		"social: lives with wife in a small house.",
		"lives in pain most days, per wife.",
		"ARRIVED FROM REHAB IN NAD.",
		"I work for Brightloop as a nurse.",
		"she runs her business from home now",
		"from the VA in the morning",
	}
	for _, src := range cases {
		for _, c := range run(src) {
			if c.Score >= 0.5 {
				t.Errorf("%q: unexpected %s %q (%.2f)", src, c.Sub, src[c.Start:c.End], c.Score)
			}
		}
	}
}

func TestStateOnly(t *testing.T) {
	cs := run("She moved back to Ohio last year.")
	if len(cs) == 0 {
		t.Fatal("Ohio not reported")
	}
	for _, c := range cs {
		if c.Sub != SubState {
			t.Errorf("Ohio gave Sub %q", c.Sub)
		}
		if c.Score > 0.2 {
			t.Errorf("state score %.2f, want low", c.Score)
		}
	}
	cs = run("I'm originally from Norway")
	found := false
	for _, c := range cs {
		if c.Sub == SubCountry && c.Score <= 0.2 {
			found = true
		}
		if c.Sub != SubCountry {
			t.Errorf("Norway gave Sub %q", c.Sub)
		}
	}
	if !found {
		t.Error("Norway not reported as country")
	}
}

func TestParenQualifier(t *testing.T) {
	src := "We moved here from Malta (South) last year"
	for _, c := range run(src) {
		if c.Sub == SubCountry && src[c.Start:c.End] == "Malta (South)" {
			return
		}
	}
	t.Errorf("qualifier not joined: %v", show(src, run(src)))
}

func TestCueRecorded(t *testing.T) {
	cs := run("Pt transferred from Calvert Hospital")
	for _, c := range cs {
		if c.Sub == SubHospital && strings.Contains(strings.ToLower(c.Cue), "from") {
			return
		}
	}
	t.Errorf("no hospital with cue: %v", show("Pt transferred from Calvert Hospital", cs))
}

func TestRestrictedZIP3(t *testing.T) {
	for _, z := range []string{"03601", "059", "10299", "893", "82345-1234", "69201"} {
		if !RestrictedZIP3(z) {
			t.Errorf("%s should be restricted", z)
		}
	}
	for _, z := range []string{"21201", "10001", "", "03", "abc12", "90210"} {
		if RestrictedZIP3(z) {
			t.Errorf("%s should not be restricted", z)
		}
	}
	if n := len(restrictedZIP3); n != 17 {
		t.Errorf("%d restricted prefixes, want 17", n)
	}
}

func TestDataLoads(t *testing.T) {
	tb := load()
	if tb.words < 50000 || tb.multi < 10000 {
		t.Fatalf("gazetteer too small: %d words, %d multi", tb.words, tb.multi)
	}
	if !knownZIP(tb, "21201") || knownZIP(tb, "00000") {
		t.Error("ZIP set wrong")
	}
}

func TestSpansInBounds(t *testing.T) {
	for _, src := range []string{"", " ", "\n\n", "St.", "123", "box 5", "the corner of", "Apt.", "Room #", "FPO AP", "Mercy West", "\xff\xfe 12 Main St"} {
		for _, c := range run(src) {
			if c.Start < 0 || c.End > len(src) || c.Start >= c.End || c.Type != detect.Location {
				t.Errorf("%q: bad candidate %+v", src, c)
			}
		}
	}
	if got := New().Detect(nil, nil); len(got) != 0 {
		t.Error("nil doc gave candidates")
	}
}

func show(src string, cs []detect.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Sub+":"+src[c.Start:c.End])
	}
	return out
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"Pt lives at 123 Main St, Springfield, IL 62701",
		"TRANSFER TO QUARTERMAIN 2 FROM CALVERT HOSPITAL",
		"the corner of 159 Eleftheriou Venizelou str and Rennie Union",
		"PSC 6293, Box 8158\nAPO AP 04336",
		"St. Mary's Hospital, Los Angeles; room 4B, bed 3",
		"#MercyWestED shift done", "ул. Ленина 5", "???\n??? Suite 380\n???",
		"She lives on Pine Ridge Rd. Happy St. Patrick's Day, Dr. Smith", "near Main St and 5th Ave",
		"St. Mark's Place -Blvd Oak- Dr.", "Lakeview Dr\nElm St. Ave",
	} {
		f.Add(s)
	}
	d := New()
	f.Fuzz(func(t *testing.T, s string) {
		cs := d.Detect(text.Parse(s), nil)
		for _, c := range cs {
			if c.Start < 0 || c.End > len(s) || c.Start >= c.End {
				t.Fatalf("bad span %+v in %q", c, s)
			}
		}
	})
}

func BenchmarkDetect(b *testing.B)      { detecttest.Bench(b, New()) }
func BenchmarkDetectPosts(b *testing.B) { detecttest.BenchPosts(b, New()) }

// TestCueTrigger: the words that tCue marks are the cue words of cueName,
// which therefore does not test its word again.
func TestCueTrigger(t *testing.T) {
	n := 0
	for _, tr := range triggers() {
		if tr.bit != tCue {
			continue
		}
		n++
		if w := tr.word; cueW.Value(w)&(cueIsOne|cueIsStrong) == 0 && w != "where" && w != "city" {
			t.Errorf("%q starts cueName but is no cue word", w)
		}
	}
	if n == 0 {
		t.Fatal("no cue triggers")
	}
}

// TestEndShape: every word that possessive, abbrevShape or compoundShape
// lets through passes endShape, which run asks first of a word that is no
// key.
func TestEndShape(t *testing.T) {
	for c := range 256 {
		for n := 1; n <= 40; n++ {
			for _, before := range []string{"", "'", "’", "h", "a"} {
				w := strings.Repeat("x", n) + before + string(rune(c))
				if c >= 0x80 {
					w = strings.Repeat("x", n) + before + string([]byte{byte(c)})
				}
				if (possessive(w) || abbrevShape(w) || compoundShape(w)) && !endShape(w) {
					t.Fatalf("endShape(%q) = false", w)
				}
			}
		}
	}
	if endShape("") || endShape("pain") {
		t.Error("endShape passes a word no rule reads")
	}
}

// TestBareStreet: a street named without a house number is a street
// (Safe Harbor removes every geographic subdivision smaller than a
// state), at a score that follows the evidence; a saint, a title, an ECG
// segment, a scan, an idiom or a facility found already is not one.
func TestBareStreet(t *testing.T) {
	flag := []struct {
		src, want string
		min       float64 // the score it must reach at least
	}{
		{"She lives on Pine Ridge Rd with 3 greyhounds.", "Pine Ridge Rd", 0.8},
		{"Mr. Boone from the Elm St shelter is back.", "Elm St", 0.7},
		{"Found near Main St and 5th Ave.", "Main St", 0.7},
		{"Found near Main St and 5th Ave.", "5th Ave", 0.7},
		{"She moved to Fifth Avenue last year.", "Fifth Avenue", 0.7},
		{"the retired teacher on Boone Street again", "Boone Street", 0.8},
		{"She lives off Sunset Way with her sister", "Sunset Way", 0.5},
		{"lives on main st with her son", "main st", 0.7},
		{"we met on 5th ave after the shift", "5th ave", 0.7},
		{"LIVES ON ELM ST WITH WIFE", "ELM ST", 0.7},
		{"the house on Lakeview Dr burned down", "Lakeview Dr", 0.5},
		{"Our patient from the Wilkes-Barre Blvd group home", "Wilkes-Barre Blvd", 0.7},
		{"Took a walk down Wall Street.", "Wall Street", 0.6},
		{"Main St is closed today.", "Main St", 0.4},
		{"Her daughter drives up Hwy from Boone Hwy daily", "Boone Hwy", 0.7},
	}
	for _, c := range flag {
		cs := run(c.src)
		if !covered(c.src, c.want, cs, c.min, SubStreet) {
			t.Errorf("%q: %q not a street at %.2f or more; got %v", c.src, c.want, c.min, showScores(c.src, cs))
		}
	}
	// words that must not become (part of) a street at the bar of a post
	// check (0.5), or at all (0.4: the bar of deid)
	pass := []struct {
		src, not string
		bar      float64
	}{
		{"Seen at St. Brigid's yesterday", "St. Brigid's", 0.4},
		{"Happy St. Patrick's Day to all!", "Happy", 0.4},
		{"Elm St. Mark's was full", "Elm St", 0.4},
		{"Thank you Dr. Smith for the help", "Dr", 0.4},
		{"Thanks Dr Jones, see you", "Thanks Dr", 0.4},
		{"IT'S DR. RAY NOW 🎓", "IT'S", 0.4},
		{"Sunset Dr. Smith called back", "Sunset Dr", 0.4},
		{"I love Wall Street bets", "Wall Street", 0.5},
		{"the Milky Way tonight", "Milky Way", 0.4},
		{"Files are on Google Drive", "Google Drive", 0.4},
		{"went down Memory Lane with her", "Memory Lane", 0.4},
		{"The Best Way To Learn", "Best Way", 0.4},
		{"We took the High Road on this one.", "High Road", 0.4},
		{"First Place winner again", "First Place", 0.4},
		{"Route 66 trip next week", "Route 66", 0.4},
		{"EKG DOWN WITH NONSPEFIC ST CHANGES, PULSUS CHECKED", "NONSPEFIC ST", 0.4},
		{"went to the hospital and had ant st elevations", "ant st", 0.4},
		{"PT OWN RHYTHM 62-77 NSR. CT-SX. OOZY CT OUPT 40-100CC/HR.", "OOZY CT", 0.4},
		{"NO ST CHANGES. SINUS TACH ST 110.", "ST", 0.4},
		{"Head CT negative, seen by RD today", "CT", 0.4},
		{"Plt Ct 150 this morning", "Ct", 0.4},
		{"ST elevation in leads II and III", "ST", 0.4},
		{"on my way home, on every road", "way", 0.4},
		{"Main St is closed today.", "Main St", 0.5},
		{"#DavidGuettaMainSquare tonight", "Square", 0.4},
	}
	for _, c := range pass {
		at := strings.Index(c.src, c.not)
		for _, x := range run(c.src) {
			if x.Sub == SubStreet && x.Score >= c.bar && x.Start < at+len(c.not) && at < x.End {
				t.Errorf("%q: street %q (%.2f) over %q", c.src, c.src[x.Start:x.End], x.Score, c.not)
			}
		}
	}
	// a facility found already is left whole
	src := "Oak Street Health clinic visit on Tuesday"
	for _, x := range run(src) {
		if x.Sub == SubStreet {
			t.Errorf("%q: street %q breaks the facility", src, src[x.Start:x.End])
		}
	}
	// a house number still starts the address
	src = "Pt lives at 45 Elm Street with her daughter."
	if !covered(src, "45 Elm Street", run(src), 0.8, SubStreet) {
		t.Errorf("%q: address lost: %v", src, showScores(src, run(src)))
	}
}

// TestBareSuffix: every street type that starts bareStreet is a street
// type the package knows (strongSuffix), and starts a frame rule.
func TestBareSuffix(t *testing.T) {
	trig := map[string]bool{}
	for _, tr := range triggers() {
		if tr.bit == tFrame {
			trig[tr.word] = true
		}
	}
	for w := range bareSuffix {
		if !strongSuffix[w] {
			t.Errorf("%q: a bare street type that is no strongSuffix", w)
		}
		if !trig[w] {
			t.Errorf("%q: no frame trigger", w)
		}
		if load().lookup(w).trig()&tFrame == 0 {
			t.Errorf("%q: the image does not mark it a frame word", w)
		}
	}
}

func showScores(src string, cs []detect.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s:%s:%.2f", c.Sub, src[c.Start:c.End], c.Score))
	}
	return out
}

// A capitalised name no list knows, after a preposition of place, is a
// guess: below every redaction threshold, and never where case carries no
// signal, on calendar words, peoples and languages, or where another rule
// found the place.
func TestGuesses(t *testing.T) {
	flag := []struct{ src, want string }{
		{"Clinical day at Sunnybrook: my patient told me her story", "Sunnybrook"},
		{"an 88-year-old from Thornhill, sharp as a tack", "Thornhill"},
		{"we met near Wyndcliffe after the game", "Wyndcliffe"},
	}
	for _, c := range flag {
		cs := run(c.src)
		if !covered(c.src, c.want, cs, 0.3, SubGuess) {
			t.Errorf("%q: want a guess on %q, got %v", c.src, c.want, cs)
		}
		for _, x := range cs {
			if x.Sub == SubGuess && x.Score >= 0.4 {
				t.Errorf("%q: a guess scores %.2f, at or above deid's threshold", c.src, x.Score)
			}
		}
	}
	pass := []string{
		"see you at Christmas, back in March",
		"she answered in Spanish and then in Tagalog",
		"clinical day at sunnybrook: all lower case carries no signal",
		"CLINICAL DAY AT SUNNYBROOK",
		"transferred to Mercy General for a cath",
		"the talk at Grand Rounds was great",
	}
	for _, src := range pass {
		for _, x := range run(src) {
			if x.Sub == SubGuess {
				t.Errorf("%q: unexpected guess %q", src, src[x.Start:x.End])
			}
		}
	}
}
