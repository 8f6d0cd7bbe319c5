package dates

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func run(src string) []detect.Candidate {
	return New().Detect(text.Parse(src), nil)
}

func show(src string, cs []detect.Candidate) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s/%s %q %.2f\n", c.Type, c.Sub, src[c.Start:c.End], c.Score)
	}
	return b.String()
}

// Each case must produce a candidate of exactly this type, sub and text.
var mustFlag = []struct {
	src, text string
	typ       detect.Type
	sub       string
}{
	// numeric
	{"HPI: 7/22 FOUND BY HUSBAND ON FLOOR", "7/22", detect.Date, SubNumeric},
	{"admitted 07/22/2023 to the ICU", "07/22/2023", detect.Date, SubNumeric},
	{"myopathy admitted to hospital 9/3/97. see past hx", "9/3/97", detect.Date, SubNumeric},
	{"CT done 2023-08-18, normal.", "2023-08-18", detect.Date, SubNumeric},
	{"Seen 18.08.2023 in clinic", "18.08.2023", detect.Date, SubNumeric},
	{"echo 8/87 showing EF 20-25%", "8/87", detect.Date, SubNumeric},
	{"also intubated 6/30-7/2 for CHF", "6/30-7/2", detect.Date, SubNumeric},
	{"10-6-06 7p to 7a csru progress report", "10-6-06", detect.Date, SubNumeric},
	{"arrived to CCU at 2300 10/15.", "10/15", detect.Date, SubNumeric},
	{"WATCH RESULTS OF CULTURES FROM 8/31 EVES.", "8/31", detect.Date, SubNumeric},
	{"S/P low ant resection in 3/06. Anxiety.", "3/06", detect.Date, SubNumeric},
	{"Plan to wean for extubation 10/3.", "10/3", detect.Date, SubNumeric},
	{"pt post l aicd pacer on 10/13/82.brought to ccu", "10/13/82", detect.Date, SubNumeric},
	{"CABG on 6/28 8am. Continue to monitor", "6/28", detect.Date, SubNumeric},
	{"started lisinopril 7/2023 and", "7/2023", detect.Date, SubNumeric},
	{"we met on 5/5 at the park", "5/5", detect.Date, SubNumeric},
	{"EXTUBATED 10/3 AT 9:30AM", "10/3", detect.Date, SubNumeric},
	{"TREATMENTS 10/03/10/04 AND DUE", "10/03/10/04", detect.Date, SubNumeric},
	{"MVA 12/07: right tibia fx", "12/07", detect.Date, SubNumeric},
	// date-times
	{"logged 2000-04-16 11:34:35 by", "2000-04-16 11:34:35", detect.Date, SubDateTime},
	{"at 2023-08-18T11:34:35Z the pump", "2023-08-18T11:34:35Z", detect.Date, SubDateTime},
	// month names
	{"on July 22nd at noon", "July 22nd", detect.Date, SubMonthDay},
	{"seen 22-Jul in clinic", "22-Jul", detect.Date, SubMonthDay},
	{"Jul 22 follow-up", "Jul 22", detect.Date, SubMonthDay},
	{"clinic visit Jan 8: 34F, hypercalcemia", "Jan 8", detect.Date, SubMonthDay},
	{"born 22 July 2023 at home", "22 July 2023", detect.Date, SubMonthDay},
	{"symptoms since Feb 2nd 2021.", "Feb 2nd 2021", detect.Date, SubMonthDay},
	{"admitted to St. Vincent's on April 10th, 2023?", "April 10th, 2023", detect.Date, SubMonthDay},
	{"it happened on the 22nd of July, I think", "22nd of July", detect.Date, SubMonthDay},
	{"visited on the 15th of January 2022?", "15th of January 2022", detect.Date, SubMonthDay},
	{"seen Nov 11th '23 for", "Nov 11th '23", detect.Date, SubMonthDay},
	{"knows that it is 20th Oct, 1989.", "20th Oct, 1989", detect.Date, SubMonthDay},
	{"surgery Sept 15 2022 went", "Sept 15 2022", detect.Date, SubMonthDay},
	{"treated Apr. 2nd, 2023 at", "Apr. 2nd, 2023", detect.Date, SubMonthDay},
	{"See you on the 18th!", "18th", detect.Date, SubMonthDay},
	{"May 5 is her big day", "May 5", detect.Date, SubMonthDay},
	{"NOTE: 21 Apr, 21 0700->1930", "21 Apr, 21", detect.Date, SubMonthDay},
	{"Last Tuesday, March 12, a young mother walked in", "Last Tuesday, March 12", detect.Date, SubMonthDay},
	{"Premieres Thursday 15 August on ABC", "Thursday 15 August", detect.Date, SubMonthDay},
	{"camp runs Jan 5-7 this year", "Jan 5-7", detect.Date, SubMonthDay},
	{"from Jan 5 - Jan 7 she stayed", "Jan 5 - Jan 7", detect.Date, SubMonthDay},
	{"it's #July4th weekend", "July4th", detect.Date, SubMonthDay},
	{"in july 2023 she fell", "july 2023", detect.Date, SubMonthYear},
	{"diagnosed July of 2023", "July of 2023", detect.Date, SubMonthYear},
	{"IN THIS CASE MARCH OF 1993.)", "MARCH OF 1993", detect.Date, SubMonthYear},
	// weekdays
	{"last Tuesday she came back", "last Tuesday", detect.Date, SubWeekday},
	{"come back on Tuesday for the suture check", "Tuesday", detect.Date, SubWeekday},
	{"this past Saturday we had a code", "this past Saturday", detect.Date, SubWeekday},
	{"see you on Sat. bring the forms", "Sat", detect.Date, SubWeekday},
	{"Free STI testing this Friday 2-6pm", "this Friday", detect.Date, SubWeekday},
	{"asking for oxy on a Friday night.", "Friday night", detect.Date, SubWeekday},
	// relative days
	{"so good to see you yesterday!!", "yesterday", detect.Date, SubRelative},
	{"fell the day before yesterday", "the day before yesterday", detect.Date, SubRelative},
	{"she came in two days ago with", "two days ago", detect.Date, SubRelative},
	{"admitted 3 days ago", "3 days ago", detect.Date, SubRelative},
	{"seen a couple of days ago", "a couple of days ago", detect.Date, SubRelative},
	{"this past weekend was brutal", "this past weekend", detect.Date, SubRelative},
	{"a woman who presented last week with fatigue", "last week", detect.Date, SubRelative},
	{"echo done the other day revealed", "the other day", detect.Date, SubRelative},
	// holidays
	{"she coded on Christmas Eve", "Christmas Eve", detect.Date, SubHoliday},
	{"working Thanksgiving again", "Thanksgiving", detect.Date, SubHoliday},
	{"admitted New Year's Day", "New Year's Day", detect.Date, SubHoliday},
	{"admitted New Year’s Eve", "New Year’s Eve", detect.Date, SubHoliday},
	{"no news over Fourth of July without fireworks", "Fourth of July", detect.Date, SubHoliday},
	{"burn from fireworks on the 4th of July", "4th of July", detect.Date, SubHoliday},
	{"brought in on Valentine's Day", "Valentine's Day", detect.Date, SubHoliday},
	// ages
	{"a 98 year old woman", "98 year old", detect.Age, SubOver89},
	{"señor de 97 años, infarto", "97 años", detect.Age, SubOver89},
	{"she's 97 and still calls me her favourite", "97", detect.Age, SubOver89},
	{"Amma Lakshmi from Vellore, 93 years young, passed peacefully", "93 years young", detect.Age, SubOver89},
	{"he turned 101 on the ward", "101", detect.Age, SubOver89},
	{"dyn 92 oed wedi disgyn", "92 oed", detect.Age, SubOver89},
	{"La maman, 95 ans, première grossesse", "95 ans", detect.Age, SubOver89},
	{"a 98-year-old woman", "98-year-old", detect.Age, SubOver89},
	{"98 yo gentleman admitted via cath lab", "98 yo", detect.Age, SubOver89},
	{"pt is a 98 y/o male", "98 y/o", detect.Age, SubOver89},
	{"56 Y.O. man admitted", "56 Y.O.", detect.Age, SubAge},
	{"98yo F with CHF", "98yo", detect.Age, SubOver89},
	{"a woman aged 92 with", "92", detect.Age, SubOver89},
	{"male patient, age 95, with", "95", detect.Age, SubOver89},
	{"Age: 91", "91", detect.Age, SubOver89},
	{"at the age of 93 she", "93", detect.Age, SubOver89},
	{"treating a 104-year-old with", "104-year-old", detect.Age, SubOver89},
	{"a lovely lady in her 90s", "90s", detect.Age, SubOver89},
	{"a man in his late 90's", "late 90's", detect.Age, SubOver89},
	{"a man in his mid-90s", "mid-90s", detect.Age, SubOver89},
	{"a woman in her nineties", "nineties", detect.Age, SubOver89},
	{"98M with CHF exacerbation", "98M", detect.Age, SubOver89},
	{"98 F presents with syncope", "98", detect.Age, SubOver89},
	{"pt is a 91 female who", "91", detect.Age, SubOver89},
	{"the pt who turned 100 on our floor today", "100", detect.Age, SubOver89},
	{"celebrating her 95th birthday on the unit", "95th", detect.Age, SubOver89},
	{"a ninety-two-year-old man", "ninety-two-year-old", detect.Age, SubOver89},
	{"one hundred and two years old and sharp", "one hundred and two years old", detect.Age, SubOver89},
	{"our nonagenarian patient", "nonagenarian", detect.Age, SubOver89},
	{"flowsheet for objective data\n98 s/p left hip fx", "98", detect.Age, SubOver89},
	{"O: 58 YEAR OLD FEMALE ADMITTED", "58 YEAR OLD", detect.Age, SubAge},
	{"a 6 month old with fever", "6 month old", detect.Age, SubAge},
	{"98 years of age", "98 years of age", detect.Age, SubOver89},
	// time references
	{"rolled into the ED last night. kid is a legend", "last night", detect.Other, SubTimeRef},
	{"saw him this morning in clinic", "this morning", detect.Other, SubTimeRef},
	{"Tonight a 7yo swallowed magnets", "Tonight", detect.Other, SubTimeRef},
	{"as I said earlier today", "earlier today", detect.Other, SubTimeRef},
	{"came by this afternoon", "this afternoon", detect.Other, SubTimeRef},
	{"she left an hour ago", "an hour ago", detect.Other, SubTimeRef},
	{"he just now walked in", "just now", detect.Other, SubTimeRef},
	{"counted 6 of them on my hall today", "today", detect.Other, SubTimeRef},
}

func TestMustFlag(t *testing.T) {
	for _, c := range mustFlag {
		cs := run(c.src)
		found := false
		for _, x := range cs {
			if x.Type == c.typ && x.Sub == c.sub && c.src[x.Start:x.End] == c.text {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s/%s %q; got\n%s", c.src, c.typ, c.sub, c.text, show(c.src, cs))
		}
	}
}

// Each case must produce no DATE or AGE candidate overlapping text (the
// whole source when text is empty).
var mustPass = []struct{ src, text string }{
	{"PMH: CAD, S/P MI 1992; LCX PTCA", "1992"},
	{"il y a 95 ans, la ville", ""},
	{"she's 92% sure it was him", ""},
	{"he's 95 kg now", ""},
	{"she's 30 and thriving", ""},
	{"hace 95 años que se fundó", ""},
	{"in 2019 she moved", "2019"},
	{"a 2019 study", "2019"},
	{"2/3 of patients improved", "2/3"},
	{"take 1/2 tab po bid", "1/2"},
	{"BP 120/80 HR 72", "120/80"},
	{"we provide 24/7 care", "24/7"},
	{"it's a 50/50 chance", "50/50"},
	{"GCS 3/15 on arrival", "3/15"},
	{"5/5 strength in all extremities", "5/5"},
	{"RESP: CPAP 5/5 FIO2 .50 SATS 100%", "5/5"},
	{"pt remains on ps 12/5 peep, 40% fio2", "12/5"},
	{"chest pain (7/10) cont along w wretching", "7/10"},
	{"C/O 5/10 Mediastinal/incisional pain", "5/10"},
	{"pt c/o back discomfort #4/10, medicated", "4/10"},
	{"for 1 1/2 hours", "1 1/2"},
	{"received 2 mg at 2130", ""},
	{"ARRIVED IN TRANSFER APPROX. 2130; IN NO MAJOR DISTRESS", ""},
	{"upgrade to version 1.2.3 now", ""},
	{"built with v2.10.2020 tools", ""},
	{"call 555-1234 or 617-555-0199", ""},
	{"call 1-800-555-0199", ""},
	{"phone 12-10-99 ext", ""},
	{"server 10.1.2.3 down", ""},
	{"she may go home tomorrow", "may"},
	{"you may need 2 units", ""},
	{"we march 5 miles", ""},
	{"we march on", ""},
	{"I sat with her for an hour", "sat"},
	{"the sun was out", "sun"},
	{"a second opinion", ""},
	{"fell in the fall", ""},
	{"temp 98 F this am", "98"},
	{"Tmax 101 F", "101"},
	{"An 16F Cude was inserted", "16F"},
	{"8f venous sheath remains in r groin", "8f"},
	{"sats in the low 90s", "90s"},
	{"the 90s were great", "90s"},
	{"+3/6 SEM at LUSB", "3/6"},
	{"2/6 systolic murmur", "2/6"},
	{"staph aureus 4/4 bottles", "4/4"},
	{"IVF changed to 1/4 NS", "1/4"},
	{"D5 1/2 NS at 75cc/hr", "1/2"},
	{"O2 SAT 97% ON 2L", "SAT"},
	{"4l on sat 97-98%, rr 18-20", "sat"},
	{"dec 2 units of insulin", ""},
	{"FIO2 DEC 10% THIS SHIFT", ""},
	{"Let's walk through it 👇 (1/12)", "1/12"},
	{"RCTs in adults ages 18-65", ""},
	{"gestational age 32 weeks", ""},
	{"she turned 90 degrees", ""},
	{"2 3/4 inches", ""},
	{"3-5 days of pain", ""},
	{"home on lisinopril 10/20mg", ""},
	{"a 100 year flood", ""},
	{"over 90 years of research", ""},
	{"three kids under 10", ""},
	{"2 years ago I started", "2 years ago"},
	{"every March I visit", "March"},
	{"Aug 2.5 mg", ""},
	{"mid-July heat", ""},
	{"3 female patients", ""},
	{"walked 98 m with walker", ""},
	{"EF<15%; CAD", ""},
	{"K 3.9; A: CONTINUED", ""},
	{"INR 2.0; PT 17.5; PTT 32.3", ""},
	{"BUN 54, CR 2.8; INR 7 ( ON COUMADIN AT HOME)", ""},
	{"room 12-04 and bed 7", ""},
	{"the score was 7-3 in the ninth", ""},
	{"the First Age one", ""},
}

func TestMustPass(t *testing.T) {
	for _, c := range mustPass {
		cs := run(c.src)
		a, b := 0, len(c.src)
		if c.text != "" {
			a = strings.Index(c.src, c.text)
			if a < 0 {
				t.Fatalf("bad case %q", c.src)
			}
			b = a + len(c.text)
		}
		for _, x := range cs {
			if (x.Type == detect.Date || x.Type == detect.Age) && x.Start < b && x.End > a {
				t.Errorf("%q: unexpected %s/%s %q", c.src, x.Type, x.Sub, c.src[x.Start:x.End])
			}
		}
	}
}

func TestTimeRefsAreNotDates(t *testing.T) {
	for _, src := range []string{"last night", "this morning", "tonight", "an hour ago", "today"} {
		for _, x := range run(src) {
			if x.Type != detect.Other || x.Sub != SubTimeRef {
				t.Errorf("%q: got %s/%s", src, x.Type, x.Sub)
			}
		}
	}
	cs := run("today")
	if len(cs) != 1 || cs[0].Score >= 0.3 {
		t.Errorf("bare today should be one low-score time-ref, got\n%s", show("today", cs))
	}
}

func TestScores(t *testing.T) {
	for _, c := range []struct {
		src      string
		min, max float64
	}{
		{"a 98-year-old woman", 0.9, 1},
		{"admitted 07/22/2023 to the ICU", 0.9, 1},
		{"98 F presents with syncope", 0.5, 0.9},
		{"family to visit tomorrow", 0.2, 0.6},
	} {
		cs := run(c.src)
		if len(cs) != 1 || cs[0].Score < c.min || cs[0].Score > c.max {
			t.Errorf("%q: want one candidate scored in [%.2f,%.2f], got\n%s", c.src, c.min, c.max, show(c.src, cs))
		}
	}
}

func TestSpansOrderedAndDisjoint(t *testing.T) {
	src := "98 yo M seen 7/22, 7/23 and on July 24th, 2023; last Tuesday yesterday 2000-04-16 11:34:35 " +
		"in her 90s, 2 days ago, tonight, Christmas Eve, the 4th of July, aged 92."
	cs := run(src)
	if len(cs) < 10 {
		t.Fatalf("expected many candidates, got\n%s", show(src, cs))
	}
	for i, c := range cs {
		if c.Start < 0 || c.End > len(src) || c.Start >= c.End {
			t.Fatalf("bad span %+v", c)
		}
		if i > 0 && c.Start < cs[i-1].End {
			t.Errorf("overlap: %q and %q", src[cs[i-1].Start:cs[i-1].End], src[c.Start:c.End])
		}
		if c.Score <= 0 || c.Score > 1 {
			t.Errorf("score out of range: %+v", c)
		}
	}
}

func TestAppendsToOut(t *testing.T) {
	prev := []detect.Candidate{{Type: detect.Name, Start: 0, End: 1, Score: 1}}
	out := New().Detect(text.Parse("seen 7/22 and 7/23"), prev)
	if len(out) != 3 || out[0].Type != detect.Name {
		t.Fatalf("want the existing candidate kept and two appended, got %+v", out)
	}
	if New().Name() != "dates" {
		t.Fatal("name")
	}
}

func TestNastyInputs(t *testing.T) {
	inputs := []string{
		"", " ", "\x00", "\xff\xfe7/22\xff", "7/", "/7", "7/22/", "-", "99999999999999999999/99999999999999",
		"1/2/3/4/5/6/7/8/9/10/11/12/13", "2023-", "2023-08-", "2023-08-18T", "2023-08-18T1", "July", "the 22nd of",
		"aged", "age:", "in her", "ago", "days ago", "98 y", "98 y/", "98yo", "90s", "twenty-", "a hundred",
		"one hundred and", "new year's", "st.", "fourth of", "Tue,", "Tue, 7/", "٣/٤", "７/２２", "98 F\x00presents",
		strings.Repeat("7/22 ", 1000), strings.Repeat("Jan ", 1000), strings.Repeat("1/", 5000),
	}
	for _, in := range inputs {
		for _, c := range run(in) {
			if c.Start < 0 || c.End > len(in) || c.Start >= c.End {
				t.Errorf("%q: bad span %+v", in, c)
			}
		}
	}
}

func TestAppositiveAges(t *testing.T) {
	for in, want := range map[string]string{
		"Pt J.T., 67, back in clinic today": "67",
		"Mrs. Lopez, 92, was admitted":      "92",
		"We saw 3, 4, 5 patients":           "",
		"In Boston, 12, maybe":              "",
		"my patient Jayden, 8, is":          "8",
		"dose 5, 10, 15 mg":                 "",
	} {
		d := text.Parse(in)
		got := ""
		for _, c := range New().Detect(d, nil) {
			if c.Type == detect.Age {
				got = in[c.Start:c.End]
			}
		}
		if got != want {
			t.Errorf("%q: age %q, want %q", in, got, want)
		}
	}
}

func TestExtraDates(t *testing.T) {
	for in, want := range map[string]string{
		"s/p pelvic fx4/97, right arm":     "4/97",
		"hct am labs on10/14/82 to hct-30": "10/14/82",
		"11/21.93 neuro: pt alert":         "11/21.93",
		"living with brother in sept. and": "sept.",
		"admitted since March for rehab":   "March",
		"in July they came":                "July",
		"she may go home":                  "",
		"MAP goal 65, on 5 units":          "",
		"b12/folate sent":                  "",
		"CO/CI/SVR 10.1/4.72/230 c/w":      "",
		"CO/CI 6.3/3.54, unable":           "",
	} {
		d := text.Parse(in)
		got := ""
		for _, c := range New().Detect(d, nil) {
			if c.Type == detect.Date {
				got = in[c.Start:c.End]
			}
		}
		if got != want {
			t.Errorf("%q: date %q, want %q", in, got, want)
		}
	}
}

// TestMonthAloneTriggers: monthAlone relies on the trigger-word prefilter,
// so every month it accepts must be a trigger word.
func TestMonthAloneTriggers(t *testing.T) {
	for _, m := range []string{"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december",
		"jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"} {
		if _, ok := words[key(m)]; !ok || !monthAlone(m) {
			t.Errorf("%q: trigger %v, monthAlone %v", m, ok, monthAlone(m))
		}
	}
	for _, w := range []string{"mar", "febr", "monday", "the", "decade"} {
		if monthAlone(w) {
			t.Errorf("monthAlone(%q)", w)
		}
	}
}
