package media

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Priorities of the sources of a field; lower wins.
const (
	prioExifPrimary   = 0 // e.g. CameraOwnerName, BodySerialNumber, DateTimeOriginal
	prioExifSecondary = 1 // e.g. Artist, camera SerialNumber, DateTimeDigitized
	prioExifTertiary  = 2 // e.g. XPAuthor, LensSerialNumber, DateTime
	prioXMP           = 3
	prioIPTC          = 4
	prioDateTime      = 5 // IFD0 DateTime is a modification time: last resort for Taken
)

type strCand struct {
	prio int
	val  string
}

type timeCand struct {
	prio int
	val  time.Time
}

type gpsCand struct {
	prio int
	val  GPS
}

// collector gathers candidates for each field from all metadata blocks and
// resolves them once the whole file has been read.
type collector struct {
	m          Meta
	owner      []strCand
	serial     []strCand
	make       []strCand
	model      []strCand
	taken      []timeCand
	gps        []gpsCand
	textSeen   map[string]bool
	warnSeen   map[string]bool
	textCapped bool
	nested     int   // EXIF/XMP/IPTC blocks found inside other blocks
	inflated   int64 // bytes decompressed so far
}

func newCollector() *collector {
	return &collector{textSeen: map[string]bool{}, warnSeen: map[string]bool{}}
}

func (c *collector) warn(format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	if c.warnSeen[w] {
		return
	}
	if len(c.m.Warnings) >= maxWarnings {
		return
	}
	c.warnSeen[w] = true
	if len(c.m.Warnings) == maxWarnings-1 {
		w = "further warnings dropped"
	}
	c.m.Warnings = append(c.m.Warnings, w)
}

// clean makes a metadata string fit for reporting: valid UTF-8, without NULs
// and control characters other than line breaks and tabs, trimmed, and at
// most maxTextValue bytes long.
func (c *collector) clean(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	if len(s) > maxTextValue {
		c.warn("metadata text longer than %d bytes cut", maxTextValue)
		s = s[:maxTextValue]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func (c *collector) text(s string) {
	if len(c.m.Text) >= maxTextItems {
		if !c.textCapped && c.clean(s) != "" && !c.textSeen[c.clean(s)] {
			c.textCapped = true
			c.warn("more than %d metadata text values; the rest were dropped", maxTextItems)
		}
		return
	}
	s = c.clean(s)
	if s == "" || c.textSeen[s] {
		return
	}
	c.textSeen[s] = true
	c.m.Text = append(c.m.Text, s)
}

func (c *collector) add(list *[]strCand, prio int, s string) {
	if len(*list) >= 64 {
		return
	}
	s = c.clean(s)
	if s == "" {
		return
	}
	*list = append(*list, strCand{prio, s})
}

func (c *collector) takenAt(prio int, t time.Time) {
	if t.IsZero() || len(c.taken) >= 64 {
		return
	}
	c.taken = append(c.taken, timeCand{prio, t})
}

func (c *collector) position(prio int, g GPS) {
	if math.IsNaN(g.Lat) || math.IsNaN(g.Lon) || math.IsInf(g.Lat, 0) || math.IsInf(g.Lon, 0) ||
		g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180 {
		c.warn("GPS position out of range (%g, %g) ignored", g.Lat, g.Lon)
		return
	}
	if g.Alt != nil && (math.IsNaN(*g.Alt) || math.IsInf(*g.Alt, 0)) {
		g.Alt = nil
	}
	if len(c.gps) < 64 {
		c.gps = append(c.gps, gpsCand{prio, g})
	}
}

func bestStr(l []strCand) (string, int) {
	best := -1
	for i, cd := range l {
		if best < 0 || cd.prio < l[best].prio {
			best = i
		}
	}
	if best < 0 {
		return "", -1
	}
	return l[best].val, best
}

func (c *collector) finish() *Meta {
	c.m.Make, _ = bestStr(c.make)
	c.m.Model, _ = bestStr(c.model)
	c.m.Serial, _ = bestStr(c.serial)
	var bi int
	c.m.Owner, bi = bestStr(c.owner)
	// Other owner-like names are still names: keep them as text so that
	// nothing found is lost.
	for i, cd := range c.owner {
		if i != bi && cd.val != c.m.Owner {
			c.text(cd.val)
		}
	}
	best := -1
	for i, t := range c.taken {
		if best < 0 || t.prio < c.taken[best].prio {
			best = i
		}
	}
	if best >= 0 {
		c.m.Taken = c.taken[best].val
	}
	best = -1
	for i, g := range c.gps {
		if best < 0 || g.prio < c.gps[best].prio {
			best = i
		}
	}
	if best >= 0 {
		g := c.gps[best].val
		c.m.GPS = &g
	}
	m := c.m
	return &m
}

// latin1 decodes ISO 8859-1 bytes.
func latin1(b []byte) string {
	if utf8.Valid(b) {
		ascii := true
		for _, c := range b {
			if c >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return string(b)
		}
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// utf8OrLatin1 keeps valid UTF-8 and reads anything else as Latin-1.
func utf8OrLatin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return latin1(b)
}

// exifTime parses the EXIF "YYYY:MM:DD HH:MM:SS" form (also with dashes).
// offset is an EXIF OffsetTime value such as "+02:00", or "".
func exifTime(s, offset string) time.Time {
	s = strings.TrimSpace(strings.TrimRight(s, "\x00"))
	if len(s) < 19 {
		if len(s) == 10 {
			s += " 00:00:00"
		} else {
			return time.Time{}
		}
	}
	s = s[:19]
	loc := time.UTC
	if o := strings.TrimSpace(offset); len(o) == 6 && (o[0] == '+' || o[0] == '-') && o[3] == ':' {
		if z, err := time.Parse("-07:00", o); err == nil {
			_, sec := z.Zone()
			loc = time.FixedZone(o, sec)
		}
	}
	for _, layout := range []string{"2006:01:02 15:04:05", "2006-01-02 15:04:05", "2006:01:02T15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			if t.Year() < 1800 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

// isoTime parses the ISO 8601 subset used by XMP dates.
func isoTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00",
		"2006-01-02T15:04", "2006-01-02", "2006:01:02 15:04:05",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1800 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}
