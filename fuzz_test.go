package scrubs

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzCheck runs the whole engine (every detector and rule) on arbitrary
// text, alt text, bio and reply: no panic, and every finding's span must
// lie inside the text it points into and match its Text.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"Mrs. K in 22 has hit the call light 31 times since 7pm",
		"the 19yo with the 3rd lightning strike rolled into Lakeshore ED last night",
		"Pt J.T., 67, MRN 00482913, DOB 02/14/1951, 410-555-2671, 123 Main St, Springfield IL 62704",
		"\xff\x00#LakeshoreED @x_y 🍷 https://x.co/a j@x.co",
	} {
		f.Add(s, "")
	}
	e, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s, alt string) {
		p := Post{Text: s, Media: []Media{{Alt: alt}}, Author: Author{Bio: alt}, ReplyTo: &ReplyTo{Text: alt}, Platform: "review-reply"}
		r := e.Check(bg, p)
		for _, fd := range r.Findings {
			a, b, ok := fd.Span()
			if !ok {
				continue
			}
			src := s
			if fd.Field == "alt" {
				src = alt
			}
			if a < 0 || b > len(src) || a >= b || src[a:b] != fd.Text {
				t.Fatalf("finding %s span %d..%d bad for %q", fd.Rule, a, b, src)
			}
		}
		d := e.Deidentify(bg, "", s, DeidOptions{Mode: Surrogate})
		last := 0
		for _, en := range d.Entities {
			if en.Start < last || en.End > len(s) || en.Start >= en.End || s[en.Start:en.End] != en.Text {
				t.Fatalf("entity %+v bad or overlapping", en)
			}
			last = en.End
		}
		if utf8.ValidString(s) && !utf8.ValidString(d.Text) {
			t.Fatalf("valid input gave invalid output %q", d.Text)
		}
	})
}

// FuzzCandidatesOnDemand: the judge finds candidates only when a rule can
// use them, and makes the bio and the reply fields only when a rule may
// read them; on any post its report must be that of running every
// detector on every field (an engine whose detectors are wrapped, by an
// allow list that matches nothing, runs them all).
func FuzzCandidatesOnDemand(f *testing.F) {
	for _, s := range []string{
		"Mrs. K in 22 has hit the call light 31 times since 7pm",
		"a 7yo swallowed 14 magnets, seen at Mercy West ED this morning",
		"Tom, as we discussed at your visit, the imaging was normal. Call 410-555-2671",
		"my patient John Smith, MRN 00482913, lives at 123 Main St",
		"NPI 1578293046 | DEA AB1234563",
	} {
		f.Add(s, "ER doc at Lakeshore General", false)
	}
	lazy, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	eager, err := New(Options{Allow: []string{"zz-no-such-term-zz"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s, ctx string, review bool) {
		// roles for which rules read the bio, and others
		role := [...]string{"", "student", "nurse", "physician"}[len(s)%4]
		p := Post{Text: s, Author: Author{Bio: ctx, Role: role}, Media: []Media{{Alt: ctx}}, ReplyTo: &ReplyTo{Text: ctx}}
		if review {
			p.Platform = "review-reply"
		}
		a, _ := json.Marshal(lazy.Check(bg, p))
		b, _ := json.Marshal(eager.Check(bg, p))
		if string(a) != string(b) {
			t.Fatalf("%q / %q:\n on demand %s\n every detector %s", s, ctx, a, b)
		}
	})
}
