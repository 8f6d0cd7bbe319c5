// Package custom adds the user's own word lists (their hospital, units,
// towns, names) as identifier candidates, and filters out allowed terms.
package custom

import (
	"strings"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/text"
)

type lists struct {
	ph    *lexicon.Phrases
	types []detect.Type
}

// New returns a detector for the given names and places.
func New(names, places []string) detect.Detector {
	var all []string
	var types []detect.Type
	for _, n := range names {
		all, types = append(all, n), append(types, detect.Name)
	}
	for _, p := range places {
		all, types = append(all, p), append(types, detect.Location)
	}
	return &lists{ph: lexicon.NewPhrases(all), types: types}
}

func (l *lists) Name() string { return "custom" }

func (l *lists) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	for _, m := range l.ph.Find(d, nil) {
		sub := "user"
		if l.types[m.Pattern] == detect.Location {
			sub = "facility"
		}
		out = append(out, detect.Candidate{Type: l.types[m.Pattern], Sub: sub, Start: d.Tokens[m.First].Start, End: d.Tokens[m.Last].End, Score: 0.95, Cue: "your word list"})
	}
	return out
}

type allow struct {
	set  lexicon.Set
	dets []detect.Detector
}

// Allow wraps detectors and drops candidates whose text is an allowed term.
func Allow(terms []string, dets ...detect.Detector) detect.Detector {
	s := lexicon.Set{}
	for _, t := range terms {
		s[strings.TrimSpace(text.Fold(t))] = struct{}{}
	}
	return &allow{set: s, dets: dets}
}

func (a *allow) Name() string { return "allow" }

func (a *allow) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	n := len(out)
	for _, det := range a.dets {
		out = det.Detect(d, out)
	}
	kept := out[:n]
	for _, c := range out[n:] {
		if !a.set.Has(text.Fold(d.Src[c.Start:c.End])) {
			kept = append(kept, c)
		}
	}
	return kept
}
