package contact_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/contact"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func run(s string) []detect.Candidate {
	return contact.New().Detect(text.Parse(s), nil)
}

func TestMustFlag(t *testing.T) {
	cases := []struct {
		in   string
		want string // exact span text expected
		typ  detect.Type
		sub  string // "" = any
	}{
		// e-mail
		{"Email her case details to jane.e@example.com.", "jane.e@example.com", detect.Email, "email"},
		{"Contact info is smith.example@baylor.edu.", "smith.example@baylor.edu", detect.Email, "email"},
		{"write to cnewvine at ap dot org please", "cnewvine at ap dot org", detect.Email, "obfuscated"},
		{"jdoe [at] mercy-health [dot] org", "jdoe [at] mercy-health [dot] org", detect.Email, "obfuscated"},
		// URLs and bare domains
		{"see https://www.example.org/a?b=1 now", "https://www.example.org/a?b=1", detect.URL, "url"},
		{"I've shared files with you ClickPhobia.com.br/x", "ClickPhobia.com.br/x", detect.URL, "domain"},
		{"more at example.org.", "example.org", detect.URL, "domain"},
		{"donate at colemanforcongress.com 🙏", "colemanforcongress.com", detect.URL, "domain"},
		{"(www.stmarys.co.uk)", "www.stmarys.co.uk", detect.URL, "domain"},
		{"paper: doi.org/10.1371/journal.pone.0298765.", "doi.org/10.1371/journal.pone.0298765", detect.URL, "domain"},
		// IP addresses
		{"keep getting address 41.173.96.26 blocked", "41.173.96.26", detect.IP, "ipv4"},
		{"WHERE client_ip = ?%//!%20\\|106.31.73.20|%20/", "106.31.73.20", detect.IP, "ipv4"},
		{"address 6e40:4041:c617:e898:c11:40d2:c669:2eb4 blocked", "6e40:4041:c617:e898:c11:40d2:c669:2eb4", detect.IP, "ipv6"},
		{"from fe80::1ff:fe23:4567:890a today", "fe80::1ff:fe23:4567:890a", detect.IP, "ipv6"},
		{"host ::ffff:10.0.0.1 ok", "::ffff:10.0.0.1", detect.IP, "ipv6"},
		// full phone numbers, validated
		{"Sister in California 415-999-8604.", "415-999-8604", detect.Phone, "phone"},
		{"dtr Frances Baker- 212- 476- 8356.", "212- 476- 8356", detect.Phone, "phone"},
		{"pt's son ,dave, (240444-1243) was in", "(240444-1243)", detect.Phone, "phone"},
		{"Her phone number is (123) 456-7890.", "(123) 456-7890", detect.Phone, "phone"},
		{"Desk: (898)666-3621x0135", "(898)666-3621x0135", detect.Phone, "phone"},
		{"Fax: 345-899-3560x4587", "345-899-3560x4587", detect.Fax, "fax"},
		{"+1-903-140-4508x769 desk", "+1-903-140-4508x769", detect.Phone, ""},
		{"office +46 (0)8 928 571 38 fax", "+46 (0)8 928 571 38", detect.Phone, ""},
		{"Mobile: +447700 921 916", "+447700 921 916", detect.Phone, "phone"},
		{"Desk: +41 (0)96 471 07 95", "+41 (0)96 471 07 95", detect.Phone, ""},
		{"Phone: 0490 75 40 81", "0490 75 40 81", detect.Phone, "phone"},
		{"Mobile: 03.93.92.16.85", "03.93.92.16.85", detect.Phone, "phone"},
		{"Personal Info:\nPhone:\n467 3395\n\nE-mail:", "467 3395", detect.Phone, "phone"},
		{"Fax: 9498777106", "9498777106", detect.Fax, "fax"},
		{"(579)888-3058 fax\n001-518-640-0854 mobile", "001-518-640-0854", detect.Phone, ""},
		{"APO AA 61487\n416 60 039 office\n", "416 60 039", detect.Phone, "phone"},
		{"they can be reached at 202 2671093. pt has", "202 2671093", detect.Phone, "phone"},
		{"SPOKES PERSON--CELLULAR-410 202-6694 & HOME-410 671-9309.", "410 202-6694", detect.Phone, "phone"},
		{"W: 858-789-7896. Sister", "858-789-7896", detect.Phone, "phone"},
		{"They're not answering at 78 651 450", "78 651 450", detect.Phone, "phone"},
		// a US number with a digit too many, set apart or next to family
		{"daughter visited this am.(412 886 20931) is her cell", "(412 886 20931)", detect.Phone, "phone"},
		{"Wife's number 617 555 12345 noted in chart", "617 555 12345", detect.Phone, "phone"},
		// pagers and extensions
		{"limited.\nPager: #54321\nTime Frame: 3:15", "54321", detect.Phone, "pager"},
		{"AS APPROP.\nPG 33445\n\n", "33445", detect.Phone, "pager"},
		{"he can be reached at beeper number 55037 for consents", "55037", detect.Phone, "pager"},
		{"call me at x54321 if needed", "x54321", detect.Phone, "ext"},
		{"Clinic line ext 212 anytime", "212", detect.Phone, "ext"},
		{"tel. 555-0199 ext. 4411", "555-0199 ext. 4411", detect.Phone, "phone"},
	}
	for _, c := range cases {
		got := run(c.in)
		ok := false
		for _, g := range got {
			if c.in[g.Start:g.End] == c.want && g.Type == c.typ && (c.sub == "" || g.Sub == c.sub) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want %s/%s %q, got %s", c.in, c.typ, c.sub, c.want, show(c.in, got))
		}
	}
}

func TestMustPass(t *testing.T) {
	cases := []string{
		// doses, labs, vitals, ratios, times, years, ages, counts
		"Heparin 1100 units/hr, K 3.8, BUN 54, CR 2.8, INR 7.",
		"BP 120/80, HR 110s, RR 22, SpO2 95% on 2L NC, T 98.6",
		"started on PSV 20/5/.40. PH 7.44-7.46. bicarb gtt d/c'd",
		"recent abg on these settings: 80/48/7.45.34.7 he continued",
		"Time Frame: 3:15-3:45pm. Next dose at 2130 and 0800.",
		"S/P MI 1992; 3V CABG; EF EST 20%; 58 YEAR OLD FEMALE",
		"I/O 2000/1500, UO 80-360CC/HR, TV 700-800CC, IVF @ 125 cc/hr",
		"Date: 2003-08-28 12:13:52\nName: Sieda Batukayev",
		"seen 12/03/2023 and 07-15-2023, f/u 1-2 days",
		"ICD-10 I21.4, CPT 99213, ratio 1:2, 3.5 mg, 10 000 units",
		"call HO if SBP < 90 or > 180; call for UO < 30 cc/hr x 2 hrs",
		"home 2 weeks ago, lives at home with wife, 2 kids",
		"e.g. take with food, i.e. a.m. dose; U.S. guidelines; Ph.D. student",
		"p.o. q.d. b.i.d. t.i.d. p.r.n.; went home.It was fine; shift.hr 89; BLOOD PRESSURE.LT ARM",
		"NEURO: PT APPEARS A@OX3...APPROPRIATE WITH FAMILY",
		"version 1.2.3 of the app, section 4.2.1, v2.0.1.5b",
		"Values 1 2 3 4 5 6 7 8 in the table; counts 100 200 300",
		"Pt is 67, weighs 82 kg, 5'10\", GCS 15, pain 3/10",
		"read report.pdf and notes.docx, main.go, readme.md",
		"MAP 75-100, CVP 12-15, PAP 45/22, CI 2.1-2.4",
		"$1,234,567 budget; 1,500 mL",
		"daughter visited, vent 500 600 700 today",
		"labs 301 273 45166 stable overnight",
		"son at bedside; (112 273 45166) on the pump log",
	}
	for _, in := range cases {
		if got := run(in); len(got) > 0 {
			t.Errorf("%q: want nothing, got %s", in, show(in, got))
		}
	}
}

func show(s string, cs []detect.Candidate) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(c.Type) + "/" + c.Sub + " " + strconvQuote(s[c.Start:c.End]))
	}
	b.WriteByte(']')
	return b.String()
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestName(t *testing.T) {
	if n := contact.New().Name(); n != "contact" {
		t.Fatalf("Name() = %q", n)
	}
}

func TestCueAndScore(t *testing.T) {
	got := run("Call my home line at (555) 014-2279 tonight")
	if len(got) != 1 || got[0].Cue == "" || got[0].Score <= 0 || got[0].Score > 1 {
		t.Fatalf("want one cued phone, got %+v", got)
	}
	got = run("Sister in California 415-999-8604.")
	if len(got) != 1 || got[0].Cue != "" || got[0].Score < 0.5 {
		t.Fatalf("want one uncued valid phone, got %+v", got)
	}
}

func TestEdgeInputs(t *testing.T) {
	huge := strings.Repeat("call 555-0100 x12 a@b.co 1.2.3.4 ", 20000) + strings.Repeat("9", 100000)
	for _, s := range []string{
		"", "+", "(", "::", "@", "x", "+(", "1", "1.", "1.2.3.", "a@", "@b.c", "\xff\xfe+1\x00555",
		"+\x00", "(\xff", "999999999999999999999999999999999999", "1-2-3-4-5-6-7-8-9-10-11",
		"ext", "ext.", "x1", "at", "a at b dot", "a [at] b [dot]", ":::::", "fe80:", "1.1.1.1.1",
		"phone:" + strings.Repeat(" 12", 50), "www." + strings.Repeat("a.", 100) + "com", huge,
	} {
		detecttest.CheckSpans(t, s, run(s))
	}
	if got := contact.New().Detect(nil, nil); got != nil {
		t.Fatalf("nil doc: %v", got)
	}
}

func FuzzDetect(f *testing.F) {
	detecttest.Fuzz(f, contact.New(),
		"Phone: +46 (0)8 928 571 38 fax 345-899-3560x4587",
		"Pager: #54321 ext 212 x54321",
		"jdoe [at] example [dot] org, a.b@c.edu.",
		"ClickPhobia.com.br/x 6e40:4041::2eb4 10.0.0.1",
		"BP 120/80 2003-08-28 12:13:52 (240444-1243)",
		"\xff\x00+1 (",
	)
}

func BenchmarkDetect(b *testing.B) { detecttest.Bench(b, contact.New()) }
func BenchmarkDetectShort(b *testing.B) {
	detecttest.BenchOn(b, contact.New(), "presidio-synth.dev.input.jsonl")
}
