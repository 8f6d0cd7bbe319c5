package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/archive"
	"github.com/scrubs-dev/scrubs/audit"
	"github.com/scrubs-dev/scrubs/model"

	// the importers register themselves
	_ "github.com/scrubs-dev/scrubs/importers/all" // every platform
)

type auditFlags struct {
	format, output, since, until, minSev, baseline, writeBaseline, failOn string
	role, account                                                         string
	platforms                                                             []string
	includeDMs, noOCR                                                     bool
	workers                                                               int
}

func newAudit(g *globals) *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit PATH",
		Short: "Audit a whole social-media history from a platform's own export",
		Long: `Audit everything in the export a platform gives its users (the zip or the
unpacked folder): every post, reply and comment (and direct messages with
--include-dms), the photos in it (metadata, and the text in them when the
tesseract OCR engine is installed), and the account as a whole.

The platform is detected from the files (X/Twitter, Facebook, Instagram and
Threads, LinkedIn, Mastodon, Bluesky, Reddit, TikTok); --platform picks
importers by name. Nothing is written except the report (-o, else standard
output) and the baseline file named by --write-baseline.

A baseline (--write-baseline) records a fingerprint of every finding; a
later audit given --baseline shows only findings that are new.

Exit status: 0, or 1 when --fail-on is given and a shown finding reaches
it; 2 on a usage or input error.`,
		Example: `  scrubs audit twitter-2024-05-01.zip -o report.html --format html
  scrubs audit ~/Downloads/instagram-export --since 2023-01-01 --min-severity warn
  scrubs audit export.zip --write-baseline audit.baseline
  scrubs audit export.zip --baseline audit.baseline --format jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("audit takes one PATH (an export zip or folder)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runAudit(cmd, g, f, args[0]) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "", "report format: "+strings.Join(audit.Formats(), ", ")+" (default text, or html when -o ends in .html)")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE (default standard output)")
	fl.BoolVar(&f.includeDMs, "include-dms", false, "also audit direct messages")
	fl.StringVar(&f.since, "since", "", "only posts on or after DATE (YYYY-MM-DD or RFC 3339)")
	fl.StringVar(&f.until, "until", "", "only posts on or before DATE (YYYY-MM-DD, the whole day, or RFC 3339)")
	fl.StringVar(&f.minSev, "min-severity", "", "hide findings below info, warn or block")
	fl.StringVar(&f.baseline, "baseline", "", "hide findings recorded in this baseline file")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "write the fingerprints of this audit's findings to FILE")
	fl.StringSliceVar(&f.platforms, "platform", nil, "importers to use, comma-separated (default: detect)")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when a shown finding is at or above info, warn or block")
	fl.StringVar(&f.role, "role", "", "author role: physician, resident, student, nurse, pa, np, other")
	fl.StringVar(&f.account, "account", "", "account kind: personal, professional, organization (default: inferred from the profile)")
	fl.BoolVar(&f.noOCR, "no-ocr", false, "do not read text in photos even when tesseract is installed")
	fl.IntVar(&f.workers, "workers", 0, "posts checked at once (default: all cores)")
	return cmd
}

// parseDate reads YYYY-MM-DD (UTC midnight; with end, the next midnight)
// or RFC 3339.
func parseDate(flag, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if end {
			t = t.Add(time.Nanosecond)
		}
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usagef("--%s must be a date (YYYY-MM-DD or RFC 3339), not %q", flag, s)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

func runAudit(cmd *cobra.Command, g *globals, f *auditFlags, path string) error {
	conf, err := loadConfig(g.config)
	if err != nil {
		return err
	}
	format := f.format
	if format == "" {
		format = "text"
		if l := strings.ToLower(f.output); strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm") {
			format = "html"
		}
	}
	if !validFormat(format) {
		return usagef("--format must be one of %s, not %q", strings.Join(audit.Formats(), ", "), format)
	}
	opt := audit.Options{
		Platforms: f.platforms, IncludeDMs: f.includeDMs, Workers: f.workers, Source: path,
		Role: pick(f.role, conf.Role), Account: pick(f.account, conf.Account),
	}
	opt.OCR.Disable = f.noOCR
	if err := checkValue("role", opt.Role); err != nil {
		return err
	}
	if err := checkValue("account", opt.Account); err != nil {
		return err
	}
	if opt.Since, err = parseDate("since", f.since, false); err != nil {
		return err
	}
	if opt.Until, err = parseDate("until", f.until, true); err != nil {
		return err
	}
	if !opt.Since.IsZero() && !opt.Until.IsZero() && !opt.Since.Before(opt.Until) {
		return usagef("--since must be before --until")
	}
	sev, ok := model.ParseSeverity(f.minSev)
	if !ok {
		return usagef("--min-severity must be info, warn or block, not %q", f.minSev)
	}
	opt.MinSeverity = sev
	failOn, ok := model.ParseSeverity(f.failOn)
	if !ok {
		return usagef("--fail-on must be info, warn, block or none, not %q", f.failOn)
	}
	if f.baseline != "" {
		bf, err := os.Open(f.baseline)
		if err != nil {
			return usagef("--baseline: %v", err)
		}
		opt.Baseline, err = audit.ReadBaseline(bf)
		bf.Close()
		if err != nil {
			return usagef("--baseline %s: %v", f.baseline, err)
		}
	}
	if f.writeBaseline != "" {
		opt.Record = audit.NewBaseline()
	}

	fsys, closer, err := openExport(path)
	if err != nil {
		return usageError{err} // the archive error names the file
	}
	defer closer.Close()

	eo, err := conf.engineOptions()
	if err != nil {
		return err
	}
	eo.OpenMedia = audit.MediaOpener(fsys)
	// the report keeps every post with findings until it is written; a
	// soft limit makes the collector work harder before memory grows
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(400 << 20)
	}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		eng, err := scrubs.New(eo)
		debug.SetGCPercent(old)
		if err != nil {
			return fmt.Errorf("rules: %w", err)
		}
		return auditWith(cmd, g, f, fsys, eng, opt, format, failOn)
	}
	eng, err := scrubs.New(eo)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	return auditWith(cmd, g, f, fsys, eng, opt, format, failOn)
}

func validFormat(s string) bool {
	for _, f := range audit.Formats() {
		if f == s {
			return true
		}
	}
	return false
}

func auditWith(cmd *cobra.Command, g *globals, f *auditFlags, fsys fs.FS, eng *scrubs.Engine, opt audit.Options, format string, failOn model.Severity) error {
	var w io.Writer = g.stdout
	var file *os.File
	color := g.useColor()
	if f.output != "" && f.output != "-" {
		var err error
		file, err = os.OpenFile(f.output, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return usagef("-o: %v", err)
		}
		w = file
		color = false
	}
	fail := func(err error) error {
		if file != nil {
			file.Close()
			os.Remove(f.output)
		}
		return err
	}
	out, err := audit.NewOutput(format, w, audit.ReportOptions{Color: color && format == "text", ToolVersion: Version})
	if err != nil {
		return fail(usageError{err})
	}
	var prog *audit.Progress
	if ef, ok := g.stderr.(*os.File); ok && isatty.IsTerminal(ef.Fd()) {
		prog = audit.NewProgress(ef)
		opt.Progress = prog.Update
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	s, err := audit.Run(ctx, fsys, eng, opt, out)
	if prog != nil {
		prog.Done()
	}
	if err != nil {
		if errors.Is(err, audit.ErrNoImporter) {
			return fail(usagef("%s: %v", opt.Source, err))
		}
		return fail(err)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fail(err)
		}
	}
	if f.writeBaseline != "" {
		bf, err := os.OpenFile(f.writeBaseline, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return usagef("--write-baseline: %v", err)
		}
		if _, err := opt.Record.WriteTo(bf); err != nil {
			bf.Close()
			return err
		}
		if err := bf.Close(); err != nil {
			return err
		}
	}
	if n := len(s.Warnings) + s.WarningsDropped; n > 0 && format != "text" {
		fmt.Fprintf(g.stderr, "scrubs: %d warnings about files in the export (listed in the report)\n", n)
	}
	if f.output != "" && f.output != "-" {
		fmt.Fprintf(g.stderr, "scrubs: audited %s: %s on %s; report written to %s\n", plural(s.Audited, "post"), plural(s.Findings, "finding"), plural(s.Flagged, "post"), f.output)
	}
	if failOn != "" {
		for sv, n := range s.BySeverity {
			if n > 0 && model.Severity(sv).Rank() >= failOn.Rank() {
				return exitError{ExitFindings}
			}
		}
	}
	return nil
}

// openExport opens the export (a zip or a folder) with the archive
// package's limits: no path traversal, no links out, no zip bombs.
func openExport(path string) (fs.FS, io.Closer, error) {
	return archive.Open(path, archive.Limits{})
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
