package report

import (
	"bytes"
	"encoding/json"

	"github.com/scrubs-dev/scrubs/model"
)

// checkObject is the JSON shape of one checked post (the JSONL contract of
// `scrubs check`). id, verdict and findings are always present, findings as
// an array; verdict is left out only for an error report that has none.
type checkObject struct {
	ID        string          `json:"id"`
	Verdict   model.Verdict   `json:"verdict,omitempty"`
	Findings  []model.Finding `json:"findings"`
	ReidScore float64         `json:"reid_score,omitempty"`
	Warnings  []string        `json:"warnings,omitempty"`
	// Suppressed findings, each with the reason it was silenced.
	Suppressed []model.Finding `json:"suppressed,omitempty"`
	Error      string          `json:"error,omitempty"`
}

func newCheckObject(post *model.Post, r *model.Report) checkObject {
	o := checkObject{
		ID:        reportID(post, r),
		Verdict:   verdictOf(r),
		Findings:  r.Findings,
		ReidScore: finite(r.ReidScore),
		Warnings:  r.Warnings,
		Error:     r.Error,
	}
	o.Suppressed = r.Suppressed
	if o.Findings == nil {
		o.Findings = []model.Finding{}
	}
	for i := range o.Findings {
		if c := o.Findings[i].Confidence; finite(c) != c {
			// Copy before fixing so the caller's report is left alone.
			fs := append([]model.Finding(nil), o.Findings...)
			for j := range fs {
				fs[j].Confidence = finite(fs[j].Confidence)
			}
			o.Findings = fs
			break
		}
	}
	return o
}

// deidObject is the JSON shape of one de-identified text.
type deidObject struct {
	ID       string         `json:"id"`
	Text     string         `json:"text"`
	Entities []model.Entity `json:"entities"`
	Error    string         `json:"error,omitempty"`
}

// jsonRenderer writes one object per value, either one a line (JSONL) or as
// the elements of one indented array (JSON).
type jsonRenderer struct {
	out    sink
	indent bool
	n      int
	buf    bytes.Buffer
	line   []byte // JSONL: the line being written, kept for the next one
	heads  *heads // JSONL: the heads that findings repeat, made on first use
}

// encode writes v as a line (JSONL) or as the next array element (JSON).
func (j *jsonRenderer) encode(v any) error {
	if err := j.out.usable(); err != nil {
		return err
	}
	j.buf.Reset()
	if j.indent {
		if j.n == 0 {
			j.buf.WriteString("[\n  ")
		} else {
			j.buf.WriteString(",\n  ")
		}
	}
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if j.indent {
		enc.SetIndent("  ", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	if j.indent {
		// The array's separators carry the line breaks.
		j.buf.Truncate(j.buf.Len() - 1)
	}
	j.n++
	return j.out.write(j.buf.Bytes())
}

// startLine readies the JSONL line buffer: empty, with the memory of
// findings' heads made. The objects append their lines to j.line directly
// (through an interface, each would be copied to the heap).
func (j *jsonRenderer) startLine() error {
	if err := j.out.usable(); err != nil {
		return err
	}
	if j.heads == nil {
		j.heads = new(heads)
	}
	j.line = j.line[:0]
	return nil
}

// endLine writes the line appended to j.line since startLine.
func (j *jsonRenderer) endLine() error {
	j.line = append(j.line, '\n')
	j.n++
	return j.out.write(j.line)
}

func (j *jsonRenderer) Report(post *model.Post, r *model.Report) error {
	if r == nil {
		return errNilReport
	}
	o := newCheckObject(post, r)
	if !j.indent {
		if err := j.startLine(); err != nil {
			return err
		}
		j.line = o.appendJSON(j.line, j.heads)
		return j.endLine()
	}
	return j.encode(o)
}

func (j *jsonRenderer) Close() error {
	if j.out.closed {
		return j.out.err
	}
	j.out.closed = true
	if !j.indent {
		return j.out.err
	}
	if j.n == 0 {
		return j.out.write([]byte("[]\n"))
	}
	return j.out.write([]byte("\n]\n"))
}

// deidJSON writes de-identification results as JSON or JSONL.
type deidJSON struct{ jsonRenderer }

func (d *deidJSON) Write(x *model.Deidentified) error {
	if x == nil {
		return errNilReport
	}
	o := deidObject{ID: x.ID, Text: x.Text, Entities: x.Entities, Error: x.Error}
	if o.Entities == nil {
		o.Entities = []model.Entity{}
	}
	if !d.indent {
		if err := d.startLine(); err != nil {
			return err
		}
		d.line = o.appendJSON(d.line, nil)
		return d.endLine()
	}
	return d.encode(o)
}

// deidText writes only the redacted text of each result, one per line.
// Results with an error write nothing: the caller reports the error.
type deidText struct{ out sink }

func (d *deidText) Write(x *model.Deidentified) error {
	if err := d.out.usable(); err != nil {
		return err
	}
	if x == nil {
		return errNilReport
	}
	if x.Error != "" {
		return nil
	}
	b := make([]byte, 0, len(x.Text)+1)
	b = append(b, x.Text...)
	b = append(b, '\n')
	return d.out.write(b)
}

func (d *deidText) Close() error {
	d.out.closed = true
	return d.out.err
}
