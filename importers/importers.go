// Package importers reads the export files that social platforms give their
// users (X, Facebook, Instagram and Threads, LinkedIn, Mastodon, Bluesky,
// Reddit, TikTok) and streams every post, comment and (on request) direct
// message as a model.Post with its context.
//
// An export is an fs.FS: an unpacked folder (os.DirFS) or a zip opened
// through the archive package, which enforces size limits and refuses path
// traversal and links. Importers never write anywhere.
package importers

import (
	"context"
	"io/fs"
	"sort"
	"sync"
	"time"

	"github.com/scrubs-dev/scrubs/model"
)

// Item is one thing the person posted, with what the export says about it.
type Item struct {
	Post model.Post // Text, Platform, CreatedAt, ReplyTo, DM, Media (paths inside the export), Audience
	// Kind: post, reply, comment, note, story, dm, deleted.
	Kind string
	// URL links to the original where the export allows building one.
	URL string
	// Visibility as the platform states it: public, followers, friends,
	// unlisted, private, direct ("" when the export does not say).
	Visibility string
	// Source is the file inside the export the item came from.
	Source string
	// MediaMeta holds photo metadata kept in the export's own JSON
	// (Facebook's exif_data: position, upload IP, time), per Post.Media item.
	MediaMeta []MediaMeta
}

// MediaMeta is photo metadata an export keeps outside the image file.
type MediaMeta struct {
	Lat, Lon *float64
	UploadIP string
	Taken    time.Time
}

// Profile is what the export says about the account itself.
type Profile struct {
	Platform    string
	Handle      string
	DisplayName string
	Bio         string
	Public      *bool // account-level visibility, when known
}

// Warning is a problem with one file; the rest of the export is still read.
type Warning struct {
	File string
	Msg  string
}

// Options for an import.
type Options struct {
	IncludeDMs bool
}

// Sink receives what an importer finds. Item returns an error to stop the
// import (for example when the context is cancelled or output fails).
type Sink struct {
	Item    func(Item) error
	Profile func(Profile)
	Warn    func(Warning)
}

// Importer reads one platform's export.
type Importer interface {
	// Platform is the post context platform id: x, facebook, instagram,
	// threads, linkedin, mastodon, bluesky, reddit, tiktok.
	Platform() string
	// Detect reports whether fsys looks like this platform's export (by its
	// files, cheaply: no full parse).
	Detect(fsys fs.FS) bool
	// Import streams the export. It must not panic on any input, must bound
	// its memory whatever the export's size, and reports problems with single
	// files through Sink.Warn.
	Import(ctx context.Context, fsys fs.FS, opt Options, out Sink) error
}

var (
	mu       sync.Mutex
	registry = map[string]Importer{}
)

// Register makes an importer available to Detect and Get (call from init).
func Register(im Importer) {
	mu.Lock()
	defer mu.Unlock()
	registry[im.Platform()] = im
}

// Get returns the importer for a platform id.
func Get(platform string) (Importer, bool) {
	mu.Lock()
	defer mu.Unlock()
	im, ok := registry[platform]
	return im, ok
}

// All returns the registered importers in platform order.
func All() []Importer {
	mu.Lock()
	defer mu.Unlock()
	out := make([]Importer, 0, len(registry))
	for _, im := range registry {
		out = append(out, im)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Platform() < out[b].Platform() })
	return out
}

// Detect returns the importers whose export fsys looks like (an Instagram
// download also holds Threads, for example).
func Detect(fsys fs.FS) []Importer {
	var out []Importer
	for _, im := range All() {
		if im.Detect(fsys) {
			out = append(out, im)
		}
	}
	return out
}
