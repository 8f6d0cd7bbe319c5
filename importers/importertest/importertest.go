// Package importertest runs an importer in tests and collects what it
// emits.
package importertest

import (
	"context"
	"io/fs"
	"testing"

	"github.com/scrubs-dev/scrubs/importers"
)

// Result is everything an import emitted.
type Result struct {
	Items    []importers.Item
	Profiles []importers.Profile
	Warnings []importers.Warning
}

// Run imports fsys with im and fails the test on an import error.
func Run(t testing.TB, im importers.Importer, fsys fs.FS, opt importers.Options) Result {
	t.Helper()
	var r Result
	err := im.Import(context.Background(), fsys, opt, importers.Sink{
		Item:    func(it importers.Item) error { r.Items = append(r.Items, it); return nil },
		Profile: func(p importers.Profile) { r.Profiles = append(r.Profiles, p) },
		Warn:    func(w importers.Warning) { r.Warnings = append(r.Warnings, w) },
	})
	if err != nil {
		t.Fatalf("%s import: %v", im.Platform(), err)
	}
	return r
}

// Count returns how many items are of the given kind.
func Count(items []importers.Item, kind string) int {
	n := 0
	for _, it := range items {
		if it.Kind == kind {
			n++
		}
	}
	return n
}
