package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

func newRules(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule by category, with its severity and guideline clause",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := g.engine()
			if err != nil {
				return err
			}
			byCat := map[string][]string{}
			for _, r := range eng.Rules().Rules {
				state := string(r.Severity)
				if r.Disabled {
					state = "off"
				}
				byCat[r.Category] = append(byCat[r.Category], fmt.Sprintf("  %-28s %-6s %-14s %s", r.ID, state, r.Clause, r.Message))
			}
			for _, c := range model.Categories {
				if len(byCat[c]) == 0 {
					continue
				}
				fmt.Fprintln(g.stdout, c)
				sort.Strings(byCat[c])
				fmt.Fprintln(g.stdout, strings.Join(byCat[c], "\n"))
			}
			return nil
		},
	}
}

func newExplain(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Show one rule with its clause, fix and examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := g.engine()
			if err != nil {
				return err
			}
			r := eng.Rules().Get(args[0])
			if r == nil {
				return usagef("no rule %q (see scrubs rules)", args[0])
			}
			w := g.stdout
			fmt.Fprintf(w, "%s  (%s, pack %s)\n", r.ID, r.Kind, r.Pack)
			fmt.Fprintf(w, "category: %s\nseverity: %s\n", r.Category, r.Severity)
			for acct, s := range r.SeverityByAccount {
				fmt.Fprintf(w, "  on %s accounts: %s\n", acct, s)
			}
			fmt.Fprintf(w, "clause:   %s\nmessage:  %s\nfix:      %s\n", r.Clause, r.Message, r.Fix)
			if r.Why != "" {
				fmt.Fprintf(w, "why:      %s\n", r.Why)
			}
			fmt.Fprintln(w, "flags:")
			for _, e := range r.Examples.Flag {
				fmt.Fprintf(w, "  + %s\n", e.Text)
			}
			if len(r.Examples.Pass) > 0 {
				fmt.Fprintln(w, "passes:")
				for _, e := range r.Examples.Pass {
					fmt.Fprintf(w, "  - %s\n", e.Text)
				}
			}
			return nil
		},
	}
}

func newPolicy(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "policy",
		Short: "Print the guideline clauses the rules implement (AMA 2.3.2, AMSA, FSMB, HIPAA)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := g.engine()
			if err != nil {
				return err
			}
			clauses, err := rules.Policy()
			if err != nil {
				return err
			}
			byClause := map[string][]string{}
			for _, r := range eng.Rules().Rules {
				byClause[r.Clause] = append(byClause[r.Clause], r.ID)
			}
			for _, c := range clauses {
				fmt.Fprintf(g.stdout, "%s  %s\n  %s\n  %s\n", c.ID, c.Title, c.Source, c.Text)
				if ids := byClause[c.ID]; len(ids) > 0 {
					sort.Strings(ids)
					fmt.Fprintf(g.stdout, "  rules: %s\n", strings.Join(ids, ", "))
				}
				fmt.Fprintln(g.stdout)
			}
			return nil
		},
	}
}

// engine loads the configuration and builds the engine it describes.
func (g *globals) engine() (*scrubs.Engine, error) {
	conf, err := loadConfig(g.config)
	if err != nil {
		return nil, err
	}
	return newEngine(conf, false)
}
