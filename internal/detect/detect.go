// Package detect defines what a detector is: something that reads a
// text.Doc and emits candidates with evidence and a score. Detectors never
// decide severity; the judge does.
package detect

import "github.com/scrubs-dev/scrubs/internal/text"

// Type is the Safe Harbor identifier type of a candidate, as in the JSONL
// contract of `scrubs deid`.
type Type string

const (
	Name     Type = "NAME"
	Date     Type = "DATE"
	Age      Type = "AGE"
	Location Type = "LOCATION"
	Phone    Type = "PHONE"
	Fax      Type = "FAX"
	Email    Type = "EMAIL"
	URL      Type = "URL"
	IP       Type = "IP"
	ID       Type = "ID"
	Other    Type = "OTHER"
)

// Candidate is one possible identifier.
type Candidate struct {
	Type  Type
	Sub   string // finer kind: "ssn", "mrn", "npi", "hospital", "city", "street", "zip", "initials", "relative-date", ...
	Start int    // byte offsets into Doc.Src, end exclusive
	End   int
	Score float64 // confidence in (0,1]
	// Cue is the context that supports it ("MRN", "Mr.", "my patient"), if any.
	Cue string
}

// Detector finds one kind of evidence.
type Detector interface {
	// Name is a short stable identifier ("dates", "contact", ...).
	Name() string
	// Detect appends candidates found in d to out and returns it. It must not
	// panic on any input and must not retain d.
	Detect(d *text.Doc, out []Candidate) []Candidate
}

// Loader is implemented by detectors with data to build before first use;
// the engine calls Load on all of them concurrently, so start-up costs the
// slowest load rather than the sum.
type Loader interface {
	Load()
}
