// Package rules holds scrubs' declarative rule packs: YAML files, embedded
// in the binary and overridable by the user, each rule with its category,
// severity, guideline clause, message, fix and examples that must flag and
// must pass. This package parses and validates packs and compiles their
// word lists into one phrase trie (and each pattern's required strings,
// literals.go); the engine evaluates them.
package rules

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/scrubs-dev/scrubs/internal/frozen"
	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/text"
	"github.com/scrubs-dev/scrubs/model"
)

//go:embed packs/*.yaml policy.yaml packs.json
var embedded embed.FS

// SnapshotFile is what Parse makes of the embedded packs/*.yaml, stored as
// JSON: decoding it at start-up costs a fifth of decoding the YAML (5 ms
// instead of 25 ms and 9 MB of garbage), which was most of a single
// check's start-up. The YAML stays the source: `make packs` rewrites the
// snapshot, and a test fails while it is stale.
const SnapshotFile = "packs.json"

// readSnapshot decodes the embedded snapshot afresh (Compile changes the
// packs it is given, so they are never shared).
func readSnapshot() ([]Pack, error) {
	raw, err := embedded.ReadFile(SnapshotFile)
	if err != nil {
		return nil, err
	}
	var snap []snapPack
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("rules/%s: %w", SnapshotFile, err)
	}
	packs := make([]Pack, len(snap))
	for i := range snap {
		packs[i] = snap[i].Pack
		packs[i].trusted = true
		if snap[i].Lists == nil {
			continue
		}
		packs[i].Lists = make(map[string][]string, len(snap[i].Lists))
		for name, joined := range snap[i].Lists {
			if joined == "" {
				packs[i].Lists[name] = []string{}
				continue
			}
			packs[i].Lists[name] = strings.Split(joined, "\n")
		}
	}
	return packs, nil
}

// snapPack is a Pack as the snapshot stores it: each list's phrases in one
// string, joined by newlines. An array of thousands of JSON strings took
// the decoder a third of the start-up of a single check; one string a
// list takes a fraction of that.
type snapPack struct {
	Pack
	Lists map[string]string // (shadows Pack.Lists in JSON)
}

// makeSnapshot parses the YAML packs of fsys and returns the snapshot of them
// that SnapshotFile holds (one pack a line).
func makeSnapshot(fsys fs.FS) ([]byte, error) {
	packs, err := parsePacks(fsys)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, p := range packs {
		sp := snapPack{Pack: p}
		if p.Lists != nil {
			sp.Lists = make(map[string]string, len(p.Lists))
			for name, l := range p.Lists {
				for _, x := range l {
					if strings.Contains(x, "\n") {
						return nil, fmt.Errorf("pack %s: list %s: a phrase holds a line break", p.Name, name)
					}
				}
				sp.Lists[name] = strings.Join(l, "\n")
			}
		}
		raw, err := json.Marshal(sp)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(raw)
	}
	b.WriteString("\n]\n")
	return b.Bytes(), nil
}

// Clause is one guideline clause that rules cite.
type Clause struct {
	ID     string `yaml:"id" json:"id"`
	Source string `yaml:"source" json:"source"`
	Title  string `yaml:"title" json:"title"`
	Text   string `yaml:"text" json:"text"`
}

// Policy returns the catalogue of guideline clauses (rules/policy.yaml).
func Policy() ([]Clause, error) {
	raw, err := embedded.ReadFile("policy.yaml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Clauses []Clause `yaml:"clauses"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("policy.yaml: %w", err)
	}
	return doc.Clauses, nil
}

// Kind says how a rule is evaluated.
type Kind string

const (
	// Identifier rules turn Safe Harbor identifier candidates (names, dates,
	// places, numbers...) into findings when they concern a patient.
	Identifier Kind = "identifier"
	// Phrase rules match word lists on word boundaries (Aho-Corasick over the
	// normalised text), optionally only near other phrases.
	Phrase Kind = "phrase"
	// Pattern rules match a regular expression (RE2 syntax, linear time).
	Pattern Kind = "pattern"
	// Reid is the re-identification combination score (see docs/reid.md).
	Reid Kind = "reid"
	// Metadata rules fire on photo metadata (GPS, capture time, serials).
	Metadata Kind = "metadata"
	// ReviewReply fires when a reply to an online review confirms the
	// reviewer was a patient.
	ReviewReply Kind = "review-reply"
	// Model rules fire when a trained model (internal/storymodel) scores a
	// post at or above the threshold, where a phrase of the context lists
	// occurs and no other rule of the category fired (see docs/rules.md).
	Model Kind = "model"
)

// Models are the trained models a model rule may name.
var Models = []string{"patient-story"}

// Scope is the part of a post a rule reads.
type Scope string

const (
	ScopeText  Scope = "text"
	ScopeAlt   Scope = "alt"   // media alt text
	ScopeBio   Scope = "bio"   // author bio
	ScopeReply Scope = "reply" // the text being replied to
)

// When restricts a rule to some contexts. Empty lists mean any.
type When struct {
	Platform []string `yaml:"platform,omitempty" json:"platform,omitempty"`
	Account  []string `yaml:"account,omitempty" json:"account,omitempty"`
	Role     []string `yaml:"role,omitempty" json:"role,omitempty"`
	Audience []string `yaml:"audience,omitempty" json:"audience,omitempty"`
	Reply    *bool    `yaml:"reply,omitempty" json:"reply,omitempty"`
	DM       *bool    `yaml:"dm,omitempty" json:"dm,omitempty"`
}

// Near makes a phrase or pattern rule fire only when one of Phrases occurs
// within Within tokens (default 8) of the match.
type Near struct {
	Phrases []string `yaml:"phrases" json:"phrases"`
	Within  int      `yaml:"within,omitempty" json:"within,omitempty"`
}

// Condition is a phrase test on one part of the post: it holds when any
// phrase (or "@list") occurs in Scope (text, alt, bio or reply).
type Condition struct {
	Scope Scope    `yaml:"scope" json:"scope"`
	Any   []string `yaml:"any" json:"any"`
	keys  map[string]bool
	named []int32 // list indexes of Any's @names
}

// Has reports whether a normalised phrase is one of the condition's own
// phrases (not its @lists).
func (c *Condition) Has(norm string) bool { return c.keys[norm] }

// Example is a post that must (flag) or must not (pass) trigger the rule.
// In YAML it is either a plain string (the text) or a post object.
type Example struct {
	model.Post `yaml:",inline"`
}

// UnmarshalYAML accepts a string or a mapping.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Text = n.Value
		return nil
	}
	var p struct {
		Text     string   `yaml:"text"`
		Platform string   `yaml:"platform"`
		Role     string   `yaml:"role"`
		Bio      string   `yaml:"bio"`
		Account  string   `yaml:"account"`
		Audience string   `yaml:"audience"`
		Reply    string   `yaml:"reply_to"`
		DM       bool     `yaml:"dm"`
		Alt      []string `yaml:"alt"`
		Images   []string `yaml:"images"`
		Created  string   `yaml:"created_at"`
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	e.Text, e.Platform, e.Account, e.Audience, e.DM, e.CreatedAt = p.Text, p.Platform, p.Account, p.Audience, p.DM, p.Created
	e.Author = model.Author{Role: p.Role, Bio: p.Bio}
	if p.Reply != "" {
		e.ReplyTo = &model.ReplyTo{Text: p.Reply}
	}
	for _, a := range p.Alt {
		e.Media = append(e.Media, model.Media{Alt: a})
	}
	for _, im := range p.Images {
		e.Media = append(e.Media, model.Media{Path: im}) // relative to the module root
	}
	return nil
}

// Examples lists posts that must and must not trigger a rule.
type Examples struct {
	Flag []Example `yaml:"flag" json:"flag"`
	Pass []Example `yaml:"pass" json:"pass"`
}

// Rule is one declarative rule.
type Rule struct {
	ID       string         `yaml:"id" json:"id"`
	Kind     Kind           `yaml:"kind" json:"kind"`
	Category string         `yaml:"category" json:"category"`
	Severity model.Severity `yaml:"severity" json:"severity"`
	// SeverityByAccount overrides Severity for an account kind.
	SeverityByAccount map[string]model.Severity `yaml:"severity_by_account,omitempty" json:"severity_by_account,omitempty"`
	Clause            string                    `yaml:"clause" json:"clause"`
	Message           string                    `yaml:"message" json:"message"`
	Fix               string                    `yaml:"fix" json:"fix"`
	Why               string                    `yaml:"why,omitempty" json:"why,omitempty"`
	Scope             []Scope                   `yaml:"scope,omitempty" json:"scope,omitempty"`
	When              When                      `yaml:"when,omitempty" json:"when,omitempty"`

	// Identifier rules.
	Types    []string `yaml:"types,omitempty" json:"types,omitempty"`
	Subs     []string `yaml:"subs,omitempty" json:"subs,omitempty"`
	MinScore float64  `yaml:"min_score,omitempty" json:"min_score,omitempty"`

	// Phrase and pattern rules.
	Phrases []string `yaml:"phrases,omitempty" json:"phrases,omitempty"`
	Pattern string   `yaml:"pattern,omitempty" json:"pattern,omitempty"`
	// Keywords prefilter a pattern rule: its regular expression runs only
	// on fields where one of these words occurs (found by the shared
	// automaton pass), so most posts never pay for the regexp.
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	// Chars, when set, is a second prefilter: the text must contain one of
	// these characters (masked words like "f***" need a masking character).
	Chars string `yaml:"chars,omitempty" json:"chars,omitempty"`
	Near  *Near  `yaml:"near,omitempty" json:"near,omitempty"`
	// Unless lists phrases that, within the same sentence, cancel a match
	// (negation, condemnation, quotation cues).
	Unless []string `yaml:"unless,omitempty" json:"unless,omitempty"`

	// SeverityByRole overrides Severity (and SeverityByAccount) for an author role.
	SeverityByRole map[string]model.Severity `yaml:"severity_by_role,omitempty" json:"severity_by_role,omitempty"`
	// Require and Forbid condition the rule on other parts of the post: every
	// Require entry must hit, no Forbid entry may ("the bio names an
	// employer", "the bio has no 'views my own'").
	Require []Condition `yaml:"require,omitempty" json:"require,omitempty"`
	Forbid  []Condition `yaml:"forbid,omitempty" json:"forbid,omitempty"`
	// Quoted: "skip" ignores matches inside quotation marks (reported speech).
	Quoted string `yaml:"quoted,omitempty" json:"quoted,omitempty"`

	// Identifier rules: the candidate must lie within Within tokens (0: in
	// the same post) of a phrase of one of the Context lists, and not within
	// 4 tokens of a phrase of the UnlessNear lists.
	Context []string `yaml:"context,omitempty" json:"context,omitempty"`
	// OnlyWith makes a rule fire only on posts that already have a warn or
	// block finding of this category from another rule (evaluated last).
	OnlyWith string `yaml:"only_with,omitempty" json:"only_with,omitempty"`
	// ReplyContext requires the replied-to text to hit one of these lists.
	ReplyContext []string `yaml:"reply_context,omitempty" json:"reply_context,omitempty"`
	Within       int      `yaml:"within,omitempty" json:"within,omitempty"`
	UnlessNear   []string `yaml:"unless_near,omitempty" json:"unless_near,omitempty"`
	// KeepNear lists phrases that, within 4 tokens of a candidate in its
	// sentence, keep it although an UnlessNear phrase is near: "shoutout
	// to Mr. D in bed 14" is a patient, whatever the greeting.
	KeepNear []string `yaml:"keep_near,omitempty" json:"keep_near,omitempty"`
	// UnlessTitled lists titles (lower case, no period) that make a name
	// someone other than the rule is about: a candidate whose first word is
	// one ("Dr. Kessler", "Senator Blake") is left out, unless a KeepNear
	// phrase is within 4 tokens of it.
	UnlessTitled []string `yaml:"unless_titled,omitempty" json:"unless_titled,omitempty"`

	// Reid rules: the score at or above which the rule fires, and the weight
	// of each kind of evidence (see docs/reid.md).
	Threshold float64            `yaml:"threshold,omitempty" json:"threshold,omitempty"`
	Weights   map[string]float64 `yaml:"weights,omitempty" json:"weights,omitempty"`
	// Model rules: which trained model scores the post (Models); the
	// threshold is the score at or above which the rule fires.
	Model string `yaml:"model,omitempty" json:"model,omitempty"`

	Disabled bool     `yaml:"disabled,omitempty" json:"disabled,omitempty"`
	Examples Examples `yaml:"examples" json:"examples"`

	Pack string `yaml:"-" json:"pack"`
	// Index is the rule's position in Set.Rules.
	Index int `yaml:"-" json:"-"`
	// pat is the compiled pattern of a pattern rule (see pattern).
	pat *pattern
	// linkKeyword: Keywords holds KeywordURL.
	linkKeyword bool
	// named[k] are the list indexes of the @names in list k
	named [numListKinds][]int32
}

// Lowered reports whether Regexp must run on ASCII-lower-cased text.
func (r *Rule) Lowered() bool { return r.pat.get().lowered }

// KeywordURL in a pattern rule's keywords makes every link (URL, e-mail or
// bare domain) a keyword hit: links are single tokens, not words.
const KeywordURL = "@url"

// Regexp returns the compiled pattern of a pattern rule (nil for other
// kinds).
func (r *Rule) Regexp() *regexp.Regexp { return r.pat.get().re }

// LinkKeyword reports whether every link is a keyword hit of the rule.
func (r *Rule) LinkKeyword() bool { return r.linkKeyword }

// Literals returns the strings one of which every match of the pattern
// contains (in ASCII-lower-cased text), or nil when there are none.
func (r *Rule) Literals() *Literals { return r.pat.get().lits }

// Starts returns the rule's anchored matcher, or nil when its matches can
// begin anywhere. Use it only where Literals apply (Literals.Unsafe is false).
func (r *Rule) Starts() *Starts { return r.pat.get().starts }

// pattern is a pattern rule's expression, compiled with its literal
// analysis on first use for the embedded packs (start-up matters for a
// single check, most posts reach few pattern rules, and the tests compile
// every embedded pattern) and when loaded for other packs, so that their
// errors are reported then. Copies of a rule share it.
type pattern struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
	// lowered: re was compiled without a leading (?i) and must run on the
	// text with ASCII letters lower-cased (same offsets, much faster).
	lowered bool
	err     error
	// lits is what every match of re contains (nil: nothing known).
	lits *Literals
	// starts finds matches from the strings they begin with (nil: unknown).
	starts *Starts
}

var noPattern = &pattern{}

func (p *pattern) get() *pattern {
	if p == nil {
		return noPattern
	}
	p.once.Do(p.compile)
	return p
}

func (p *pattern) compile() {
	// "(?i)..." with no upper-case class: Go's case-insensitive matching
	// folds every rune; matching the lower-cased text is equivalent for
	// ASCII and several times faster (literal prefixes become usable).
	if rest, ok := strings.CutPrefix(p.src, "(?i)"); ok && !strings.ContainsAny(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !strings.Contains(rest, `\p{Lu}`) && !strings.Contains(rest, "(?-i") {
		if lre, err := regexp.Compile(rest); err == nil {
			p.re, p.lowered = lre, true
		}
	}
	if p.re == nil {
		if p.re, p.err = regexp.Compile(p.src); p.err != nil {
			return
		}
	}
	if l, ok := requiredLiterals(p.re.String()); ok {
		p.lits = &l
		p.starts = newStarts(p.re, l)
	}
}

// SeverityFor returns the rule's severity for an account kind.
func (r *Rule) SeverityFor(account string) model.Severity {
	if s, ok := r.SeverityByAccount[account]; ok {
		return s
	}
	return r.Severity
}

// SeverityOf returns the rule's severity for a post: by role first, then
// by account kind, else the default.
func (r *Rule) SeverityOf(p *model.Post) model.Severity {
	if s, ok := r.SeverityByRole[p.Author.Role]; ok {
		return s
	}
	return r.SeverityFor(p.Account)
}

// InScope reports whether the rule reads scope s (text only by default).
func (r *Rule) InScope(s Scope) bool {
	if len(r.Scope) == 0 {
		return s == ScopeText
	}
	for _, x := range r.Scope {
		if x == s {
			return true
		}
	}
	return false
}

// Applies reports whether the rule's When matches the post's context.
func (r *Rule) Applies(p *model.Post) bool {
	w := &r.When
	if !in(w.Platform, p.Platform) || !in(w.Account, p.Account) || !in(w.Role, p.Author.Role) || !in(w.Audience, p.Audience) {
		return false
	}
	if w.Reply != nil && *w.Reply != (p.ReplyTo != nil) {
		return false
	}
	if w.DM != nil && *w.DM != p.DM {
		return false
	}
	return true
}

func in(list []string, v string) bool {
	if len(list) == 0 {
		return true
	}
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Pack is one YAML file of rules.
type Pack struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Lists are named phrase lists that rules use as "@name" (in phrases,
	// near, unless, context and unless_near). Packs loaded later extend a
	// list of the same name.
	Lists map[string][]string `yaml:"lists"`
	Rules []Rule              `yaml:"rules"`
	// trusted: the embedded snapshot, whose patterns the tests compile
	trusted bool
}

// Set is the compiled collection of rules the engine runs.
type Set struct {
	Rules []*Rule
	byID  map[string]*Rule
	// phrases is one automaton over every phrase of every phrase rule, and
	// of every Near and Unless list.
	phrases *lexicon.Phrases
	// keyRefs[keyStart[k]:keyStart[k+1]] are the users of every phrase with
	// key k (lexicon.Phrases.FindKeys), in pattern order: two flat arrays,
	// as every word of every post reads them.
	keyRefs  []PhraseRef
	keyStart []int32
	// Lists are the named phrase lists of all packs.
	Lists   map[string][]string
	listIDs map[string]int32
	// derived are the list entries made of words and a list ("his
	// @health-terms"): matched from the hits of the list, not as phrases
	derived []Derived
}

// Derived is a list entry of words before another list, "his
// @health-terms": a hit of list Base whose tokens come right after the
// words Prefix is a hit of list Target, from the first of those words on.
// Thousands of "his chemo", "her chemo" phrases cost start-up time and
// memory; one list and a look at the words before its hits cost neither.
type Derived struct {
	Target, Base int32
	Prefix       []string // folded words, in order
}

// Derived returns the derived list entries (see Derived).
func (s *Set) Derived() []Derived { return s.derived }

// derivedEntry splits a list entry "w1 w2 @list" into its words and the
// list's name; ok is false for a plain phrase.
func derivedEntry(p string) (words []string, list string, ok bool) {
	if strings.IndexByte(p, '@') < 0 {
		return nil, "", false // (most entries: a quick look)
	}
	i := strings.LastIndex(p, " @")
	if i < 0 || strings.HasPrefix(p, "@") {
		return nil, "", false
	}
	return strings.Fields(strings.ToLower(p[:i])), p[i+2:], true
}

// PhraseRef says which rule (and which list of it) a phrase belongs to.
type PhraseRef struct {
	Rule   int32    // the rule's Index (unless List is ListNamed)
	ListID int32    // the named list's index (Set.ListID), for ListNamed
	List   ListKind // which list of the rule
}

// ListKind is which list of a rule a phrase came from.
type ListKind uint8

const (
	ListMain ListKind = iota
	ListNear
	ListUnless
	ListNamed
	ListKeyword
	ListCondition
	// Lists that take only @names: they have no phrases of their own.
	ListContext
	ListUnlessNear
	ListReplyContext
	ListKeepNear
	numListKinds
)

// NamedLists returns the indexes (Set.ListID) of the named lists that the
// rule's list of kind k refers to as "@name", resolved when the set was
// compiled. For ListCondition use Condition.NamedLists.
func (r *Rule) NamedLists(k ListKind) []int32 { return r.named[k] }

// NamedLists returns the indexes of the named lists in the condition.
func (c *Condition) NamedLists() []int32 { return c.named }

// ListID returns the index of a named list, or -1 when no pack defines it.
func (s *Set) ListID(name string) int32 {
	if id, ok := s.listIDs[name]; ok {
		return id
	}
	return -1
}

// NumLists is the number of named lists; their indexes are 0..NumLists()-1.
func (s *Set) NumLists() int { return len(s.listIDs) }

// resolveNamed records the list indexes of the rule's "@name" references.
func (s *Set) resolveNamed(r *Rule) {
	ids := func(list []string) []int32 {
		var out []int32
		for _, p := range list {
			if len(p) > 1 && p[0] == '@' {
				if id, ok := s.listIDs[p[1:]]; ok {
					out = append(out, id)
				}
			}
		}
		return out
	}
	r.named[ListMain] = ids(r.Phrases)
	r.named[ListUnless] = ids(r.Unless)
	r.named[ListKeyword] = ids(r.Keywords)
	r.named[ListContext] = ids(r.Context)
	r.named[ListUnlessNear] = ids(r.UnlessNear)
	r.named[ListKeepNear] = ids(r.KeepNear)
	r.named[ListReplyContext] = ids(r.ReplyContext)
	if r.Near != nil {
		r.named[ListNear] = ids(r.Near.Phrases)
	}
	for i := range r.Require {
		r.Require[i].named = ids(r.Require[i].Any)
	}
	for i := range r.Forbid {
		r.Forbid[i].named = ids(r.Forbid[i].Any)
	}
}

// Get returns a rule by ID.
func (s *Set) Get(id string) *Rule { return s.byID[id] }

// FindPhrases runs the shared phrase trie over d once, appending to buf
// one match per distinct phrase found (a phrase in many lists is one
// match); PhraseRefs tells which rules and lists each match belongs to.
func (s *Set) FindPhrases(d *text.Doc, buf []lexicon.Match) []lexicon.Match {
	return s.phrases.FindKeys(d, buf)
}

// FindPhrasesWith is FindPhrases working in sc (see lexicon.Scratch).
func (s *Set) FindPhrasesWith(d *text.Doc, buf []lexicon.Match, sc *lexicon.Scratch) []lexicon.Match {
	return s.phrases.FindKeysWith(d, buf, sc)
}

// NumPhraseKeys bounds the phrase keys of FindPhrases' matches: 0 <=
// m.Pattern < NumPhraseKeys().
func (s *Set) NumPhraseKeys() int { return max(len(s.keyStart)-1, 0) }

// PhraseRefs returns the rules and lists that use the phrase of m (a match
// of FindPhrases), in the order of the lists that hold it.
func (s *Set) PhraseRefs(m lexicon.Match) []PhraseRef {
	return s.keyRefs[s.keyStart[m.Pattern]:s.keyStart[m.Pattern+1]]
}

// Default loads the embedded packs.
func Default() (*Set, error) { return Load(embedded, nil) }

// PacksFS is the embedded file system holding packs/*.yaml.
func PacksFS() fs.FS { return embedded }

// Override changes a rule from user configuration.
type Override struct {
	Disabled bool
	Severity model.Severity
}

// Load reads every packs/*.yaml of fsys, then the extra packs (user files,
// whose rules replace embedded rules with the same ID), applies overrides
// and compiles the set.
func Load(fsys fs.FS, extra map[string][]byte) (*Set, error) {
	var packs []Pack
	if fsys == fs.FS(embedded) {
		var err error
		if packs, err = readSnapshot(); err != nil {
			return nil, err
		}
	} else {
		var err error
		if packs, err = parsePacks(fsys); err != nil {
			return nil, err
		}
	}
	extraNames := make([]string, 0, len(extra))
	for n := range extra {
		extraNames = append(extraNames, n)
	}
	sort.Strings(extraNames)
	raws := make([][]byte, len(extraNames))
	for i, n := range extraNames {
		raws[i] = extra[n]
	}
	more, err := parseYAML(extraNames, raws)
	if err != nil {
		return nil, err
	}
	return Compile(append(packs, more...))
}

// parsePacks decodes every packs/*.yaml of fsys, in name order.
func parsePacks(fsys fs.FS) ([]Pack, error) {
	names, err := fs.Glob(fsys, "packs/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	raws := make([][]byte, len(names))
	for i, n := range names {
		if raws[i], err = fs.ReadFile(fsys, n); err != nil {
			return nil, err
		}
	}
	return parseYAML(names, raws)
}

// parseYAML decodes packs in parallel (YAML decoding is slow), keeping
// their order.
func parseYAML(names []string, raws [][]byte) ([]Pack, error) {
	packs := make([]Pack, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			packs[i], errs[i] = Parse(names[i], raws[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return packs, nil
}

// Parse decodes one pack, rejecting unknown fields.
func Parse(name string, raw []byte) (Pack, error) {
	var p Pack
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return p, fmt.Errorf("rule pack %s: %w", name, err)
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(name[strings.LastIndex(name, "/")+1:], ".yaml")
	}
	for i := range p.Rules {
		p.Rules[i].Pack = p.Name
	}
	return p, nil
}

// Compile validates rules (later packs replace rules with the same ID) and
// builds the shared phrase automaton.
func Compile(packs []Pack) (*Set, error) {
	s := &Set{byID: map[string]*Rule{}, Lists: map[string][]string{}}
	clauses := map[string]bool{}
	if cs, err := Policy(); err == nil {
		for _, c := range cs {
			clauses[c.ID] = true
		}
	}
	for pi := range packs {
		for name, l := range packs[pi].Lists {
			s.Lists[name] = append(s.Lists[name], l...)
		}
	}
	for pi := range packs {
		for ri := range packs[pi].Rules {
			r := packs[pi].Rules[ri]
			if err := validate(&r, packs[pi].trusted); err != nil {
				return nil, fmt.Errorf("rule pack %s: %w", packs[pi].Name, err)
			}
			if !clauses[r.Clause] {
				return nil, fmt.Errorf("rule pack %s: rule %s: clause %q is not in the policy catalogue (scrubs policy)", packs[pi].Name, r.ID, r.Clause)
			}
			if old, ok := s.byID[r.ID]; ok {
				*old = r
				continue
			}
			rp := new(Rule)
			*rp = r
			s.byID[r.ID] = rp
			s.Rules = append(s.Rules, rp)
		}
	}
	for i, r := range s.Rules {
		r.Index = i
		freezeHead(r)
	}
	// the phrases of all lists and rules (the add below), counted first so
	// that all is sized once: start-up appends tens of thousands
	n := 0
	for _, l := range s.Lists {
		n += len(l)
	}
	for _, r := range s.Rules {
		n += len(r.Phrases) + len(r.Keywords) + len(r.Unless)
		for _, cs := range [2][]Condition{r.Require, r.Forbid} {
			for _, c := range cs {
				n += len(c.Any)
			}
		}
		if r.Near != nil {
			n += len(r.Near.Phrases)
		}
	}
	all := make([]string, 0, n)
	refs := make([]PhraseRef, 0, n) // by index into all: one user per phrase
	listNames := make([]string, 0, len(s.Lists))
	for n := range s.Lists {
		listNames = append(listNames, n)
	}
	sort.Strings(listNames)
	s.listIDs = make(map[string]int32, len(listNames))
	for i, n := range listNames {
		s.listIDs[n] = int32(i)
	}
	for i, n := range listNames {
		for _, p := range s.Lists[n] {
			if words, base, ok := derivedEntry(p); ok {
				id, known := s.listIDs[base]
				if !known || len(words) == 0 || base == n {
					return nil, fmt.Errorf("list %s: entry %q: no list named @%s before which words can stand", n, p, base)
				}
				s.derived = append(s.derived, Derived{Target: int32(i), Base: id, Prefix: words})
				continue
			}
			all = append(all, p)
			refs = append(refs, PhraseRef{List: ListNamed, ListID: int32(i)})
		}
	}
	for _, d := range s.derived {
		for _, e := range s.derived {
			if e.Target == d.Base {
				return nil, fmt.Errorf("list %s: its entries build on list %s, which has entries built on another list (one level only)", listNames[d.Target], listNames[d.Base])
			}
		}
	}
	for _, r := range s.Rules {
		if err := s.checkListRefs(r); err != nil {
			return nil, err
		}
		s.resolveNamed(r)
		if r.Disabled {
			continue
		}
		add := func(list []string, k ListKind) {
			for _, p := range list {
				if strings.HasPrefix(p, "@") {
					continue // matched through the named list (or the judge: @url)
				}
				all = append(all, p)
				refs = append(refs, PhraseRef{Rule: int32(r.Index), List: k})
			}
		}
		add(r.Phrases, ListMain)
		add(r.Keywords, ListKeyword)
		for _, c := range append(append([]Condition{}, r.Require...), r.Forbid...) {
			add(c.Any, ListCondition)
		}
		if r.Near != nil {
			add(r.Near.Phrases, ListNear)
		}
		add(r.Unless, ListUnless)
	}
	s.phrases = lexicon.NewPhrases(all)
	s.keyStart = make([]int32, s.phrases.NumKeys()+1)
	s.keyRefs = make([]PhraseRef, 0, len(refs))
	for k := range s.phrases.NumKeys() {
		for _, i := range s.phrases.Patterns(k) {
			s.keyRefs = append(s.keyRefs, refs[i])
		}
		s.keyStart[k+1] = int32(len(s.keyRefs))
	}
	return s, nil
}

func (s *Set) checkListRefs(r *Rule) error {
	lists := [][]string{r.Phrases, r.Unless, r.Context, r.UnlessNear, r.KeepNear, r.ReplyContext, r.Keywords}
	for _, c := range append(append([]Condition{}, r.Require...), r.Forbid...) {
		lists = append(lists, c.Any)
	}
	if r.Near != nil {
		lists = append(lists, r.Near.Phrases)
	}
	for _, l := range lists {
		for _, p := range l {
			if p == KeywordURL {
				continue
			}
			if strings.HasPrefix(p, "@") {
				if _, ok := s.Lists[p[1:]]; !ok {
					return fmt.Errorf("rule %s: no list named %s", r.ID, p)
				}
			}
		}
	}
	for _, c := range append(append(append(append([]string{}, r.Context...), r.UnlessNear...), r.KeepNear...), r.ReplyContext...) {
		if !strings.HasPrefix(c, "@") {
			return fmt.Errorf("rule %s: context, unless_near and keep_near take @list names, not %q", r.ID, c)
		}
	}
	return nil
}

// freezeHead moves the strings that r's findings repeat (its ID,
// category, severities, clause, message and fix) to frozen memory (equal
// strings, never written again): the JSONL writer then knows a finding's
// head from one it wrote before by where its strings lie, without
// comparing their bytes.
func freezeHead(r *Rule) {
	for _, p := range []*string{&r.ID, &r.Category, (*string)(&r.Severity), &r.Clause, &r.Message, &r.Fix} {
		*p = frozen.Freeze(*p)
	}
	// new maps: the pack's, which r shares, are left as they are
	for _, m := range []*map[string]model.Severity{&r.SeverityByAccount, &r.SeverityByRole} {
		if *m == nil {
			continue
		}
		fm := make(map[string]model.Severity, len(*m))
		for k, v := range *m {
			fm[k] = model.Severity(frozen.Freeze(string(v)))
		}
		*m = fm
	}
}

// Apply applies user overrides (disable, re-grade) by rule ID or category.
func (s *Set) Apply(ov map[string]Override) error {
	for key, o := range ov {
		matched := false
		for _, r := range s.Rules {
			if r.ID == key || r.Category == key {
				matched = true
				if o.Disabled {
					r.Disabled = true
				}
				if o.Severity != "" {
					r.Severity = model.Severity(frozen.Freeze(string(o.Severity)))
					r.SeverityByAccount = nil
				}
			}
		}
		if !matched {
			return fmt.Errorf("no rule or category %q", key)
		}
	}
	return nil
}

var categories = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range model.Categories {
		m[c] = true
	}
	return m
}()

// validate checks a rule and prepares it; trusted rules (the embedded
// snapshot, which the tests compile) compile their pattern on first use.
func validate(r *Rule, trusted bool) error {
	if r.ID == "" {
		return fmt.Errorf("a rule has no id")
	}
	bad := func(f string, a ...any) error { return fmt.Errorf("rule %s: %s", r.ID, fmt.Sprintf(f, a...)) }
	if !categories[r.Category] {
		return bad("unknown category %q", r.Category)
	}
	if _, ok := model.ParseSeverity(string(r.Severity)); !ok || r.Severity == "" {
		return bad("severity must be info, warn or block, not %q", r.Severity)
	}
	for acct, sev := range r.SeverityByAccount {
		if _, ok := model.ParseSeverity(string(sev)); !ok || sev == "" {
			return bad("severity_by_account[%s] must be info, warn or block", acct)
		}
	}
	for role, sev := range r.SeverityByRole {
		if _, ok := model.ParseSeverity(string(sev)); !ok || sev == "" {
			return bad("severity_by_role[%s] must be info, warn or block", role)
		}
	}
	for _, cs := range [][]Condition{r.Require, r.Forbid} {
		for i := range cs {
			cs[i].keys = map[string]bool{}
			for _, p := range cs[i].Any {
				if !strings.HasPrefix(p, "@") {
					cs[i].keys[lexicon.PhraseKey(p)] = true
				}
			}
		}
	}
	for _, c := range append(append([]Condition{}, r.Require...), r.Forbid...) {
		switch c.Scope {
		case ScopeText, ScopeAlt, ScopeBio, ScopeReply:
		default:
			return bad("require/forbid scope must be text, alt, bio or reply, not %q", c.Scope)
		}
		if len(c.Any) == 0 {
			return bad("require/forbid entries need phrases in any")
		}
	}
	if r.Quoted != "" && r.Quoted != "skip" {
		return bad(`quoted must be "skip" or absent`)
	}
	if r.Message == "" || r.Fix == "" || r.Clause == "" {
		return bad("message, fix and clause are required")
	}
	for _, sc := range r.Scope {
		switch sc {
		case ScopeText, ScopeAlt, ScopeBio, ScopeReply:
		default:
			return bad("unknown scope %q", sc)
		}
	}
	switch r.Kind {
	case Identifier:
		if len(r.Types) == 0 {
			return bad("identifier rules need types")
		}
	case Phrase:
		if len(r.Phrases) == 0 {
			return bad("phrase rules need phrases")
		}
	case Pattern:
		if len(r.Keywords) == 0 {
			return bad("pattern rules need keywords (a prefilter for the regular expression)")
		}
		r.pat = &pattern{src: r.Pattern}
		if !trusted {
			if err := r.pat.get().err; err != nil {
				return bad("pattern: %v", err)
			}
		}
		r.linkKeyword = slices.Contains(r.Keywords, KeywordURL)
	case Reid:
		if r.Threshold <= 0 || r.Threshold > 1 {
			return bad("reid rules need a threshold in (0,1]")
		}
	case Model:
		if !slices.Contains(Models, r.Model) {
			return bad("model rules need a model, one of %v", Models)
		}
		if r.Threshold <= 0 || r.Threshold > 1 {
			return bad("model rules need a threshold in (0,1]")
		}
		if len(r.Context) == 0 {
			return bad("model rules need context lists (where the model may run)")
		}
	case Metadata, ReviewReply:
	default:
		return bad("unknown kind %q", r.Kind)
	}
	if r.Near != nil && r.Near.Within <= 0 {
		r.Near.Within = 8
	}
	if !r.Disabled && len(r.Examples.Flag) == 0 {
		return bad("needs at least one example that must flag")
	}
	return nil
}
