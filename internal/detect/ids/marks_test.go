package ids_test

import (
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect/detecttest"
	"github.com/scrubs-dev/scrubs/internal/detect/ids"
)

// Walking the tokens the tokeniser marked finds what walking every token
// finds: the marks leave out no token Detect reads a code at.
func TestMarksSkipNothing(t *testing.T) {
	detecttest.CheckMarksOn(t, ids.New(),
		"MRN 12345-JS, #EM-345678, UCLA-T1D-2023, #CS123456 and 123 45 6789", "BP 120/80 HR 88 5mg 10am x2 AB1 a-1 1-2-3",
		"SSN 078 05 1120, card 4111 1111 1111 1111, 12 3", "#12 ab-c 1 2 3 4 5 6", "x١٢٣ ٣ 12\xff", "1", "a-", "-1",
		"GB82 WEST 1234 5698 7654 32", "#AbC12 #abcDEF123 ab-é1",
	)
}
