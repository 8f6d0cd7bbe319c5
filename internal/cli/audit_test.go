package cli

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

// cliFake serves three posts from any export holding cli-fake.txt.
type cliFake struct{}

func (cliFake) Platform() string { return "clifake" }
func (cliFake) Detect(fsys fs.FS) bool {
	_, err := fs.Stat(fsys, "cli-fake.txt")
	return err == nil
}
func (cliFake) Import(ctx context.Context, fsys fs.FS, o importers.Options, out importers.Sink) error {
	for _, p := range []model.Post{
		{ID: "1", Text: "My patient John Smith in room 12 was discharged", CreatedAt: "2020-05-01T10:00:00Z"},
		{ID: "2", Text: "lovely day", CreatedAt: "2021-05-01T10:00:00Z"},
		{ID: "3", Text: "throwback: my first patient Mary Okafor in bed 7, discharged home today", CreatedAt: "2022-05-01T10:00:00Z"},
	} {
		if err := out.Item(importers.Item{Post: p, Kind: "post", URL: "https://clifake.example/" + p.ID}); err != nil {
			return err
		}
	}
	return nil
}

func init() { importers.Register(cliFake{}) }

func listDir(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		out = append(out, strings.TrimPrefix(p, dir))
		return nil
	})
	sort.Strings(out)
	return out
}

func TestAudit(t *testing.T) {
	dir := t.TempDir()
	exp := filepath.Join(dir, "export")
	os.MkdirAll(exp, 0o755)
	os.WriteFile(filepath.Join(exp, "cli-fake.txt"), []byte("x"), 0o644)
	before := listDir(t, exp)

	html := filepath.Join(dir, "r.html")
	base := filepath.Join(dir, "b.txt")
	r := run(t, "", "audit", exp, "-o", html, "--write-baseline", base)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(html)
	if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "John Smith") {
		t.Fatalf("html report (format from the .html name): %v %.200s", err, b)
	}
	if got := listDir(t, exp); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("export changed: %v", got)
	}

	r = run(t, "", "audit", exp, "--format", "jsonl", "--since", "2021-01-01", "--until", "2022-05-01", "--min-severity", "block")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var o struct{ ID, Platform, URL string }
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		ids = append(ids, o.ID)
	}
	if strings.Join(ids, ",") != "3" {
		t.Errorf("since/until/min-severity kept %v, want post 3 (until takes the whole day)", ids)
	}

	r = run(t, "", "audit", exp, "--format", "jsonl", "--baseline", base, "--fail-on", "info")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "" {
		t.Errorf("re-audit against its baseline: exit %d, output %q", r.code, r.stdout)
	}
	r = run(t, "", "audit", exp, "--format", "csv", "--fail-on", "block", "--platform", "clifake")
	if r.code != ExitFindings || !strings.HasPrefix(r.stdout, "platform,post_id") {
		t.Errorf("fail-on block: exit %d, %q", r.code, r.stdout)
	}

	for _, args := range [][]string{
		{"audit"},
		{"audit", filepath.Join(dir, "none")},
		{"audit", exp, "--since", "yesterday"},
		{"audit", exp, "--format", "pdf"},
		{"audit", exp, "--min-severity", "high"},
		{"audit", exp, "--platform", "myspace"},
		{"audit", t.TempDir()},
	} {
		if r := run(t, "", args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); err == nil {
		t.Error("created the missing export")
	}
}
