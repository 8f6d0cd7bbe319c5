// Package names finds personal names (patients, relatives, clinicians) in a
// text.Doc.
//
// # Scoring
//
// Every word gets a prior log-odds of being part of a name from what it is
// and how it is written; a run of adjacent name-like words (with initials,
// hyphen joins and a leading title) is scored as the best word's log-odds
// plus bonuses for its shape and its context, and the sum goes through a
// logistic function:
//
//	prior  gazetteer strength s (0-9, log10 of SSA births or Census
//	       frequency): -0.8 + 0.25*s; a word in no list: -1.2, +0.6 for a
//	       surname-like ending; English word: -3; medical word or eponym: -2.5;
//	       proper noun in no name list (place, brand): -2.
//	case   in mixed-case text only: Capitalised +1.0 (+0.3 at a sentence
//	       start), lower case -2.5, short ALL-CAPS -2. In all-caps or
//	       all-lower text case says nothing and a single word gets -0.8.
//	shape  two or more name words +1.2 (first name then surname +0.6 more);
//	       an initial next to a name word +0.8; dotted initials "J.T." 0.
//	cue    title before (Dr., Mrs) +4.5; role (NP, nurse) +2.5; relative
//	       (wife, son) +3; "named"/"name is"/"named him" +4; weak cue (per,
//	       pt, spoke with, seen by) +1.5 (2 before an initial and a word:
//	       "per B. KARGAS"); credential after (RN, MD, RRT; not before a
//	       number: "PA 54/18") +3; staff verb after (aware, paged) +1.2
//	       (1.8 after "N. GRANDONE"); subject verb after a capitalised
//	       unknown word ("Alvir spent") +0.9; "(daughter)", "(resident)"
//	       after +3; speaker label "Nicole:" at a line start, only in a text
//	       whose labels are mostly names, +2; vocative ("me, Maria?",
//	       "Warrane, can I") +1.5; possessive +0.3; place preposition before
//	       (at, in) -1.5; place or disease head after (Hospital, disease) -4;
//	       a firm word ending the run (Technologies, Inc) -4.
//	lists  a member of a list with a confident name +1.5; a plural of
//	       people before the list ("founders:") +2.5 to each member, a verb
//	       after it +1; a preposition before it or a firm among its members
//	       -1.5 / -3 to each.
//	other  a letter outside ASCII in a word in no English list +0.8 ("Sörös");
//	       an English word that is a common first name is a unit only with a
//	       cue or a name after it ("Maria Silva", "EARL N. RAND"); a bare
//	       letter without a period is not an initial unless a cue vouches
//	       for it ("B BLOCKER", "L Cerc"); dotted letters that spell a
//	       clinical abbreviation ("C.O.", "H.O.") are not initials.
//
// # Shapes
//
// A few frames name a person whatever the words look like (func shapes):
// a first name set off by commas after a relative ("Son, Ed, was
// updated", where "Ed" is also shorthand), and a signature line of two or
// three name words and a credential alone on a line ("anita morris rn"
// inside a mixed-case note). Plain dictionary words at the edge of a
// run with an initial are trimmed off it ("TO MEET S. KARGAS TOMORROW"), a
// common surname after an initial takes a staff verb after it ("J SMITH
// ORDERED"), and a first name right after a "social:" or "family:" header
// gets a weak cue ("social: bob visited").
//
// # Speed
//
// The detector goes through the tokens once (scan); the words where a
// line starts or that follow a comma are noted on the way for the few
// frames that look there (isDialog, shapes). The pass keeps few values in
// locals (the end of the open group of units, the last word) and builds
// its units and runs in the scratch space: a loop with more live values
// than the processor has registers reloaded them at every word. Keyword
// bits and word-list memberships come from small open-addressing tables
// (wordTable) with a cheap hash, behind shape filters (isTitle, cueShape,
// strongShape) that turn most words away without a lookup, and keyword
// bits are looked up lazily, once per token. The gazetteer and vocabulary
// answers for words of up to 13 bytes are cached per worker in a 4-way
// set-associative table (wcache) that lives as long as the process, so a
// worker going through many notes asks the large tables about each word
// about once.
//
// Candidates scoring at least 0.2 are emitted; 0.5 is the natural cut.
// Sub is "titled" (a title is part of the span), "full" (two or more name
// words), "initials", "first", "last", or "public" (a well-known proper
// noun with no cue: likely a public figure or an organisation; the engine
// decides). @mentions and hashtags are not names here.
package names

import (
	"math"
	"runtime"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// MinScore is the lowest score emitted.
const MinScore = 0.2

// minLogit is a logit a little below that of MinScore (ln 0.25 = -1.386):
// a run with a lower logit scores under MinScore (1/(1+e^1.4) = 0.198).
const minLogit = -1.4

type detector struct{}

// New returns the name detector. It is safe for concurrent use.
func New() detect.Detector { return detector{} }

func (detector) Name() string { return "names" }

// Load builds the name tables now (detect.Loader).
func (detector) Load() { gazOnce.Do(loadGaz) }

// unit kinds
const (
	uWord    = iota // a word (possibly hyphen-joined, possessive stripped)
	uInitial        // one letter, optionally with its period
	uTitle          // Dr, Mrs ...
)

type unit struct {
	tok, last  int // first and last token index
	start, end int // bytes
	prior      float64
	casePen    float64
	word       string
	g          gaz
	kind       uint8
	english    bool
	known      bool // in a name list
	proper     bool // proper noun with no name list entry
	cap        bool // capitalised in mixed-case text
	poss       bool // possessive 's stripped
	period     bool // initial followed by a period
	medical    bool // medical vocabulary
}

// Detect implements detect.Detector.
func (detector) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	if d == nil || len(d.Tokens) == 0 {
		return out
	}
	sc := getScratch()
	out = sc.detect(d, out)
	// (no defer: a panic loses the scratch, and the next call makes one)
	putScratch(sc)
	return out
}

// detect is Detect with the scratch space sc.
func (sc *scratch) detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	mixed := !d.Upperish && !d.Lowerish
	sc.foreign = 0
	if d.Upperish {
		sc.foreign = 2
	}
	sc.scan(d, mixed)
	units, runs, starts := sc.units, sc.runs, sc.starts
	dialog := mixed && strings.Count(d.Src, ":") >= 2 && isDialog(d, starts)
	for ri := range runs {
		r := &runs[ri]
		scoreRun(sc, d, units, r, mixed, dialog)
	}
	// lists: "Kónya, Becker and Vasquez", "Dr. Griffin and Swackhamer"
	listContext(d, units, runs, mixed)
	for pass := 0; pass < 2; pass++ {
		for ri := 0; ri+1 < len(runs); ri++ {
			x, y := &runs[ri], &runs[ri+1]
			if !x.joinNext {
				continue
			}
			listBoost(x, y)
			listBoost(y, x)
		}
	}
	// the candidates go out in the order of the runs, that is of their
	// start, which the coverage sweep of shapes relies on
	base := len(out)
	for _, r := range runs {
		// below minLogit the score is under MinScore whatever the rounding
		// of Exp: most runs are skipped without it
		if r.sub == "" || r.logit < minLogit {
			continue
		}
		s := 1 / (1 + math.Exp(-r.logit))
		if s < MinScore {
			continue
		}
		st, en := units[r.a].start, r.end
		if st < 0 || en > len(d.Src) || st >= en {
			continue
		}
		out = append(out, detect.Candidate{Type: detect.Name, Sub: r.sub, Start: st, End: en, Score: math.Min(1, s), Cue: r.cue})
	}
	out = shapes(sc, d, mixed, base, out, starts)
	out = handles(d, out)
	sc.drop()
	return out
}

// SubHandle is a social-media handle ("@jessruns_42"): it names a person
// as surely as their name does.
const SubHandle = "handle"

// handles appends a candidate for each @handle: the '@' and the mention
// words joined to it ("@kieran.lifts", "@the_rivera_fam").
func handles(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	if strings.IndexByte(d.Src, '@') < 0 {
		return out
	}
	toks := d.Tokens
	for i := 0; i+1 < len(toks); i++ {
		if !d.IsPunct(i, '@') || !d.Adjacent(i, i+1) || toks[i+1].Kind != text.Word || toks[i+1].Flags&text.InMention == 0 {
			continue
		}
		if st := toks[i].Start; st > 0 && isHandleByte(d.Src[st-1]) {
			continue // "a@b": part of an address, not a mention
		}
		last := i + 1
		for k := i + 2; k < len(toks) && d.Adjacent(k-1, k); k++ {
			if toks[k].Kind == text.Word && toks[k].Flags&text.InMention != 0 {
				last = k
				continue
			}
			// "_x" parts, and ".x" parts (the tokeniser ends a mention at a
			// dot: "@kieran.lifts")
			if (d.IsPunct(k, '_') || d.IsPunct(k, '.')) && k+1 < len(toks) && d.Adjacent(k, k+1) && toks[k+1].Kind == text.Word &&
				(toks[k+1].Flags&text.InMention != 0 || d.IsPunct(k, '.') && toks[k+1].Flags&text.HasLetter != 0) {
				k++
				last = k
				continue
			}
			break
		}
		st, en := toks[i].Start, toks[last].End
		if st >= 0 && en <= len(d.Src) && st < en && handleShape(d.Src[st+1:en], last == i+1) {
			out = append(out, detect.Candidate{Type: detect.Name, Sub: SubHandle, Start: st, End: en, Score: 0.6, Cue: "@"})
		}
		i = last
	}
	return out
}

// handleShape tells a handle from the "@" of clinical shorthand ("@12AM",
// "@75CC", "@goal", "@LIP", "@rest"): it begins with a letter, and a
// handle of one word is no dictionary or medical word and not a short
// all-capital one.
func handleShape(h string, oneWord bool) bool {
	if h == "" || !(h[0] >= 'a' && h[0] <= 'z' || h[0] >= 'A' && h[0] <= 'Z') || len(h) < 3 {
		return false
	}
	if !oneWord {
		return true
	}
	if strings.ToUpper(h) == h && len(h) <= 6 {
		return false
	}
	return !vocab.Lookup(strings.ToLower(h)).Any(vocab.IsEnglish | vocab.IsMedical | vocab.IsAbbrev)
}

func isHandleByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// cutRuns cuts the group of adjacent units units[groupStart:] into runs,
// appended to runs: a title only starts a run, words and initials continue
// it.
func cutRuns(units []unit, groupStart int, runs []run) []run {
	if g := groupStart; g == len(units)-1 && units[g].kind != uTitle {
		return append(runs, run{a: g, b: g}) // a lone word or initial (most groups)
	}
	for i := groupStart; i < len(units); {
		j := i
		if units[j].kind == uTitle {
			j++
			if j >= len(units) || units[j].kind == uTitle {
				i = j
				continue
			}
		}
		k := j
		for k+1 < len(units) && units[k+1].kind != uTitle && k+1-j < 4 {
			k++
		}
		next := k + 1
		// a plain dictionary word at either edge of a run with an
		// initial is the sentence around the name, not part of it:
		// "TO MEET S. KARGAS TOMORROW"
		if hasInitial(units[j : k+1]) {
			for k > j && plainEdge(&units[k]) {
				k--
			}
			if i == j {
				for j < k && plainEdge(&units[j]) {
					j++
				}
				i = j
			}
		}
		runs = append(runs, run{a: i, b: k})
		i = next
	}
	return runs
}

// scratch holds per-call buffers, reused between calls.
type scratch struct {
	cache  wcache
	units  []unit
	runs   []run
	starts []int32
	ks     []winfo
	// foreign: the text is prose (not all capitals) in another language than
	// English (foreignProse), where the name gazetteers hold many of its
	// common words ("durante", "nada", "menos")
	foreign uint8 // 0: not yet known, 1: yes, 2: no (see isForeign)
	// u is where wordUnit builds a unit; the detector appends the ones it
	// keeps (one copy for a kept word, none for the many turned away)
	u unit
	// group is the index in units of the open group's first unit
	group int
	// coverSteps counts the candidates that the last call's shapes took
	// into its coverage sweep (at most one step per candidate)
	coverSteps int
}

const kwDone = 1 << 14 // ks[i] has been looked up

// scan goes through the tokens once and builds the units, cut into runs,
// and the starts in sc. It builds them in sc rather than in locals, and is
// a function of its own, kept out of detect even where a profile would
// inline it, because the loop has more values than the processor has
// registers: at most words it needs only next, not the units, and none of
// the values detect keeps for after it.
//
//go:noinline
func (sc *scratch) scan(d *text.Doc, mixed bool) {
	sc.units, sc.runs, sc.group = sc.units[:0], sc.runs[:0], 0
	// sc.starts collects the words where a line starts or that follow a
	// comma: the only places where isDialog and shapes look, so that
	// neither goes through the tokens again.
	sc.starts = sc.starts[:0]
	toks := d.Tokens
	n := len(toks)
	// next is the token after the last unit of the open group (-1 when no
	// group is open). The group is closed where the next unit does not
	// start at next, which covers every token in between that is no unit:
	// it is closed lazily, where a unit is about to start, not after every
	// such token.
	next := -1
	// prev is the last word token before the one looked at (-1 for none):
	// where a cue may stand
	prev := -1
	// ks[i] holds the keyword bits of word token i, looked up once
	if cap(sc.ks) < n {
		sc.ks = make([]winfo, n)
	}
	clear(sc.ks[:n])
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.Kind != text.Word {
			continue
		}
		pw := prev
		prev = i
		if i == 0 || t.Has(text.NewlineBefore) || mixed && d.IsPunct(i-1, ',') {
			sc.starts = append(sc.starts, int32(i))
		}
		// a word with letters and no digit, outside mentions and hashtags
		// (one test of the flags: a branch that goes either way costs)
		if t.Flags&(text.InMention|text.InHashtag|text.HasLetter|text.HasDigit) != text.HasLetter {
			continue
		}
		// a unit must follow the previous one with only spaces between (or
		// the initial's period), on the same line: a token in between that
		// is no unit, or a break here, closes the open group
		if next >= 0 && (next != i || t.Has(text.NewlineBefore) || !t.Has(text.SpaceBefore) && !sc.lastDotted()) {
			sc.closeGroup()
			next = -1
		}
		// (next is now -1, or i where token i may continue the open group)
		lw := t.Lower
		// title (keyword bits are looked up lazily: most words never need them)
		if isTitle(lw) && (!mixed || t.Has(text.Upper) || lw != "ms") {
			last := i
			end := t.End
			if d.IsPunct(i+1, '.') && d.Adjacent(i, i+1) {
				last, end = i+1, toks[i+1].End
			}
			if nx := last + 1; nx < n && toks[nx].Kind == text.Word && !toks[nx].Has(text.NewlineBefore) {
				sc.closeGroup() // a title starts a group
				sc.units = append(sc.units, unit{kind: uTitle, tok: i, last: last, start: t.Start, end: end, word: lw})
				i = last
				next = i + 1
				continue
			}
		}
		// initial: one letter, upper case (in mixed text), optionally "J."
		if lw == "o" && next >= 0 && sc.units[len(sc.units)-1].kind == uTitle && i+1 < n && toks[i+1].Kind == text.Word &&
			toks[i+1].Has(text.SpaceBefore) && !toks[i+1].Has(text.NewlineBefore) && toks[i+1].Start == t.End+1 && !toks[i+1].Has(text.HasDigit) {
			// "Dr. o rourke": O' written apart
			if wordUnit(sc, d, i+1, mixed, true, false) {
				sc.units = append(sc.units, sc.u)
				u := &sc.units[len(sc.units)-1]
				u.tok, u.start = i, t.Start
				u.g = max(u.g, 3<<4)
				u.known = true
				i = u.last
				next, prev = i+1, i // (its last token is a word)
				continue
			}
		}
		if oneRune(lw) {
			if !unicode.IsLetter(rune(d.Src[t.Start])) && d.Src[t.Start] < utf8.RuneSelf {
				continue
			}
			if mixed && !t.Has(text.Upper) || lw == "a" && !t.Has(text.Upper) {
				continue
			}
			if i > 0 && !t.Has(text.SpaceBefore) && toks[i-1].Kind == text.Punct && strings.Contains("<>/=+", d.Src[toks[i-1].Start:toks[i-1].End]) {
				continue // "R>L."
			}
			u := unit{kind: uInitial, tok: i, last: i, start: t.Start, end: t.End, word: lw}
			if d.IsPunct(i+1, '.') && d.Adjacent(i, i+1) {
				u.period = true
				u.last, u.end = i+1, toks[i+1].End
			}
			sc.units = append(sc.units, u)
			i = u.last
			next = i + 1
			continue
		}
		hot := next >= 0 // right after a unit of the open group
		adjHot := hot
		lower := mixed && !t.Has(text.Upper)
		// after a title even a lower-case word may be the name ("Dr. griffin");
		// after another name word only a particle ("Ludwig van Beethoven")
		// (lowHot matters only for a lower-case word in mixed-case text)
		lowHot := hot && lower && (in(lw, lParticle) || sc.units[len(sc.units)-1].kind == uTitle)
		// a cue: the word before, at most three tokens back
		// (only a strong cue lets a lower-case word in)
		if j := pw; !hot && j >= 0 && j >= i-3 && !(lower && !strongShape(toks[j].Lower)) {
			// the keyword bits of a word already looked at are at hand;
			// otherwise the shape turns away most words before the table
			// (a word whose shape is no cue's has no kCue bit, and the bits
			// of a word not looked up are 0)
			x := sc.ks[j]
			if x&kwDone == 0 && cueShape(toks[j].Lower) {
				x = sc.lookupKw(toks, j)
			}
			kj := x.kw()
			// a role after a number is a unit ("24 cm mark")
			hot = kj&kCue != 0 && !(j > 0 && toks[j-1].Has(text.AllDigit))
			lowHot = hot && kj&kStrong != 0
		}
		if mixed && !t.Has(text.Upper) && !lowHot && t.Has(text.SpaceBefore) {
			continue
		}
		// wordUnit's first test, made here to spare the call for most short
		// words ("PT", "OF"): a possessive it strips only shortens the word
		if !hot && (len(lw) <= 2 || mixed && !t.Has(text.Upper)) {
			continue
		}
		if wordUnit(sc, d, i, mixed, hot, adjHot) {
			sc.units = append(sc.units, sc.u)
			i = sc.u.last
			next, prev = i+1, i // (its last token is a word)
			continue
		}
	}
	sc.closeGroup()
}

// closeGroup cuts the open group of adjacent units, units[group:], into
// runs.
func (sc *scratch) closeGroup() {
	sc.runs = cutRuns(sc.units, sc.group, sc.runs)
	sc.group = len(sc.units)
}

// lastDotted reports whether the last unit is a title or an initial that
// takes in its period ("Dr.", "J."): the next unit may then follow without
// a space ("J.Smith").
func (sc *scratch) lastDotted() bool {
	p := &sc.units[len(sc.units)-1]
	return (p.kind == uTitle || p.kind == uInitial) && p.last > p.tok
}

// drop empties the buffers that detect handed back: the scratch outlives
// the text, so the strings that point into it go (in the units and in u).
func (sc *scratch) drop() {
	clear(sc.units)
	clear(sc.runs)
	sc.u = unit{}
	sc.units, sc.runs, sc.starts = sc.units[:0], sc.runs[:0], sc.starts[:0]
}

// lookupKw looks up the keyword bits of word token i and notes them in
// ks[i], which it returns.
func (sc *scratch) lookupKw(toks []text.Token, i int) winfo {
	w := toks[i].Lower
	kb := uint16(kwTab.get(w))
	if kb == 0 && strings.HasSuffix(w, "'s") {
		kb = uint16(kwTab.get(w[:len(w)-2])) // "pt's son"
	}
	x := winfo(kb)<<16 | kwDone
	sc.ks[i] = x
	return x
}

func quickInfo(w string) winfo {
	x := describe(w)
	if !x.has(wPresent) && vocab.English(w) {
		x |= wEnglish
	}
	return x
}

// scratches keeps scratch space, word cache included, between calls. It is
// not a sync.Pool: a pool is emptied at every other garbage collection, and
// a run over many texts collects garbage often, so the cache (256 KB)
// would start empty again and again. It holds one scratch per processor,
// each in a slot of its own that is taken and given back with one atomic
// operation (a channel's lock and select cost about as much as the
// detector spends on a short text).
var scratches = make([]scratchSlot, runtime.GOMAXPROCS(0))

// scratchSlot holds a kept scratch, on a cache line of its own.
type scratchSlot struct {
	p atomic.Pointer[scratch]
	_ [56]byte
}

func getScratch() *scratch {
	for i := range scratches {
		if s := &scratches[i].p; s.Load() != nil {
			if sc := s.Swap(nil); sc != nil {
				return sc
			}
		}
	}
	return &scratch{units: make([]unit, 0, 64), runs: make([]run, 0, 32)}
}

// maxKeptTokens bounds the per-token buffers kept for the next call, so
// that one huge text does not hold on to its buffers for good.
const maxKeptTokens = 1 << 16

func putScratch(sc *scratch) {
	if cap(sc.ks) > maxKeptTokens {
		sc.ks = nil
	}
	if cap(sc.units) > maxKeptTokens || cap(sc.runs) > maxKeptTokens || cap(sc.starts) > maxKeptTokens {
		sc.units, sc.runs, sc.starts = nil, nil, nil
	}
	for i := range scratches {
		if s := &scratches[i].p; s.Load() == nil && s.CompareAndSwap(nil, sc) {
			return
		}
	}
	// as many as there are processors are kept already
}

type run struct {
	a, b   int // unit indexes, inclusive
	end    int // byte end (may take a suffix such as "Jr." or "III")
	logit  float64
	cue    string
	sub    string
	listOK bool
	// joinNext: the next run follows this one in a list (listJoin, asked
	// once by listContext)
	joinNext bool
}

// listBoost lifts y when its list neighbour x is a confident name.
func listBoost(x, y *run) {
	if x.logit >= 0.5 && y.logit > -3 && y.logit < x.logit && !y.listOK && y.sub != "" {
		y.logit += 1.5 + math.Max(0, -y.logit-1)
		y.listOK = true
		if y.cue == "" {
			y.cue = "list"
		}
	}
}

// listContext spreads what is said about a whole list to each member: a
// plural of people before it ("our founders: A, B and C") or a verb after
// it ("Usamov and Bowers were"), and a place preposition before it ("from
// Hawkins, Richardson and Santana" names a firm).
func listContext(d *text.Doc, us []unit, rs []run, mixed bool) {
	for a := 0; a < len(rs); {
		b := a
		for b+1 < len(rs) && listJoin(d, us[rs[b].b].last, us[rs[b+1].a].tok) {
			rs[b].joinNext = true
			b++
		}
		if b > a {
			delta := 0.0
			j := d.PrevWord(us[rs[a].a].tok, true)
			if j >= 0 {
				pw := d.Tokens[j].Lower
				switch {
				case in(pw, lPeoplePlural) || d.Tokens[j].Has(text.AllDigit) && d.IsPunct(us[rs[a].a].tok-1, ':'):
					delta = 2.5
				case in(pw, lPrep) || pw == "for" || pw == "of":
					delta = -1.5
				}
			}
			for r := a; r <= b; r++ {
				if u := &us[rs[r].b]; u.kind == uWord && in(u.word, lFirmHead) {
					delta = -3 // a list of firms: "Hicks, Brown and Abt Associates"
				}
			}
			if k := d.NextWord(us[rs[b].b].last, false); k >= 0 && delta >= 0 && mixed {
				if w := d.Tokens[k].Lower; in(w, lNameVerb|lPostVerb) {
					delta += 1.0
				}
			}
			if delta != 0 {
				for r := a; r <= b; r++ {
					if rs[r].sub != "" && rs[r].sub != "titled" {
						rs[r].logit += delta
						if delta > 0 && rs[r].cue == "" {
							rs[r].cue = "list"
						}
					}
				}
			}
		}
		a = b + 1
	}
}

// wordUnit builds in sc.u the unit starting at word token i, joining
// hyphenated parts ("Retterer-Moore") and stripping a possessive; it
// reports whether the word can be part of a name. (The unit is built in
// place: returning it by value copied it twice for every word.)
func wordUnit(sc *scratch, d *text.Doc, i int, mixed, hot, adj bool) bool {
	t := &d.Tokens[i]
	w := t.Lower
	// the unit (80 bytes) is written only once the word has passed the
	// cheap tests that turn most words away
	poss, end := false, t.End
	// (a possessive has an apostrophe, or the last byte of "’", before its
	// s: a test that nearly always fails first, as branches are cheaper
	// when they go the same way)
	if n := len(w); n >= 2 && (w[n-2] == '\'' || w[n-2] == 0x99) && n > 3 && w[n-1] == 's' {
		for _, suf := range [...]string{"'s", "’s"} {
			if len(w) > len(suf)+1 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-len(suf)]
				poss = true
				end = t.End - len(suf)
			}
		}
	}
	if !hot && (mixed && !t.Has(text.Upper) || len(w) <= 2) {
		// lower case inside mixed-case text, or two letters ("BP", "hr"),
		// with no cue before it: not a name
		return false
	}
	if mixed && t.Has(text.Upper) && !t.Has(text.AllUpper) && len(w) >= 2 && t.End-t.Start >= 2 {
		if c := d.Src[t.Start+1]; 'A' <= c && c <= 'Z' {
			return false // "PACs", "ABI's": an acronym, not a name
		}
	}
	// (a token with SpaceBefore is never adjacent to the one before it: the
	// flags, at hand, turn away nearly every word before the neighbours)
	if !hot && (!t.Has(text.SpaceBefore) && d.Adjacent(i-1, i) && d.IsPunct(i-1, '/') ||
		i+1 < len(d.Tokens) && !d.Tokens[i+1].Has(text.SpaceBefore) && d.Adjacent(i, i+1) && d.IsPunct(i+1, '/')) {
		return false // "CVA/TIA"
	}
	// the word's entry in the cache, added if it has none (nil if the
	// word is not cached); nothing below asks the cache before the answer
	// is completed in it
	key := tokenKey(d.Packed[i], w)
	e := sc.cache.find(key)
	var x winfo
	if e != nil {
		x = e.x()
	} else {
		x, e = sc.cache.add(key, w)
	}
	if !poss && sc.ks[i]&kwDone == 0 {
		sc.ks[i] = winfo(x.kw())<<16 | kwDone
	}
	if len(w) > 1 && (w[1] == '\'' || w[1] == 0xE2) && len(w) > 5 && (w[0] == 'o' || w[0] == 'd') && (w[1] == '\'' || strings.HasPrefix(w[1:], "’")) && t.Has(text.SpaceBefore) {
		// "O'Driscoll", "D'Angelo": judge the part after the apostrophe
		rest := w[2:]
		if w[1] != '\'' {
			rest = w[1+len("’"):]
		}
		if y := describe(rest); !y.has(wEnglish) && !vocab.English(rest) {
			x = winfo(max(y.gaz(), 3<<4)) | wPresent
		}
	}
	k := x.kw()
	if k&kNotName != 0 {
		return false
	}
	capMid := mixed && t.Has(text.Upper) && !t.Has(text.AllUpper) && !t.Has(text.SentStart)
	if k&kModal != 0 && !capMid {
		return false
	}
	// Most words are plain dictionary words with nothing around them that
	// could make them a name: stop before the gazetteer lookups.
	present := x.has(wPresent)
	english := x.has(wEnglish) // info always knows this bit
	if english && !hot && !(mixed && t.Has(text.Upper)) && !pairAhead(d, i, x, mixed) {
		return false
	}
	// (the tests that turn a word away have no side effects: the cheap
	// ones come first)
	// a letter outside ASCII ("Miklós", "Sörös"), an apostrophe (a
	// contraction: "I'm")
	nonASCII, quote := scanBytes(w)
	if quote && contraction(w) {
		return false
	}
	foreign := nonASCII && (!t.Has(text.AllUpper) || !mixed)
	u := &sc.u
	*u = unit{kind: uWord, tok: i, last: i, start: t.Start, end: end, poss: poss, english: english}
	if !present {
		// clinical abbreviations are a subset of the medical words: ask
		// only what can still change the outcome
		switch {
		case u.english:
			x |= wEnglish
			if vocab.Abbrev(w) {
				x |= wAbbrev
			}
		case vocab.Medical(w):
			x |= wMedical
			if vocab.Abbrev(w) {
				x |= wAbbrev
			}
		case vocab.Proper(w):
			x |= wProper
		}
		if e != nil {
			e.setX(x | wPresent)
		}
	}
	if u.english && adj && !mixed && x.gaz().strength() < 3 {
		return false // "VEA MUCH", "RECK LATER"
	}
	if x.has(wAbbrev) && !(capMid && x.gaz().first() >= 4) {
		return false // "Art" the name, not "art" the arterial line
	}
	u.word = w
	u.g = x.gaz()
	if w == "doe" || w == "roe" {
		u.g = 3<<4 | 256 // placeholder surnames ("Jane Doe")
	}
	// hyphen join: both sides adjacent to the hyphen, second part a word
	if !u.poss && i+2 < len(d.Tokens) && d.IsPunct(i+1, '-') && d.Adjacent(i, i+1) && d.Adjacent(i+1, i+2) {
		t2 := &d.Tokens[i+2]
		x2 := describe(t2.Lower)
		g2 := x2.gaz()
		eng2 := x2.has(wEnglish) || !x2.has(wPresent) && vocab.English(t2.Lower)
		bothCap := mixed && t.Has(text.Upper) && t2.Has(text.Upper) && !t2.Has(text.AllUpper)
		if t2.Kind == text.Word && !t2.Has(text.HasDigit) && utf8.RuneCountInString(t2.Lower) >= 2 && (!eng2 || bothCap && g2 != 0) && x2.kw()&kNotName == 0 {
			if u.g != 0 || g2 != 0 {
				if g2.strength() > u.g.strength() {
					u.g = g2
				}
				u.last, u.end = i+2, t2.End
			}
		}
	}
	u.known = u.g != 0
	medical := x.has(wMedical) && !foreign
	if medical && !u.known && !u.english && hot && capMid && i > 0 && d.Tokens[i-1].Kind == text.Word {
		medical = false // "Miklós Hajdu": a capitalised word right after a name
	}
	u.medical = medical
	u.proper = !u.known && x.has(wProper)
	runes := len(w) // (the scan above counted the bytes outside ASCII)
	if nonASCII {
		runes = utf8.RuneCountInString(w)
	}
	if !u.known && u.english && capMid && !medical && runes >= 4 {
		// a capitalised dictionary word inside a sentence can continue a
		// name ("Dr Ferdinand Halfpenny") but is weak on its own
		u.cap = true
		u.prior = -4
		return true
	}
	if !u.known && (u.english || medical || !hasVowel(w) || runes < 3) {
		return false
	}
	var p float64
	switch {
	case u.known:
		p = -0.8 + 0.25*float64(u.g.strength())
	case u.proper:
		p = -2
	case mixed:
		p = -1.1
	default:
		p = -2.2
	}
	if !u.known && !u.proper {
		if hasSuffixShape(w) {
			p += 0.5
		}
		if hasEnding(drugByLast, w, 1) {
			p -= 1.5
		}
	}
	if foreign && !u.english {
		p += 0.8
	}
	if u.english {
		// common first names that are also words (Bill, Grace, John) keep
		// some of their prior
		p -= 3 - math.Min(1.2, 0.3*float64(max(0, u.g.first()-3)))
	} else if medical {
		p -= 2.5
	}
	if runes <= 2 {
		p -= 1
	}
	cs := 0.0
	if mixed {
		switch {
		case t.Has(text.AllUpper) && runes <= 4:
			cs = -2
		case t.Has(text.AllUpper):
			cs = -0.3
		case t.Has(text.Upper) && t.Has(text.SentStart):
			cs = 0.6
			if u.english {
				cs = 0.3
			}
			u.cap = true
		case t.Has(text.Upper):
			cs = 1.0
			u.cap = true
		default:
			cs = -2.5
		}
	} else if !u.known && runes <= 4 {
		p -= 1.5 // "VQ", "PERM": short unknowns in capitals are shorthand
	}
	u.casePen = cs
	u.prior = p + cs
	return true
}

// pairAhead reports whether the English word at token i is a common first
// name followed (past an initial) by a name word on the same line, or by a
// staff verb at the start of a clause: "Maria Silva, RN", "grace dudak aware",
// "EARL N. RAND", "social: bill called".
func pairAhead(d *text.Doc, i int, x winfo, mixed bool) bool {
	if x.gaz().first() < 5 {
		return false
	}
	toks := d.Tokens
	j := i + 1
	if j < len(toks) && toks[j].Kind == text.Word && len(toks[j].Lower) == 1 && toks[j].Has(text.SpaceBefore) && !toks[j].Has(text.NewlineBefore) {
		j++
		if d.IsPunct(j, '.') {
			j++
		}
	}
	if j >= len(toks) || toks[j].Kind != text.Word || !toks[j].Has(text.SpaceBefore) || toks[j].Has(text.NewlineBefore) || toks[j].Has(text.HasDigit) {
		return false
	}
	t2 := &toks[j]
	if mixed && (toks[i].Has(text.Upper) != t2.Has(text.Upper)) {
		return false
	}
	y := describe(t2.Lower)
	if y.kw()&kNotName != 0 {
		if j != i+1 || !in(t2.Lower, lPostVerb) {
			return false
		}
		// clause start: "social: bill called"
		p := i - 1
		return i == 0 || toks[i].Has(text.SentStart) || toks[i].Has(text.NewlineBefore) || d.IsPunct(p, ':') || d.IsPunct(p, ';')
	}
	if y.has(wPresent) {
		return !y.has(wEnglish) && !y.has(wMedical) && y.gaz().strength() >= 2
	}
	w := t2.Lower
	return utf8.RuneCountInString(w) >= 4 && hasVowel(w) && !vocab.English(w) && !vocab.Medical(w) && !vocab.Abbrev(w)
}

// isDialog reports a text whose lines start with speaker labels that are
// mostly names ("Nicole: Remember me?"), unlike a note's section headers
// ("Endo: RISS"). starts holds (at least) the words that start a line.
func isDialog(d *text.Doc, starts []int32) bool {
	labels, named := 0, 0
	for _, at := range starts {
		i := int(at)
		if i+2 >= len(d.Tokens) {
			break
		}
		t := &d.Tokens[i]
		if t.Kind != text.Word || i > 0 && !t.Has(text.NewlineBefore) || !t.Has(text.Upper) || t.Has(text.AllUpper) ||
			!d.IsPunct(i+1, ':') || d.Tokens[i+2].Kind != text.Word || d.Tokens[i+2].Has(text.NewlineBefore) {
			continue
		}
		labels++
		x := describe(t.Lower)
		if x.gaz().first() >= 3 && !x.has(wEnglish) && !x.has(wMedical) && x.kw() == 0 {
			named++
		} else if !x.has(wPresent) {
			for k := 0; k < len(t.Lower); k++ {
				if t.Lower[k] >= utf8.RuneSelf {
					named++
					break
				}
			}
		}
	}
	return labels >= 2 && named*2 >= labels
}

// atLeast3Runes reports whether w has three runes or more, counting them
// only when its first three bytes are not all ASCII (each a rune).
func atLeast3Runes(w string) bool {
	if len(w) >= 3 && w[0]|w[1]|w[2] < utf8.RuneSelf {
		return true
	}
	return utf8.RuneCountInString(w) >= 3
}

// oneRune reports whether w is a single rune (an initial), counting runes
// only when the length allows it: most words are longer than any rune.
func oneRune(w string) bool {
	if len(w) == 1 {
		return true
	}
	return len(w) > 1 && w[0] >= utf8.RuneSelf && len(w) <= utf8.UTFMax && utf8.RuneCountInString(w) == 1
}

func contraction(w string) bool {
	k := strings.LastIndexAny(w, "'’")
	if k < 0 {
		return false
	}
	switch strings.TrimLeft(w[k:], "'’") {
	case "m", "re", "ve", "ll", "d", "t", "s":
		return true
	}
	return false
}

// hasInitial reports whether us holds an initial next to a word that is
// not a plain dictionary word.
func hasInitial(us []unit) bool {
	for k := range us {
		if us[k].kind != uInitial {
			continue
		}
		if k > 0 && us[k-1].kind == uWord && !plainEdge(&us[k-1]) || k+1 < len(us) && us[k+1].kind == uWord && !plainEdge(&us[k+1]) {
			return true
		}
	}
	return false
}

// plainEdge reports a dictionary word that is no name (weak in both name
// lists) and not capitalised inside mixed-case text.
func plainEdge(u *unit) bool {
	return u.kind == uWord && u.english && !u.cap && u.g.first() < 4 && u.g.last() < 4
}

// scanBytes reports whether w has a byte outside ASCII, and whether it
// has an apostrophe, ASCII or the first byte of "’" (which is outside
// ASCII). It tests eight bytes at a time (a loop over the bytes cost more
// than the rest of wordUnit for a capitalised word): the loads may
// overlap, and zeros fill a short word, which neither test minds.
func scanBytes(w string) (nonASCII, quote bool) {
	const highs, apos = 0x8080808080808080, 0x2727272727272727
	var or uint64
	switch n := len(w); {
	case n >= 8:
		for k := 0; ; k += 8 {
			v := load64(w[min(k, n-8):])
			or |= v
			quote = quote || hasZero(v^apos, 8)
			if k+8 >= n {
				break
			}
		}
	case n >= 4:
		or = uint64(load32(w)) | uint64(load32(w[n-4:]))<<32
		quote = hasZero(or^apos, 8)
	case n > 0:
		or = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
		quote = hasZero(or^apos, 8)
	}
	nonASCII = or&highs != 0
	return nonASCII, quote || nonASCII && strings.IndexByte(w, 0xE2) >= 0
}

func hasVowel(w string) bool {
	for _, r := range w {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
		if r >= 0x80 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// listJoin reports whether tokens a..b (exclusive ends) are joined only by
// ",", "and", "&" or "or" (plus a title) in the same sentence.
func listJoin(d *text.Doc, a, b int) bool {
	if b-a < 2 || b-a > 4 {
		return false
	}
	sep := false
	for k := a + 1; k < b; k++ {
		t := &d.Tokens[k]
		switch {
		case d.IsPunct(k, ',') || d.IsPunct(k, '&') || d.IsPunct(k, '/'):
			sep = true
		case t.Kind == text.Word && (t.Lower == "and" || t.Lower == "or"):
			sep = true
		default:
			return false
		}
	}
	return sep
}

// scoreRun scores units r.a..r.b and sets the Sub; sub stays "" when the
// run is not a name shape (a lone initial with no cue).
func scoreRun(sc *scratch, d *text.Doc, us []unit, r *run, mixed, dialog bool) {
	a, b := r.a, r.b
	r.end = us[b].end
	title := us[a].kind == uTitle
	ws := a
	if title {
		ws = a + 1
	}
	words, inits, caps, good := 0, 0, 0, 0
	best := -9.0
	for k := ws; k <= b; k++ {
		u := &us[k]
		switch u.kind {
		case uWord:
			words++
			if u.cap {
				caps++
			}
			if u.known && !u.english && u.g.strength() >= 3 && (mixed || u.g.strength() >= 4) {
				good++
			}
			best = math.Max(best, u.prior)
		case uInitial:
			inits++
		}
	}
	firstTok := us[a].tok
	lastTok := us[b].last
	// cue words before the run (a title is itself the cue)
	prevCue, pw, strong := "", 0.0, false
	if !title {
		prevCue, pw, strong = cueBefore(d, us[ws].tok, &us[ws])
	}
	if title {
		strong = true
	}
	if !strong && !capitalMidSentence(d, us, ws, b) && sc.isForeign(d) {
		// in Spanish, Portuguese, French... prose, words of the language
		// that are also names ("paciente al que cuidé", "Hoy perdimos")
		// are not taken for a name unless one is capitalised where a
		// sentence does not start, or a title or cue comes first
		return
	}
	caseBack := 0.0
	if strong {
		// after a title or relative, case says little: "dr. griffin"
		for k := ws; k <= b; k++ {
			if us[k].kind == uWord && us[k].casePen < 0 {
				caseBack = math.Max(caseBack, -us[k].casePen)
			}
		}
	}
	// after the run
	aCue, aw, ext := cueAfter(d, lastTok, &us[b], mixed, dialog)
	if aw > 0 && aw < 1.8 && inits > 0 && words == 1 {
		aw = 1.8 // "N. GRANDONE AWARE"
	}
	if pw > 0 && pw < 2 && inits > 0 && words == 1 && !title {
		pw = 2 // "per B. KARGAS"
	}
	// a bare letter without a period is a side, a beta or shorthand more
	// often than an initial: "L Cerc", "B BLOCKER", "w hoyer", "INA N"
	for k := ws; k <= b; k++ {
		if u := &us[k]; u.kind == uInitial && !u.period && !title && aw <= 0 && pw <= 0 {
			if !mixed || k == b || k == ws && strings.Contains("lrbwxcaip", u.word) {
				return
			}
		}
	}
	var s float64
	switch {
	case words == 0 && inits == 0:
		return
	case words == 0:
		// initials only: "J.T.", "Ms. R", "Dr B"
		allDots := true
		for k := ws; k <= b; k++ {
			allDots = allDots && us[k].period
		}
		switch {
		case title:
			s = -1.5
		case inits >= 2 && allDots && mixed && !commonDotted(us, ws, b):
			s = 0.4
		case strong && (pw >= 3 && us[b].period || inits >= 2):
			s = -2
		default:
			return
		}
	default:
		s = best + caseBack
		if words >= 2 {
			ok := true
			for k := ws; k <= b; k++ {
				u := &us[k]
				if u.kind == uWord && (u.prior < -2.5 || mixed && !u.cap && !strong) {
					ok = false
				}
			}
			if ok && (good > 0 || hasSuffixShape(us[b].word)) {
				s += 1.2
				f, l := &us[ws], &us[b]
				if f.kind == uWord && l.kind == uWord && f.g.first() >= 3 && (l.g.last() >= 2 || !l.known) && !l.english {
					s += 0.6 // first name then surname
				}
			}
		}
		if inits > 0 {
			// "Anna S.", "K. ABRAMS", "ROBERT V. DEGIORGIO"
			switch {
			case us[b].kind == uInitial && us[b].period && us[ws].kind == uWord && us[ws].g.first() >= 3:
				s += 1.6
			case us[ws].kind == uInitial && us[ws].period && words == 1 && (mixed && us[b].cap || !mixed && !us[b].english && utf8.RuneCountInString(us[b].word) >= 4):
				s += 1.2 // "K. ABRAMS", "N. Grandone"
			case mixed && us[b].kind == uInitial && us[b].period, mixed && us[ws].kind == uInitial:
				s += 0.8
			case !mixed && good > 0:
				s += 0.3
			}
		}
		if !mixed && words == 1 && inits == 0 {
			if u := &us[ws]; u.known && !u.english && u.g.strength() >= 5 {
				s -= 0.4
			} else {
				s -= 0.8
			}
		}
		if !mixed && inits > 0 && good == 0 {
			// "R NARE", "B BLOCKER": side and shorthand letters in capitals
			for k := ws; k <= b; k++ {
				if us[k].kind == uInitial && !us[k].period && aw <= 0 {
					return
				}
			}
		}
		if mixed && us[b].kind == uInitial && words == 1 && us[ws].kind == uWord && !us[ws].known && !(us[ws].cap && !d.Tokens[us[ws].tok].Has(text.SentStart)) {
			return // "Creat P."
		}
	}
	c := ""
	if title {
		s += 4.5
		c = d.Src[us[a].start:us[a].end]
		if f := &us[ws]; in(us[a].word, lAmbiguousTitle) && (f.kind == uWord && f.english && f.g.first() < 3 || d.Tokens[us[a].tok].Has(text.AllUpper) && mixed) {
			s -= 4.5 // "MS back to baseline", "MR 2+"
		}
	}
	if words == 0 && pw < 0 {
		pw = 0 // "to J.T.": prepositions say nothing about initials
	}
	s += pw
	if c == "" && pw > 0 {
		c = prevCue
	}
	s += aw
	if words >= 2 && us[b].kind == uWord && in(us[b].word, lFirmHead) {
		s -= 4 // "Loveland Technologies", "Rand Corporation"
	}
	if mixed && firstTok > 0 && d.IsPunct(firstTok-1, ',') && (d.IsPunct(lastTok+1, '?') || d.IsPunct(lastTok+1, '!')) && us[ws].kind == uWord && us[ws].cap {
		s += 1.5 // vocative: "Remember me, Maria?"
	}
	if ext > r.end {
		r.end = ext
	}
	if c == "" && aw > 0 {
		c = aCue
	}
	for k := ws; k <= b; k++ {
		if us[k].poss {
			s += 0.3
		}
	}
	r.logit = s
	r.cue = c
	switch {
	case title:
		r.sub = "titled"
	case words >= 2 || words >= 1 && inits >= 1:
		r.sub = "full"
	case words == 0:
		r.sub = "initials"
	default:
		u := &us[ws]
		switch {
		case c == "" && (u.proper || sc.cache.proper(u.word)) && u.g.first() == 0:
			r.sub = "public"
		case u.g.first() > u.g.last():
			r.sub = "first"
		case u.g.last() > 0:
			r.sub = "last"
		default:
			r.sub = "first"
			if u.tok > 0 && d.Tokens[u.tok-1].Kind == text.Word {
				r.sub = "last"
			}
		}
	}
}

func hasSuffixShape(w string) bool { return hasEnding(nameByLast, w, 2) }

// hasEnding reports whether w ends with one of the endings indexed by
// their last byte, leaving at least more+1 bytes before it.
func hasEnding(idx *[256][]string, w string, more int) bool {
	if w == "" {
		return false
	}
	for _, s := range idx[w[len(w)-1]] {
		if len(w) > len(s)+more && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

var nameByLast, drugByLast = byLast(nameSuffixes), byLast(drugSuffixes)

func byLast(ss []string) *[256][]string {
	var t [256][]string
	for _, s := range ss {
		t[s[len(s)-1]] = append(t[s[len(s)-1]], s)
	}
	return &t
}

// commonDotted reports dotted abbreviations that are not initials.
func commonDotted(us []unit, a, b int) bool {
	var sb strings.Builder
	for k := a; k <= b; k++ {
		sb.WriteString(us[k].word)
	}
	w := sb.String()
	return dotted[w] || kwOf(w)&kNotName != 0 || vocab.Abbrev(w) || len(w) <= 3 && vocab.English(w)
}

var dotted = set(`us uk am pm eg ie dc la ny nj bc ad md rn np pa ok tv po iv pr im sq sc od os ou qd
	bid tid qid prn npo hs ac pc dob ssn mrn st mt jr sr vs cf aka asap rip usa eu un fbi cia cpr er or
	ed do dds phd ba bs ms mba rsvp nb ps ot pt rt gi cv id gu ent ob icu dl yo to co ho ci`)

// cueBefore looks at the words before token i for a cue. It returns the
// cue text, its weight and whether it is strong (a relative or role, after
// which case carries no weight).
func cueBefore(d *text.Doc, i int, u *unit) (string, float64, bool) {
	j := i - 1
	// skip opening punctuation: quotes, parentheses, colons, commas
	for k := 0; j >= 0 && k < 2 && d.Tokens[j].Kind == text.Punct; k++ {
		c := d.Src[d.Tokens[j].Start:d.Tokens[j].End]
		if strings.Contains(",:\"('-[“‘&", c) {
			j--
			continue
		}
		break
	}
	if j < 0 || d.Tokens[j].Kind != text.Word {
		return "", 0, false
	}
	pw := strings.TrimSuffix(d.Tokens[j].Lower, "'s")
	cue := d.Src[d.Tokens[j].Start:d.Tokens[j].End]
	j2 := d.PrevWord(j, false)
	pp := ""
	if j2 >= 0 {
		pp = d.Tokens[j2].Lower
	}
	pl := listsOf(pw)
	english := u.english && u.kind == uWord
	firsty := u.g.first() >= 3 && (!english || u.g.first() >= 5)
	switch {
	case pl&lSocial != 0 && d.IsPunct(j+1, ':') && u.kind == uWord && u.g.first() >= 4 && (!english || firsty):
		return cue, 1.5, false // "social: bob visited", "Visitors: Carol and ..."
	case pw == "called" && (english && !firsty || in(pp, lRole|lRelative) || pp == "dr" || pp == "family"):
		return "", 0, false
	case (pw == "him" || pw == "her" || pw == "them") && (pp == "named" || pp == "called" || pp == "call" || pp == "name"):
		return cue, 4, true // "She named him Frank"
	case pw == "is" && (pp == "name" || pp == "names"), pw == "named", pw == "called",
		pw == "aka", pw == "name" && d.IsPunct(j+1, ':'), pw == "patient" && pp == "my", pw == "pt" && pp == "my",
		pw == "me" && (pp == "calls" || pp == "call"):
		return cue, 4, true
	case pl&lRelative != 0, pw == "law" && pp == "in":
		if english && !firsty {
			return "", 0, false
		}
		if english {
			return cue, 4.5, true
		}
		return cue, 3, true
	case pl&lRole != 0:
		if english && !(firsty && u.cap || u.g.first() >= 5 && !u.cap) {
			return "", 0, false
		}
		if english {
			return cue, 3.5, true
		}
		return cue, 2.5, true
	case pl&lPrep != 0:
		if pw == "to" && (pp == "spoke" || pp == "talked" || pp == "reported" || pp == "speak" || pp == "spoken" || pp == "report" || pp == "introduced" || pp == "said") {
			return cue, 2, false
		}
		return "", -1.5, false
	case english && !firsty:
		return "", 0, false
	case pw == "with" && (pp == "spoke" || pp == "talked" || pp == "met" || pp == "consult" || pp == "discussed" || pp == "d/w" || pp == "spoken" || pp == "speak" || pp == "meeting"),
		pw == "by" && (pp == "seen" || pp == "visited" || pp == "called" || pp == "signed" || pp == "examined" || pp == "evaluated" || pp == "referred" || pp == "paged" || pp == "followed" || pp == "treated" || pp == "written"):
		return cue, 2, false
	case pl&lWeakCue != 0:
		if pw == "with" || pw == "by" {
			return "", 0, false
		}
		if !u.known {
			return cue, 0.6, false
		}
		return cue, 1.5, false
	}
	return "", 0, false
}

// initialBefore reports a one-letter word (with or without its period)
// right before token i: "J SMITH ORDERED", "N. Grandone aware".
func initialBefore(d *text.Doc, i int) bool {
	j := i - 1
	if d.IsPunct(j, '.') {
		j--
	}
	return j >= 0 && d.Tokens[j].Kind == text.Word && oneRune(d.Tokens[j].Lower) && !d.Tokens[i].Has(text.NewlineBefore)
}

// cueAfter looks at the words after token i. ext is the end of a name
// suffix ("Jr.", "III", "MD" without a comma) that belongs to the span.
func cueAfter(d *text.Doc, i int, last *unit, mixed, dialog bool) (cue string, w float64, ext int) {
	j := i + 1
	comma, paren := false, false
	if d.IsPunct(j, ',') {
		comma = true
		j++
	}
	if d.IsPunct(j, '(') {
		paren = true
		j++
	}
	if j == i+1 && d.IsPunct(j, ':') && mixed && last.kind == uWord && last.tok == i && (i == 0 || d.Tokens[i].Has(text.NewlineBefore)) {
		// "Ubul: What a wife." speaker label at the start of a line
		if k := j + 1; dialog && k < len(d.Tokens) && d.Tokens[k].Kind == text.Word && d.Tokens[k].Has(text.Upper) && !d.Tokens[k].Has(text.NewlineBefore) {
			return ":", 2.0, 0
		}
		return "", 0, 0
	}
	if comma && mixed && j < len(d.Tokens) && d.Tokens[j].Kind == text.Word && (i == last.tok && d.Tokens[i].Has(text.SentStart)) && in(d.Tokens[j].Lower, lVocative) {
		return ",", 1.5, 0 // "Warrane, can I please speak to..."
	}
	if j >= len(d.Tokens) || d.Tokens[j].Kind != text.Word || d.Tokens[j].Has(text.NewlineBefore) && !comma && !paren {
		return "", 0, 0
	}
	t := &d.Tokens[j]
	if t.Has(text.HasDigit) && !comma && !paren {
		return "", -1.5, 0 // "Na 144", "Mark 2"
	}
	w2 := t.Lower
	l2 := listsOf(w2)
	cue = d.Src[t.Start:t.End]
	switch {
	case l2&lCredential != 0 && (t.Has(text.AllUpper) || t.Has(text.Upper) && len(w2) > 2 || !mixed) && (!last.english || last.g.first() >= 3 || last.kind == uInitial) &&
		!(j+1 < len(d.Tokens) && d.Tokens[j+1].Has(text.HasDigit) && !d.Tokens[j+1].Has(text.NewlineBefore)):
		if !comma && !paren {
			ext = t.End
			if d.IsPunct(j+1, '.') && d.Adjacent(j, j+1) {
				ext = d.Tokens[j+1].End
			}
		}
		return cue, 3, ext
	case paren && l2&(lRelative|lRole) != 0, last.poss && (l2&lRelative != 0 || w2 == "family" || w2 == "room" || w2 == "case"):
		return cue, 3, 0 // "URSLA MORETTI (DAUGHTER)", "Smith's wife", "(RESIDENT)"
	case comma || paren:
		return "", 0, 0
	case l2&lDiseaseHead != 0, l2&lOrgHead != 0 && !last.poss:
		return "", -4, 0
	case t.Has(text.Upper) && mixed:
		if k := d.NextWord(j, false); k >= 0 && in(d.Tokens[k].Lower, lDiseaseHead|lOrgHead) && d.Tokens[k].Has(text.Upper) {
			return "", -3, 0 // "Framingham Risk Score", "Boston Consulting Group"
		}
	case l2&lPostVerb != 0 && (!last.english || last.g.first() >= 5 || last.g.last() >= 5 && initialBefore(d, last.tok)):
		if last.english {
			return cue, 2.4, 0 // "social: bill called" (admitted only at a clause start)
		}
		return cue, 1.2, 0
	case l2&lNameVerb != 0 && mixed && last.kind == uWord && last.cap && !last.english && !last.medical:
		if w2 == "is" || w2 == "was" || w2 == "were" || w2 == "has" || w2 == "had" {
			if k := d.NextWord(j, false); k < 0 || d.Tokens[k].Lower != "from" && d.Tokens[k].Lower != "born" && d.Tokens[k].Lower != "precision" {
				return "", 0, 0
			}
		}
		return cue, 0.9, 0
	}
	return "", 0, 0
}

// shapes finds names that the run scoring cannot see because the words
// themselves look like shorthand or are written in lower case inside
// mixed-case text, but whose frame says "person":
//
//	a relative set off by commas      "Family: Son, Ed, was updated"
//	a signature line ending a note    "anita morris rn", "J. Okafor RRT"
//
// out[base:] are the candidates already found in d, in order of their
// start (runs are cut in token order); a shape inside one of them is not
// emitted again. starts holds, in order, (at least) the words that start a
// line or follow a comma: no shape starts anywhere else.
func shapes(sc *scratch, d *text.Doc, mixed bool, base int, out []detect.Candidate, starts []int32) []detect.Candidate {
	toks := d.Tokens
	n := len(toks)
	// covered reports whether the span st..en lies inside a candidate found
	// so far. Comparing it with every candidate made a text of many
	// signature lines quadratic (each line against all the lines before
	// it), so it sweeps instead. The spans asked about come in order of
	// st, the word looked at; the run candidates out[base:found] are in
	// order of their start, and so are the shapes appended here (each
	// starts at the word looked at). Each call takes in, from both lists,
	// the candidates that start at or before st and keeps the furthest end
	// among all taken so far: a candidate holds the span exactly when that
	// end reaches en. Every candidate is taken in once, so the sweep is
	// linear; sc.coverSteps counts them for the test that keeps it so.
	found := len(out)
	r, s, reach := base, found, -1
	sc.coverSteps = 0
	covered := func(st, en int) bool {
		for ; r < found && out[r].Start <= st; r++ {
			reach = max(reach, out[r].End)
			sc.coverSteps++
		}
		for ; s < len(out) && out[s].Start <= st; s++ {
			reach = max(reach, out[s].End)
			sc.coverSteps++
		}
		return reach >= en
	}
	for _, at := range starts {
		i := int(at)
		t := &toks[i]
		if t.Kind != text.Word || t.Has(text.HasDigit) || t.Has(text.InHashtag) || t.Has(text.InMention) {
			continue
		}
		// "Son, Ed, was": a capitalised first name between commas right
		// after a relative word, in mixed-case text
		if mixed && i >= 2 && i+1 < n && d.IsPunct(i-1, ',') && d.IsPunct(i+1, ',') && toks[i-2].Kind == text.Word &&
			in(toks[i-2].Lower, lRelative) && t.Has(text.Upper) && !t.Has(text.AllUpper) && !in(t.Lower, lRelative) && !in(t.Lower, lTitle) {
			x := describe(t.Lower)
			if x.gaz().first() >= 4 && x.gaz().first() >= x.gaz().last() && !covered(t.Start, t.End) {
				out = append(out, detect.Candidate{Type: detect.Name, Sub: "first", Start: t.Start, End: t.End, Score: 0.85, Cue: d.Src[toks[i-2].Start:toks[i-2].End]})
			}
		}
		// signature line: two or three name words (or initials) and a
		// credential, alone on a line
		if i == 0 || t.Has(text.NewlineBefore) {
			if st, en, cue, ok := signature(d, i); ok && !covered(st, en) {
				out = append(out, detect.Candidate{Type: detect.Name, Sub: "full", Start: st, End: en, Score: 0.9, Cue: cue})
			}
		}
	}
	return out
}

// signature reports a line that starts at token i with a first name, one
// or two more name words or initials, and a credential ("RN", "rrt"), and
// holds nothing else but periods or commas.
func signature(d *text.Doc, i int) (st, en int, cue string, ok bool) {
	toks := d.Tokens
	n := len(toks)
	if !atLeast3Runes(toks[i].Lower) {
		return 0, 0, "", false
	}
	// a cheap look at the line first: anything but words without digits
	// and periods or commas rules it out (most lines of a note)
	for k := i + 1; k < n && !toks[k].Has(text.NewlineBefore); k++ {
		t := &toks[k]
		if t.Kind == text.Punct {
			if c := d.Src[t.Start]; c != '.' && c != ',' {
				return 0, 0, "", false
			}
		} else if t.Kind != text.Word || t.Has(text.HasDigit) {
			return 0, 0, "", false
		}
	}
	f := describe(toks[i].Lower)
	if f.gaz().first() < 3 || f.kw()&kNotName != 0 || f.has(wEnglish) && f.gaz().first() < 5 {
		return 0, 0, "", false
	}
	last := i
	words := 1
	k := i + 1
	for ; k < n && !toks[k].Has(text.NewlineBefore); k++ {
		t := &toks[k]
		if t.Kind == text.Punct {
			if d.Src[t.Start] == '.' && oneRune(toks[k-1].Lower) || d.Src[t.Start] == ',' && in(d.Tokens[min(k+1, n-1)].Lower, lCredential) {
				continue
			}
			return 0, 0, "", false
		}
		if t.Kind != text.Word || t.Has(text.HasDigit) {
			return 0, 0, "", false
		}
		if in(t.Lower, lCredential) && words >= 2 {
			break
		}
		if oneRune(t.Lower) {
			last = k
			continue
		}
		x := describe(t.Lower)
		if words >= 3 || x.kw()&kNotName != 0 || !(x.gaz().last() >= 3 && (!x.has(wEnglish) || x.gaz().last() >= 5) ||
			!x.has(wPresent) && utf8.RuneCountInString(t.Lower) >= 3 && hasVowel(t.Lower) && !vocab.English(t.Lower) && !vocab.Medical(t.Lower)) {
			return 0, 0, "", false
		}
		words++
		last = k
	}
	if k >= n || toks[k].Has(text.NewlineBefore) || !in(toks[k].Lower, lCredential) || words < 2 || toks[last].Kind != text.Word {
		return 0, 0, "", false
	}
	// nothing but a period may follow the credential on its line
	for m := k + 1; m < n && !toks[m].Has(text.NewlineBefore); m++ {
		if !d.IsPunct(m, '.') {
			return 0, 0, "", false
		}
	}
	return toks[i].Start, toks[last].End, d.Src[toks[k].Start:toks[k].End], true
}

// isForeign reports foreignProse(d) for the text being read, found on
// first use (most runs never ask).
func (sc *scratch) isForeign(d *text.Doc) bool {
	if sc.foreign == 0 {
		sc.foreign = 2
		if foreignProse(d) {
			sc.foreign = 1
		}
	}
	return sc.foreign == 1
}

// capitalMidSentence reports whether a word unit of us[a..b] starts with a
// capital and does not start a sentence.
func capitalMidSentence(d *text.Doc, us []unit, a, b int) bool {
	for k := a; k <= b; k++ {
		if u := &us[k]; u.kind == uWord && u.cap && !d.Tokens[u.tok].Has(text.SentStart) {
			return true
		}
	}
	return false
}

// foreignWords are common function words of languages clinicians post in
// besides English (Spanish, Portuguese, French, German, Swahili, Tagalog,
// Afrikaans, Welsh, Hindi in Latin script) that are not English words.
var foreignWords = strings.Fields(`que el los las una por para pero muy hoy del con está mi su sus lo se ya también porque cuando nada más al es
	não uma com hoje muito você ele ela nós mas já isso foi são dos das em na
	le les des est pas qui dans avec sur ce il elle je nous vous mais très c'est j'ai aux du
	der und ist nicht mit ich wir auf ein eine heute
	ya kwa ni leo sana yake wangu hii kwenye lakini
	ang ng mga sa si ko niya nya kanina dito yung lang naman
	het van nie ons vir sy hulle vandag
	yn ar ei wedi heddiw mewn gan
	hai ki ko ka ke aur nahi bhi mein tha hain kya kiya`)

// englishWords are common English function words.
var englishWords = strings.Fields(`the and is was to of in it you that this with for on my i we he she they at be have has are not but so just`)

// functionTab holds the packed form (text.Pack) of each foreign function
// word with +1 and of each English one with -1, in an open-addressing
// table: every word of the text is looked up by the integer the tokeniser
// packed, with no string hashing.
type functionTab struct {
	keys [1 << functionBits]uint64
	vals [1 << functionBits]int8
}

const functionBits = 9

func (t *functionTab) slot(key uint64) uint64 { return key * 0x9e3779b97f4a7c15 >> (64 - functionBits) }

func (t *functionTab) put(key uint64, v int8) {
	i := t.slot(key)
	for t.keys[i] != 0 && t.keys[i] != key {
		i = (i + 1) & (1<<functionBits - 1)
	}
	t.keys[i], t.vals[i] = key, v
}

func (t *functionTab) get(key uint64) int8 {
	i := t.slot(key)
	for t.keys[i] != 0 {
		if t.keys[i] == key {
			return t.vals[i]
		}
		i = (i + 1) & (1<<functionBits - 1)
	}
	return 0
}

var functionWords = func() *functionTab {
	t := new(functionTab)
	for _, w := range foreignWords {
		if k := text.Pack(w); k != 0 {
			t.put(k, 1)
		}
	}
	for _, w := range englishWords {
		if k := text.Pack(w); k != 0 {
			t.put(k, -1)
		}
	}
	return t
}()

// foreignWordsRead is how many words of a text foreignProse reads: the
// first few hundred words tell the language of a long note.
const foreignWordsRead = 300

// foreignProse reports whether d reads as prose in another language than
// English: three or more of its words are foreign function words, and
// more of them than English ones.
func foreignProse(d *text.Doc) bool {
	f, e := 0, 0
	packed := d.Packed
	if len(packed) > foreignWordsRead {
		packed = packed[:foreignWordsRead]
	}
	for _, key := range packed {
		if key == 0 {
			continue
		}
		switch functionWords.get(key) {
		case 1:
			f++
		case -1:
			e++
		}
	}
	return f >= 3 && f > e
}
