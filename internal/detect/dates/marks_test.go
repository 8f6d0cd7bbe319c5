package dates

import (
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Walking the tokens the tokeniser marked finds what walking every token
// finds: the marks leave out no token the scan or the passes after it
// look at.
func TestMarksSkipNothing(t *testing.T) {
	var texts []string
	for _, c := range mustFlag {
		texts = append(texts, c.src)
	}
	for _, c := range mustPass {
		texts = append(texts, c.src)
	}
	detecttest.CheckMarksOn(t, New(), texts...)
}

// The tokeniser marks every trigger word (it was given them, text.Watch),
// with a typographic apostrophe too, in any case.
func TestTriggerWordsMarked(t *testing.T) {
	for w := range words {
		for _, v := range []string{w, strings.ReplaceAll(w, "'", "’"), strings.ToUpper(w)} {
			d := text.Parse("on " + v + " 5")
			marked := 0
			for _, n := range d.Marks {
				if key(d.Tokens[n].Lower) == w {
					marked++
				}
			}
			if marked != 1 {
				t.Errorf("%q: trigger word not marked (%v)", d.Src, d.Marks)
			}
		}
	}
}
