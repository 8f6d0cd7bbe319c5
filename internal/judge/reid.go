package judge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/rules"
)

// The re-identification score (docs/reid.md).
//
// A post about a patient that carries no single Safe Harbor identifier can
// still identify them to people who know them: a time ("last night"), a
// place (a named hospital, unit or town) and something rare (a lightning
// strike, a 104-year-old, the high school principal). Each kind of evidence
// k found in the post has a weight w_k (from the rule); the score is the
// probability-style union
//
//	score = 1 - Π_k (1 - w_k)
//
// over the kinds present (each kind counted once). The rule fires when the
// score reaches its threshold, the post is about a patient, and evidence
// comes from at least two of the three groups time, place and rarity, so
// that neither "last night" alone nor "a 70-year-old" alone ever fires.

type reidEvidence struct {
	kind  string
	group string
	f     *field
	a, b  int // byte span in f
}

var reidLabel = map[string]string{
	"time": "time", "date": "date", "place": "place", "bio-place": "place",
	"rare": "rare event or condition", "role": "role or occupation", "age": "age",
}

var reidGroup = map[string]string{
	"time": "time", "date": "time",
	"place": "place", "bio-place": "place",
	"rare": "rare", "role": "rare", "age": "rare",
	"patient": "",
}

func (j *Judge) reid(ps *post, r *rules.Rule) float64 {
	t := ps.text
	if len(t.list(j.lists.publicCues)) > 0 {
		return 0
	}
	// an age counts too: "a 7yo swallowed 14 magnets" is a person in a
	// clinical story
	if len(t.list(j.lists.patientCues)) == 0 && len(t.list(j.lists.reviewConfirm)) == 0 && !j.hasAge(t) {
		return 0
	}
	var ev []reidEvidence
	addSpans := func(kind string, f *field, list int32) {
		for _, s := range f.list(list) {
			ev = append(ev, reidEvidence{kind, reidGroup[kind], f, f.doc.Tokens[s.first].Start, f.doc.Tokens[s.last].End})
		}
	}
	addSpans("time", t, j.lists.timeRefs)
	addSpans("rare", t, j.lists.rareEvents)
	addSpans("role", t, j.lists.roles)
	addSpans("patient", t, j.lists.patientCues)
	if ps.reply != nil {
		// the event a reply answers ("the Route 9 bus crash") is part of what identifies
		for _, s := range ps.reply.list(j.lists.rareEvents) {
			_ = s
			ev = append(ev, reidEvidence{"rare", "rare", nil, -1, -1})
		}
	}
	for _, c := range j.candsOf(t) {
		switch {
		case c.Type == detect.Date:
			ev = append(ev, reidEvidence{"date", "time", t, c.Start, c.End})
		case c.Type == detect.Other && c.Sub == "time-ref":
			ev = append(ev, reidEvidence{"time", "time", t, c.Start, c.End})
		case c.Type == detect.Age:
			ev = append(ev, reidEvidence{"age", "rare", t, c.Start, c.End})
		case c.Type == detect.Location && (c.Score >= 0.5 || c.Sub == "unit") && c.Sub != "state" && c.Sub != "country":
			ev = append(ev, reidEvidence{"place", "place", t, c.Start, c.End})
		case c.Type == detect.Location:
			ev = append(ev, reidEvidence{"bio-place", "place", t, c.Start, c.End})
		}
	}
	if ps.bio != nil {
		for _, c := range j.candsOf(ps.bio) {
			if c.Type == detect.Location && (c.Sub == "hospital" || c.Sub == "unit" || c.Sub == "city" || c.Sub == "facility") {
				ev = append(ev, reidEvidence{"bio-place", "place", nil, -1, -1})
				break
			}
		}
		if strings.Contains(ps.p.Author.Bio, "@ ") || strings.Contains(ps.p.Author.Bio, " at ") {
			ev = append(ev, reidEvidence{"bio-place", "place", nil, -1, -1})
		}
	}
	kinds := map[string]bool{}
	groups := map[string]bool{}
	rarity := 0
	for _, e := range ev {
		if !kinds[e.kind] && e.group == "rare" {
			rarity++
		}
		kinds[e.kind] = true
		if e.group != "" {
			groups[e.group] = true
		}
	}
	if kinds["place"] {
		delete(kinds, "bio-place")
	}
	if kinds["date"] {
		delete(kinds, "time")
	}
	prod := 1.0
	for k := range kinds {
		prod *= 1 - r.Weights[k]
	}
	score := 1 - prod
	// Something rare is required, plus a time or place or a second rare trait.
	if score < r.Threshold || !groups["rare"] || (len(groups) < 2 && rarity < 2) {
		return score
	}
	var names []string
	for k := range kinds {
		if k != "patient" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	// one finding per distinct span; spans inside another are merged
	var spans []reidEvidence
	for _, e := range ev {
		if e.f == nil || e.a < 0 || e.kind == "patient" || !kinds[e.kind] {
			continue
		}
		spans = append(spans, e)
	}
	sort.Slice(spans, func(a, b int) bool {
		if spans[a].a != spans[b].a {
			return spans[a].a < spans[b].a
		}
		return spans[a].b > spans[b].b
	})
	combo := strings.Join(names, " + ")
	first := true
	lastEnd := -1
	for _, e := range spans {
		if e.b <= lastEnd {
			continue // inside the previous span
		}
		lastEnd = e.b
		ps.emit(r, e.f, e.a, e.b, score, "re-identification score", "combines: "+combo, "this detail: "+e.kind)
		if !first {
			f := &ps.out[len(ps.out)-1]
			f.Message = fmt.Sprintf("Part of the same re-identifying combination (%s): this is the %s.", combo, reidLabel[e.kind])
		}
		first = false
	}
	return score
}
