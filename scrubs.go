// Package scrubs checks clinicians' social-media posts against the AMA
// (Code of Medical Ethics 2.3.2) and AMSA social-media guidelines and
// de-identifies clinical stories under HIPAA Safe Harbor.
//
//	eng, err := scrubs.New(scrubs.Options{})
//	rep := eng.Check(ctx, scrubs.Post{Text: "Mrs. Lopez in bed 4 ..."})
//	out := eng.Deidentify(ctx, "Pt seen by Dr. Smith on 7/22", scrubs.DeidOptions{})
//
// An Engine is safe for concurrent use; build it once.
package scrubs

import (
	"context"
	"io"
	"io/fs"
	"path/filepath"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/detect/contact"
	"github.com/scrubs-dev/scrubs/internal/detect/custom"
	"github.com/scrubs-dev/scrubs/internal/detect/dates"
	"github.com/scrubs-dev/scrubs/internal/detect/ids"
	"github.com/scrubs-dev/scrubs/internal/detect/names"
	"github.com/scrubs-dev/scrubs/internal/detect/places"
	"github.com/scrubs-dev/scrubs/internal/judge"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
	"github.com/scrubs-dev/scrubs/internal/media"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// Re-exported model types, so that users of the library need one import.
type (
	Post         = model.Post
	Author       = model.Author
	ReplyTo      = model.ReplyTo
	Media        = model.Media
	Finding      = model.Finding
	Report       = model.Report
	Severity     = model.Severity
	Verdict      = model.Verdict
	Entity       = model.Entity
	Deidentified = model.Deidentified
	Suppression  = model.Suppression
)

// MaxPiece is the longest post text judged in one piece; longer texts are
// judged in pieces cut at paragraph, line or word breaks, so memory stays
// bounded.
const MaxPiece = judge.MaxPiece

// Options configure an Engine. The zero value uses the embedded rules.
type Options struct {
	// RulePacks are extra YAML rule packs (file name → content); a rule
	// with the ID of an embedded rule replaces it.
	RulePacks map[string][]byte
	// Overrides disable or re-grade rules by rule ID or category.
	Overrides map[string]rules.Override
	// Places are extra place names (one's own hospital, units, towns) to
	// treat as locations; Names extra person names; Allow terms that are
	// never identifiers.
	Places, Names, Allow []string
	// MediaDir resolves relative media paths (default: the working directory).
	MediaDir string
	// NoMedia stops the engine from opening photo files.
	NoMedia bool
	// OpenMedia, when set, opens a photo named by Post.Media[].Path (for
	// example a file inside a platform export rather than on disk); it
	// returns the bytes and their size. A returned io.Closer is closed
	// after reading. MediaDir is then not used.
	OpenMedia func(path string) (io.ReaderAt, int64, error)
	// LazyRules compiles the embedded rules on the first Check or Rules
	// call instead of in New, so that a process that only de-identifies
	// never pays for them. Ignored with RulePacks or Overrides, whose
	// errors New must report.
	LazyRules bool
}

// Engine checks posts and de-identifies text.
type Engine struct {
	dets []detect.Detector
	// judge is built by New, or by build on first use (LazyRules).
	judge     *judge.Judge
	build     func() *judge.Judge
	judgeOnce sync.Once
}

// New builds an engine: loads and compiles rules and word lists once.
func New(o Options) (*Engine, error) {
	dets := []detect.Detector{names.New(), dates.New(), places.New(), contact.New(), ids.New()}
	lazy := o.LazyRules && len(o.RulePacks) == 0 && len(o.Overrides) == 0
	var rs *rules.Set
	if lazy {
		loadAll(dets)
	} else {
		// detectors' data and the rule packs build concurrently
		loaded := make(chan struct{})
		go func() { loadAll(dets); close(loaded) }()
		var err error
		rs, err = rules.Load(rulesFS(), o.RulePacks)
		<-loaded
		if err != nil {
			return nil, err
		}
		if len(o.Overrides) > 0 {
			if err := rs.Apply(o.Overrides); err != nil {
				return nil, err
			}
		}
	}
	if len(o.Places)+len(o.Names) > 0 {
		dets = append(dets, custom.New(o.Names, o.Places))
	}
	if len(o.Allow) > 0 {
		dets = []detect.Detector{custom.Allow(o.Allow, dets...)}
	}
	var rm judge.MediaReader
	switch {
	case o.NoMedia:
	case o.OpenMedia != nil:
		rm = openedMedia(o.OpenMedia)
	default:
		dir := o.MediaDir
		rm = func(p string) (*media.Meta, error) {
			if dir != "" && !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			return media.Inspect(p)
		}
	}
	e := &Engine{dets: dets}
	if lazy {
		e.build = func() *judge.Judge {
			rs, err := rules.Load(rulesFS(), nil)
			if err != nil { // the embedded packs are tested to load
				panic("scrubs: embedded rules: " + err.Error())
			}
			return judge.New(rs, dets, rm)
		}
	} else {
		e.judge = judge.New(rs, dets, rm)
	}
	return e, nil
}

// judgeOf returns the judge, building it on first use under LazyRules.
func (e *Engine) judgeOf() *judge.Judge {
	if e.build != nil {
		e.judgeOnce.Do(func() { e.judge = e.build() })
	}
	return e.judge
}

// openedMedia reads photo metadata through a caller-supplied opener.
func openedMedia(open func(string) (io.ReaderAt, int64, error)) judge.MediaReader {
	return func(p string) (*media.Meta, error) {
		r, n, err := open(p)
		if err != nil {
			return nil, &media.Error{Path: p, Err: err}
		}
		if c, ok := r.(io.Closer); ok {
			defer c.Close()
		}
		m, err := media.Read(r, n)
		if err != nil {
			return m, &media.Error{Path: p, Err: err}
		}
		return m, nil
	}
}

// loadAll builds every detector's data concurrently (with the vocabulary
// they share), so start-up costs the slowest load, not the sum.
func loadAll(dets []detect.Detector) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); vocab.Load() }()
	for _, d := range dets {
		if l, ok := d.(detect.Loader); ok {
			wg.Add(1)
			go func() { defer wg.Done(); l.Load() }()
		}
	}
	wg.Wait()
}

var (
	defaultOnce sync.Once
	defaultEng  *Engine
	defaultErr  error
)

// Default returns a shared engine with the embedded rules.
func Default() (*Engine, error) {
	defaultOnce.Do(func() { defaultEng, defaultErr = New(Options{}) })
	return defaultEng, defaultErr
}

// Rules returns the compiled rule set, to read. The engine reads which
// rules are on, their contexts and kinds once, when it is made: to change
// them (switch a rule off, re-grade it), pass Options.Overrides or
// Options.RulePacks to New rather than editing this set.
func (e *Engine) Rules() *rules.Set { return e.judgeOf().Rules() }

// Check judges one post. It never fails: problems reading photos become
// report warnings.
func (e *Engine) Check(ctx context.Context, p Post) Report {
	// The judge keeps the post's address while it works (in a pooled
	// state), so &p would move every post to the heap: it gets a recycled
	// copy instead, which nothing holds once the report is made.
	pp := checkPosts.Get().(*Post)
	*pp = p
	rep := e.judgeOf().Check(ctx, pp)
	*pp = Post{} // keeps none of the caller's strings alive
	checkPosts.Put(pp)
	return rep
}

// checkPosts recycles Check's copies of the posts it judges.
var checkPosts = sync.Pool{New: func() any { return new(Post) }}

func rulesFS() fs.FS { return rules.PacksFS() }
