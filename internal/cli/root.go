// Package cli is the scrubs command line: flags and wiring over the
// scrubs engine and the report renderers, nothing more.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

// Version is set at build time (-ldflags "-X .../internal/cli.Version=v1.2.3").
var Version = "dev"

// Exit codes.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// exitError carries an exit status without a message (already reported).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs the command line and returns the process exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root, g := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	stopProfile(g.profile)
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, "scrubs:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	// cobra's own flag and argument errors are usage errors too
	return ExitUsage
}

type globals struct {
	profile *os.File // --cpuprofile, while it runs
	config  string
	color   string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

func (g *globals) useColor() bool {
	switch g.color {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	if f, ok := g.stdout.(*os.File); ok {
		return isatty.IsTerminal(f.Fd())
	}
	return false
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) (*cobra.Command, *globals) {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "scrubs",
		Short: "Keep clinicians' social media professional",
		Long: `scrubs checks a draft post before it is published, against the AMA Code of
Medical Ethics 2.3.2 and the AMSA social media guidelines, and
de-identifies clinical stories under HIPAA Safe Harbor. Everything runs
locally: no network calls, nothing retained.`,
		Example: `  scrubs check "Mrs. Lopez in bed 4 finally went home today"
  scrubs check --role student --account personal draft.txt
  scrubs check --format jsonl posts.jsonl > findings.jsonl
  scrubs deid --surrogate case.txt
  scrubs rules`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.config, "config", "", "config file (default .scrubs.yaml here or in your home directory)")
	root.PersistentFlags().StringVar(&g.color, "color", "auto", "colour output: auto, always or never")
	// --cpuprofile FILE writes a CPU profile of the command (for a
	// performance report; go tool pprof reads it). Hidden: not for daily use.
	var cpuprofile string
	root.PersistentFlags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if cpuprofile == "" {
			return nil
		}
		f, err := os.Create(cpuprofile)
		if err != nil {
			return usageError{err}
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return usageError{err}
		}
		g.profile = f // stopped by Main, whatever the command returns
		return nil
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newCheck(g), newDeid(g), newRules(g), newExplain(g), newPolicy(g), newVersion(g), newAudit(g))
	return root, g
}

// stopProfile ends a CPU profile started by --cpuprofile, if any.
func stopProfile(f *os.File) {
	if f != nil {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func newVersion(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(g.stdout, "scrubs", Version)
			return nil
		},
	}
}
