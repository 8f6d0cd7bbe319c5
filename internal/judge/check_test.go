package judge

import (
	"context"
	"slices"
	"testing"

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
