// Package audit runs the scrubs engine over a whole platform export: every
// post, comment and (on request) direct message an importer streams out of
// it, the photos it holds (their metadata, what the export's own JSON says
// about them, and, when tesseract is installed, the text burned into them),
// and the account as a whole (what no single post shows).
//
// Posts stream through a fixed pool of workers over bounded channels, so
// memory does not grow with the size of the export; only posts that have
// findings are kept for the report, in a compact form. Results arrive in
// any order; every renderer sorts them by time, so the report is the same
// from run to run.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

// Options tune an audit. The zero value audits everything found.
type Options struct {
	// Platforms names the importers to use; empty means detect them.
	Platforms []string
	// IncludeDMs also audits direct messages.
	IncludeDMs bool
	// Since and Until keep posts created in [Since, Until); zero means
	// unbounded. Posts without a date are left out when either is set.
	Since, Until time.Time
	// MinSeverity hides findings below it ("" shows every finding).
	MinSeverity model.Severity
	// Baseline holds fingerprints of findings already reported by an
	// earlier audit; they are not shown again. Record, when set, receives
	// the fingerprint of every finding of the audited posts (whatever
	// MinSeverity and Baseline hide) to be written as the next baseline.
	Baseline, Record *Baseline
	// Role and Account are the author context given to every post (the
	// export does not say them): physician, student, ...; personal,
	// professional, organization.
	Role, Account string
	// Workers is the number of posts checked at once (default GOMAXPROCS).
	Workers int
	// OCR controls reading text burned into photos.
	OCR OCROptions
	// Progress, when set, is called from one goroutine now and then with
	// the number of posts read so far.
	Progress func(posts int)
	// Source names the export (its path) in reports.
	Source string
}

// Output receives an audit's results. Result is called once per post
// that has findings to show, from one goroutine, in no particular order;
// Close is called once at the end with the summary.
type Output interface {
	Result(r *Result) error
	Close(s *Summary) error
}

// Result is one audited post with the findings shown about it.
type Result struct {
	Post       model.Post
	Kind       string // post, reply, comment, note, story, dm, deleted
	URL        string
	Visibility string
	Source     string // file inside the export
	Findings   []model.Finding
	Warnings   []string
	ReidScore  float64
}

// Created is the post's time (zero when unknown).
func (r *Result) Created() time.Time { return r.Post.Created() }

// Worst is the highest severity among the findings.
func (r *Result) Worst() model.Severity {
	var w model.Severity
	for _, f := range r.Findings {
		if f.Severity.Rank() > w.Rank() {
			w = f.Severity
		}
	}
	return w
}

// AccountFinding is a finding about an account rather than one post.
type AccountFinding struct {
	Platform string `json:"platform"`
	model.Finding
}

// PlatformStats counts one platform's posts and findings.
type PlatformStats struct {
	Posts      int            `json:"posts"`
	Public     int            `json:"public"`
	Visibility int            `json:"visibility_known"`
	Flagged    int            `json:"flagged_posts"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"by_severity"`
	ByCategory map[string]int `json:"by_category"`
}

// Summary describes a finished audit.
type Summary struct {
	Source    string   `json:"source,omitempty"`
	Platforms []string `json:"platforms"`
	// Posts counts every item the importers read; Audited those inside
	// --since/--until (the ones checked).
	Posts   int `json:"posts"`
	Audited int `json:"audited"`
	// Flagged counts posts with findings shown; Findings the findings
	// shown (post and account findings).
	Flagged    int            `json:"flagged_posts"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"by_severity"`
	ByCategory map[string]int `json:"by_category"`
	// CategorySeverity counts findings by category, then severity.
	CategorySeverity map[string]map[string]int `json:"by_category_severity"`
	ByMonth          map[string]int            `json:"by_month"` // "2024-03" → findings
	Platform         map[string]*PlatformStats `json:"by_platform"`
	// Public and Visibility count posts known to be public and posts whose
	// visibility is known at all.
	Public     int `json:"public"`
	Visibility int `json:"visibility_known"`
	// Hidden findings: below MinSeverity, or already in the baseline.
	BelowSeverity int `json:"below_min_severity,omitempty"`
	InBaseline    int `json:"in_baseline,omitempty"`
	// Account lists findings about the accounts as a whole.
	Account  []AccountFinding    `json:"account"`
	Profiles []importers.Profile `json:"profiles,omitempty"`
	Warnings []importers.Warning `json:"warnings,omitempty"`
	// WarningsDropped counts warnings beyond the ones kept.
	WarningsDropped int `json:"warnings_dropped,omitempty"`
	// Images counts photos checked; OCR says what became of reading text
	// in them.
	Images    int       `json:"images"`
	OCR       string    `json:"ocr"`
	OCRImages int       `json:"ocr_images,omitempty"`
	Since     time.Time `json:"since,omitzero"`
	Until     time.Time `json:"until,omitzero"`
	MinSev    string    `json:"min_severity,omitempty"`
	Baseline  bool      `json:"baseline,omitempty"`
	// First and Last are the dates of the oldest and newest audited posts.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
}

const maxWarnings = 1000

// ErrNoImporter is returned when nothing in the export is recognised.
var ErrNoImporter = errors.New("no known platform export found (expected an X, Facebook, Instagram, LinkedIn, Mastodon, Bluesky, Reddit or TikTok download)")

// Run audits the export fsys with eng and sends the results to out. The
// engine should read photos from fsys (build it with
// scrubs.Options{OpenMedia: audit.MediaOpener(fsys)}). Run closes out.
func Run(ctx context.Context, fsys fs.FS, eng *scrubs.Engine, opt Options, out Output) (*Summary, error) {
	ims, err := pick(fsys, opt.Platforms)
	if err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	s := newSummary(opt)
	for _, im := range ims {
		s.Platforms = append(s.Platforms, im.Platform())
	}
	a := &auditor{fsys: fsys, eng: eng, opt: opt, ocr: newOCR(opt.OCR, workers), acct: newAccounts()}
	s.OCR = a.ocr.status()

	items := make(chan importers.Item, 2*workers)
	results := make(chan *checked, 2*workers)
	var mu sync.Mutex // guards s.Warnings and s.Profiles during import
	warn := func(w importers.Warning) {
		mu.Lock()
		defer mu.Unlock()
		if len(s.Warnings) < maxWarnings {
			s.Warnings = append(s.Warnings, w)
		} else {
			s.WarningsDropped++
		}
	}
	go func() {
		defer close(items)
		for _, im := range ims {
			sink := importers.Sink{
				Item: func(it importers.Item) error {
					if it.Post.Platform == "" {
						it.Post.Platform = im.Platform()
					}
					select {
					case items <- it:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				},
				Profile: func(p importers.Profile) {
					if p.Platform == "" {
						p.Platform = im.Platform()
					}
					mu.Lock()
					s.Profiles = append(s.Profiles, p)
					mu.Unlock()
				},
				Warn: warn,
			}
			err := safeImport(ctx, im, fsys, importers.Options{IncludeDMs: opt.IncludeDMs}, sink)
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				warn(importers.Warning{File: im.Platform(), Msg: "import stopped: " + err.Error()})
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				c := a.check(ctx, it)
				select {
				case results <- c:
				case <-ctx.Done():
					// drain so that the importer goroutine can finish
					for range items {
					}
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var outErr error
	for c := range results {
		if outErr != nil {
			continue
		}
		if err := a.collect(s, c, out); err != nil {
			outErr = err
			cancel()
		}
	}
	if outErr != nil {
		return nil, outErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	mu.Lock()
	// problems the file system itself met (entries of a zip it skipped)
	if wr, ok := fsys.(interface{ Warnings() []importers.Warning }); ok {
		for _, w := range wr.Warnings() {
			if len(s.Warnings) < maxWarnings {
				s.Warnings = append(s.Warnings, w)
			} else {
				s.WarningsDropped++
			}
		}
	}
	sortProfiles(s.Profiles)
	sort.SliceStable(s.Warnings, func(i, j int) bool {
		if s.Warnings[i].File != s.Warnings[j].File {
			return s.Warnings[i].File < s.Warnings[j].File
		}
		return s.Warnings[i].Msg < s.Warnings[j].Msg
	})
	mu.Unlock()
	for _, af := range a.accountFindings(ctx, s) {
		if !a.show(s, af.Platform, "", &af.Finding) {
			continue
		}
		s.Account = append(s.Account, af)
		s.count(af.Platform, &af.Finding, time.Time{})
	}
	s.OCRImages = a.ocr.done()
	if s.OCRImages > 0 || a.ocr.enabled() {
		s.OCR = a.ocr.status()
	}
	if err := out.Close(s); err != nil {
		return s, err
	}
	return s, nil
}

// safeImport runs an importer, turning a panic into an error: one broken
// importer must not take the audit down.
func safeImport(ctx context.Context, im importers.Importer, fsys fs.FS, o importers.Options, sink importers.Sink) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return im.Import(ctx, fsys, o, sink)
}

func pick(fsys fs.FS, names []string) ([]importers.Importer, error) {
	if len(names) == 0 {
		ims := importers.Detect(fsys)
		if len(ims) == 0 {
			return nil, ErrNoImporter
		}
		return ims, nil
	}
	var out []importers.Importer
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		im, ok := importers.Get(n)
		if !ok {
			var known []string
			for _, im := range importers.All() {
				known = append(known, im.Platform())
			}
			return nil, fmt.Errorf("unknown platform %q (known: %s)", n, strings.Join(known, ", "))
		}
		out = append(out, im)
	}
	if len(out) == 0 {
		return nil, ErrNoImporter
	}
	return out, nil
}

func newSummary(opt Options) *Summary {
	s := &Summary{
		Source:           opt.Source,
		BySeverity:       map[string]int{},
		ByCategory:       map[string]int{},
		ByMonth:          map[string]int{},
		CategorySeverity: map[string]map[string]int{},
		Platform:         map[string]*PlatformStats{},
		Since:            opt.Since,
		Until:            opt.Until,
		MinSev:           string(opt.MinSeverity),
		Baseline:         opt.Baseline != nil,
		Account:          []AccountFinding{},
	}
	return s
}

func (s *Summary) platform(p string) *PlatformStats {
	ps := s.Platform[p]
	if ps == nil {
		ps = &PlatformStats{BySeverity: map[string]int{}, ByCategory: map[string]int{}}
		s.Platform[p] = ps
	}
	return ps
}

// count adds one shown finding to the tallies.
func (s *Summary) count(platform string, f *model.Finding, at time.Time) {
	s.Findings++
	s.BySeverity[string(f.Severity)]++
	s.ByCategory[f.Category]++
	cs := s.CategorySeverity[f.Category]
	if cs == nil {
		cs = map[string]int{}
		s.CategorySeverity[f.Category] = cs
	}
	cs[string(f.Severity)]++
	ps := s.platform(platform)
	ps.Findings++
	ps.BySeverity[string(f.Severity)]++
	ps.ByCategory[f.Category]++
	if !at.IsZero() {
		s.ByMonth[at.UTC().Format("2006-01")]++
	}
}

func sortProfiles(ps []importers.Profile) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Platform != ps[j].Platform {
			return ps[i].Platform < ps[j].Platform
		}
		return ps[i].Handle < ps[j].Handle
	})
}

// isPublic reports whether an item is known to be public, and whether its
// visibility is known at all.
func isPublic(it *importers.Item) (public, known bool) {
	v := strings.ToLower(it.Visibility)
	if v == "" {
		v = strings.ToLower(it.Post.Audience)
	}
	switch v {
	case "":
		return false, false
	case "public", "everyone", "unlisted":
		return true, true
	}
	return false, true
}
