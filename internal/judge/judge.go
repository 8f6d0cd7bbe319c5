// Package judge turns detector candidates and phrase hits into findings,
// using the post's context (role, account, platform, reply, media) and the
// rules' policy: which category and clause, which severity, which fix, and
// the re-identification score. Context-dependent logic lives here and in
// the rule data, nowhere else.
package judge

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/media"
	"github.com/scrubs-dev/scrubs/internal/storymodel"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// MediaReader reads a photo's metadata; tests and servers may replace it.
type MediaReader func(path string) (*media.Meta, error)

// Judge evaluates a rule set with a set of identifier detectors.
type Judge struct {
	rules     *rules.Set
	detectors []detect.Detector
	readMedia MediaReader
	// order is the evaluation order: rules with only_with run last.
	order []*rules.Rule
	// always is the mask (see orMask) of the rules evaluated for every
	// post; the other rules are evaluated only when a field holds one of
	// the phrases they need: phrase and pattern rules their phrases or
	// keywords, identifier rules with a context a phrase of its lists (see
	// contextPossible). listRules[id] is the mask of the rules that a hit
	// of list id calls for (nil when none), and pos[r.Index] is rule r's
	// position. A mask has words words.
	always    []uint64
	listRules [][]uint64
	pos       []int32
	words     int
	// The hit slots (see field.slots): slot 0 is never written, slot
	// namedSlot(id) is named list id's, and the others each hold one list
	// kind of one rule's own phrases (ownSlots[r.Index][kind], 0 for a
	// list with none). keySlots[keyAt[k]:keyAt[k+1]] are the slots of the
	// users of phrase key k (rules.Set.PhraseRefs), one per user, and
	// slotMarks[k] the mask of the rules that a hit in slot k calls for
	// (nil when none: see candidates).
	keySlots, keyAt []int32
	// keyUsers[k] is keySlots[keyAt[k]:keyAt[k+1]], made once: newField
	// reads it for every phrase found
	keyUsers  [][]int32
	ownSlots  [][numOwn]int32
	slotMarks [][]uint64
	// plans[i] is what Check needs of the rule at position i
	plans []plan
	// gate drops the rules that a post's context rules out
	gate contextGate
	// placeDetectors are run on the author's bio, where only the places it
	// names matter (the re-identification score).
	placeDetectors []detect.Detector
	// parts, set with the default detectors, finds candidates in parts
	// (see partCands).
	parts *detectorParts
	// bioRules and replyRules are the masks of the rules that read the
	// bio, and the replied-to text (in their scope; nil when none): only
	// when one of them applies to a post is that made a field at once
	// (see Check).
	bioRules, replyRules []uint64
	// deriveBases are the lists that derived list entries build on
	// (rules.Derived), each once: a field without hits of any of them
	// has no derived hits
	deriveBases []int32
	// lists are the indexes of the named lists the judge itself reads.
	lists struct {
		reviewConfirm, reviewPlatformCues, patientCues, publicCues int32
		rareEvents, timeRefs, roles, publicity, careStatus         int32
		ownFamily                                                  int32
	}
}

// New makes a judge. readMedia may be nil (photos are then not opened).
func New(rs *rules.Set, detectors []detect.Detector, readMedia MediaReader) *Judge {
	j := &Judge{rules: rs, detectors: detectors, readMedia: readMedia}
	for _, d := range detectors {
		switch d.Name() {
		case "places", "custom":
			j.placeDetectors = append(j.placeDetectors, d)
		case "allow":
			j.placeDetectors = detectors // a filter wraps them all
		}
	}
	var names []string
	for _, d := range detectors {
		names = append(names, d.Name())
	}
	if slices.Equal(names, []string{"names", "dates", "places", "contact", "ids"}) {
		if dates, ok := detectors[kDates].(interface {
			DetectAlone(d *text.Doc, out []detect.Candidate) ([]detect.Candidate, bool)
			MayFindAge(d *text.Doc) bool
		}); ok {
			j.parts = &detectorParts{dates: dates}
			copy(j.parts.dets[:], detectors)
		}
	}
	for _, d := range rs.Derived() {
		if !slices.Contains(j.deriveBases, d.Base) {
			j.deriveBases = append(j.deriveBases, d.Base)
		}
	}
	j.lists.reviewConfirm = rs.ListID("review-confirm")
	j.lists.reviewPlatformCues = rs.ListID("review-platform-cues")
	j.lists.patientCues = rs.ListID("patient-cues")
	j.lists.publicCues = rs.ListID("public-cues")
	j.lists.rareEvents = rs.ListID("rare-events")
	j.lists.timeRefs = rs.ListID("time-refs")
	j.lists.roles = rs.ListID("roles")
	j.lists.publicity = rs.ListID("publicity-cues")
	j.lists.careStatus = rs.ListID("care-status")
	j.lists.ownFamily = rs.ListID("own-family")
	var later []*rules.Rule
	for _, r := range rs.Rules {
		if r.OnlyWith != "" || r.Kind == rules.Model {
			// (a model rule runs only where the other rules of its
			// category found nothing)
			later = append(later, r)
		} else {
			j.order = append(j.order, r)
		}
	}
	j.order = append(j.order, later...)
	j.words = (len(j.order) + 63) / 64
	j.pos = make([]int32, len(rs.Rules))
	j.plans = make([]plan, len(j.order))
	j.always = make([]uint64, j.words)
	j.listRules = make([][]uint64, rs.NumLists())
	for i, r := range j.order {
		j.pos[r.Index] = int32(i)
		j.plans[i] = newPlan(r)
		if r.InScope(rules.ScopeBio) {
			setBit(&j.bioRules, i, j.words)
		}
		if r.InScope(rules.ScopeReply) {
			setBit(&j.replyRules, i, j.words)
		}
		callsFor := func(id int32) {
			if id < 0 {
				return // no such list
			}
			setBit(&j.listRules[id], i, j.words)
		}
		switch {
		case (r.Kind == rules.Identifier || r.Kind == rules.Model) && len(r.Context) > 0:
			for _, id := range r.NamedLists(rules.ListContext) {
				callsFor(id)
			}
			callsFor(j.lists.reviewConfirm) // the context of a review reply
		case (r.Kind != rules.Phrase && r.Kind != rules.Pattern) || r.LinkKeyword():
			j.always[i/64] |= 1 << (i % 64)
		default:
			for _, k := range []rules.ListKind{rules.ListMain, rules.ListKeyword} {
				for _, id := range r.NamedLists(k) {
					callsFor(id)
				}
			}
		}
	}
	j.gate = newContextGate(j.order, j.words)
	j.makeSlots()
	return j
}

// namedSlot is the hit slot of named list id.
func namedSlot(id int32) int32 { return 1 + id }

// makeSlots numbers the hit slots and finds those of every phrase key.
func (j *Judge) makeSlots() {
	rs := j.rules
	j.slotMarks = make([][]uint64, 1+rs.NumLists())
	for id := range int32(rs.NumLists()) {
		j.slotMarks[namedSlot(id)] = j.listRules[id]
	}
	j.ownSlots = make([][numOwn]int32, len(rs.Rules))
	nk := rs.NumPhraseKeys()
	j.keyAt = make([]int32, nk+1)
	for k := range nk {
		for _, ref := range rs.PhraseRefs(lexicon.Match{Pattern: k}) {
			slot := namedSlot(ref.ListID)
			if ref.List != rules.ListNamed {
				own := &j.ownSlots[ref.Rule][ref.List]
				if *own == 0 {
					*own = int32(len(j.slotMarks))
					var m []uint64
					if ref.List == rules.ListMain || ref.List == rules.ListKeyword {
						// (see candidates)
						setBit(&m, int(j.pos[ref.Rule]), j.words)
					}
					j.slotMarks = append(j.slotMarks, m)
				}
				slot = *own
			}
			j.keySlots = append(j.keySlots, slot)
		}
		j.keyAt[k+1] = int32(len(j.keySlots))
	}
	j.keyUsers = make([][]int32, nk)
	for k := range nk {
		j.keyUsers[k] = j.keySlots[j.keyAt[k]:j.keyAt[k+1]:j.keyAt[k+1]]
	}
}

// plan is what Check needs of a rule, worked out once by New rather than
// for each of the rules a post reaches (tens of them for a short post).
type plan struct {
	rule *rules.Rule
	kind ruleKind
	// scopes are the fields the rule reads (identifier rules read every
	// alt text too)
	scopes uint8
	// tests are the tests of the post the rule has, beyond its context
	tests uint8
	// parts are the detectors whose candidates an identifier rule reads
	// (see partsOf)
	parts uint8
	// weights are a reid rule's weight of each kind of evidence (0 where
	// it has none), read from its map once
	weights *[numReidKinds]float64
}

// ruleKind is rules.Kind as a small number (for a jump table, not string
// comparisons).
type ruleKind uint8

const (
	kindOther ruleKind = iota
	kindIdentifier
	kindPhrase // phrase and pattern rules
	kindReid
	kindReviewReply
	kindMetadata
	kindModel
)

// The fields a rule reads, a bit each.
const (
	inText uint8 = 1 << iota
	inAlt
	inBio
	inReply
)

// The tests of a post a rule may have, a bit each (see post.passes).
const (
	testOnlyWith uint8 = 1 << iota
	testReplyContext
	testConditions
)

func newPlan(r *rules.Rule) plan {
	pl := plan{rule: r}
	for k, s := range []rules.Scope{rules.ScopeText, rules.ScopeAlt, rules.ScopeBio, rules.ScopeReply} {
		if r.InScope(s) {
			pl.scopes |= 1 << k
		}
	}
	switch r.Kind {
	case rules.Identifier:
		pl.kind = kindIdentifier
		pl.scopes |= inAlt
		pl.parts = partsOf(r.Types)
	case rules.Phrase, rules.Pattern:
		pl.kind = kindPhrase
	case rules.Reid:
		pl.kind = kindReid
		pl.weights = new([numReidKinds]float64)
		for k, name := range reidKindName {
			pl.weights[k] = r.Weights[name]
		}
	case rules.ReviewReply:
		pl.kind = kindReviewReply
	case rules.Metadata:
		pl.kind = kindMetadata
	case rules.Model:
		pl.kind = kindModel
	}
	if r.OnlyWith != "" {
		pl.tests |= testOnlyWith
	}
	if len(r.ReplyContext) > 0 {
		pl.tests |= testReplyContext
	}
	if len(r.Require) > 0 || len(r.Forbid) > 0 {
		pl.tests |= testConditions
	}
	return pl
}

// Rules returns the rule set.
func (j *Judge) Rules() *rules.Set { return j.rules }

// candidates appends every detector's candidates over d to out, sorted.
func (j *Judge) candidates(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	for _, det := range j.detectors {
		out = det.Detect(d, out)
	}
	sortCandidates(out)
	return out
}

// sortCandidates orders candidates by start, longer first, keeping the
// detectors' order among equals.
func sortCandidates(cs []detect.Candidate) {
	slices.SortStableFunc(cs, func(a, b detect.Candidate) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End, a.End)
	})
}

// candsOf returns a field's candidates, found on first use by the
// detectors of its source.
func (j *Judge) candsOf(f *field) []detect.Candidate { return j.partCands(f, allParts) }

// Most posts never need most candidates: a name, a place or a phone
// number matters only next to a patient or self-disclosure cue, and the
// rules that need no cue read only ID candidates. With the default
// detectors (j.parts set), each detector's candidates (a part) are found
// only when a rule can use them. The order and content of what a rule sees
// stay exactly as with every detector run: each detector reads nothing but
// the text, except dates, which reads the candidates of names before it,
// but only to drop its own where they overlap (see findPart); and the
// candidates of some parts, sorted together as candidates sorts them all
// (stably, from the detectors' order), are those of all the parts less
// the others, in the same order.
type detectorParts struct {
	dets [numParts]detect.Detector
	// dates is dets[kDates] as what it also is (see dates.DetectAlone)
	dates interface {
		DetectAlone(d *text.Doc, out []detect.Candidate) ([]detect.Candidate, bool)
		MayFindAge(d *text.Doc) bool
	}
}

// The default detectors, in their order: names, dates, places, contact
// and ids. A part mask has a bit for each (1<<kNames ...).
const (
	kNames = iota
	kDates
	kPlaces
	kContact
	kIDs
	numParts
	allParts = 1<<numParts - 1
)

// partsOf returns the mask of the parts that find candidates of the
// types (all of them for a type none of them finds).
func partsOf(types []string) uint8 {
	var m uint8
	for _, t := range types {
		switch detect.Type(t) {
		case detect.Name:
			m |= 1 << kNames
		case detect.Date, detect.Age, detect.Other:
			m |= 1 << kDates
		case detect.Location:
			m |= 1 << kPlaces
		case detect.Phone, detect.Fax, detect.Email, detect.URL, detect.IP:
			m |= 1 << kContact
		case detect.ID:
			m |= 1 << kIDs
		default:
			return allParts
		}
	}
	if m == 0 {
		return allParts
	}
	return m
}

// partCands returns f's candidates of the parts in need (with j.parts set;
// else all of them), sorted: those of every type the parts find, in the
// order of all of f's candidates. Each part is sorted once when found, so
// a rule of one part (every identifier rule) reads that part as it is,
// and only a need of several parts merges them (f.cands, of the parts in
// f.merged).
func (j *Judge) partCands(f *field, need uint8) []detect.Candidate {
	if f.source == allCands && j.parts != nil {
		if need&(need-1) == 0 {
			k := bits.TrailingZeros8(need)
			j.findPart(f, k)
			return f.part[k]
		}
		if f.merged == need {
			return f.cands
		}
		f.cands = f.cands[:0]
		for k := range numParts {
			if need&(1<<k) != 0 {
				j.findPart(f, k)
				f.cands = append(f.cands, f.part[k]...)
			}
		}
		// the parts are sorted: stably sorting them together orders equal
		// candidates of different parts by the detectors' order, as
		// sorting all of them does
		sortCandidates(f.cands)
		f.merged = need
		return f.cands
	}
	if f.pending {
		f.pending = false
		switch f.source {
		case allCands:
			f.cands = j.candidates(f.doc, f.cands[:0])
		case placesCands:
			for _, d := range j.placeDetectors {
				f.cands = d.Detect(f.doc, f.cands)
			}
		}
	}
	return f.cands
}

// findPart finds part k of f's candidates (with j.parts set), as the
// detector finds them after the parts before it, sorted as candidates
// sorts them all (stably: the part's own among them keep their order).
func (j *Judge) findPart(f *field, k int) {
	if f.found&(1<<k) != 0 {
		return
	}
	j.detectPart(f, k)
	sortCandidates(f.part[k])
	f.found |= 1 << k
}

// detectPart is findPart but for the sorting and the found bit.
func (j *Judge) detectPart(f *field, k int) {
	if k != kDates {
		f.part[k] = j.parts.dets[k].Detect(f.doc, f.part[k][:0])
		return
	}
	// Dates drops some of its candidates where they overlap a name. Alone,
	// it reports whether it found any of those at all (they are rare);
	// if not, the names make no difference.
	if !f.roughDates {
		var alone bool
		f.part[kDates], alone = j.parts.dates.DetectAlone(f.doc, f.part[kDates][:0])
		if alone {
			return
		}
		f.roughDates = true
	}
	// (sorted, the names are those dates reads after them in another
	// order: it reads them only to test whether one overlaps its own)
	j.findPart(f, kNames)
	names := f.part[kNames]
	// Where no name overlaps any of them, dates after the names finds the
	// same: each of its overlap tests with the names before its own
	// reads as without them, as none of the names meets any candidate it
	// keeps alone (nor so one that it tested, which is kept or overlaps one
	// of its own); names are never DATEs, which it reads again to extend.
	clash := false
	for _, c := range f.part[kDates] {
		if overlapsAny(names, c.Start, c.End) {
			clash = true
			break
		}
	}
	if clash {
		buf := append(f.scratch[:0], names...)
		buf = j.parts.dets[kDates].Detect(f.doc, buf)
		f.part[kDates] = append(f.part[kDates][:0], buf[len(names):]...)
		f.scratch = buf
	}
}

// overlapsAny reports whether a candidate of cs overlaps bytes [a,b).
func overlapsAny(cs []detect.Candidate, a, b int) bool {
	for i := range cs {
		if cs[i].Start < b && cs[i].End > a {
			return true
		}
	}
	return false
}

// hasAge reports whether the text names an age. The dates detector alone
// finds a superset of the ages it finds after names (which only ever
// drops an age that overlaps a name), so when it finds none, there is none
// and names need not run; and it finds none where no word can start an
// age (MayFindAge).
func (j *Judge) hasAge(f *field) bool {
	isAge := func(c detect.Candidate) bool { return c.Type == detect.Age }
	if f.source != allCands || j.parts == nil {
		return slices.ContainsFunc(j.candsOf(f), isAge)
	}
	if f.found&(1<<kDates) == 0 {
		if !f.roughDates {
			if !j.parts.dates.MayFindAge(f.doc) {
				return false
			}
			// alone, if it can (as findPart): else what it found alone
			// stays for findPart, which then runs the names
			var alone bool
			f.part[kDates], alone = j.parts.dates.DetectAlone(f.doc, f.part[kDates][:0])
			if alone {
				sortCandidates(f.part[kDates])
				f.found |= 1 << kDates
			} else {
				f.roughDates = true
			}
		}
		if f.found&(1<<kDates) == 0 && !slices.ContainsFunc(f.part[kDates], isAge) {
			return false
		}
	}
	j.findPart(f, kDates)
	return slices.ContainsFunc(f.part[kDates], isAge)
}

// contextPossible reports whether rule r's context can hold anywhere for a
// candidate in f: inContext is false for every candidate otherwise.
func (j *Judge) contextPossible(ps *post, f *field, r *rules.Rule) bool {
	lists := r.NamedLists(rules.ListContext)
	if f.anyHit(lists, nil) {
		return true
	}
	if f.scope == rules.ScopeAlt && ps.text.anyHit(lists, nil) {
		return true
	}
	return f.scope == rules.ScopeText && ps.p.Platform == "review-reply" && len(f.list(j.lists.reviewConfirm)) > 0
}

// post is everything known about one post while it is judged.
type post struct {
	p    *model.Post
	j    *Judge
	text *field
	alts []*field
	// the bio's and the reply's fields once made: read them only through
	// bioField and replyField, which make one Check left for later
	bioMade, replyMade *field
	out                []model.Finding
	keys               []emitKey        // what emit has recorded, one per finding of out
	order              []place          // reused by Check: out in report order
	seen               map[emitKey]bool // the keys too, once there are manyKeys
	meta               []*media.Meta    // per media item, nil when absent or unreadable

	// the bio's and the reply's fields are still to be made (see Check)
	bioLater, replyLater bool

	all      []*field    // every field present: text, bio, reply, alts
	present  uint8       // the scopes of all (inText...)
	textOnly [1]*field   // the text, for fields()
	marks    []uint64    // reused by candidates()
	win      [3][][2]int // reused by phrase(): windows, keyword windows, both
	fieldBuf []*field    // reused by fields()
	// reused by reid: its evidence, and the spans it reports
	reidEv, reidSpans []reidEvidence
	// reused by storyModel: the post's model features and docs
	storyFeat []storymodel.Feature
	storyDocs []*text.Doc
}

// postPool recycles posts with their buffers: a short post is judged in a
// few microseconds, and its allocations were a good part of that.
var postPool = sync.Pool{New: func() any { return new(post) }}

// release returns ps and its fields to their pools. The findings stay
// valid: they hold offsets and substrings of the post, not field memory.
func (ps *post) release() {
	for _, f := range ps.all {
		f.release()
	}
	if len(ps.keys) >= manyKeys {
		clear(ps.seen)
	}
	clear(ps.alts)
	clear(ps.all)
	clear(ps.fieldBuf)
	clear(ps.out)
	clear(ps.reidEv)
	clear(ps.reidSpans)
	// field by field: a new post{...} with the buffers kept wrote all of
	// its fifty-odd words (TestReleasedPostIsEmpty checks none is missed)
	ps.p, ps.text, ps.bioMade, ps.replyMade, ps.meta = nil, nil, nil, nil, nil
	ps.present, ps.textOnly[0] = 0, nil
	ps.j, ps.bioLater, ps.replyLater = nil, false, false
	ps.alts, ps.all, ps.fieldBuf = ps.alts[:0], ps.all[:0], ps.fieldBuf[:0]
	ps.out, ps.keys, ps.order = ps.out[:0], ps.keys[:0], ps.order[:0]
	ps.reidEv, ps.reidSpans = ps.reidEv[:0], ps.reidSpans[:0]
	ps.storyFeat = ps.storyFeat[:0]
	clear(ps.storyDocs)
	ps.storyDocs = ps.storyDocs[:0]
	postPool.Put(ps)
}

// conditions evaluates a rule's Require and Forbid lists.
func (ps *post) conditions(r *rules.Rule) bool {
	holds := func(c *rules.Condition) bool {
		switch c.Scope {
		case rules.ScopeText:
			return ps.text.condHolds(r, c)
		case rules.ScopeBio:
			return ps.bioField().condHolds(r, c)
		case rules.ScopeReply:
			return ps.replyField().condHolds(r, c)
		case rules.ScopeAlt:
			for _, a := range ps.alts {
				if a.condHolds(r, c) {
					return true
				}
			}
		}
		return false
	}
	for i := range r.Require {
		if !holds(&r.Require[i]) {
			return false
		}
	}
	for i := range r.Forbid {
		if holds(&r.Forbid[i]) {
			return false
		}
	}
	return true
}

// candidates returns the mask of the rules that may fire on the post: the
// rules evaluated for every post, the phrase and pattern rules of which
// some field holds a phrase or keyword (its own, or of a named list it
// uses), and the identifier rules of which some field holds a phrase of a
// context list, less those the post's context rules out.
func (ps *post) candidates(j *Judge) []uint64 {
	marks := ps.marks[:j.words]
	copy(marks, j.always)
	for _, f := range ps.all {
		for _, k := range f.touched {
			if m := j.slotMarks[k]; m != nil {
				orMask(marks, m)
			}
		}
	}
	andMask(marks, ps.marks[j.words:])
	return marks
}

// applicable returns the mask of the rules that the post's context lets
// fire (see contextGate), kept in the second half of ps.marks for
// candidates.
func (ps *post) applicable(j *Judge) []uint64 {
	if cap(ps.marks) < 2*j.words {
		ps.marks = make([]uint64, 2*j.words)
	}
	ps.marks = ps.marks[:2*j.words]
	open := ps.marks[j.words:]
	for i := range open {
		open[i] = ^uint64(0)
	}
	j.gate.apply(ps.p, ps.p.ReplyTo != nil && ps.p.ReplyTo.Text != "", open)
	return open
}

// passes reports whether the post passes the tests (of plan.tests) of
// rule r.
func (ps *post) passes(r *rules.Rule, tests uint8) bool {
	if tests&testOnlyWith != 0 && !ps.flagged(r.OnlyWith) {
		return false
	}
	if tests&testReplyContext != 0 && (ps.replyField() == nil || !ps.replyField().anyHit(r.NamedLists(rules.ListReplyContext), nil)) {
		return false
	}
	return tests&testConditions == 0 || ps.conditions(r)
}

// flagged reports whether a warn or block finding of category c exists.
func (ps *post) flagged(c string) bool {
	for i := range ps.out {
		// by pointer: a copy of each finding cost more than the test
		if f := &ps.out[i]; f.Category == c && f.Severity.Rank() >= model.Warn.Rank() {
			return true
		}
	}
	return false
}

// fields returns the post's fields of the given scopes (inText...), in
// the order text, alt texts, bio, reply.
func (ps *post) fields(scopes uint8) []*field {
	if scopes&ps.present == inText { // most rules and posts
		return ps.textOnly[:]
	}
	fs := ps.fieldBuf[:0]
	if scopes&inText != 0 {
		fs = append(fs, ps.text)
	}
	if scopes&inAlt != 0 {
		fs = append(fs, ps.alts...)
	}
	if scopes&inBio != 0 && ps.bioField() != nil {
		fs = append(fs, ps.bioField())
	}
	if scopes&inReply != 0 && ps.replyField() != nil {
		fs = append(fs, ps.replyField())
	}
	ps.fieldBuf = fs
	return fs
}

// reads reports whether one of the rules of mask rs (bioRules or
// replyRules) applies to the post, whose applicable rules are open. With
// other than the default detectors (parts unset), the judge makes every
// field at once, as it finds every candidate: the tests compare the two.
func (j *Judge) reads(rs, open []uint64) bool {
	if j.parts == nil {
		return true
	}
	for i, w := range rs {
		if w&open[i] != 0 {
			return true
		}
	}
	return false
}

// bioField returns the bio's field, made on first use where Check left it
// for later, or nil when the post has no bio.
func (ps *post) bioField() *field {
	if ps.bioLater {
		ps.bioMade = ps.makeLater(&ps.bioLater, rules.ScopeBio, ps.p.Author.Bio, placesCands)
	}
	return ps.bioMade
}

// replyField is bioField for the replied-to text.
func (ps *post) replyField() *field {
	if ps.replyLater {
		ps.replyMade = ps.makeLater(&ps.replyLater, rules.ScopeReply, ps.p.ReplyTo.Text, noCands)
	}
	return ps.replyMade
}

// makeLater makes a field Check left for later, and clears its flag.
func (ps *post) makeLater(later *bool, scope rules.Scope, src string, source candSource) *field {
	*later = false
	f := ps.j.newField(scope, -1, src, source)
	ps.all = append(ps.all, f)
	return f
}

// Check judges one post.
func (j *Judge) Check(ctx context.Context, p *model.Post) model.Report {
	if len(p.Text) > MaxPiece {
		return j.checkPieces(ctx, p)
	}
	ps := postPool.Get().(*post)
	defer ps.release()
	ps.p, ps.j = p, j
	open := ps.applicable(j)
	ps.text = j.newField(rules.ScopeText, -1, p.Text, allCands)
	for i, m := range p.Media {
		if strings.TrimSpace(m.Alt) != "" {
			ps.alts = append(ps.alts, j.newField(rules.ScopeAlt, i, m.Alt, allCands))
		}
	}
	// The bio's and the reply's phrases make candidates of the rules that
	// read them, so each is made at once when one of those applies; else
	// on first use (bioField, replyField: by a condition, a rule's reply
	// context, reid or reviewReply), when no rule may ever read it: a rule
	// of other fields that its phrases alone made a candidate finds
	// nothing there.
	if p.Author.Bio != "" {
		if j.reads(j.bioRules, open) {
			ps.bioMade = j.newField(rules.ScopeBio, -1, p.Author.Bio, placesCands)
		} else {
			ps.bioLater = true
		}
	}
	if p.ReplyTo != nil && p.ReplyTo.Text != "" {
		if j.reads(j.replyRules, open) {
			ps.replyMade = j.newField(rules.ScopeReply, -1, p.ReplyTo.Text, noCands)
		} else {
			ps.replyLater = true
		}
	}
	var warnings []string
	if len(p.Media) > 0 {
		ps.meta = make([]*media.Meta, len(p.Media))
	}
	for i, m := range p.Media {
		if m.Path == "" || j.readMedia == nil {
			continue
		}
		meta, err := j.readMedia(m.Path)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("photo %d (%s): %v", i+1, m.Path, err))
			continue
		}
		ps.meta[i] = meta
		// text kept in the photo's metadata (descriptions, comments, the
		// owner's or a tagged person's name) is read like alt text
		if txt := metaText(meta); txt != "" {
			f := j.newField(rules.ScopeAlt, i, txt, allCands)
			f.exif = true
			ps.alts = append(ps.alts, f)
		}
	}
	ps.all = append(ps.all, ps.text)
	ps.present = inText
	if ps.bioMade != nil {
		ps.all = append(ps.all, ps.bioMade)
	}
	if ps.bioMade != nil || ps.bioLater {
		ps.present |= inBio
	}
	if ps.replyMade != nil {
		ps.all = append(ps.all, ps.replyMade)
	}
	// present holds the scopes the post has, made or left for later
	// (bioField and replyField make those when first read)
	if ps.replyMade != nil || ps.replyLater {
		ps.present |= inReply
	}
	if len(ps.alts) > 0 {
		ps.all = append(ps.all, ps.alts...)
		ps.present |= inAlt
	}
	ps.textOnly[0] = ps.text
	reidScore, err := j.evaluate(ctx, ps)
	if err != nil {
		warnings = append(warnings, "stopped early: "+err.Error())
	}
	// ps.out is the pooled buffer: the report gets its own exact-size
	// copy, made in report order
	var sorted []model.Finding
	sorted, ps.order = inReportOrder(ps.out, ps.order[:0])
	kept, silenced := suppress(p, sorted)
	if kept == nil {
		kept = []model.Finding{}
	}
	return model.Report{ID: p.ID, Verdict: model.VerdictOf(kept), Findings: kept, ReidScore: round(reidScore), Warnings: warnings, Suppressed: silenced}
}

// evaluate runs on the post the rules that may fire there, in order, and
// returns its re-identification score, or ctx's error once ctx is done.
// (Apart from Check, whose inlined field set-up leaves the compiler few
// registers, this loop keeps its variables in registers.)
func (j *Judge) evaluate(ctx context.Context, ps *post) (reidScore float64, err error) {
	done := ctx.Done() // nil when it can never be cancelled
	for w, m := range ps.candidates(j) {
		for ; m != 0; m &= m - 1 {
			i := w*64 + bits.TrailingZeros64(m)
			pl := &j.plans[i]
			r := pl.rule
			if pl.tests != 0 && !ps.passes(r, pl.tests) {
				continue
			}
			if done != nil && ctx.Err() != nil {
				return reidScore, ctx.Err()
			}
			switch pl.kind {
			case kindIdentifier:
				for _, f := range ps.fields(pl.scopes) {
					j.identifier(ps, r, f, pl.parts)
				}
			case kindPhrase:
				for _, f := range ps.fields(pl.scopes) {
					j.phrase(ps, r, f)
				}
			case kindReid:
				if s := j.reid(ps, r, pl.weights); s > reidScore {
					reidScore = s
				}
			case kindReviewReply:
				j.reviewReply(ps, r)
			case kindMetadata:
				j.metadata(ps, r)
			case kindModel:
				j.storyModel(ps, r)
			}
		}
	}
	return reidScore, nil
}

// suppress moves findings silenced by the post's suppressions aside. A
// suppression names a rule ID or a category and applies to its line and
// the next (where a comment above the text usually sits), or everywhere.
func suppress(p *model.Post, fs []model.Finding) (kept, silenced []model.Finding) {
	if len(p.Suppress) == 0 {
		return fs, nil
	}
	for _, f := range fs {
		line := 0
		if a, _, ok := f.Span(); ok && (f.Field == "" || f.Field == "text") && a <= len(p.Text) {
			line = 1 + strings.Count(p.Text[:a], "\n")
		}
		why := ""
		for _, s := range p.Suppress {
			if s.Rule != f.Rule && s.Rule != f.Category {
				continue
			}
			if s.Line == 0 || line == s.Line || line == s.Line+1 {
				why = s.Reason
				break
			}
		}
		if why == "" {
			kept = append(kept, f)
			continue
		}
		f.SuppressedBy = why
		silenced = append(silenced, f)
	}
	return kept, silenced
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// sortFindings puts findings in report order (see findingOrder).
func sortFindings(fs []model.Finding) {
	sorted, _ := inReportOrder(fs, nil)
	copy(fs, sorted)
}

// inReportOrder returns a new exact-size slice of fs in report order, and
// the places it sorted (appended to order, which it reuses).
func inReportOrder(fs []model.Finding, order []place) ([]model.Finding, []place) {
	order = findingOrder(fs, order)
	sorted := make([]model.Finding, len(fs))
	for k, o := range order {
		sorted[k] = fs[o.i]
	}
	return sorted, order
}

// place is where a finding goes in a report: by photo (the post's own
// fields first), then by where its span starts, the more severe first
// among equals, and then as found (i is its index).
type place struct{ media, start, rank, i int }

// findingOrder appends to order the places of fs, in report order. Sorting
// these small keys, not the findings, costs no copies of findings: a
// finding is about two hundred bytes, and the comparison of two used to
// copy both.
func findingOrder(fs []model.Finding, order []place) []place {
	for i := range fs {
		f := &fs[i]
		o := place{media: -1, rank: -f.Severity.Rank(), i: i}
		if f.Media != nil {
			o.media = *f.Media
		}
		o.start, _, _ = f.Span()
		order = append(order, o)
	}
	slices.SortFunc(order, func(a, b place) int {
		if a.media != b.media {
			return cmp.Compare(a.media, b.media)
		}
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if a.rank != b.rank {
			return cmp.Compare(a.rank, b.rank)
		}
		return cmp.Compare(a.i, b.i)
	})
	return order
}

// emitKey identifies a finding within a post: one per rule, field and span.
type emitKey struct {
	rule     *rules.Rule
	scope    rules.Scope
	media    int
	a, b     int
	hasField bool
}

// manyKeys is the number of findings from which record looks keys up in a
// map: most posts have a few, and a scan of so few keys costs less than
// hashing one (and clearing the map for the next post).
const manyKeys = 16

// record adds key to what emit has recorded, and reports whether it is new.
func (ps *post) record(key emitKey) bool {
	if len(ps.keys) < manyKeys {
		for i := range ps.keys {
			if ps.keys[i] == key {
				return false
			}
		}
	} else {
		if ps.seen == nil {
			ps.seen = make(map[emitKey]bool, 2*manyKeys)
		}
		if len(ps.seen) == 0 { // just past the scan: the keys so far go in
			for _, k := range ps.keys {
				ps.seen[k] = true
			}
		}
		if ps.seen[key] {
			return false
		}
		ps.seen[key] = true
	}
	ps.keys = append(ps.keys, key)
	return true
}

// emit records a finding for rule r on field f covering bytes [a,b) of
// f's text (a<0: no span).
func (ps *post) emit(r *rules.Rule, f *field, a, b int, conf float64, evidence ...string) {
	key := emitKey{rule: r}
	if f != nil {
		key = emitKey{rule: r, scope: f.scope, media: f.media, a: a, b: b, hasField: true}
	}
	if !ps.record(key) {
		return
	}
	fd := model.Finding{
		Rule: r.ID, Category: r.Category, Severity: r.SeverityOf(ps.p),
		Clause: r.Clause, Message: r.Message, Fix: r.Fix, Confidence: round(conf), Evidence: evidence,
	}
	if f != nil {
		fd.Field = string(f.scope)
		if f.exif {
			fd.Field = "exif"
		}
		if f.media >= 0 {
			m := f.media
			fd.Media = &m
		}
		if a >= 0 && b > a {
			if f.scope == rules.ScopeText {
				fd.Field = ""
			}
			se := &[2]int{a, b} // one allocation for both
			fd.Start, fd.End = &se[0], &se[1]
			fd.Text = f.doc.Src[a:b]
		}
	}
	ps.out = append(ps.out, fd)
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// identifier emits findings for candidates of the rule's types that
// concern a patient; parts are the detectors that find those types.
func (j *Judge) identifier(ps *post, r *rules.Rule, f *field, parts uint8) {
	if len(r.Context) > 0 && !j.contextPossible(ps, f, r) {
		return // no candidate can be in context: none need be found
	}
	var unless []span // the sentences where a candidate is not the patient's
	if len(r.Unless) > 0 {
		unless = f.hits(r.NamedLists(rules.ListUnless), f.ownOf(r).unless())
	}
	for _, c := range j.partCands(f, parts) {
		if !has(r.Types, string(c.Type)) || (len(r.Subs) > 0 && !has(r.Subs, c.Sub)) || c.Score < r.MinScore {
			continue
		}
		a, b := f.tokenAt(c.Start), f.tokenAt(c.End-1)
		if len(r.Context) > 0 && !j.inContext(ps, f, r.NamedLists(rules.ListContext), a, b, r.Within) {
			continue
		}
		if len(unless) > 0 && a < len(f.doc.Tokens) {
			if sa, sb := f.sentenceOf(a); cancels(f, unless, sa, sb, span{a, b}) {
				continue
			}
		}
		if len(r.UnlessTitled) > 0 && a < len(f.doc.Tokens) && titled(f.doc, a, r.UnlessTitled) && !keptNear(f, r, a, b) {
			continue
		}
		if len(r.UnlessNear) > 0 && a < len(f.doc.Tokens) {
			sa, sb := f.sentenceOf(a)
			if near(within(f.hits(r.NamedLists(rules.ListUnlessNear), nil), sa, sb), a, b, 4) && !keptNear(f, r, a, b) {
				continue
			}
		}
		if r.OnlyWith != "" && ps.covered(f, r.OnlyWith, c.Start, c.End) {
			continue // already pointed at by a finding of that category
		}
		// one allocation for the evidence, at its size (appends grew it
		// twice)
		n := 1
		if c.Sub != "" {
			n++
		}
		if c.Cue != "" {
			n++
		}
		ev := append(make([]string, 0, n), string(c.Type))
		if c.Sub != "" {
			ev = append(ev, c.Sub)
		}
		if c.Cue != "" {
			ev = append(ev, "cue: "+c.Cue)
		}
		ps.emit(r, f, c.Start, c.End, c.Score, ev...)
	}
}

// keptNear reports whether a phrase of r's keep_near lists lies within 4
// tokens of tokens [a,b] of f in their sentence: it overrides both
// unless_titled and unless_near.
func keptNear(f *field, r *rules.Rule, a, b int) bool {
	if len(r.KeepNear) == 0 {
		return false
	}
	sa, sb := f.sentenceOf(a)
	return near(within(f.hits(r.NamedLists(rules.ListKeepNear), nil), sa, sb), a, b, 4)
}

// titled reports whether the name at token a of d is titled with a word
// of titles: token a is one, or the word just before it ("Senator" in
// "Senator Blake" when the name is "Blake"; a period between is passed
// over).
func titled(d *text.Doc, a int, titles []string) bool {
	for k := a; k >= 0 && k >= a-2; k-- {
		t := &d.Tokens[k]
		if t.Kind == text.Word {
			if slices.Contains(titles, t.Lower) {
				return true
			}
			if k < a {
				return false
			}
			continue
		}
		if !d.IsPunct(k, '.') {
			return false
		}
	}
	return false
}

// inContext reports whether the Context lists hit near tokens [a,b] of f,
// or (when within is 0) anywhere in f; alt texts and review replies also
// take their context from the post text.
func (j *Judge) inContext(ps *post, f *field, lists []int32, a, b, within int) bool {
	if near(f.hits(lists, nil), a, b, within) {
		return true
	}
	if f.scope == rules.ScopeAlt && near(ps.text.hits(lists, nil), 0, 0, 0) {
		return true
	}
	// In a reply to a review, the person addressed is the reviewer-patient.
	if f.scope == rules.ScopeText && ps.p.Platform == "review-reply" && len(f.list(j.lists.reviewConfirm)) > 0 {
		return true
	}
	return false
}

// phrase evaluates phrase and pattern rules on one field.
func (j *Judge) phrase(ps *post, r *rules.Rule, f *field) {
	h := f.ownOf(r)
	if r.Kind == rules.Phrase && !f.anyHit(r.NamedLists(rules.ListMain), h.main()) {
		return // nothing of the rule's lists occurs here
	}
	if r.Near != nil && !f.anyHit(r.NamedLists(rules.ListNear), h.near()) {
		return // every match needs a near phrase, and the field has none
	}
	var matches []span
	if r.Kind == rules.Pattern {
		if r.Regexp() == nil {
			return // cannot happen for a loaded rule: its pattern compiled
		}
		kw := h.keyword()
		if r.LinkKeyword() {
			kw = append(kw[:len(kw):len(kw)], f.linkSpans()...)
		}
		if len(kw) == 0 {
			return // the prefilter found none of the rule's keywords
		}
		if r.Chars != "" && !rules.ContainsAnyByte(f.doc.Src, r.Chars) {
			return
		}
		lits := r.Literals()
		if lits != nil && lits.Unsafe(f.doc.Src) {
			lits = nil
		}
		ps.win[2] = intersect(ps.windows(r, f), ps.keywordWindows(f, kw), ps.win[2][:0])
		for _, w := range ps.win[2] {
			src := f.doc.Src
			if r.Lowered() {
				src = f.lowered()
			}
			if lits != nil && !lits.Match(lits.Text(src, f.lowered)[w[0]:w[1]]) {
				continue // no text every match needs: the expression cannot match here
			}
			var ms [][]int
			if st := r.Starts(); st != nil && lits != nil {
				// tried only where a string every match begins with occurs
				ms = st.FindAll(r.Regexp(), src[w[0]:w[1]], lits.Text(src, f.lowered)[w[0]:w[1]], 64)
			} else {
				ms = r.Regexp().FindAllStringSubmatchIndex(src[w[0]:w[1]], 64)
			}
			for _, m := range ms {
				a, b := m[0], m[1]
				// the first capture group that matched, if any, is the span
				// to report (RE2 has no lookahead: context goes outside it)
				for g := 2; g+1 < len(m); g += 2 {
					if m[g] >= 0 && m[g+1] > m[g] {
						a, b = m[g], m[g+1]
						break
					}
				}
				if b > a {
					matches = append(matches, span{f.tokenAt(w[0] + a), f.tokenAt(w[0] + b - 1)})
				}
			}
		}
	} else {
		matches = f.hits(r.NamedLists(rules.ListMain), h.main())
	}
	if len(matches) == 0 {
		return
	}
	var nearHits []span
	if r.Near != nil {
		nearHits = f.hits(r.NamedLists(rules.ListNear), h.near())
	}
	unless := f.hits(r.NamedLists(rules.ListUnless), h.unless())
	for _, m := range matches {
		if m.first >= len(f.doc.Tokens) || m.last >= len(f.doc.Tokens) {
			continue
		}
		if r.Near != nil && !near(nearHits, m.first, m.last, r.Near.Within) {
			continue
		}
		if r.Quoted == "skip" && f.inQuotes(m.first) {
			continue
		}
		if len(unless) > 0 {
			sa, sb := f.sentenceOf(m.first)
			if f.scope == rules.ScopeAlt {
				sa, sb = 0, len(f.doc.Tokens)
			}
			if cancels(f, unless, sa, sb, m) {
				continue
			}
		}
		a, b := f.doc.Tokens[m.first].Start, f.doc.Tokens[m.last].End
		if r.OnlyWith != "" && ps.covered(f, r.OnlyWith, a, b) {
			continue // already pointed at by a finding of that category
		}
		ps.emit(r, f, a, b, 0.9)
	}
}

// windows returns the byte ranges of f a pattern rule reads: the whole
// field, or for an only_with rule just the sentences that hold a finding of
// that category (the details of an identified patient sit next to them).
func (ps *post) windows(r *rules.Rule, f *field) [][2]int {
	ws := ps.win[0][:0]
	if r.OnlyWith == "" || f.scope != rules.ScopeText || len(f.doc.Tokens) == 0 {
		ps.win[0] = append(ws, [2]int{0, len(f.doc.Src)})
		return ps.win[0]
	}
	for i := range ps.out {
		fd := &ps.out[i]
		a, b, ok := fd.Span()
		if !ok || fd.Category != r.OnlyWith || fd.Field != "" || a >= len(f.doc.Src) {
			continue
		}
		sa, _ := f.sentenceOf(f.tokenAt(a))
		_, sb := f.sentenceOf(min(f.tokenAt(b-1), len(f.doc.Tokens)-1))
		ws = append(ws, [2]int{f.doc.Tokens[sa].Start, f.doc.Tokens[sb].End})
	}
	ps.win[0] = mergeWindows(ws)
	return ps.win[0]
}

// keywordWindows returns keywordWindows of f and hits, in a buffer of the
// post.
func (ps *post) keywordWindows(f *field, hits []span) [][2]int {
	ps.win[1] = keywordWindows(f, hits, ps.win[1][:0])
	return ps.win[1]
}

// keywordWindows returns the byte ranges around keyword hits (the
// sentence, at most 24 tokens either side): a pattern rule's expression
// runs only there. They are appended to ws.
func keywordWindows(f *field, hits []span, ws [][2]int) [][2]int {
	for _, h := range hits {
		if h.first >= len(f.doc.Tokens) {
			continue
		}
		sa, _ := f.sentenceOf(h.first)
		_, sb := f.sentenceOf(min(h.last, len(f.doc.Tokens)-1))
		// at most 24 tokens either side: patterns are local, and clinical
		// notes run on for hundreds of tokens without a full stop
		sa = max(sa, h.first-24)
		sb = min(sb, h.last+24, len(f.doc.Tokens)-1)
		// marks attached before the sentence ("#", "@", quotes) belong to it
		k := sa
		for k > 0 && f.doc.Tokens[k-1].Kind == text.Punct && f.doc.Tokens[k-1].End == f.doc.Tokens[k].Start {
			k--
		}
		ws = append(ws, [2]int{f.doc.Tokens[k].Start, f.doc.Tokens[sb].End})
	}
	return mergeWindows(ws)
}

func mergeWindows(ws [][2]int) [][2]int {
	slices.SortFunc(ws, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	merged := ws[:0]
	for _, w := range ws {
		if n := len(merged); n > 0 && w[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], w[1])
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// intersect appends to out the parts of a that lie inside b (both sorted,
// disjoint).
func intersect(a, b, out [][2]int) [][2]int {
	for _, x := range a {
		for _, y := range b {
			lo, hi := max(x[0], y[0]), min(x[1], y[1])
			if lo < hi {
				out = append(out, [2]int{lo, hi})
			}
		}
	}
	return out
}

// covered reports whether [a,b) of field f overlaps a finding of category c.
func (ps *post) covered(f *field, c string, a, b int) bool {
	for i := range ps.out {
		fd := &ps.out[i]
		s, e, ok := fd.Span()
		if !ok || fd.Category != c || s >= b || e <= a {
			continue
		}
		switch {
		case f.scope == rules.ScopeText && fd.Field == "":
			return true
		case f.scope == rules.ScopeAlt && fd.Field == string(rules.ScopeAlt) && fd.Media != nil && *fd.Media == f.media:
			return true // the same photo's description
		}
	}
	return false
}

// within keeps the spans that lie inside tokens [a,b].
func within(hs []span, a, b int) []span {
	var out []span
	for _, h := range hs {
		if h.first >= a && h.last <= b {
			out = append(out, h)
		}
	}
	return out
}

// cancels reports whether an unless hit in tokens sa..sb cancels match m:
// one after it, or one before it that no contrast word ("but", "except",
// "however") separates from it. "Name blurred but DOB and MRN clearly visible": the redaction is of
// the name, and the identifiers after "but" stay.
func cancels(f *field, unless []span, sa, sb int, m span) bool {
	for _, u := range unless {
		if u.last < sa || u.first > sb {
			continue
		}
		// (a condemnation after the match cancels it across a "but":
		// "some say X, but that's wrong")
		if u.first > m.last || !f.contrastIn(u.last+1, m.first) {
			return true
		}
	}
	return false
}

// contrastIn reports whether a contrast word lies in tokens lo..hi-1.
func (f *field) contrastIn(lo, hi int) bool {
	for i := max(lo, 0); i < hi && i < len(f.doc.Tokens); i++ {
		switch f.doc.Tokens[i].Lower {
		case "but", "except", "however", "although", "though", "yet":
			return true
		}
	}
	return false
}

func overlapsRange(hs []span, a, b int) bool {
	for _, h := range hs {
		if h.last >= a && h.first <= b {
			return true
		}
	}
	return false
}

// reviewReply fires when a reply confirms that the person answered is a
// patient: on a review platform (or a reply to what reads like a review)
// one confirming phrase is enough; in an ordinary reply it takes two. The
// person's name or @handle in the reply is then a patient identifier too.
func (j *Judge) reviewReply(ps *post, r *rules.Rule) {
	if ps.p.ReplyTo == nil && ps.p.Platform != "review-reply" {
		return
	}
	t := ps.text
	hits := t.list(j.lists.reviewConfirm)
	if len(hits) == 0 {
		return // (before the reply is read: see replyField)
	}
	isReview := ps.p.Platform == "review-reply" || (ps.replyField() != nil && len(ps.replyField().list(j.lists.reviewPlatformCues)) > 0)
	if !isReview && len(hits) < 2 {
		return
	}
	for _, s := range hits {
		ps.emit(r, t, t.doc.Tokens[s.first].Start, t.doc.Tokens[s.last].End, 0.85, "reply confirms care")
	}
	// the addressed person: names the detectors found, the reply author's
	// name, and @handles
	author := map[string]bool{}
	if ps.p.ReplyTo != nil {
		for _, w := range strings.FieldsFunc(strings.ToLower(ps.p.ReplyTo.Author), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) > 2 {
				author[w] = true
			}
		}
	}
	for _, c := range j.partCands(t, 1<<kNames) {
		if c.Type == detect.Name && c.Score >= 0.25 {
			ps.emit(r, t, c.Start, c.End, c.Score, "the person addressed")
		}
	}
	for i, tk := range t.doc.Tokens {
		if tk.Kind != text.Word {
			continue
		}
		if author[tk.Lower] || (tk.Has(text.InMention) && i > 0 && t.doc.IsPunct(i-1, '@')) {
			a := tk.Start
			if tk.Has(text.InMention) {
				a = t.doc.Tokens[i-1].Start
				// the handle runs on through "_x" parts
				e := tk.End
				for k := i + 1; k < len(t.doc.Tokens) && t.doc.Tokens[k].Start == e && t.doc.Tokens[k].Has(text.InMention); k++ {
					e = t.doc.Tokens[k].End
				}
				ps.emit(r, t, a, e, 0.8, "the person addressed")
				continue
			}
			ps.emit(r, t, a, tk.End, 0.8, "the person addressed")
		}
	}
}

// metadata reports what a photo's metadata gives away: its GPS position,
// and with it the capture time and camera serial.
func (j *Judge) metadata(ps *post, r *rules.Rule) {
	for i, meta := range ps.meta {
		if meta == nil || meta.GPS == nil {
			continue
		}
		f := &field{scope: "exif", media: i}
		ev := []string{fmt.Sprintf("GPS %.5f, %.5f", meta.GPS.Lat, meta.GPS.Lon)}
		if !meta.Taken.IsZero() {
			ev = append(ev, "taken "+meta.Taken.Format("2006-01-02 15:04"))
		}
		if meta.Serial != "" {
			ev = append(ev, "camera serial "+meta.Serial)
		}
		if meta.Make != "" || meta.Model != "" {
			ev = append(ev, strings.TrimSpace("camera "+meta.Make+" "+meta.Model))
		}
		ps.emit(r, f, -1, -1, 1, ev...)
	}
}

// metaText joins the free text of a photo's metadata.
func metaText(m *media.Meta) string {
	parts := append([]string{}, m.Text...)
	if m.Owner != "" {
		parts = append(parts, "Owner: "+m.Owner)
	}
	return strings.Join(parts, "\n")
}

// MaxPiece bounds the post text judged at once. Memory grows with the
// tokens, candidates and phrase hits of a text (about 70 bytes a byte), so
// a longer text (a long blog post or document) is judged in pieces cut at
// a blank line, else a line break, else a space; a post is far shorter.
const MaxPiece = 256 << 10

// checkPieces judges a long text piece by piece with the post's context and
// merges the reports: text spans are moved to their place in the whole
// text, findings about the bio, reply or photos are kept once, and
// suppressions are applied to the whole text at the end.
func (j *Judge) checkPieces(ctx context.Context, p *model.Post) model.Report {
	var warnings []string
	var out []model.Finding
	seen := map[string]bool{}
	score := 0.0
	for off := 0; off < len(p.Text); {
		end := PieceEnd(p.Text, off, MaxPiece)
		piece := *p
		piece.Text, piece.Suppress = p.Text[off:end], nil
		if off > 0 {
			piece.Media = nil // photos are read and judged with the first piece
		}
		rep := j.Check(ctx, &piece)
		for _, f := range rep.Findings {
			if a, b, ok := f.Span(); ok && f.Field == "" && f.Media == nil {
				a, b = a+off, b+off
				f.Start, f.End = &a, &b
			}
			key := findingKey(&f)
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
		score = max(score, rep.ReidScore)
		warnings = append(warnings, rep.Warnings...)
		off = end
	}
	sortFindings(out)
	kept, silenced := suppress(p, out)
	if kept == nil {
		kept = []model.Finding{}
	}
	return model.Report{ID: p.ID, Verdict: model.VerdictOf(kept), Findings: kept, ReidScore: score, Warnings: slices.Compact(warnings), Suppressed: silenced}
}

// findingKey identifies a finding: its rule, where it points and what it says.
func findingKey(f *model.Finding) string {
	a, b, _ := f.Span()
	m := -1
	if f.Media != nil {
		m = *f.Media
	}
	return fmt.Sprintf("%s|%s|%d|%d|%d|%s", f.Rule, f.Field, m, a, b, strings.Join(f.Evidence, ","))
}

// PieceEnd returns where the piece of s that starts at off ends: at most
// size bytes on, cut in the last quarter at a blank line, else a line
// break, else a space, else a character boundary.
func PieceEnd(s string, off, size int) int {
	if len(s)-off <= size {
		return len(s)
	}
	lo, hi := off+size*3/4, off+size
	tail := s[lo:hi]
	if k := strings.LastIndex(tail, "\n\n"); k >= 0 {
		return lo + k + 2
	}
	if k := strings.LastIndexByte(tail, '\n'); k >= 0 {
		return lo + k + 1
	}
	if k := strings.LastIndexByte(tail, ' '); k >= 0 {
		return lo + k + 1
	}
	for hi > lo && !utf8.RuneStart(s[hi]) {
		hi-- // never inside a character
	}
	return hi
}
