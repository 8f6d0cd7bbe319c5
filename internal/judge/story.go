package judge

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/scrubs-dev/scrubs/internal/storymodel"
	"github.com/scrubs-dev/scrubs/rules"
)

// storyModel runs a model rule (kind model, internal/storymodel): where no
// other rule of its category fired, a phrase of its context lists occurs
// in the text or a photo's description and none of its unless lists in
// the text, the model scores the post;
// at or above the threshold the rule points at the sentence that counts
// most, with the words that count most as evidence.
func (j *Judge) storyModel(ps *post, r *rules.Rule) {
	if ps.flagged(r.Category) {
		return
	}
	m := storymodel.Default()
	if m == nil {
		return
	}
	ctx := r.NamedLists(rules.ListContext)
	gated := false
	for _, f := range ps.fields(inText | inAlt) {
		if f.anyHit(ctx, nil) {
			gated = true
			break
		}
	}
	if !gated || ps.text.anyHit(r.NamedLists(rules.ListUnless), ps.text.ownOf(r).unless()) {
		return // no talk of care, or a teaching case or question
	}
	t := ps.text
	docs := append(ps.storyDocs[:0], t.doc)
	for _, f := range ps.fields(inAlt) {
		docs = append(docs, f.doc)
	}
	ps.storyDocs = docs
	score := m.ScoreDocs(docs...)
	if score < r.Threshold {
		return
	}
	// the features with their spans, only for a post that fires
	fs := storymodel.Features(t.doc, ps.storyFeat[:0])
	ps.storyFeat = fs
	nText := len(fs)
	if nText == 0 {
		return
	}
	// the sentence whose features weigh most, and its heaviest words
	type sent struct {
		a, b int
		w    float64
	}
	var sents []sent
	for _, f := range fs[:nText] {
		a, b := t.sentenceOf(f.First)
		if n := len(sents); n == 0 || sents[n-1].a != a {
			sents = append(sents, sent{a: a, b: b})
		}
		sents[len(sents)-1].w += float64(m.W(f.Slot))
	}
	best := sents[0]
	for _, s := range sents[1:] {
		if s.w > best.w {
			best = s
		}
	}
	type word struct {
		w string
		v float32
	}
	var words []word
	for _, f := range fs[:nText] {
		if f.First == f.Last && f.First >= best.a && f.First <= best.b && m.W(f.Slot) > 0 {
			words = append(words, word{t.doc.Tokens[f.First].Lower, m.W(f.Slot)})
		}
	}
	sort.SliceStable(words, func(x, y int) bool { return words[x].v > words[y].v })
	var top []string
	for _, w := range words {
		if len(top) == 4 {
			break
		}
		if !strings.HasPrefix(w.w, "<") && !slices.Contains(top, w.w) {
			top = append(top, w.w)
		}
	}
	ev := []string{fmt.Sprintf("story model score %.2f", score)}
	if len(top) > 0 {
		ev = append(ev, "words that weigh most: "+strings.Join(top, ", "))
	}
	ps.emit(r, t, t.doc.Tokens[best.a].Start, t.doc.Tokens[best.b].End, score, ev...)
}
