package judge

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// partPosts returns the posts the parts tests judge: every example of
// every rule, the fresh evaluation sets, and the shared dev posts and
// general tweets where present.
func partPosts(t *testing.T, rs *rules.Set) []model.Post {
	var posts []model.Post
	for _, r := range rs.Rules {
		for _, ex := range append(r.Examples.Flag, r.Examples.Pass...) {
			posts = append(posts, ex.Post)
		}
	}
	files, _ := filepath.Glob("../../eval/fresh/*.posts.jsonl")
	if len(files) == 0 {
		t.Fatal("no eval/fresh posts")
	}
	files = append(files, "../../../shared/eval/dev/posts.jsonl", "../../../shared/eval/external/tweets-general.input.jsonl")
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			continue // the shared data is not there
		}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var p model.Post
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				posts = append(posts, p)
			}
		}
	}
	return posts
}

// typesOf are the candidate types of each part, as partsOf has them.
var typesOf = [numParts][]detect.Type{
	kNames:   {detect.Name},
	kDates:   {detect.Date, detect.Age, detect.Other},
	kPlaces:  {detect.Location},
	kContact: {detect.Phone, detect.Fax, detect.Email, detect.URL, detect.IP},
	kIDs:     {detect.ID},
}

// The candidates of some parts, asked for in any order (and after
// hasAge), are those of every detector run, less the other parts' types,
// in the same order; hasAge says what it says on all of them; and each
// default detector finds only the types of its part.
func TestPartsAgreeWithAllCandidates(t *testing.T) {
	testPartsAgree(t, defaultDetectors())
	// names that run into dates' candidates, which the real ones seldom
	// do: every word and number of three bytes or less
	dets := defaultDetectors()
	dets[kNames] = greedyNames{}
	testPartsAgree(t, dets)
}

// greedyNames is a names detector that finds a name in every token of
// three bytes or less.
type greedyNames struct{}

func (greedyNames) Name() string { return "names" }

func (greedyNames) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	for _, tk := range d.Tokens {
		if tk.End-tk.Start <= 3 && tk.Kind == text.Word {
			out = append(out, detect.Candidate{Type: detect.Name, Sub: "first", Start: tk.Start, End: tk.End, Score: 0.6})
		}
	}
	return out
}

func testPartsAgree(t *testing.T, dets []detect.Detector) {
	rs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	j := New(rs, dets, nil)
	if j.parts == nil {
		t.Fatal("no parts with the default detectors")
	}
	for k := range numParts {
		for _, r := range []rules.Rule{{Types: []string{string(typesOf[k][0])}}} {
			if got := partsOf(r.Types); got != 1<<k {
				t.Fatalf("partsOf(%v) = %b, want %b", r.Types, got, 1<<k)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	var texts []string
	for _, p := range partPosts(t, rs) {
		texts = append(texts, p.Text)
		for _, m := range p.Media {
			texts = append(texts, m.Alt)
		}
	}
	texts = append(texts, "Pt J.T., 67, back in clinic today after his LVAD", "Mrs. Lopez, 92, was admitted in sept. and seen 11/21.93")
	withAge, clashes := 0, 0
	for _, src := range texts {
		f := j.newField(rules.ScopeText, -1, src, allCands)
		all := j.candidates(f.doc, nil)
		for _, c := range all {
			k := slices.IndexFunc(typesOf[:], func(ts []detect.Type) bool { return slices.Contains(ts, c.Type) })
			if k < 0 || j.detectors[k].Name() != j.parts.dets[k].Name() {
				t.Fatalf("%q: candidate %+v of no part", src, c)
			}
		}
		wantAge := slices.ContainsFunc(all, func(c detect.Candidate) bool { return c.Type == detect.Age })
		if wantAge {
			withAge++
		}
		for range 3 {
			if r.IntN(2) == 0 {
				if got := j.hasAge(f); got != wantAge {
					t.Fatalf("%q: hasAge %v, want %v", src, got, wantAge)
				}
			}
			need := uint8(1 + r.IntN(allParts))
			got := j.partCands(f, need)
			keep := func(c detect.Candidate) bool {
				for k := range numParts {
					if need&(1<<k) != 0 && slices.Contains(typesOf[k], c.Type) {
						return true
					}
				}
				return false
			}
			var g, w []detect.Candidate
			for _, c := range got {
				if keep(c) {
					g = append(g, c)
				}
			}
			for _, c := range all {
				if keep(c) {
					w = append(w, c)
				}
			}
			if !slices.Equal(g, w) {
				t.Fatalf("%q, parts %05b: got %+v\nwant %+v", src, need, g, w)
			}
		}
		if got := j.hasAge(f); got != wantAge {
			t.Fatalf("%q: hasAge %v, want %v", src, got, wantAge)
		}
		if f.roughDates && len(f.scratch) > 0 {
			clashes++ // dates ran again after the names
		}
		f.release()
	}
	if withAge == 0 {
		t.Fatal("no text with an age")
	}
	if _, greedy := dets[kNames].(greedyNames); greedy && clashes == 0 {
		t.Fatal("no names ran into what dates found alone")
	}
}

// A judge that finds candidates part by part reports what one that runs
// every detector at once reports, on the evaluation posts in their own
// context and with other posts' texts as alt text, bio and reply, and on a
// review platform.
func TestPartsAgreeWithEager(t *testing.T) {
	rs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	dets := defaultDetectors()
	j := New(rs, dets, nil)
	eager := New(rs, dets, nil)
	eager.parts = nil
	posts := partPosts(t, rs)
	rng := rand.New(rand.NewPCG(9, 10))
	for i, p := range posts {
		variants := []model.Post{p}
		if i%3 == 0 {
			q := p
			q.Media = append(q.Media[:len(q.Media):len(q.Media)], model.Media{Alt: posts[rng.IntN(len(posts))].Text})
			q.Author.Bio = posts[rng.IntN(len(posts))].Text
			q.ReplyTo = &model.ReplyTo{Text: posts[rng.IntN(len(posts))].Text}
			variants = append(variants, q)
			q.Platform = "review-reply"
			variants = append(variants, q)
		}
		for _, q := range variants {
			got, want := j.Check(context.Background(), &q), eager.Check(context.Background(), &q)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\n got %+v\nwant %+v", q, got, want)
			}
		}
	}
}
