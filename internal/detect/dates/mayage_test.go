package dates

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// agePieces are the numbers, units and words around ages that
// TestMayFindAge joins at random: each reading of a number as an age
// (mixed, single, ageAfter, decade, appositiveAges) and numbers that are
// none.
var agePieces = []string{
	"1", "7", "45", "67", "98", "104", "131", "2024", "0", "٣", "１２", "10am", "3/4", "7/22/2023", "B12", "5mg",
	"98yo", "98yom", "98YOF", "98yoa", "98y", "98yrs", "98yr", "45M", "45f", "90s", "90's", "90’s", "3mo", "2wk",
	"95th", "22nd", "1st", "1234yo", "x98yo",
	"yo", "yom", "yold", "y", "/", "o", ".", "year", "years", "yr", "yrs", "old", "of", "age", "aged", "turned",
	"month", "months", "mo", "wk", "wks", "day", "days", "M", "F", "male", "female", "woman", "boy", "girl",
	"s", "h", "p", "birthday", "bday", "her", "his", "early", "mid", "late", "in", "with", "presents", "admitted",
	"Pt", "J.T.", "Mrs.", "Lopez", ",", "-", "(", ")", "\n", "the", "a", "ninety", "nineties", "nonagenarian",
	"one", "two", "twenty", "hundred", "and", "an", "age:", ":", "=", "ages", "turns", "turning", "olds", "b-day",
	"birthdays", "their", "pt's", "upper", "yr.", "yrs.", "mos", "week", "weeks", "3rd", "21st", "4th", "50s",
	"20's", "4's", "110s", "120s", "5wks", "6mo", "2mos",
}

// agePhrases are ages written out in their many forms, and near misses,
// made of a few parts (mayAgeTexts joins them).
func agePhrases() []string {
	var out []string
	before := []string{"", "her ", "his early ", "their mid-", "pt's late ", "aged ", "age ", "age: ", "turned ", "turns ",
		"at the age of ", "Pt J.T., ", "a ", "my ", "the ", "exactly "}
	nums := []string{"one", "two", "twenty", "twenty-two", "ninety two", "one hundred and two", "one hundred and twenty-two",
		"a hundred", "an", "7", "45", "98", "104", "90s", "90's", "95th", "3mo", "2wks", "98yrs", "1"}
	units := []string{"", " year", "-year", " years", " yr", " yrs.", " yo", " y/o", " y.o.", " y", " weeks", "-week", " months",
		" mo", " day", " days", " birthday", " bday", " M", " F", " male", " s/p", " h/o", ","}
	after := []string{"", " old", "-old", " olds", ". old", " of age", " of", " ago", " later", " with CHF", ", was admitted"}
	for _, b := range before {
		for _, n := range nums {
			for _, u := range units {
				for _, a := range after {
					out = append(out, b+n+u+a)
				}
			}
		}
	}
	return out
}

// mayAgeTexts are random texts of agePieces, and the evaluation texts.
func mayAgeTexts() []string {
	r := rand.New(rand.NewPCG(31, 32))
	texts := []string{"Pt J.T., 67, back in clinic", "Mrs. Lopez, 92, was admitted", "my patient Jayden, 8, came in"}
	for range 30000 {
		var sb strings.Builder
		for range 1 + r.IntN(8) {
			sb.WriteString(agePieces[r.IntN(len(agePieces))])
			switch r.IntN(5) {
			case 0:
			case 1:
				sb.WriteByte('-')
			default:
				sb.WriteByte(' ')
			}
		}
		texts = append(texts, sb.String())
	}
	texts = append(texts, agePhrases()...)
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "presidio-synth.dev.input.jsonl", "asq-phi.dev.input.jsonl", "tweets-general.input.jsonl"} {
		texts = append(texts, detecttest.EvalTextsIfAny(name)...)
	}
	files, _ := filepath.Glob("../../../eval/fresh/*.posts.jsonl")
	if dir := detecttest.SharedDir(); dir != "" {
		files = append(files, filepath.Join(dir, "eval", "dev", "posts.jsonl"))
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var p struct {
				Text   string
				Author struct{ Bio string }
			}
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				texts = append(texts, p.Text, p.Author.Bio)
			}
		}
		f.Close()
	}
	return texts
}

// MayFindAge is false only where Detect finds no age, and it is false on
// texts with numbers that start none (it does not merely tell that a word
// has a digit).
func TestMayFindAge(t *testing.T) {
	det := New().(detector)
	isAge := func(c detect.Candidate) bool { return c.Type == detect.Age }
	ages, skipped, digits := 0, 0, 0
	for _, src := range mayAgeTexts() {
		d := text.Parse(src)
		found := slices.ContainsFunc(det.Detect(d, nil), isAge)
		if found {
			ages++
		}
		if !det.MayFindAge(d) {
			if found {
				t.Fatalf("%q: MayFindAge false, but Detect finds an age", src)
			}
			if strings.ContainsAny(src, "0123456789") {
				digits++
			}
			skipped++
		}
	}
	if ages < 1000 || digits < 1000 {
		t.Fatalf("only %d texts with an age and %d with a number and MayFindAge false: the test reads too few", ages, digits)
	}
	for _, src := range []string{"at 10am on 3/4, 2024", "B12 and 5mg, then 2 more", "room 12 at 7 pm"} {
		if det.MayFindAge(text.Parse(src)) {
			t.Errorf("%q: MayFindAge true, with no number that may start an age", src)
		}
	}
	t.Logf("%d texts with an age; MayFindAge false on %d (%d with a digit)", ages, skipped, digits)
}
