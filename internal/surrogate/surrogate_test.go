package surrogate

import (
	"strings"
	"testing"
)

func TestConsistentNames(t *testing.T) {
	m := New("secret")
	a, b := m.For("NAME", "Mrs. Lopez"), m.For("NAME", "mrs.  LOPEZ")
	if a != b || strings.Contains(a, "Lopez") || !strings.HasPrefix(a, "Mrs. ") {
		t.Errorf("%q vs %q", a, b)
	}
	if m.For("NAME", "J.T.") == "J.T." || len(m.For("NAME", "J.")) > 3 {
		t.Error("initials should stay initials but change")
	}
	if New("other").For("NAME", "Maria Lopez") == "" {
		t.Error("empty surrogate")
	}
}

func TestDatesShiftTogether(t *testing.T) {
	m := New("k")
	d1, d2 := m.For("DATE", "7/22/2023"), m.For("DATE", "7/25/2023")
	if d1 == "7/22/2023" || d1 == "[DATE]" || d2 == "[DATE]" {
		t.Fatalf("not shifted: %q %q", d1, d2)
	}
	// intervals survive: parse back month/day and compare the gap
	gap := func(a, b string) int {
		var m1, d1, y1, m2, d2, y2 int
		parse := func(s string, m, d, y *int) {
			p := strings.Split(s, "/")
			*m, *d, *y = atoi(p[0]), atoi(p[1]), atoi(p[2])
		}
		parse(a, &m1, &d1, &y1)
		parse(b, &m2, &d2, &y2)
		return (m2-m1)*31 + (d2 - d1)
	}
	if g := gap(d1, d2); g != 3 && g != 3-31+30 && g != 3-31+28 {
		t.Errorf("gap changed: %q → %q", d1, d2)
	}
	if s := m.For("DATE", "July 22, 2023"); !strings.Contains(s, ", 20") || strings.Contains(s, "July 22") {
		t.Errorf("month-name date: %q", s)
	}
	if m.For("DATE", "Christmas Eve") != "[DATE]" {
		t.Error("unreadable dates become [DATE]")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
