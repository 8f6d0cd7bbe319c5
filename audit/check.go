package audit

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// auditor holds what the workers share; everything in it is read-only or
// safe for concurrent use, except acct, which only collect touches.
type auditor struct {
	fsys fs.FS
	eng  *scrubs.Engine
	opt  Options
	ocr  *ocr
	acct *accounts
}

// checked is a worker's answer for one item.
type checked struct {
	res           *Result
	skipped       bool // outside --since/--until
	public, known bool
	prof, pers    bool   // professional or personal content
	patient       string // who, when the post answers someone who appears to be a patient
	images        int
}

func (a *auditor) inRange(t time.Time) bool {
	if a.opt.Since.IsZero() && a.opt.Until.IsZero() {
		return true
	}
	if t.IsZero() {
		return false
	}
	if !a.opt.Since.IsZero() && t.Before(a.opt.Since) {
		return false
	}
	if !a.opt.Until.IsZero() && !t.Before(a.opt.Until) {
		return false
	}
	return true
}

// check runs the engine and the photo checks on one item. It runs on a
// worker goroutine.
func (a *auditor) check(ctx context.Context, it importers.Item) *checked {
	p := it.Post
	c := &checked{}
	if !a.inRange(p.Created()) {
		c.skipped = true
		c.res = &Result{Post: model.Post{Platform: p.Platform}}
		return c
	}
	if p.Author.Role == "" {
		p.Author.Role = a.opt.Role
	}
	if p.Account == "" {
		p.Account = a.opt.Account
	}
	if p.Audience == "" {
		switch it.Visibility {
		case "public", "followers", "friends", "private":
			p.Audience = it.Visibility
		case "unlisted":
			p.Audience = "public"
		case "direct":
			p.Audience = "private"
		}
	}
	p.Suppress = nil
	rep := a.eng.Check(ctx, p)
	fs := rep.Findings[:0:0]
	for _, f := range rep.Findings {
		// the bio is checked once per account, not with every post
		if f.Field == "bio" {
			continue
		}
		fs = append(fs, f)
	}
	for i, m := range p.Media {
		if m.Path != "" {
			c.images++
		}
		if i < len(it.MediaMeta) {
			fs = a.exportMeta(&p, i, it.MediaMeta[i], fs)
		}
		if m.Path != "" && a.ocr.enabled() {
			fs = a.ocrFindings(ctx, &p, i, fs)
		}
	}
	p.Author.Bio = ""
	c.res = &Result{
		Post: p, Kind: it.Kind, URL: it.URL, Visibility: it.Visibility, Source: it.Source,
		Findings: fs, Warnings: rep.Warnings, ReidScore: rep.ReidScore,
	}
	c.public, c.known = isPublic(&it)
	c.prof, c.pers = classify(p.Text, fs)
	c.patient = patientContact(&p, fs)
	return c
}

// metadataRule is the engine's photo-location rule, if enabled.
func (a *auditor) metadataRule() *rules.Rule {
	for _, r := range a.eng.Rules().Rules {
		if r.Kind == rules.Metadata && !r.Disabled {
			return r
		}
	}
	return nil
}

// exportMeta turns photo metadata that the export keeps in its own JSON
// (Facebook's exif_data) into findings, unless the photo file itself
// already gave the same finding.
func (a *auditor) exportMeta(p *model.Post, i int, mm importers.MediaMeta, fs []model.Finding) []model.Finding {
	if mm.Lat != nil && mm.Lon != nil && (*mm.Lat != 0 || *mm.Lon != 0) {
		if r := a.metadataRule(); r != nil && r.Applies(p) && !hasMediaFinding(fs, i, r.ID) {
			ev := []string{fmt.Sprintf("GPS %.5f, %.5f (kept in the export's own data)", *mm.Lat, *mm.Lon)}
			if !mm.Taken.IsZero() {
				ev = append(ev, "taken "+mm.Taken.UTC().Format("2006-01-02 15:04"))
			}
			m := i
			fs = append(fs, model.Finding{
				Rule: r.ID, Category: r.Category, Severity: r.SeverityOf(p), Clause: r.Clause,
				Message: r.Message, Fix: r.Fix, Media: &m, Field: "exif", Confidence: 1, Evidence: ev,
			})
		}
	}
	if mm.UploadIP != "" && !hasMediaFinding(fs, i, ruleUploadIP) {
		m := i
		fs = append(fs, model.Finding{
			Rule: ruleUploadIP, Category: model.SelfPrivacy, Severity: model.Info, Clause: "AMA-b",
			Message: "The export records the IP address this photo was uploaded from; it can place you (a hospital network names your employer).",
			Fix:     "Nothing to delete in the post; review the platform's privacy settings, and avoid uploading from a work network if that matters to you.",
			Media:   &m, Field: "exif", Confidence: 1, Text: mm.UploadIP, Evidence: []string{"upload IP " + mm.UploadIP},
		})
	}
	return fs
}

const ruleUploadIP = "audit.photo-upload-ip"

func hasMediaFinding(fs []model.Finding, i int, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Media != nil && *f.Media == i {
			return true
		}
	}
	return false
}

// ocrFindings reads the text in photo i and checks it through the
// privacy rules as if it were the photo's alt text.
func (a *auditor) ocrFindings(ctx context.Context, p *model.Post, i int, fs []model.Finding) []model.Finding {
	txt, err := a.ocr.read(ctx, a.fsys, p.Media[i].Path)
	if err != nil || txt == "" {
		return fs
	}
	q := *p
	q.Media = []model.Media{{Alt: txt}}
	q.Author.Bio = ""
	q.Suppress = nil
	rep := a.eng.Check(ctx, q)
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Media == nil || f.Field != "alt" {
			continue
		}
		if f.Category != model.PatientPrivacy && f.Category != model.SelfPrivacy {
			continue
		}
		key := f.Rule + "\x00" + f.Text
		if seen[key] {
			continue
		}
		seen[key] = true
		m := i
		f.Media = &m
		f.Field = "ocr"
		f.Start, f.End = nil, nil
		f.Evidence = append(f.Evidence, "text read from the image by OCR")
		fs = append(fs, f)
	}
	return fs
}

// collect takes one worker answer on the collecting goroutine: counts it,
// remembers what the account-level checks need, filters its findings and
// hands the post to the output when something is left to show.
func (a *auditor) collect(s *Summary, c *checked, out Output) error {
	s.Posts++
	if a.opt.Progress != nil && s.Posts%256 == 0 {
		a.opt.Progress(s.Posts)
	}
	if c.skipped {
		return nil
	}
	r := c.res
	pl := r.Post.Platform
	s.Audited++
	s.Images += c.images
	ps := s.platform(pl)
	ps.Posts++
	if c.known {
		s.Visibility++
		ps.Visibility++
		if c.public {
			s.Public++
			ps.Public++
		}
	}
	t := r.Created()
	if !t.IsZero() {
		if s.First.IsZero() || t.Before(s.First) {
			s.First = t
		}
		if s.Last.IsZero() || t.After(s.Last) {
			s.Last = t
		}
	}
	a.acct.add(c)
	kept := r.Findings[:0]
	for i := range r.Findings {
		f := &r.Findings[i]
		if a.show(s, pl, r.Post.ID, f) {
			kept = append(kept, *f)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	// keep exactly what is shown: results stay in memory until the end
	r.Findings = append([]model.Finding(nil), kept...)
	kept = r.Findings
	s.Flagged++
	ps.Flagged++
	for i := range kept {
		s.count(pl, &kept[i], t)
	}
	return out.Result(r)
}

// show records a finding for the next baseline and reports whether it is
// to be shown (at or above MinSeverity and not in the baseline).
func (a *auditor) show(s *Summary, platform, id string, f *model.Finding) bool {
	fp := Fingerprint(platform, id, f)
	if a.opt.Record != nil {
		a.opt.Record.Add(fp)
	}
	if a.opt.MinSeverity != "" && f.Severity.Rank() < a.opt.MinSeverity.Rank() {
		s.BelowSeverity++
		return false
	}
	if a.opt.Baseline != nil && a.opt.Baseline.Has(fp) {
		s.InBaseline++
		return false
	}
	return true
}
