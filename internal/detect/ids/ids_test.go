package ids_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/ids"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func run(s string) []detect.Candidate {
	return ids.New().Detect(text.Parse(s), nil)
}

func TestMustFlag(t *testing.T) {
	cases := []struct {
		in, want, sub, cue string // cue "" = not checked; "-" = must be empty
		minScore           float64
	}{
		// record numbers after cues, with the '#' kept when glued on
		{"seen at Presbyterian on January 10th, 2023, under MRN 12345-JS?", "12345-JS", "mrn", "MRN", 0.8},
		{"Refer to record #EM-345678.", "#EM-345678", "mrn", "record", 0.7},
		// a Medicare Beneficiary Identifier needs no cue: its form is rare
		{"new Medicare MBIs look like 4TQ9-WP2-HN61 now", "4TQ9-WP2-HN61", "health-plan", "", 0.8},
		{"card says 1EG4TE5MK73", "1EG4TE5MK73", "health-plan", "", 0.8},
		{"(MRN: S-987654)?", "S-987654", "mrn", "MRN", 0.8},
		{"Boston General Hospital (MRN: BG-998877)?", "BG-998877", "mrn", "MRN", 0.8},
		{"Cedar Sinai on January 10, 2023 (MRN: #CS123456)?", "#CS123456", "mrn", "MRN", 0.8},
		{"with MRN: UCLA-T1D-2023?", "UCLA-T1D-2023", "mrn", "MRN", 0.8},
		{"(Medical record: P12345678)?", "P12345678", "mrn", "Medical record", 0.8},
		{"Ensure PT ID #SP-112233 is noted.", "#SP-112233", "mrn", "PT ID", 0.8},
		{"medical records show ID: 987654", "987654", "", "ID", 0.5},
		{"Med rec #: JH-12345.", "JH-12345", "mrn", "", 0.7},
		{"(MRN: 123-45-6789)?", "123-45-6789", "mrn", "MRN", 0.8},
		{"(MRN: 123-456-789)?", "123-456-789", "mrn", "MRN", 0.8},
		// health plans
		{"Insurance number: HPN-987654321.", "HPN-987654321", "health-plan", "Insurance", 0.8},
		{"Her HMO ID is 5678-2345-4321.", "5678-2345-4321", "health-plan", "HMO ID", 0.8},
		{"his plan includes policy #11223344.", "#11223344", "health-plan", "policy", 0.8},
		{"Ins. policy #BC-654321.", "#BC-654321", "health-plan", "policy", 0.8},
		{"pt has ins plan #R-987654.", "#R-987654", "health-plan", "ins plan", 0.8},
		{"(Insurance: ABC234567)?", "ABC234567", "health-plan", "", 0.8},
		{"Medicare ID 1EG4-TE5-MK73", "1EG4-TE5-MK73", "health-plan", "Medicare ID", 0.8},
		{"member ID: XJH448812993", "XJH448812993", "health-plan", "member ID", 0.8},
		// accounts
		{"(Acct#: GRM-998877).", "GRM-998877", "account", "Acct", 0.8},
		{"(Account Number: 9876543210)?", "9876543210", "account", "Account", 0.8},
		// SSN
		{"(SSN: 123-45-6789)?", "123-45-6789", "ssn", "SSN", 0.9},
		{"social security 078 05 1120 on file", "078 05 1120", "ssn", "social security", 0.8},
		{"SSN 219099999", "219099999", "ssn", "SSN", 0.8},
		{"his number 219-09-9999 was on the form", "219-09-9999", "ssn", "", 0.7},
		// NPI, DEA
		{"NPI 1234567893", "1234567893", "npi", "NPI", 0.9},
		{"prescriber 1234567893 signed", "1234567893", "npi", "-", 0.3},
		{"DEA # AB1234563, renewed", "AB1234563", "dea", "DEA", 0.9},
		{"reg AB1234563", "AB1234563", "dea", "", 0.8},
		// payment and bank
		{"My credit card 4111 1111 1111 1111 has been lost", "4111 1111 1111 1111", "credit-card", "credit card", 0.9},
		{"Need to see last 10 transaction of card 6011550896033147", "6011550896033147", "credit-card", "card", 0.9},
		{"my credit card number is 675984103431?", "675984103431", "credit-card", "", 0.7},
		{"charged 4111-1111-1111-1111 twice", "4111-1111-1111-1111", "credit-card", "-", 0.5},
		{"My IBAN is GB82WEST12345698765432", "GB82WEST12345698765432", "iban", "", 0.9},
		{"my iban is gb42nawi04454264788619", "gb42nawi04454264788619", "iban", "", 0.9},
		{"wire to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32", "iban", "", 0.9},
		// vehicles and devices
		{"licence plate 7ABC123 in the lot", "7ABC123", "vehicle", "licence plate", 0.8},
		{"VIN 1HGCM82633A004352", "1HGCM82633A004352", "vehicle", "VIN", 0.9},
		{"found 1HGCM82633A004352 towed", "1HGCM82633A004352", "vehicle", "-", 0.8},
		{"his white Hilux ABC 1234 is in the ambulance bay", "ABC 1234", "vehicle", "Hilux", 0.8},
		{"the reg is KDA 447Q, move it", "KDA 447Q", "vehicle", "reg", 0.7},
		{"pacemaker serial PM1234567", "PM1234567", "device", "pacemaker serial", 0.8},
		{"S/N: XK-2231-99 on the pump", "XK-2231-99", "device", "S/N", 0.8},
		{"device ID 00643169007222", "00643169007222", "device", "device ID", 0.8},
		// licences and certificates
		{"state license 40-88213", "40-88213", "licence", "state license", 0.8},
		{"birth certificate no. 2019-014455", "2019-014455", "certificate", "birth certificate", 0.8},
		// other
		{"should arrive this morning (ref # 8336652).", "8336652", "other", "ref", 0.6},
		// uncued, ID-like shapes score low
		{"follow up with HP-678901 next week", "HP-678901", "other", "-", 0.3},
		{"BH-112233 was discussed", "BH-112233", "other", "-", 0.3},
	}
	for _, c := range cases {
		got := run(c.in)
		var hit *detect.Candidate
		for k := range got {
			if c.in[got[k].Start:got[k].End] == c.want {
				hit = &got[k]
			}
		}
		switch {
		case hit == nil:
			t.Errorf("%q: want %q, got %s", c.in, c.want, show(c.in, got))
		case hit.Type != detect.ID:
			t.Errorf("%q: type %s", c.in, hit.Type)
		case c.sub != "" && hit.Sub != c.sub:
			t.Errorf("%q: sub %q, want %q", c.in, hit.Sub, c.sub)
		case c.cue == "-" && hit.Cue != "":
			t.Errorf("%q: cue %q, want none", c.in, hit.Cue)
		case c.cue != "" && c.cue != "-" && !strings.EqualFold(hit.Cue, c.cue):
			t.Errorf("%q: cue %q, want %q", c.in, hit.Cue, c.cue)
		case hit.Score < c.minScore || hit.Score > 1:
			t.Errorf("%q: score %.2f, want >= %.2f", c.in, hit.Score, c.minScore)
		}
	}
}

func TestCuedBeatsUncued(t *testing.T) {
	cued := run("MRN: HP-678901")
	bare := run("saw HP-678901 today")
	if len(cued) != 1 || len(bare) != 1 || cued[0].Score <= bare[0].Score {
		t.Fatalf("cued %+v, bare %+v", cued, bare)
	}
}

func TestMustPass(t *testing.T) {
	cases := []string{
		// doses, labs, vitals, ratios, times, years, ages, counts
		"Heparin 1100 units/hr; decreased from 800-600U. PTT>150 and INR 7",
		"Model 4TQ9-WP2-HN6 spare part", // one character short of an MBI
		"BUN 54, CR 2.8, K 3.8, Mg 2.1, WBC 12.4, Hct 28.5, plt 145000",
		"BP 120/80, HR 110s, RR 22, SpO2 95%, TV 700-800CC, U/O 80-360CC/HR",
		"given at 2130 and 0800; next at 1400hrs; 10am, 5pm",
		"S/P MI 1992; EF 20%; 58 YEAR OLD; 67yo; G2P1; COVID-19; ICD-10 I21.4",
		"VALUES FOR IABP- AS- 86-105 AD-91-118 BAEDP-56-66 MAP-75-100",
		"masked ventilation of AC-20-50-400-5 with poor ventilation",
		"VARIABLE RATE 95-120-THOUGH DOES NOT STAY",
		"seen 07-15-2023 and 2023-04-25; labs 12/03/2023",
		"Phone: 555-123-4567, call 415-555-1234",
		"Pager #54321 after 5pm",
		"ALDE to become third-largest group #ep2014 #FF2020",
		"plan: 2000 cc fluid restriction; chart 1500 mL out",
		"record 10000 units given; no 12345 mg",
		"my car is a Golf GTI 2019, the van a VW T6 2020",
		"the ute did 140 km on the Bruce Hwy",
		"H1N1, CYP2D6, BRCA1, HbA1c 7.2, CD4 350, T4, B12 500mcg",
		"1,500,000 cells; 3.14159265; 98.6F; 100000 units",
		"room 12, bed 4B, 4 East, level 2, suite 200",
		"3 mg x 12345",
	}
	for _, in := range cases {
		if got := run(in); len(got) > 0 {
			t.Errorf("%q: want nothing, got %s", in, show(in, got))
		}
	}
}

func TestChecksums(t *testing.T) {
	// invalid check digits fall back to shape rules or nothing
	for _, in := range []string{
		"ID AB1234567 was",             // 2 letters + 7 digits, bad DEA checksum: cued generic, not dea
		"card 4111 1111 1111 1112 now", // bad Luhn: a 16-digit card with cue stays a weak card
	} {
		for _, c := range run(in) {
			if c.Sub == "dea" || c.Sub == "credit-card" && c.Score > 0.8 {
				t.Errorf("%q: %+v passed a checksum it should fail", in, c)
			}
		}
	}
	if got := run("IBAN GB82WEST12345698765433"); len(got) != 1 || got[0].Score > 0.8 {
		t.Errorf("bad IBAN accepted: %+v", got)
	}
	if got := run("NPI 1234567890"); len(got) != 1 || got[0].Score > 0.85 {
		t.Errorf("bad NPI: %+v", got)
	}
	if got := run("charged 4111 1111 1111 1112 twice"); len(got) != 0 {
		t.Errorf("uncued bad-Luhn number flagged: %+v", got)
	}
}

func TestName(t *testing.T) {
	if n := ids.New().Name(); n != "ids" {
		t.Fatalf("Name() = %q", n)
	}
}

func show(s string, cs []detect.Candidate) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		q, _ := json.Marshal(s[c.Start:c.End])
		b.WriteString(c.Sub + " " + string(q) + " cue=" + c.Cue)
	}
	b.WriteByte(']')
	return b.String()
}

func TestEdgeInputs(t *testing.T) {
	huge := strings.Repeat("MRN: AB-123456 SSN 123-45-6789 ", 20000) + strings.Repeat("7", 100000)
	for _, s := range []string{
		"", "#", "-", "#-1", "A-", "1-", "MRN", "MRN:", "MRN #", "\xff\xfe#AB-12345\x00", "GB82", "GB82 ",
		"GB82 WEST 1234 5698 7654 3", strings.Repeat("A1-", 200), strings.Repeat("1 ", 200),
		"S/N", "s/", "/n 12345", "4111 1111 1111 1111 1111 1111", "VIN", "plate ABC 1234 5678",
		huge,
	} {
		detecttest.CheckSpans(t, s, run(s))
	}
	if got := ids.New().Detect(nil, nil); got != nil {
		t.Fatalf("nil doc: %v", got)
	}
}

func FuzzDetect(f *testing.F) {
	detecttest.Fuzz(f, ids.New(),
		"MRN: #EM-345678, SSN 123-45-6789, NPI 1234567893",
		"card 4111 1111 1111 1111 IBAN GB82 WEST 1234 5698 7654 32",
		"DEA AB1234563 VIN 1HGCM82633A004352 S/N: XK-2231-99",
		"plate ABC 1234, #11223344, HP-678901",
		"\xff#\x00-1",
	)
}

func BenchmarkDetect(b *testing.B) { detecttest.Bench(b, ids.New()) }
func BenchmarkDetectShort(b *testing.B) {
	detecttest.BenchOn(b, ids.New(), "presidio-synth.dev.input.jsonl")
}
