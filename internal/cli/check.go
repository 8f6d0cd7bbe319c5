package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/internal/markup"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/report"
)

type checkFlags struct {
	format, input, failOn                         string
	role, account, platform, audience, bio, reply string
	images, alts                                  []string
	dm                                            bool
	width                                         int
}

func newCheck(g *globals) *cobra.Command {
	f := &checkFlags{}
	cmd := &cobra.Command{
		Use:   "check [TEXT | FILE | -]",
		Short: "Check a draft post (or a JSONL file of posts) for professionalism problems",
		Long: `Check a post and print its findings (category, severity, the guideline
clause, why, and a concrete fix) and a verdict: ok, review or block.

The post is TEXT given as arguments, a FILE, or - for standard input. A
.jsonl file (or any input with --input jsonl) holds one post a line with its
context, as in spec/categories.md; the output then has one line per post.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on a
usage or input error.`,
		Example: `  scrubs check "the 19yo with his 3rd lightning strike rolled into Lakeshore ED last night"
  scrubs check --role student --bio "MS3 | future surgeon" draft.txt
  scrubs check --image photo.jpg --alt "selfie at the nurses' station" "12 down, 1 to go"
  echo '{"id":"1","text":"Mrs K in 22 again"}' | scrubs check --format jsonl -`,
		RunE: func(cmd *cobra.Command, args []string) error { return runCheck(cmd, g, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVar(&f.input, "input", "auto", "input format: auto (by file extension), text, markdown, html or jsonl")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when a finding is at or above this severity: info, warn, block or none (default warn)")
	fl.StringVar(&f.role, "role", "", "author role: physician, resident, student, nurse, pa, np, other")
	fl.StringVar(&f.account, "account", "", "account kind: personal, professional, organization")
	fl.StringVar(&f.platform, "platform", "", "platform: x, facebook, instagram, threads, linkedin, mastodon, bluesky, reddit, tiktok, blog, review-reply, other")
	fl.StringVar(&f.audience, "audience", "", "audience: public, followers, friends, private")
	fl.StringVar(&f.bio, "bio", "", "the author's profile bio")
	fl.StringVar(&f.reply, "reply-to", "", "text of the post being replied to")
	fl.BoolVar(&f.dm, "dm", false, "the post is a direct message")
	fl.StringArrayVar(&f.images, "image", nil, "attached photo file (repeatable); its metadata is read locally")
	fl.StringArrayVar(&f.alts, "alt", nil, "alt text of the attached photo (repeatable, in --image order)")
	fl.IntVar(&f.width, "width", 80, "wrap text output at this width (0: no wrap)")
	return cmd
}

var validContext = map[string][]string{
	"role":     {"physician", "resident", "student", "nurse", "pa", "np", "other"},
	"account":  {"personal", "professional", "organization"},
	"audience": {"public", "followers", "friends", "private"},
	"platform": {"x", "facebook", "instagram", "threads", "linkedin", "mastodon", "bluesky", "reddit", "tiktok", "blog", "review-reply", "other"},
}

func checkValue(name, v string) error {
	if v == "" {
		return nil
	}
	for _, ok := range validContext[name] {
		if v == ok {
			return nil
		}
	}
	return usagef("--%s must be one of %s, not %q", name, strings.Join(validContext[name], ", "), v)
}

func pick(flag, conf string) string {
	if flag != "" {
		return flag
	}
	return conf
}

func runCheck(cmd *cobra.Command, g *globals, f *checkFlags, args []string) error {
	conf, err := loadConfig(g.config)
	if err != nil {
		return err
	}
	base := model.Post{
		Platform: pick(f.platform, conf.Platform),
		Author:   model.Author{Role: pick(f.role, conf.Role), Bio: pick(f.bio, conf.Bio)},
		Account:  pick(f.account, conf.Account),
		Audience: pick(f.audience, conf.Audience),
		DM:       f.dm,
	}
	for name, v := range map[string]string{"role": base.Author.Role, "account": base.Account, "audience": base.Audience, "platform": base.Platform} {
		if err := checkValue(name, v); err != nil {
			return err
		}
	}
	if f.reply != "" {
		base.ReplyTo = &model.ReplyTo{Text: f.reply}
	}
	if len(f.alts) > len(f.images) && len(f.images) > 0 {
		return usagef("more --alt than --image")
	}
	n := len(f.images)
	if len(f.alts) > n {
		n = len(f.alts)
	}
	for i := 0; i < n; i++ {
		m := model.Media{}
		if i < len(f.images) {
			m.Path = f.images[i]
		}
		if i < len(f.alts) {
			m.Alt = f.alts[i]
		}
		base.Media = append(base.Media, m)
	}
	failOn := pick(f.failOn, conf.FailOn)
	if failOn == "" {
		failOn = "warn"
	}
	threshold, ok := model.ParseSeverity(failOn)
	if !ok {
		return usagef("--fail-on must be info, warn, block or none, not %q", failOn)
	}
	src, err := openSource(args, g.stdin, f.input, f.format)
	if err != nil {
		return err
	}
	defer src.close()
	eng, err := newEngine(conf, false)
	if err != nil {
		return err
	}
	stdout, stderr := g.stdout, g.stderr
	var bw *bufio.Writer
	if src.jsonl {
		bw, stderr = bufferedOutput(stdout, stderr)
		stdout = bw
	}
	out, err := report.New(f.format, stdout, report.Options{Color: g.useColor(), Source: src.name, ToolVersion: Version, Width: f.width, FileLocations: !src.jsonl && src.r != nil})
	if err != nil {
		return usageError{err}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	worst := 0
	inputErrors := 0
	note := func(r *model.Report, where string) {
		for i := range r.Findings {
			worst = max(worst, r.Findings[i].Severity.Rank())
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(stderr, "scrubs: warning: %s%s\n", where, w)
		}
	}
	if !src.jsonl {
		t, warns, err := src.readAllText()
		if err != nil {
			return err
		}
		for _, w := range warns {
			fmt.Fprintln(g.stderr, "scrubs: warning:", w)
		}
		p := base
		// Markdown and HTML are checked as the text a reader sees, at the
		// same offsets; inline scrubs:ignore comments become suppressions
		sup, problems := markup.Directives(t)
		for _, pr := range problems {
			fmt.Fprintf(g.stderr, "scrubs: warning: %s: %s\n", src.label(), pr)
		}
		p.Text = markup.Blank(src.kind, t)
		p.Suppress = sup
		rep := eng.Check(ctx, p)
		note(&rep, "")
		if err := out.Report(&p, &rep); err != nil {
			return err
		}
	} else {
		type result struct {
			n    int
			post model.Post
			rep  model.Report
		}
		err := eachLine(src.r, func(l line) result {
			if l.err != nil {
				return result{n: l.n, rep: model.Report{Error: fmt.Sprintf("%s line %d: %v", src.label(), l.n, l.err), Findings: []model.Finding{}, Verdict: model.OK}}
			}
			var p model.Post
			id, err := jsonPost(l.raw, &p)
			if err != nil {
				return result{n: l.n, post: model.Post{ID: id}, rep: model.Report{ID: id, Error: fmt.Sprintf("%s line %d: %v", src.label(), l.n, err), Findings: []model.Finding{}, Verdict: model.OK}}
			}
			mergeContext(&p, &base)
			return result{n: l.n, post: p, rep: eng.Check(ctx, p)}
		}, func(r *result) error { // a renderer keeps nothing of it
			if r.rep.Error != "" {
				inputErrors++
				fmt.Fprintln(stderr, "scrubs:", r.rep.Error)
			}
			where := "" // only needed for warnings, which few posts have
			if len(r.rep.Warnings) > 0 {
				where = fmt.Sprintf("%s line %d: ", src.label(), r.n)
				if r.post.ID != "" {
					where = fmt.Sprintf("%s line %d (id %s): ", src.label(), r.n, r.post.ID)
				}
			}
			note(&r.rep, where)
			return out.Report(&r.post, &r.rep)
		}, bw.Flush)
		if err != nil {
			return err
		}
	}
	if err := out.Close(); err != nil {
		return err
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	switch {
	case inputErrors > 0:
		return exitError{ExitUsage}
	case threshold != "" && worst >= threshold.Rank():
		return exitError{ExitFindings}
	}
	return nil
}

// mergeContext fills a JSONL post's missing context from flags and config.
func mergeContext(p, base *model.Post) {
	if p.Platform == "" {
		p.Platform = base.Platform
	}
	if p.Account == "" {
		p.Account = base.Account
	}
	if p.Audience == "" {
		p.Audience = base.Audience
	}
	if p.Author.Role == "" {
		p.Author.Role = base.Author.Role
	}
	if p.Author.Bio == "" {
		p.Author.Bio = base.Author.Bio
	}
}

var _ = scrubs.Redact
