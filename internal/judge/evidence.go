package judge

import (
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/rules"
)

// field is one piece of a post that rules read: the text, an alt text, the
// bio or the replied-to text, tokenised once with its candidates and phrase
// hits.
type field struct {
	scope rules.Scope
	media int  // index of the media item for alt text, else -1
	exif  bool // an alt-like field read from the photo's metadata
	doc   *text.Doc
	cands []detect.Candidate
	// source says which detectors find the field's candidates; pending:
	// they are still to be found (see Judge.candsOf). With the default
	// detectors, cands are those of the parts in merged (two or more),
	// and part[k] the candidates of detector k, sorted, when found has
	// bit k (see Judge.partCands);
	// roughDates: part[kDates] holds what dates found alone, which names
	// may change (see Judge.findPart). scratch is findPart's.
	source        candSource
	pending       bool
	found, merged uint8
	roughDates    bool
	part          [numParts][]detect.Candidate
	scratch       []detect.Candidate
	// slots[k] are the phrase hits of hit slot k (see Judge.keySlots): of a
	// named list, or of one list of a rule's own phrases. One flat table
	// for both, indexed by the slot the judge gave each phrase's users
	// when it was made: a post is judged with a handful of fields, each
	// looked up for every rule, and each phrase hit goes to its slots with
	// no test of what they are. Slot 0 stays empty.
	slots [][]span
	// touched are the slots written, cleared on release.
	touched []int32
	// own is Judge.ownSlots: the slots of each rule's own lists.
	own     [][numOwn]int32
	lower   string          // Src with ASCII letters lower-cased (same offsets), made on demand
	lowBuf  []byte          // lower's bytes, reused with the field
	matches []lexicon.Match // newField's phrase matches, reused with the field
	joined  []span          // the lists hits joined (see join), reused with the field
	// findScratch is the phrase search's memory, reused with the field
	findScratch lexicon.Scratch
	// sent is the sentence sentenceOf found last (none when empty): the
	// rules ask for the sentence of each hit, often of the same one
	sent span
}

// lowered returns the field's text with ASCII letters lower-cased.
func (f *field) lowered() string {
	if f.lower == "" && f.doc.Src != "" {
		b := text.AppendLowerASCII(f.lowBuf[:0], f.doc.Src)
		f.lowBuf = b
		// a view of the field's buffer, which is rewritten only after
		// release: the lowered text is matched against, never kept
		f.lower = unsafe.String(unsafe.SliceData(b), len(b))
	}
	return f.lower
}

// ownHits are the hits of a rule's own phrases, by list kind (views of
// the field's slots, not to be appended to).
type ownHits struct {
	f     *field
	slots *[numOwn]int32
}

func (h ownHits) main() []span    { return h.f.slots[h.slots[rules.ListMain]] }
func (h ownHits) near() []span    { return h.f.slots[h.slots[rules.ListNear]] }
func (h ownHits) unless() []span  { return h.f.slots[h.slots[rules.ListUnless]] }
func (h ownHits) keyword() []span { return h.f.slots[h.slots[rules.ListKeyword]] }

// numOwn is the number of list kinds a rule's own phrases come in (the
// ListKinds up to ListCondition); Judge.ownSlots holds a slot for each.
const numOwn = int(rules.ListCondition) + 1

// span is a token range [first,last] of a field's doc.
type span struct{ first, last int }

// fieldPool recycles fields (their maps, candidate and hit buffers): a
// post is judged with a handful of fields, and allocating them afresh was
// a tenth of the cost of a short post.
var fieldPool = sync.Pool{New: func() any { return new(field) }}

// release returns f to the pool; nothing of f may be used afterwards.
func (f *field) release() {
	if f.doc != nil {
		text.Put(f.doc)
	}
	for _, k := range f.touched {
		f.slots[k] = f.slots[k][:0]
	}
	f.touched = f.touched[:0]
	f.joined = f.joined[:0]
	f.doc, f.lower, f.exif, f.pending = nil, "", false, false
	f.found, f.merged, f.roughDates = 0, 0, false
	for k := range f.part {
		f.part[k] = f.part[k][:0]
	}
	f.scratch = f.scratch[:0]
	f.cands = f.cands[:0]
	fieldPool.Put(f)
}

// candSource is which detectors find a field's candidates.
type candSource uint8

const (
	noCands     candSource = iota // the reply: its phrases only
	allCands                      // the text and alt texts: every detector
	placesCands                   // the bio: only the places it names matter
)

func (j *Judge) newField(scope rules.Scope, media int, src string, source candSource) *field {
	f := fieldPool.Get().(*field)
	if n := len(j.slotMarks); len(f.slots) < n {
		f.slots = append(f.slots, make([][]span, n-len(f.slots))...)
	}
	f.own = j.ownSlots
	f.scope, f.media, f.doc = scope, media, text.Get(src)
	f.source, f.pending = source, source != noCands // found on first use: see candsOf
	f.sent = span{0, -1}
	f.matches = j.rules.FindPhrasesWith(f.doc, f.matches[:0], &f.findScratch)
	// each hit to the slots of its phrase's users (in locals: the loop
	// runs for every user of every phrase found)
	slots, touched, keyUsers := f.slots, f.touched, j.keyUsers
	for _, m := range f.matches {
		s := span{m.First, m.Last}
		for _, k := range keyUsers[m.Pattern] {
			if len(slots[k]) == 0 {
				touched = append(touched, k)
			}
			slots[k] = append(slots[k], s)
		}
	}
	f.touched = touched
	for _, b := range j.deriveBases {
		if len(f.slots[namedSlot(b)]) > 0 {
			f.derive(j.rules.Derived())
			break
		}
	}
	return f
}

// derive adds the hits of derived list entries ("his @health-terms"): a
// hit of the base list right after the entry's words is a hit of the
// target list, from the first word on. (A derived hit is not itself a
// base of another entry.)
func (f *field) derive(ds []rules.Derived) {
	toks := f.doc.Tokens
	for _, d := range ds {
		base := f.slots[namedSlot(d.Base)]
		for _, h := range base {
			first := h.first
			ok := true
			for k := len(d.Prefix) - 1; k >= 0; k-- {
				first--
				if first < 0 || toks[first].Kind != text.Word || toks[first].Lower != d.Prefix[k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			t := namedSlot(d.Target)
			if len(f.slots[t]) == 0 {
				f.touched = append(f.touched, t)
			}
			f.slots[t] = append(f.slots[t], span{first, h.last})
		}
	}
}

// hits returns the spans of a rule's list: its own phrases plus those of
// the named lists it refers to, to be read, not written. When one of
// them alone has hits (as is usual) they are its slot's, with no copy;
// else they are joined in the field's joined buffer, which only grows
// until release (a new array leaves the earlier views as they were).
func (f *field) hits(lists []int32, own []span) []span {
	one := own
	for _, id := range lists {
		s := f.slots[namedSlot(id)]
		if len(s) == 0 {
			continue
		}
		if len(one) > 0 {
			return f.join(own, lists)
		}
		one = s
	}
	return one[:len(one):len(one)]
}

// join is hits when more than one of own and the lists has hits: own,
// then the hits of lists, copied into f.joined.
func (f *field) join(own []span, lists []int32) []span {
	start := len(f.joined)
	f.joined = append(f.joined, own...)
	for _, id := range lists {
		f.joined = append(f.joined, f.slots[namedSlot(id)]...)
	}
	return f.joined[start:len(f.joined):len(f.joined)]
}

// list returns the hits of one named list (none for id -1: no such list).
func (f *field) list(id int32) []span {
	if f == nil || id < 0 {
		return nil
	}
	return f.slots[namedSlot(id)]
}

// ownOf returns the hits of rule r's own phrases.
func (f *field) ownOf(r *rules.Rule) ownHits { return ownHits{f, &f.own[r.Index]} }

// anyHit reports whether any phrase of a list hit in f (own or named).
func (f *field) anyHit(lists []int32, own []span) bool {
	if len(own) > 0 {
		return true
	}
	for _, id := range lists {
		if len(f.slots[namedSlot(id)]) > 0 {
			return true
		}
	}
	return false
}

// condHolds reports whether any of the phrases of a condition occur in f.
// Own phrases of all of a rule's conditions share one hit list, so each
// own phrase hit is checked against this condition's phrases.
func (f *field) condHolds(r *rules.Rule, c *rules.Condition) bool {
	if f == nil {
		return false
	}
	if f.anyHit(c.NamedLists(), nil) {
		return true
	}
	for _, s := range f.slots[f.own[r.Index][rules.ListCondition]] {
		if c.Has(f.normOf(s)) {
			return true
		}
	}
	return false
}

// normOf returns the normalised text of a token span.
func (f *field) normOf(s span) string {
	if run, ok := f.doc.WordRun(s.first, s.last); ok {
		return run
	}
	return ""
}

// inQuotes reports whether token i sits inside quotation marks on its line.
func (f *field) inQuotes(i int) bool {
	t := f.doc.Tokens
	open := 0
	for k := i - 1; k >= 0; k-- {
		if t[k].Has(text.NewlineBefore) && k < i-1 {
			break
		}
		if t[k].Kind == text.Punct {
			switch f.doc.Src[t[k].Start:t[k].End] {
			case "\"", "“", "”", "«", "»":
				open++
			}
		}
	}
	return open%2 == 1
}

// linkSpans returns the URL and e-mail tokens, and bare domains (a word, a
// dot and a word with no space: "sleepwell.com").
func (f *field) linkSpans() []span {
	// each has a colon, or a dot with more of it right after: a domain's
	// dot has a word after it, an address's after its '@' too, a URL has
	// "://" or "www." and more (see text.Parse). The dots of most texts
	// end sentences, before a space.
	if !maybeLink(f.doc.Src) {
		return nil
	}
	return f.scanLinks()
}

// maybeLink reports whether src has a colon, or a dot followed by
// anything but a space or a line break.
func maybeLink(src string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(src[i:], '.')
		if j < 0 {
			break
		}
		if i += j; i+1 < len(src) && src[i+1] != ' ' && src[i+1] != '\n' {
			return true
		}
	}
	return strings.IndexByte(src, ':') >= 0
}

// scanLinks is linkSpans without the shortcut: a look at every token.
func (f *field) scanLinks() []span {
	var out []span
	t := f.doc.Tokens
	for i := range t {
		switch t[i].Kind {
		case text.URL, text.Email:
			out = append(out, span{i, i})
		case text.Punct:
			if f.doc.IsPunct(i, '.') && i > 0 && i+1 < len(t) && t[i-1].Kind == text.Word && t[i+1].Kind == text.Word && f.doc.Adjacent(i-1, i) && f.doc.Adjacent(i, i+1) {
				out = append(out, span{i - 1, i + 1})
			}
		}
	}
	return out
}

// tokenAt returns the index of the token containing byte offset b (or the
// next token after it).
func (f *field) tokenAt(b int) int {
	t := f.doc.Tokens
	return sort.Search(len(t), func(i int) bool { return t[i].End > b })
}

// near reports whether any span in hs lies within n tokens of [a,b]
// (n <= 0: anywhere in the field).
func near(hs []span, a, b, n int) bool {
	for _, h := range hs {
		if n <= 0 {
			return true
		}
		if h.last >= a-n && h.first <= b+n {
			return true
		}
	}
	return false
}

// sentenceOf returns the token range of the sentence containing token i.
func (f *field) sentenceOf(i int) (int, int) {
	// every token of a sentence has that sentence: no SentStart lies
	// after its first token and up to its last
	if f.sent.first <= i && i <= f.sent.last {
		return f.sent.first, f.sent.last
	}
	a, b := sentenceAt(f.doc.Tokens, i)
	f.sent = span{a, b}
	return a, b
}

// sentenceAt returns the token range of the sentence containing token i
// of t: from the last SentStart at or before i to the token before the
// next one.
func sentenceAt(t []text.Token, i int) (int, int) {
	a := i
	for a > 0 && !t[a].Has(text.SentStart) {
		a--
	}
	b := i + 1
	for b < len(t) && !t[b].Has(text.SentStart) {
		b++
	}
	return a, b - 1
}
