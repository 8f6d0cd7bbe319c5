package dates

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/detect/names"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// alonePieces are what aloneTexts makes random texts of: ages in
// apposition after names and initials, dates that extraDates reads, and
// the words around them.
var alonePieces = []string{
	"Pt", "J.T.", ",", "67", "92", "Mrs.", "Lopez", "Mr", "Dobbins", "my", "patient", "Jayden", "(8)", "back",
	"in", "since", "sept.", "March", "may", "May", "fx4/97", "on10/14/82", "11/21.93", "3/4.21", "7/22", "7/22/2023",
	"98 yo", "98M", "aged 92", "in her 90s", "ninety-two-year-old", "nonagenarian", "turned 95", "last night",
	"Tuesday", "yesterday", "age", "one", "hundred", "the", "was", "seen", "Dr.", "Smith", "\n", ".",
}

// aloneTexts returns the texts TestDetectAlone reads: the detector's
// own cases, random ones, and the evaluation notes and texts where present.
func aloneTexts() []string {
	var texts []string
	for _, c := range mustFlag {
		texts = append(texts, c.src)
	}
	for _, c := range mustPass {
		texts = append(texts, c.src)
	}
	texts = append(texts, "Pt J.T., 67, back in clinic", "Mrs. Lopez, 92, was admitted in sept. and seen 11/21.93")
	r := rand.New(rand.NewPCG(21, 22))
	for range 4000 {
		var sb strings.Builder
		for range 1 + r.IntN(14) {
			sb.WriteString(alonePieces[r.IntN(len(alonePieces))])
			if r.IntN(4) > 0 {
				sb.WriteByte(' ')
			}
		}
		texts = append(texts, sb.String())
	}
	for _, name := range []string{"physionet-deid.dev.input.jsonl", "presidio-synth.dev.input.jsonl", "asq-phi.dev.input.jsonl", "tweets-general.input.jsonl"} {
		texts = append(texts, detecttest.EvalTextsIfAny(name)...)
	}
	return texts
}

// DetectAlone reports that its candidates are those Detect appends after
// any candidates of other detectors, and they are: after the names found
// in the text, and after names placed at random (over its candidates too).
// Where no name overlaps what it found alone, Detect finds the same, and
// the ages it finds after names are among those it found alone; where
// MayFindAge is false it finds no age at all.
func TestDetectAlone(t *testing.T) {
	det := New().(detector)
	nd := names.New()
	r := rand.New(rand.NewPCG(5, 6))
	notAlone, changed, noAge := 0, 0, 0
	isAge := func(c detect.Candidate) bool { return c.Type == detect.Age }
	for _, src := range aloneTexts() {
		d := text.Parse(src)
		alone, exact := det.DetectAlone(d, nil)
		if !exact {
			notAlone++
		}
		if !det.MayFindAge(d) {
			noAge++
			if slices.ContainsFunc(alone, isAge) {
				t.Fatalf("%q: MayFindAge false, but Detect finds %+v", src, alone)
			}
		}
		priors := [][]detect.Candidate{nd.Detect(d, nil)}
		for range 3 {
			var p []detect.Candidate
			for range r.IntN(4) {
				if len(d.Tokens) == 0 {
					break
				}
				a := r.IntN(len(d.Tokens))
				b := min(len(d.Tokens)-1, a+r.IntN(3))
				p = append(p, detect.Candidate{Type: detect.Name, Sub: "full", Start: d.Tokens[a].Start, End: d.Tokens[b].End, Score: 0.9})
			}
			for _, c := range alone {
				if r.IntN(3) == 0 {
					p = append(p, detect.Candidate{Type: detect.Name, Sub: "last", Start: c.Start, End: c.Start + 1, Score: 0.9})
				}
			}
			priors = append(priors, p)
		}
		for _, p := range priors {
			n := len(p)
			got := det.Detect(d, slices.Clone(p))
			if !slices.Equal(got[:n], p) {
				t.Fatalf("%q: Detect changed the candidates before its own", src)
			}
			got = got[n:]
			clash := false
			for _, c := range alone {
				for _, q := range p {
					if q.Start < c.End && q.End > c.Start {
						clash = true
					}
				}
			}
			if (exact || !clash) && !slices.Equal(got, alone) {
				t.Fatalf("%q after %+v: Detect finds %+v, alone %+v (exact %v)", src, p, got, alone, exact)
			}
			if !slices.Equal(got, alone) {
				changed++
			}
			for _, c := range got {
				if c.Type == detect.Age && !slices.Contains(alone, c) {
					t.Fatalf("%q after %+v: age %+v not found alone", src, p, c)
				}
			}
		}
	}
	// the cases that matter occur
	if notAlone == 0 || changed == 0 || noAge == 0 {
		t.Fatalf("not alone %d, changed by names %d, no age possible %d: want some of each", notAlone, changed, noAge)
	}
}
