package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"gopkg.in/yaml.v3"

	"github.com/scrubs-dev/scrubs"
	"github.com/scrubs-dev/scrubs/model"
	"github.com/scrubs-dev/scrubs/rules"
)

// Config is .scrubs.yaml: defaults for the post context and the engine.
// It is read from the current directory, else the home directory, unless
// --config names a file.
type Config struct {
	Role     string `yaml:"role"`
	Bio      string `yaml:"bio"`
	Account  string `yaml:"account"`
	Platform string `yaml:"platform"`
	Audience string `yaml:"audience"`
	FailOn   string `yaml:"fail_on"`
	// Rules maps a rule ID or category to off, info, warn or block.
	Rules map[string]string `yaml:"rules"`
	// Packs are extra rule pack files (relative to the config file).
	Packs  []string `yaml:"packs"`
	Places []string `yaml:"places"`
	Names  []string `yaml:"names"`
	Allow  []string `yaml:"allow"`

	path string
}

func loadConfig(explicit string) (*Config, error) {
	var cands []string
	if explicit != "" {
		cands = []string{explicit}
	} else {
		cands = append(cands, ".scrubs.yaml", ".scrubs.yml")
		if h, err := os.UserHomeDir(); err == nil {
			cands = append(cands, filepath.Join(h, ".scrubs.yaml"), filepath.Join(h, ".scrubs.yml"))
		}
	}
	for _, p := range cands {
		raw, err := os.ReadFile(p)
		if err != nil {
			if explicit != "" {
				return nil, usagef("config: %v", err)
			}
			continue
		}
		c := &Config{path: p}
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		if err := dec.Decode(c); err != nil && err.Error() != "EOF" {
			return nil, usagef("config %s: %v", p, err)
		}
		return c, nil
	}
	return &Config{}, nil
}

func (c *Config) engineOptions() (scrubs.Options, error) {
	o := scrubs.Options{Places: c.Places, Names: c.Names, Allow: c.Allow}
	if len(c.Rules) > 0 {
		o.Overrides = map[string]rules.Override{}
		for id, v := range c.Rules {
			switch v {
			case "off", "false", "disabled":
				o.Overrides[id] = rules.Override{Disabled: true}
			default:
				sev, ok := model.ParseSeverity(v)
				if !ok || sev == "" {
					return o, usagef("config %s: rules.%s must be off, info, warn or block", c.path, id)
				}
				o.Overrides[id] = rules.Override{Severity: sev}
			}
		}
	}
	if len(c.Packs) > 0 {
		o.RulePacks = map[string][]byte{}
		for _, p := range c.Packs {
			if !filepath.IsAbs(p) && c.path != "" {
				p = filepath.Join(filepath.Dir(c.path), p)
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return o, usagef("config %s: rule pack: %v", c.path, err)
			}
			o.RulePacks[p] = raw
		}
	}
	return o, nil
}

// newEngine builds the engine; deidOnly defers the rules (scrubs.Options.LazyRules).
func newEngine(c *Config, deidOnly bool) (*scrubs.Engine, error) {
	o, err := c.engineOptions()
	if err != nil {
		return nil, err
	}
	o.LazyRules = deidOnly
	// Building the word tables allocates a lot that stays live; collecting
	// less often while they are built shortens start-up (a short post is
	// answered in a fraction of the time), then the usual pace resumes so
	// long streams keep a small heap.
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		defer debug.SetGCPercent(old)
	}
	e, err := scrubs.New(o)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return e, nil
}
