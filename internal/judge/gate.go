package judge

import (
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// A rule mask is a set of positions in Judge.order, a bit each, in words
// of 64 (Judge.words of them).

// orMask adds the rules of m to marks.
func orMask(marks, m []uint64) {
	m = m[:len(marks)]
	for i := range marks {
		marks[i] |= m[i]
	}
}

// andMask keeps in marks only the rules of m.
func andMask(marks, m []uint64) {
	m = m[:len(marks)]
	for i := range marks {
		marks[i] &= m[i]
	}
}

// setBit adds the rule at position i to *m, made with words words when
// nil.
func setBit(m *[]uint64, i, words int) {
	if *m == nil {
		*m = make([]uint64, words)
	}
	(*m)[i/64] |= 1 << (i % 64)
}

// andNotMask removes the rules of m from marks (none when m is nil).
func andNotMask(marks, m []uint64) {
	if m == nil {
		return
	}
	m = m[:len(marks)]
	for i := range marks {
		marks[i] &^= m[i]
	}
}

// contextGate knows, for each context fact a rule can test (the `when`
// of rules, and whether a reply_context has a reply to read), which rules
// each value of the fact rules out. A post's context then drops every rule
// it rules out with a few word operations, before any rule is looked at
// (a test of each rule with Applies cost about 1,100 instructions a post).
type contextGate struct {
	// platform, account, role and audience, in that order
	values [4]valueGate
	// flags[k] are the rules that the yes/no facts with bits k (flagReply
	// ...) rule out, and the disabled rules, which never fire: one mask
	// for all of them
	flags [1 << numFlags][]uint64
}

// The yes/no facts, a bit each: the post replies (when.reply), is a direct
// message (when.dm), and its reply has text (reply_context).
const (
	flagReply = 1 << iota
	flagDM
	flagReplyText
	numFlags = iota
)

// valueGate is the gate of one string fact: off[k] are the rules that
// values[k] rules out, off[len(values)] those any other value rules out.
// Both are empty when no rule tests the fact; a nil mask rules out none.
type valueGate struct {
	values []string
	off    [][]uint64
}

// factValues returns the string facts of a post, in contextGate's order.
func factValues(p *model.Post) [4]string {
	return [4]string{p.Platform, p.Account, p.Author.Role, p.Audience}
}

// whenValues returns what a rule allows of each string fact, in
// contextGate's order (an empty list: any value).
func whenValues(w *rules.When) [4][]string {
	return [4][]string{w.Platform, w.Account, w.Role, w.Audience}
}

// newContextGate builds the gate of the rules in order, in masks of words
// words.
func newContextGate(order []*rules.Rule, words int) contextGate {
	var g contextGate
	for d := range g.values {
		vg := &g.values[d]
		for _, r := range order {
			for _, v := range whenValues(&r.When)[d] {
				if !has(vg.values, v) {
					vg.values = append(vg.values, v)
				}
			}
		}
		if len(vg.values) == 0 {
			continue
		}
		vg.off = make([][]uint64, len(vg.values)+1)
		for i, r := range order {
			allowed := whenValues(&r.When)[d]
			if len(allowed) == 0 {
				continue
			}
			for k := range vg.off {
				if k == len(vg.values) || !has(allowed, vg.values[k]) {
					setBit(&vg.off[k], i, words)
				}
			}
		}
	}
	for k := range g.flags {
		for i, r := range order {
			// a rule that wants a fact (pointer to true) or its absence
			// (to false) is ruled out where it differs
			differs := func(want *bool, bit int) bool { return want != nil && *want != (k&bit != 0) }
			if r.Disabled || differs(r.When.Reply, flagReply) || differs(r.When.DM, flagDM) ||
				(len(r.ReplyContext) > 0 && k&flagReplyText == 0) {
				setBit(&g.flags[k], i, words)
			}
		}
	}
	return g
}

// apply removes from marks the rules that cannot fire on post p (whose
// reply has text when replyText).
func (g *contextGate) apply(p *model.Post, replyText bool, marks []uint64) {
	k := 0
	if p.ReplyTo != nil {
		k |= flagReply
	}
	if p.DM {
		k |= flagDM
	}
	if replyText {
		k |= flagReplyText
	}
	andNotMask(marks, g.flags[k])
	vals := factValues(p)
	for d := range g.values {
		vg := &g.values[d]
		if len(vg.off) == 0 {
			continue
		}
		v := len(vg.values)
		for i, x := range vg.values {
			if x == vals[d] {
				v = i
				break
			}
		}
		andNotMask(marks, vg.off[v])
	}
}
