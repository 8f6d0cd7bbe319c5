package dates

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
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
	})
}
