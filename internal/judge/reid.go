package judge

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/frozen"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/rules"
)

// The re-identification score (docs/reid.md).
//
// A post about a patient that carries no single Safe Harbor identifier can
// still identify them to people who know them: a time ("last night"), a
// place (a named hospital, unit or town) and something rare (a lightning
// strike, a 104-year-old, the high school principal, someone in the news
// or the only one of their kind in town). Each kind of evidence
// k found in the post has a weight w_k (from the rule); the score is the
// probability-style union
//
//	score = 1 - Π_k (1 - w_k)
//
// over the kinds present (each kind counted once). The rule fires when the
// score reaches its threshold, the post is about a patient, and evidence
// comes from at least two of the three groups time, place and rarity, so
// that neither "last night" alone nor "a 70-year-old" alone ever fires.

// clockTimesIn appends the byte spans of the times of day in d to out:
// "3:22am", "2 pm", "10:30", "0200 hrs", and a four-digit time where it cannot be a year or a
// count: after "at", "around", "about", "approx" or "by" with an hour up to
// 18 ("at 0412"), or opening a line before a colon or dash ("0340: code
// blue"). A hand-written scan: the regular expression it replaces cost a
// fifth of the judge's time on the posts it read. Only the tokens that
// hold a digit are visited: a post has a few dozen tokens and few digits.
func clockTimesIn(d *text.Doc, out [][2]int) [][2]int {
	done := 0
	for k := range d.Tokens {
		t := &d.Tokens[k]
		if t.Flags&text.HasDigit == 0 || t.Start < done {
			continue
		}
		i := t.Start
		for i < t.End && (d.Src[i] < '0' || d.Src[i] > '9') {
			i++
		}
		if i == t.End {
			continue
		}
		m, last, ok := timeAt(d.Src, i)
		if ok {
			out = append(out, m)
		}
		done = last + 1
	}
	return out
}

// timeAt reads a time starting at the digit src[i] (see clockTimesIn): its
// span if there is one, and the last byte it read.
func timeAt(src string, i int) (m [2]int, last int, ok bool) {
	if i > 0 && isAlnumByte(src[i-1]) {
		j := i
		for j < len(src) && isDigitByte(src[j]) {
			j++
		}
		return m, j - 1, false
	}
	j := i
	for j < len(src) && src[j] >= '0' && src[j] <= '9' {
		j++
	}
	n := j - i
	switch {
	case n <= 2:
		h := atoi2(src[i:j])
		end := j
		hasMin := false
		if end+2 < len(src) && src[end] == ':' && isDigitByte(src[end+1]) && isDigitByte(src[end+2]) && (end+3 >= len(src) || !isDigitByte(src[end+3])) {
			if atoi2(src[end+1:end+3]) <= 59 {
				end += 3
				hasMin = true
			}
		}
		if h > 23 {
			break
		}
		if k := meridiem(src, end); k > end && h >= 1 && h <= 12 {
			return [2]int{i, k}, k - 1, true
		}
		if hasMin && n == 2 && (src[i] <= '1' || src[i] == '2' && src[i+1] <= '3') && (end >= len(src) || !isAlnumByte(src[end])) {
			return [2]int{i, end}, end - 1, true
		}
	case n == 4:
		hh, mm := atoi2(src[i:i+2]), atoi2(src[i+2:j])
		if hh > 23 || mm > 59 {
			break
		}
		if k := hoursWord(src, j); k > j {
			return [2]int{i, k}, k - 1, true
		}
		if j < len(src) && isAlnumByte(src[j]) {
			break
		}
		if hh <= 18 && afterTimeWord(src, i) || lineOpens(src, i) && colonAfter(src, j) {
			return [2]int{i, j}, j - 1, true
		}
	}
	return m, j - 1, false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// atoi2 reads one or two ASCII digits.
func atoi2(s string) int {
	v := 0
	for k := 0; k < len(s); k++ {
		v = v*10 + int(s[k]-'0')
	}
	return v
}

// meridiem returns the end of "am", "pm", "a.m." or "p.m." (after at most
// one space) at src[i:], ending a word, or i.
func meridiem(src string, i int) int {
	k := i
	if k < len(src) && src[k] == ' ' {
		k++
	}
	if k+1 >= len(src) || src[k]|0x20 != 'a' && src[k]|0x20 != 'p' {
		return i
	}
	switch {
	case src[k+1]|0x20 == 'm':
		k += 2
	case src[k+1] == '.' && k+3 < len(src) && src[k+2]|0x20 == 'm' && src[k+3] == '.':
		k += 4
	default:
		return i
	}
	if k < len(src) && isAlnumByte(src[k]) {
		return i
	}
	return k
}

// hoursWord returns the end of "hrs", "hours" or "h" (after at most one
// space) at src[i:], ending a word, or i.
func hoursWord(src string, i int) int {
	k := i
	if k < len(src) && src[k] == ' ' {
		k++
	}
	for _, w := range [...]string{"hrs", "hours", "h"} {
		if len(src)-k >= len(w) && strings.EqualFold(src[k:k+len(w)], w) && (k+len(w) == len(src) || !isAlnumByte(src[k+len(w)])) {
			return k + len(w)
		}
	}
	return i
}

// afterTimeWord reports whether "at", "around", "about", "approx" or "by"
// and one space come just before src[i].
func afterTimeWord(src string, i int) bool {
	if i < 2 || src[i-1] != ' ' {
		return false
	}
	e := i - 1
	b := e
	for b > 0 && isAlnumByte(src[b-1]) {
		b--
	}
	w := src[b:e]
	return strings.EqualFold(w, "at") || strings.EqualFold(w, "around") || strings.EqualFold(w, "about") ||
		strings.EqualFold(w, "approx") || strings.EqualFold(w, "by")
}

// lineOpens reports whether only spaces come before src[i] on its line.
func lineOpens(src string, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch src[k] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// colonAfter reports whether a colon or dash follows src[j] after spaces.
func colonAfter(src string, j int) bool {
	for k := j; k < len(src); k++ {
		switch src[k] {
		case ' ', '\t':
		case ':', '-':
			return true
		default:
			return strings.HasPrefix(src[k:], "–")
		}
	}
	return false
}

type reidEvidence struct {
	kind reidKind
	f    *field
	a, b int // byte span in f
}

// reidKind is a kind of evidence. The kinds are numbered in alphabetical
// order, so that a set of them (a bit each) lists its names sorted.
type reidKind uint8

const (
	kAge reidKind = iota
	kBioPlace
	kDate
	kPatient
	kPlace
	kPublic
	kRare
	kRole
	kTime
	numReidKinds
)

// reidKindName is each kind's name, as the rule's weights and the
// findings' evidence spell it.
var reidKindName = [numReidKinds]string{"age", "bio-place", "date", "patient", "place", "public", "rare", "role", "time"}

// reidDetail is each kind's "this detail" evidence.
var reidDetail = func() (d [numReidKinds]string) {
	for k, name := range reidKindName {
		d[k] = "this detail: " + name
	}
	return d
}()

var reidLabel = [numReidKinds]string{
	kTime: "time", kDate: "date", kPlace: "place", kBioPlace: "place",
	kRare: "rare event or condition", kRole: "role or occupation", kAge: "age",
	kPublic: "public or unique person or event",
}

// The groups of evidence, a bit each: a kind belongs to at most one.
const (
	gTime = 1 << iota
	gPlace
	gRare
)

var reidGroup = [numReidKinds]uint8{
	kTime: gTime, kDate: gTime,
	kPlace: gPlace, kBioPlace: gPlace,
	kRare: gRare, kRole: gRare, kAge: gRare, kPublic: gRare,
	kPatient: 0,
}

// reidCombo names the kinds of evidence in kinds but the patient's, in
// alphabetical order.
func reidCombo(kinds uint16) string {
	var names []string
	for k := range numReidKinds {
		if kinds&(1<<k) != 0 && k != kPatient {
			names = append(names, reidKindName[k])
		}
	}
	return strings.Join(names, " + ")
}

// reidMessages holds the message of a finding on a detail of a
// combination after its first, for each set of kinds and kind, made on
// first use: findings then repeat the same string (which the JSONL writer
// remembers escaped) rather than each formatting its own.
var reidMessages [1 << numReidKinds][numReidKinds]atomic.Pointer[string]

// reidMessage is the message for a detail of kind k in the combination of
// kinds.
func reidMessage(kinds uint16, k reidKind) string {
	p := &reidMessages[kinds][k]
	if m := p.Load(); m != nil {
		return *m
	}
	// frozen (as the rules' messages are): the JSONL writer knows it again
	// by where it lies
	m := frozen.Freeze(fmt.Sprintf("Part of the same re-identifying combination (%s): this is the %s.", reidCombo(kinds), reidLabel[k]))
	p.Store(&m)
	return m
}

// reid scores the post by rule r, whose weight of each kind of evidence
// is in weights, and emits its findings when it fires.
func (j *Judge) reid(ps *post, r *rules.Rule, weights *[numReidKinds]float64) float64 {
	t := ps.text
	if len(t.list(j.lists.publicCues)) > 0 {
		return 0
	}
	// an age counts too: "a 7yo swallowed 14 magnets" is a person in a
	// clinical story
	about := len(t.list(j.lists.patientCues)) > 0 || len(t.list(j.lists.reviewConfirm)) > 0
	if !about && len(t.list(j.lists.ownFamily)) > 0 {
		// the author's own relative ("my Nana turned 100 today"), with no
		// patient in sight, is the author's news to share
		return 0
	}
	if !about && len(t.list(j.lists.careStatus)) > 0 {
		// so does a patient's condition in the author's care ("she's
		// stable", "still on the vent"), but such words are common, and
		// without a rare event, role or public person (or an age, below)
		// nothing can fire: the detectors need not run
		about = len(t.list(j.lists.rareEvents)) > 0 || len(t.list(j.lists.roles)) > 0 || len(t.list(j.lists.publicity)) > 0 ||
			(ps.replyField() != nil && len(ps.replyField().list(j.lists.rareEvents)) > 0)
	}
	if !about && !j.hasAge(t) {
		return 0
	}
	ev := ps.reidEv[:0] // the pooled post's buffers (see post.release)
	addSpans := func(kind reidKind, f *field, list int32) {
		for _, s := range f.list(list) {
			ev = append(ev, reidEvidence{kind, f, f.doc.Tokens[s.first].Start, f.doc.Tokens[s.last].End})
		}
	}
	addSpans(kTime, t, j.lists.timeRefs)
	// a clock time ("at 3:22am", "0340: code blue") is a time too
	var times [8][2]int
	for _, m := range clockTimesIn(t.doc, times[:0]) {
		ev = append(ev, reidEvidence{kTime, t, m[0], m[1]})
	}
	addSpans(kRare, t, j.lists.rareEvents)
	addSpans(kRole, t, j.lists.roles)
	addSpans(kPatient, t, j.lists.patientCues)
	addSpans(kPatient, t, j.lists.careStatus)
	// a person or event everyone has heard of ("all over the news", "who
	// won Jeopardy") or the only one of their kind ("the only female bus
	// driver in our town") narrows the pool whatever the detail is
	addSpans(kPublic, t, j.lists.publicity)
	if reply := ps.replyField(); reply != nil {
		// the event a reply answers ("the Route 9 bus crash") is part of what identifies
		for range reply.list(j.lists.rareEvents) {
			ev = append(ev, reidEvidence{kRare, nil, -1, -1})
		}
	}
	for _, c := range j.partCands(t, 1<<kDates|1<<kPlaces) {
		switch {
		case c.Type == detect.Date:
			ev = append(ev, reidEvidence{kDate, t, c.Start, c.End})
		case c.Type == detect.Other && c.Sub == "time-ref":
			ev = append(ev, reidEvidence{kTime, t, c.Start, c.End})
		case c.Type == detect.Age:
			ev = append(ev, reidEvidence{kAge, t, c.Start, c.End})
		case c.Type == detect.Location && (c.Score >= 0.5 || c.Sub == "unit") && c.Sub != "state" && c.Sub != "country":
			ev = append(ev, reidEvidence{kPlace, t, c.Start, c.End})
		case c.Type == detect.Location && c.Sub != "guess":
			// (a guess, "at Sunnybrook", is too weak to count)
			ev = append(ev, reidEvidence{kBioPlace, t, c.Start, c.End})
		}
	}
	// The bio's place counts as a place of the post when it has none: as
	// evidence with no span, it adds only its kind (and group), so where
	// the text has a place, or the bio says where the author works ("@ ",
	// " at "), its places need not be found (nor its field made). (The
	// eager judge, parts unset, finds them all the same: the tests compare.)
	if bio := ps.p.Author.Bio; bio != "" && (j.parts == nil || !slices.ContainsFunc(ev, func(e reidEvidence) bool { return e.kind == kPlace || e.kind == kBioPlace })) {
		at := strings.Contains(bio, "@ ") || strings.Contains(bio, " at ")
		if !at || j.parts == nil {
			for _, c := range j.candsOf(ps.bioField()) {
				if c.Type == detect.Location && (c.Sub == "hospital" || c.Sub == "unit" || c.Sub == "city" || c.Sub == "facility") {
					ev = append(ev, reidEvidence{kBioPlace, nil, -1, -1})
					break
				}
			}
		}
		if at {
			ev = append(ev, reidEvidence{kBioPlace, nil, -1, -1})
		}
	}
	ps.reidEv = ev
	// kinds and groups present, a bit each; rarity counts the kinds of the
	// rare group
	var kinds uint16
	var groups uint8
	for _, e := range ev {
		kinds |= 1 << e.kind
		groups |= reidGroup[e.kind]
	}
	rarity := bits.OnesCount16(kinds & (1<<kRare | 1<<kRole | 1<<kAge | 1<<kPublic))
	if kinds&(1<<kPlace) != 0 {
		kinds &^= 1 << kBioPlace
	}
	if kinds&(1<<kDate) != 0 {
		kinds &^= 1 << kTime
	}
	prod := 1.0
	for k := range numReidKinds {
		if kinds&(1<<k) != 0 {
			prod *= 1 - weights[k]
		}
	}
	score := 1 - prod
	// Something rare is required, plus a time or place or a second rare trait.
	if score < r.Threshold || groups&gRare == 0 || (bits.OnesCount8(groups) < 2 && rarity < 2) {
		return score
	}
	// one finding per distinct span; spans inside another are merged
	spans := ps.reidSpans[:0]
	for _, e := range ev {
		if e.f == nil || e.a < 0 || e.kind == kPatient || kinds&(1<<e.kind) == 0 {
			continue
		}
		spans = append(spans, e)
	}
	ps.reidSpans = spans
	sort.Slice(spans, func(a, b int) bool {
		if spans[a].a != spans[b].a {
			return spans[a].a < spans[b].a
		}
		return spans[a].b > spans[b].b
	})
	// the same for every finding of the post: made once
	combines := "combines: " + reidCombo(kinds)
	first := true
	lastEnd := -1
	for _, e := range spans {
		if e.b <= lastEnd {
			continue // inside the previous span
		}
		lastEnd = e.b
		ps.emit(r, e.f, e.a, e.b, score, "re-identification score", combines, reidDetail[e.kind])
		if !first {
			f := &ps.out[len(ps.out)-1]
			f.Message = reidMessage(kinds, e.kind)
		}
		first = false
	}
	return score
}
