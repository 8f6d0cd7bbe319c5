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
	// they are still to be found (see Judge.candsOf); ids are the ids
	// detector's alone, found when idsDone (see Judge.ruleCands)
	source  candSource
	pending bool
	idsDone bool
	ids     []detect.Candidate
	// named[id] are the hits of the named list with that index
	// (rules.Set.ListID); own[r.Index] the hits of rule r's own phrases by
	// list kind, nil when none. Both are indexed slices, not maps: a post
	// is judged with a handful of fields, each looked up for every rule.
	named []([]span)
	own   []*ownHits
	// touchedLists and touchedRules are the indexes written, cleared on release.
	touchedLists []int32
	touchedRules []int32
	lower        string          // Src with ASCII letters lower-cased (same offsets), made on demand
	lowBuf       []byte          // lower's bytes, reused with the field
	arena        []ownHits       // backing store of own's values, reused with the field
	matches      []lexicon.Match // newField's phrase matches, reused with the field
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

type ownHits struct{ main, near, unless, keyword, cond []span }

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
	for _, id := range f.touchedLists {
		f.named[id] = f.named[id][:0]
	}
	for _, i := range f.touchedRules {
		f.own[i] = nil
	}
	f.touchedLists, f.touchedRules = f.touchedLists[:0], f.touchedRules[:0]
	f.doc, f.lower, f.exif, f.pending, f.idsDone = nil, "", false, false, false
	f.ids = f.ids[:0]
	f.cands = f.cands[:0]
	f.arena = f.arena[:0]
	fieldPool.Put(f)
}

// newOwn returns a zeroed ownHits from the field's arena. The arena grows
// by whole new chunks, so earlier pointers into it stay valid.
func (f *field) newOwn() *ownHits {
	if len(f.arena) == cap(f.arena) {
		f.arena = make([]ownHits, 0, max(16, 2*cap(f.arena)))
	}
	f.arena = f.arena[:len(f.arena)+1]
	h := &f.arena[len(f.arena)-1]
	// truncated one by one: a whole-struct store would write every
	// slice's pointer again, each through the write barrier's check
	h.main, h.near, h.unless = h.main[:0], h.near[:0], h.unless[:0]
	h.keyword, h.cond = h.keyword[:0], h.cond[:0]
	return h
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
	if n := j.rules.NumLists(); len(f.named) < n {
		f.named = append(f.named, make([][]span, n-len(f.named))...)
	}
	if n := len(j.rules.Rules); len(f.own) < n {
		f.own = append(f.own, make([]*ownHits, n-len(f.own))...)
	}
	f.scope, f.media, f.doc = scope, media, text.Get(src)
	f.source, f.pending = source, source != noCands // found on first use: see candsOf
	f.sent = span{0, -1}
	f.matches = j.rules.FindPhrases(f.doc, f.matches[:0])
	for _, m := range f.matches {
		s := span{m.First, m.Last}
		for _, ref := range j.rules.PhraseRefs(m) {
			if ref.List == rules.ListNamed {
				if len(f.named[ref.ListID]) == 0 {
					f.touchedLists = append(f.touchedLists, ref.ListID)
				}
				f.named[ref.ListID] = append(f.named[ref.ListID], s)
				continue
			}
			h := f.own[ref.Rule]
			if h == nil {
				h = f.newOwn()
				f.own[ref.Rule] = h
				f.touchedRules = append(f.touchedRules, ref.Rule)
			}
			switch ref.List {
			case rules.ListMain:
				h.main = append(h.main, s)
			case rules.ListNear:
				h.near = append(h.near, s)
			case rules.ListUnless:
				h.unless = append(h.unless, s)
			case rules.ListKeyword:
				h.keyword = append(h.keyword, s)
			case rules.ListCondition:
				h.cond = append(h.cond, s)
			}
		}
	}
	return f
}

// hits returns the spans of a rule's list: its own phrases plus those of
// the named lists it refers to.
func (f *field) hits(lists []int32, own []span) []span {
	out := own[:len(own):len(own)] // appending copies: own stays as it is
	for _, id := range lists {
		out = append(out, f.named[id]...)
	}
	return out
}

// list returns the hits of one named list (none for id -1: no such list).
func (f *field) list(id int32) []span {
	if f == nil || id < 0 {
		return nil
	}
	return f.named[id]
}

var noHits = &ownHits{}

func (f *field) ownOf(r *rules.Rule) *ownHits {
	if h := f.own[r.Index]; h != nil {
		return h
	}
	return noHits // shared and never written
}

// anyHit reports whether any phrase of a list hit in f (own or named).
func (f *field) anyHit(lists []int32, own []span) bool {
	if len(own) > 0 {
		return true
	}
	for _, id := range lists {
		if len(f.named[id]) > 0 {
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
	for _, s := range f.ownOf(r).cond {
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
