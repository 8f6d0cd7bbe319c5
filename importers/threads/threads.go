// Package threads imports the Threads posts that Meta puts inside the
// Instagram download: your_instagram_activity/threads/threads_and_replies.json
// (older: threads/threads_and_replies.json), an object whose arrays
// (text_post_app_text_posts, and any other array of the same post objects)
// hold posts as Instagram does: media with uri, creation_timestamp and the
// text as title. An array whose key speaks of replies gives Kind "reply".
// An Instagram download without Threads simply has no such file.
package threads

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/importers/instagram"
	"github.com/scrubs-dev/scrubs/importers/meta"
)

func init() { importers.Register(Importer{}) }

// Importer reads the Threads part of an Instagram export.
type Importer struct{}

// Platform implements importers.Importer.
func (Importer) Platform() string { return "threads" }

var dirs = []string{"your_instagram_activity/threads", "threads"}

// files lists the Threads post files: threads_and_replies.json and its
// numbered parts.
func files(fsys fs.FS) []string {
	var out []string
	for _, d := range dirs {
		out = append(out, meta.Files(fsys, d, "threads_and_replies", ".json")...)
	}
	return out
}

// Detect implements importers.Importer.
func (Importer) Detect(fsys fs.FS) bool { return len(files(fsys)) > 0 }

// Import implements importers.Importer.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	fl := files(fsys)
	if len(fl) == 0 {
		return nil
	}
	// The Threads account is the Instagram account (same handle and name).
	acct := instagram.ReadAccount(fsys, importers.Sink{})
	if acct.Found && out.Profile != nil {
		p := acct.Profile
		p.Platform, p.Bio, p.Public = "threads", "", nil
		out.Profile(p)
	}
	want := func(p []string) bool { return len(p) <= 1 }
	for _, f := range fl {
		err := meta.ReadFile(ctx, fsys, f, out, want, func(p []string, i int, raw json.RawMessage) error {
			var post meta.Post
			if meta.Decode(raw, &post) != nil {
				return nil
			}
			kind := "post"
			if len(p) == 1 && strings.Contains(strings.ToLower(p[0]), "repl") {
				kind = "reply"
			}
			it, ok := post.Item("threads", kind, f, i)
			if !ok {
				return nil
			}
			return meta.Emit(out, it)
		})
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
