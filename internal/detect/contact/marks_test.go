package contact_test

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/contact"
	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
)

// Walking the tokens the tokeniser marked finds what walking every token
// finds: the marks leave out no token Detect acts on.
func TestMarksSkipNothing(t *testing.T) {
	detecttest.CheckMarksOn(t, contact.New(),
		"Phone: +46 (0)8 928 571 38 fax 345-899-3560x4587", "Pager: #54321 ext 212 x54321 EXT. 12 Extension: 4",
		"jdoe [at] example [dot] org, a.b@c.edu.", "mail AT. ex.", "ClickPhobia.com.br/x 6e40:4041::2eb4 10.0.0.1",
		"BP 120/80 2003-08-28 12:13:52 (240444-1243)", "\xff\x00+1 (", "ＡＴ. ｅｘｔ: x", "a", "at", "ex.", "x١٢٣ ٣",
		"see www.example.org and http://x.y/z or me@x.org 😀 at.", "A.B. c.d e: F.g", "fe80:: ab:cd::1 FE80:0:0:0:0:0:0:1",
	)
}
