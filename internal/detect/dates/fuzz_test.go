package dates

import (
	"slices"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/detect/names"
	"github.com/scrubs-dev/scrubs/internal/text"
)

func FuzzDetect(f *testing.F) {
	for _, c := range mustFlag {
		f.Add(c.src)
	}
	for _, c := range mustPass {
		f.Add(c.src)
	}
	f.Add("\xff7/22\x00July 4th, 2023 98yo 2000-04-16T11:34:35Z ninety-two-year-old")
	f.Add("one hundred and twenty-two year. old, his mid-90s, aged: a hundred, her 95th bday, 3mo-old, at the age of 7")
	det := New()
	f.Fuzz(func(t *testing.T, src string) {
		d := text.Parse(src)
		cs := det.Detect(d, nil)
		end := 0
		for _, c := range cs {
			if c.Start < 0 || c.End > len(src) || c.Start >= c.End {
				t.Fatalf("%q: span out of bounds: %+v", src, c)
			}
			if c.Start < end {
				t.Fatalf("%q: overlapping or unordered spans: %+v", src, cs)
			}
			end = c.End
			if c.Score <= 0 || c.Score > 1 || c.Type == "" || c.Sub == "" {
				t.Fatalf("%q: bad candidate %+v", src, c)
			}
		}
		detecttest.CheckMarks(t, det, src)
		// what DetectAlone says of the candidates before them holds for
		// the names of the text (see TestDetectAlone)
		alone, exact := det.(detector).DetectAlone(d, nil)
		if !slices.Equal(alone, cs) {
			t.Fatalf("%q: alone %+v, Detect %+v", src, alone, cs)
		}
		prior := names.New().Detect(d, nil)
		after := det.Detect(d, slices.Clone(prior))[len(prior):]
		if exact && !slices.Equal(after, alone) {
			t.Fatalf("%q: after the names %+v, alone %+v (exact)", src, after, alone)
		}
		if !det.(detector).MayFindAge(d) && slices.ContainsFunc(cs, func(c detect.Candidate) bool { return c.Type == detect.Age }) {
			t.Fatalf("%q: MayFindAge false, but Detect finds %+v", src, cs)
		}
	})
}
