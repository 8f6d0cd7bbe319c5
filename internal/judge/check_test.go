package judge

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/contact"
	"github.com/scrubs-dev/scrubs/internal/detect/dates"
	"github.com/scrubs-dev/scrubs/internal/detect/ids"
	"github.com/scrubs-dev/scrubs/internal/detect/names"
	"github.com/scrubs-dev/scrubs/internal/detect/places"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// A post judged under a context already done gets no findings and says it
// stopped early; under one that is not done, the same post is judged in
// full.
func TestCheckStopsWhenDone(t *testing.T) {
	rs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := rs.Get("phi.reidentifiable")
	if r == nil || len(r.Examples.Flag) == 0 {
		t.Fatal("no example of phi.reidentifiable")
	}
	p := r.Examples.Flag[0].Post
	j := New(rs, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	if rep := j.Check(ctx, &p); len(rep.Findings) == 0 {
		t.Fatalf("%q: no findings", p.Text)
	}
	cancel()
	rep := j.Check(ctx, &p)
	if want := []string{"stopped early: context canceled"}; len(rep.Findings) != 0 || !slices.Equal(rep.Warnings, want) {
		t.Fatalf("%q under a cancelled context: %d findings, warnings %q; want none and %q", p.Text, len(rep.Findings), rep.Warnings, want)
	}
}

// Check evaluates only the rules that a post's phrases call for (see
// candidates); it must report exactly what evaluating every rule reports:
// every example of every rule, in several contexts, with the default
// detectors.
func TestCandidatesAgreeWithEveryRule(t *testing.T) {
	rs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	dets := defaultDetectors()
	j := New(rs, dets, nil)
	every := New(rs, dets, nil)
	for i := range every.order {
		every.always[i/64] |= 1 << (i % 64)
	}
	var texts []string
	for _, r := range rs.Rules {
		for _, ex := range append(r.Examples.Flag, r.Examples.Pass...) {
			texts = append(texts, ex.Text)
		}
	}
	// a context that only the review platform gives, and one only the
	// post text gives an alt text
	texts = append(texts, "Dear Maria Gonzalez, we are sorry your visit on March 3, 2024 ran late. Call 555-201-3344.")
	review := model.Post{Text: texts[len(texts)-1], Platform: "review-reply"}
	alt := model.Post{Text: "my patient today", Media: []model.Media{{Alt: "Maria Gonzalez at 12 Oak Street, March 3, 2024"}}}
	for _, p := range []model.Post{review, alt} {
		if got, want := j.Check(context.Background(), &p), every.Check(context.Background(), &p); len(want.Findings) == 0 || !reflect.DeepEqual(got, want) {
			t.Fatalf("%+v:\n got %+v\nwant %+v (some)", p, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for n, r := range rs.Rules {
		for _, ex := range append(r.Examples.Flag, r.Examples.Pass...) {
			posts := []model.Post{ex.Post}
			// the same text with another post's text as its alt text,
			// bio or reply, and on a review platform
			p := ex.Post
			p.Media = append(p.Media[:len(p.Media):len(p.Media)], model.Media{Alt: texts[rng.IntN(len(texts))]})
			p.Author.Bio = texts[rng.IntN(len(texts))]
			p.ReplyTo = &model.ReplyTo{Text: texts[rng.IntN(len(texts))]}
			posts = append(posts, p)
			p.Platform = "review-reply"
			posts = append(posts, p)
			for _, p := range posts {
				got, want := j.Check(context.Background(), &p), every.Check(context.Background(), &p)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("rule %d %s, %+v:\n got %+v\nwant %+v", n, r.ID, p, got, want)
				}
			}
		}
	}
}

// defaultDetectors are the detectors the engine runs by default, in its
// order (see detectorParts).
func defaultDetectors() []detect.Detector {
	return []detect.Detector{names.New(), dates.New(), places.New(), contact.New(), ids.New()}
}
