package judge

import (
	"math/rand/v2"
	"testing"

	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// The context gate keeps exactly the rules that are enabled, whose `when`
// the post's context meets (Applies), and which have a reply to read if
// they have a reply_context: random rules and posts, including values no
// rule names and rule sets of more than one word of bits.
func TestContextGateAgrees(t *testing.T) {
	vocab := []string{"", "x", "public", "friends", "student", "nurse", "professional", "review-reply"}
	rng := rand.New(rand.NewPCG(5, 6))
	pick := func() []string {
		var l []string
		for range rng.IntN(3) {
			l = append(l, vocab[rng.IntN(len(vocab))])
		}
		return l
	}
	flag := func() *bool {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			b := true
			return &b
		}
		b := false
		return &b
	}
	value := func() string {
		if rng.IntN(4) == 0 {
			return "other"
		}
		return vocab[rng.IntN(len(vocab))]
	}
	for round := range 50 {
		order := make([]*rules.Rule, 1+rng.IntN(200))
		for i := range order {
			r := &rules.Rule{Disabled: rng.IntN(10) == 0}
			if rng.IntN(2) == 0 { // many rules have no when at all
				r.When = rules.When{Platform: pick(), Account: pick(), Role: pick(), Audience: pick(), Reply: flag(), DM: flag()}
			}
			if rng.IntN(8) == 0 {
				r.ReplyContext = []string{"@cues"}
			}
			order[i] = r
		}
		words := (len(order) + 63) / 64
		g := newContextGate(order, words)
		for range 100 {
			p := &model.Post{Platform: value(), Account: value(), Audience: value(), DM: rng.IntN(2) == 0}
			p.Author.Role = value()
			if rng.IntN(2) == 0 {
				p.ReplyTo = &model.ReplyTo{}
			}
			replyText := p.ReplyTo != nil && rng.IntN(2) == 0
			marks := make([]uint64, words)
			for i := range marks {
				marks[i] = ^uint64(0)
			}
			g.apply(p, replyText, marks)
			for i, r := range order {
				want := !r.Disabled && r.Applies(p) && (len(r.ReplyContext) == 0 || replyText)
				if got := marks[i/64]&(1<<(i%64)) != 0; got != want {
					t.Fatalf("round %d: rule %d (%+v, disabled %v, reply context %v) on %+v (reply text %v): kept %v, want %v",
						round, i, r.When, r.Disabled, r.ReplyContext, p, replyText, got, want)
				}
			}
		}
	}
}
