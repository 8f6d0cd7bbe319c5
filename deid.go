package scrubs

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/judge"
	"github.com/scrubs-dev/scrubs/internal/surrogate"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/model"
)

// DeidMode is how identifiers are replaced.
type DeidMode string

const (
	// Redact replaces each identifier with its type in brackets: [NAME].
	Redact DeidMode = "redact"
	// Mask replaces each character with '*', keeping the length.
	Mask DeidMode = "mask"
	// Surrogate replaces identifiers with consistent fakes: the same name
	// becomes the same fake name, dates shift by one offset.
	Surrogate DeidMode = "surrogate"
)

// DeidOptions configure Deidentify.
type DeidOptions struct {
	Mode DeidMode
	// Seed makes surrogates reproducible (keep it secret).
	Seed string
}

// deidPolicy is the strict Safe Harbor selection: every identifier of any
// person, keeping years, states and ages under 90.
func deidKeep(c detect.Candidate) bool {
	switch c.Type {
	case detect.Name:
		return c.Score >= 0.5
	case detect.Date:
		switch c.Sub {
		case "relative-day", "weekday":
			// "tomorrow", "on Monday" in a note are relative to an unknown
			// date; only anchored forms ("last Tuesday") are kept
			return c.Score >= 0.8
		}
		return c.Score >= 0.4
	case detect.Age:
		return c.Sub == "over89"
	case detect.Location:
		switch c.Sub {
		case "state":
			return false // Safe Harbor keeps states
		case "country":
			return true // not required, but a country next to a story narrows it; cheap to drop
		}
		return c.Score >= 0.4
	case detect.Other:
		return c.Sub != "time-ref" && c.Score >= 0.5
	case detect.ID:
		return c.Score >= 0.3
	}
	return c.Score >= 0.3
}

// Deidentify redacts every Safe Harbor identifier of every person in s.
func (e *Engine) Deidentify(ctx context.Context, id, s string, o DeidOptions) Deidentified {
	buf := candPool.Get().(*[]detect.Candidate)
	defer candPool.Put(buf)
	cands := (*buf)[:0]
	defer func() { *buf = cands[:0] }()
	for off := 0; off < len(s); {
		end := chunkEnd(s, off)
		d := text.Get(s[off:end])
		first := len(cands)
		for _, det := range e.dets {
			cands = det.Detect(d, cands)
		}
		text.Put(d) // candidates hold offsets only
		for i := first; i < len(cands); i++ {
			cands[i].Start += off
			cands[i].End += off
		}
		off = end
	}
	ents := mergeEntities(s, cands)
	return Deidentified{ID: id, Text: replace(s, ents, o), Entities: ents}
}

// candPool recycles the candidate buffers of Deidentify.
var candPool = sync.Pool{New: func() any { return new([]detect.Candidate) }}

// mergeEntities keeps the candidates Safe Harbor requires and merges
// overlapping ones into one entity (typed by the strongest candidate).
// cands is reordered and overwritten.
func mergeEntities(s string, cands []detect.Candidate) []model.Entity {
	keep := cands[:0]
	for _, c := range cands {
		if c.Start >= 0 && c.End <= len(s) && c.Start < c.End && deidKeep(c) {
			keep = append(keep, c)
		}
	}
	// the same pattern-defeating quicksort as sort.Slice, without reflection
	slices.SortFunc(keep, func(a, b detect.Candidate) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End, a.End)
	})
	ents := make([]model.Entity, 0, len(keep)) // at most one each
	var best detect.Candidate
	for i, c := range keep {
		n := len(ents)
		if i > 0 && c.Start < ents[n-1].End {
			if c.End > ents[n-1].End {
				ents[n-1].End = c.End
				ents[n-1].Text = s[ents[n-1].Start:c.End]
			}
			if c.Score > best.Score {
				best = c
				ents[n-1].Type, ents[n-1].Sub = string(c.Type), c.Sub
			}
			continue
		}
		best = c
		ents = append(ents, model.Entity{Type: string(c.Type), Sub: c.Sub, Start: c.Start, End: c.End, Text: s[c.Start:c.End]})
	}
	return ents
}

func replace(s string, ents []model.Entity, o DeidOptions) string {
	if len(ents) == 0 {
		return s // nothing to replace: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	var sur *surrogate.Maker
	if o.Mode == Surrogate {
		sur = surrogate.New(o.Seed)
	}
	last := 0
	for _, e := range ents {
		b.WriteString(s[last:e.Start])
		switch o.Mode {
		case Mask:
			for range utf8.RuneCountInString(e.Text) {
				b.WriteByte('*')
			}
		case Surrogate:
			b.WriteString(sur.For(e.Type, e.Text))
		default:
			// in pieces: a joined string would be made for each entity
			b.WriteByte('[')
			b.WriteString(e.Type)
			b.WriteByte(']')
		}
		last = e.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// deidChunk bounds the text analysed at once: memory grows with the tokens
// of one piece (a 10 MB text in one piece took ~400 MB), so a long
// document is read in pieces (judge.PieceEnd cuts them at a blank line,
// else a line break, else a space). Surrogates and entity merging still
// see the whole text.
const deidChunk = judge.MaxPiece

// chunkEnd returns where the piece of s starting at off ends.
func chunkEnd(s string, off int) int { return judge.PieceEnd(s, off, deidChunk) }
