// Command political regenerates the "pol-names" list of
// rules/packs/political.yaml from the unitedstates/congress-legislators
// data (CC0 1.0) kept in the shared lexicons. Run from the repo root:
//
//	go run ./tools/gendata/political -shared ../shared
//
// It rewrites the lines between "# BEGIN GENERATED pol-names" and
// "# END GENERATED pol-names" in the pack and leaves the rest alone. The
// product never reads ../shared.
//
// Entries are the forms people write about current federal politicians:
// the full name ("Elizabeth Warren", "Bernie Sanders" from the nickname),
// the official full name, and the surname with the title of the office
// held now ("Senator Warren", "Sen. Warren", "Rep. Ocasio-Cortez",
// "Congresswoman ...", "President ...", "Vice President ..."). A bare
// surname is never listed (Warren, Young, King are everyday words or names).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
)

type person struct {
	Name struct {
		First        string `yaml:"first"`
		Middle       string `yaml:"middle"`
		Last         string `yaml:"last"`
		Nickname     string `yaml:"nickname"`
		OfficialFull string `yaml:"official_full"`
	} `yaml:"name"`
	Bio struct {
		Gender string `yaml:"gender"`
	} `yaml:"bio"`
	Terms []struct {
		Type  string `yaml:"type"`
		Start string `yaml:"start"`
		End   string `yaml:"end"`
		Party string `yaml:"party"`
	} `yaml:"terms"`
}

const (
	begin = "# BEGIN GENERATED pol-names"
	end   = "# END GENERATED pol-names"
)

func main() {
	shared := flag.String("shared", "../shared", "path to the shared folder")
	pack := flag.String("pack", "rules/packs/political.yaml", "pack to rewrite")
	date := flag.String("date", time.Now().Format("2006-01-02"), "executives whose term covers this date are current")
	flag.Parse()
	dir := filepath.Join(*shared, "data", "lexicons", "political")
	names := map[string]bool{}
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" || lexicon.PhraseKey(s) == "" {
			return
		}
		names[s] = true
	}
	titles := map[string][]string{
		"sen":      {"Senator", "Sen."},
		"rep":      {"Rep.", "Representative", "Congressmember"},
		"prez":     {"President"},
		"viceprez": {"Vice President", "VP"},
	}
	forms := func(p person, office string) {
		n := p.Name
		add(n.First + " " + n.Last)
		if n.Nickname != "" {
			add(n.Nickname + " " + n.Last)
		}
		add(n.OfficialFull)
		for _, t := range titles[office] {
			add(t + " " + n.Last)
		}
		if office == "rep" {
			switch p.Bio.Gender {
			case "M":
				add("Congressman " + n.Last)
			case "F":
				add("Congresswoman " + n.Last)
			}
		}
	}
	var legs []person
	read(filepath.Join(dir, "legislators-current.yaml"), &legs)
	for _, p := range legs {
		if len(p.Terms) == 0 {
			continue
		}
		forms(p, p.Terms[len(p.Terms)-1].Type)
	}
	var execs []person
	read(filepath.Join(dir, "executive.yaml"), &execs)
	for _, p := range execs {
		for _, t := range p.Terms {
			if t.Start <= *date && *date < t.End {
				forms(p, t.Type)
			}
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	raw, err := os.ReadFile(*pack)
	if err != nil {
		log.Fatal(err)
	}
	a, b := bytes.Index(raw, []byte(begin)), bytes.Index(raw, []byte(end))
	if a < 0 || b < a {
		log.Fatalf("%s: no %q ... %q block", *pack, begin, end)
	}
	// the indentation of the begin marker is the list's
	ls := bytes.LastIndexByte(raw[:a], '\n') + 1
	indent := string(raw[ls:a])
	var buf bytes.Buffer
	buf.Write(raw[:a])
	fmt.Fprintf(&buf, "%s  # %d current US federal legislators and executives (unitedstates/congress-legislators, CC0 1.0)\n", begin, len(list))
	for _, n := range list {
		q, _ := yaml.Marshal(n)
		fmt.Fprintf(&buf, "%s- %s\n", indent, strings.TrimSpace(string(q)))
	}
	buf.WriteString(indent)
	buf.Write(raw[b:])
	if err := os.WriteFile(*pack, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d names", *pack, len(list))
}

func read(path string, v any) {
	raw, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}
