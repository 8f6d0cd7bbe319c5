package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/report"
)

func newDeid(g *globals) *cobra.Command {
	var format, input, mode, seed string
	var surrogateFlag, maskFlag bool
	cmd := &cobra.Command{
		Use:   "deid [TEXT | FILE | -]",
		Short: "De-identify a clinical story under HIPAA Safe Harbor",
		Long: `Replace every Safe Harbor identifier of every person (patients, relatives,
clinicians) with its type ([NAME], [DATE], [LOCATION], ...), a mask, or
consistent surrogates (--surrogate: the same name becomes the same fake name
within the text, every date moves by one offset). Years, states and ages
under 90 are kept.

A .jsonl input (or --input jsonl) holds {"id","text"} a line; the output then
has {"id","text","entities"} a line.`,
		Example: `  scrubs deid "Pt Mrs. Lopez seen 7/22 at Lakeshore General, call 410-555-2671"
  scrubs deid --surrogate --seed "$SECRET" case.txt
  scrubs deid --format jsonl notes.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if surrogateFlag {
				mode = "surrogate"
			}
			if maskFlag {
				mode = "mask"
			}
			var m scrubs.DeidMode
			switch mode {
			case "", "redact":
				m = scrubs.Redact
			case "mask":
				m = scrubs.Mask
			case "surrogate":
				m = scrubs.Surrogate
			default:
				return usagef("--mode must be redact, mask or surrogate, not %q", mode)
			}
			conf, err := loadConfig(g.config)
			if err != nil {
				return err
			}
			src, err := openSource(args, g.stdin, input, format)
			if err != nil {
				return err
			}
			defer src.close()
			eng, err := newEngine(conf, true)
			if err != nil {
				return err
			}
			stdout, stderr := g.stdout, g.stderr
			var bw *bufio.Writer
			if src.jsonl {
				bw, stderr = bufferedOutput(stdout, stderr)
				stdout = bw
			}
			out, err := report.NewDeid(format, stdout, report.Options{Source: src.name, ToolVersion: Version})
			if err != nil {
				return usageError{err}
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			opts := scrubs.DeidOptions{Mode: m, Seed: seed}
			inputErrors := 0
			if !src.jsonl {
				t, warns, err := src.readAllText()
				if err != nil {
					return err
				}
				for _, w := range warns {
					fmt.Fprintln(g.stderr, "scrubs: warning:", w)
				}
				d := eng.Deidentify(ctx, "", t, opts)
				if format == "text" {
					d.Text = strings.TrimRight(d.Text, "\n")
				}
				if err := out.Write(&d); err != nil {
					return err
				}
			} else {
				err := eachLine(src.r, func(l line) model.Deidentified {
					if l.err != nil {
						return model.Deidentified{Error: fmt.Sprintf("%s line %d: %v", src.label(), l.n, l.err), Entities: []model.Entity{}}
					}
					var p model.Post
					id, err := jsonPost(l.raw, &p)
					if err != nil {
						return model.Deidentified{ID: id, Error: fmt.Sprintf("%s line %d: %v", src.label(), l.n, err), Entities: []model.Entity{}}
					}
					return eng.Deidentify(ctx, id, p.Text, opts)
				}, func(d *model.Deidentified) error { // a renderer keeps nothing of it
					if d.Error != "" {
						inputErrors++
						fmt.Fprintln(stderr, "scrubs:", d.Error)
					}
					return out.Write(d)
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
			if inputErrors > 0 {
				return exitError{ExitUsage}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.DeidFormats(), ", "))
	fl.StringVar(&input, "input", "auto", "input format: auto, text or jsonl")
	fl.StringVar(&mode, "mode", "redact", "replacement: redact, mask or surrogate")
	fl.BoolVar(&surrogateFlag, "surrogate", false, "same as --mode surrogate")
	fl.BoolVar(&maskFlag, "mask", false, "same as --mode mask")
	fl.StringVar(&seed, "seed", "", "secret seed for reproducible surrogates")
	return cmd
}
