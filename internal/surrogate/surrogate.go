// Package surrogate makes consistent replacements for identifiers: the same
// name gets the same fake name throughout a document, and every date is
// shifted by the same number of days so that intervals survive.
package surrogate

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/internal/text"
)

var firstNames = []string{"Alex", "Jordan", "Casey", "Riley", "Morgan", "Taylor", "Jamie", "Avery", "Quinn", "Rowan", "Harper", "Emerson", "Finley", "Sawyer", "Reese", "Dakota"}
var lastNames = []string{"Archer", "Bellamy", "Calloway", "Dunmore", "Ellison", "Fairchild", "Garrity", "Holloway", "Iverson", "Jessup", "Kendrick", "Lockhart", "Merriweather", "Northcott", "Oakley", "Pemberton"}
var places = []string{"Springfield", "Riverton", "Fairview", "Lakeside", "Greenville", "Oak Ridge", "Cedar Falls", "Maple Grove"}

// Maker holds one document's replacements.
type Maker struct {
	seed  string
	shift int // days
	seen  map[string]string
	n     map[string]int
}

// New makes a Maker; seed makes surrogates reproducible (use a secret per
// project so that surrogates cannot be reversed by guessing).
func New(seed string) *Maker {
	h := fnv.New64a()
	h.Write([]byte("shift:" + seed))
	shift := int(h.Sum64()%300) + 30 // 30..329 days back
	return &Maker{seed: seed, shift: -shift, seen: map[string]string{}, n: map[string]int{}}
}

func (m *Maker) pick(kind, key string, list []string) string {
	h := fnv.New64a()
	h.Write([]byte(m.seed + "|" + kind + "|" + key))
	return list[h.Sum64()%uint64(len(list))]
}

// For returns the replacement for an identifier of the given type.
func (m *Maker) For(typ, original string) string {
	key := typ + "|" + strings.Join(strings.Fields(text.Fold(original)), " ")
	if s, ok := m.seen[key]; ok {
		return s
	}
	var s string
	switch typ {
	case "NAME":
		s = m.name(original)
	case "DATE":
		s = m.date(original)
	case "LOCATION":
		s = m.pick("place", key, places)
	case "PHONE", "FAX":
		m.n[typ]++
		s = fmt.Sprintf("555-01%02d", m.n[typ]%100)
	case "EMAIL":
		m.n[typ]++
		s = fmt.Sprintf("person%d@example.org", m.n[typ])
	case "URL":
		m.n[typ]++
		s = fmt.Sprintf("https://example.org/%d", m.n[typ])
	case "IP":
		m.n[typ]++
		s = fmt.Sprintf("192.0.2.%d", m.n[typ]%250+1)
	case "AGE":
		s = "90+"
	default:
		m.n[typ]++
		s = fmt.Sprintf("ID-%05d", m.n[typ]*7919%100000)
	}
	m.seen[key] = s
	return s
}

func (m *Maker) name(orig string) string {
	words := strings.Fields(orig)
	title := ""
	if len(words) > 1 {
		switch strings.TrimSuffix(strings.ToLower(words[0]), ".") {
		case "dr", "mr", "mrs", "ms", "miss", "mx", "prof":
			title, words = words[0]+" ", words[1:]
		}
	}
	key := strings.ToLower(strings.Join(words, " "))
	// keep the shape: initials stay initials, one word stays one word
	if len(words) == 1 {
		w := strings.Trim(words[0], ".,")
		if len(w) <= 2 {
			return title + m.pick("initial", key, []string{"A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."})
		}
		if title != "" {
			return title + m.pick("last", key, lastNames)
		}
		return m.pick("first", key, firstNames)
	}
	return title + m.pick("first", key, firstNames) + " " + m.pick("last", key, lastNames)
}

var (
	numericDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})(?:[/.-](\d{2}|\d{4}))?$`)
	isoDate     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(.*)$`)
)

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// date shifts dates it can read; others become [DATE].
func (m *Maker) date(orig string) string {
	s := strings.TrimSpace(orig)
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, _ := strconv.Atoi(g[1])
		mo, _ := strconv.Atoi(g[2])
		d, _ := strconv.Atoi(g[3])
		if t, ok := valid(y, mo, d); ok {
			return t.AddDate(0, 0, m.shift).Format("2006-01-02") + g[4]
		}
	}
	if g := numericDate.FindStringSubmatch(s); g != nil {
		mo, _ := strconv.Atoi(g[1])
		d, _ := strconv.Atoi(g[3])
		y := 2000
		if g[4] != "" {
			y, _ = strconv.Atoi(g[4])
			if len(g[4]) == 2 {
				y += 1900
				if y < 1930 {
					y += 100
				}
			}
		}
		if t, ok := valid(y, mo, d); ok {
			t = t.AddDate(0, 0, m.shift)
			if g[4] == "" {
				return fmt.Sprintf("%d%s%d", int(t.Month()), g[2], t.Day())
			}
			if len(g[4]) == 2 {
				return fmt.Sprintf("%d%s%d%s%02d", int(t.Month()), g[2], t.Day(), g[2], t.Year()%100)
			}
			return fmt.Sprintf("%d%s%d%s%d", int(t.Month()), g[2], t.Day(), g[2], t.Year())
		}
	}
	// "July 22", "July 22nd, 2023", "22 July 2023"
	f := strings.Fields(strings.NewReplacer(",", " ").Replace(s))
	mo, d, y := 0, 0, 0
	for _, w := range f {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		for i, name := range monthNames {
			if len(lw) >= 3 && strings.HasPrefix(strings.ToLower(name), lw) {
				mo = i + 1
			}
		}
		n := strings.TrimRight(lw, "stndrh")
		if v, err := strconv.Atoi(n); err == nil {
			if v > 31 {
				y = v
			} else {
				d = v
			}
		}
	}
	if mo > 0 && d > 0 {
		yy := y
		if yy == 0 {
			yy = 2000
		}
		if t, ok := valid(yy, mo, d); ok {
			t = t.AddDate(0, 0, m.shift)
			if y == 0 {
				return fmt.Sprintf("%s %d", monthNames[t.Month()-1], t.Day())
			}
			return fmt.Sprintf("%s %d, %d", monthNames[t.Month()-1], t.Day(), t.Year())
		}
	}
	return "[DATE]"
}

func valid(y, mo, d int) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}
