package judge

import (
	"context"
	"reflect"
	"testing"

	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// Check leaves the bio and the reply for later when no rule that reads
// them applies (bioField, replyField); whatever reads them then must make
// them first, so the report is the one of a judge that makes every field
// at once. With the rules that read the reply or the bio switched off (as
// a user's configuration may: phi.reply-named-update alone reads every
// reply), the lazy path is the one taken for every post: a post on how a
// patient in care is doing, replying to one that names a rare event, is
// about a patient for reid only by the reply.
func TestLazyFieldsAgreeWithEager(t *testing.T) {
	dets := defaultDetectors()
	// the rules that read the reply or the bio switched off; then every
	// rule but reid's, so that nothing reads them before it
	for _, off := range []func(r *rules.Rule) bool{
		func(r *rules.Rule) bool { return r.InScope(rules.ScopeReply) || r.InScope(rules.ScopeBio) },
		func(r *rules.Rule) bool { return r.Kind != rules.Reid },
	} {
		rs, err := rules.Default()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs.Rules {
			r.Disabled = off(r)
		}
		lazy := New(rs, dets, nil)
		eager := New(rs, dets, nil)
		eager.parts = nil // makes every field at once (see reads)
		posts := []model.Post{{
			Text:    "He is off the vent since Tuesday and his kidneys are turning around.",
			ReplyTo: &model.ReplyTo{Text: "Any news on the kid who was struck by lightning at the county fair?"},
		}}
		var texts []string
		for _, r := range rs.Rules {
			for _, ex := range r.Examples.Flag {
				texts = append(texts, ex.Text)
			}
		}
		for i, s := range texts {
			posts = append(posts, model.Post{Text: s, ReplyTo: &model.ReplyTo{Text: texts[(i*7+3)%len(texts)]}, Author: model.Author{Bio: texts[(i*13+5)%len(texts)]}})
		}
		for _, p := range posts {
			got, want := lazy.Check(context.Background(), &p), eager.Check(context.Background(), &p)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v (reply %q):\n got %+v\nwant %+v", p, p.ReplyTo.Text, got, want)
			}
		}
	}
}
