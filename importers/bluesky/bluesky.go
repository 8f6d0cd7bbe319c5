// Package bluesky imports a Bluesky (AT Protocol) repository export: the
// CAR v1 file that Settings → "Export my data" (com.atproto.sync.getRepo)
// gives, holding the account's signed commit, its Merkle search tree (MST)
// and every record. It streams the app.bsky.feed.post records (text, time,
// reply references, image and video alt text) and the app.bsky.actor.profile
// record.
//
// The CAR is read with a small bounded reader of its own (car.go, cbor.go)
// rather than github.com/bluesky-social/indigo, whose repo loader keeps every
// block of the file in memory, refuses the older version 2 commits and adds
// some sixty modules to the build.
//
// Memory: blocks are streamed one at a time (at most 2 MiB each). The file
// is read up to three times: first to index the MST (only the keys of posts
// and the profile are kept, with the tree's links), then, only when some
// posts reply to the account's own posts, to collect those parents' text,
// and last to emit the records. What is kept grows with the number of
// records in the repository (tens of bytes each) and is capped.
package bluesky

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

const (
	platform = "bluesky"

	collPost    = "app.bsky.feed.post"
	collProfile = "app.bsky.actor.profile"

	// maxIndexBytes caps what the MST index may hold (roughly).
	maxIndexBytes = 256 << 20
	// maxParentText caps the text kept of the account's own posts that
	// other posts of the account answer.
	maxParentText = 16 << 20
	// maxText caps one post's text (Bluesky allows 300 graphemes).
	maxText = 64 << 10
	// maxMedia caps the images of one post (Bluesky allows 4).
	maxMedia = 16
	// maxKey caps an MST key (collection/rkey; atproto allows 1024 bytes
	// at most), which also keeps prefix decompression linear.
	maxKey = 2048
	// maxBlobFiles caps the blob files indexed by name.
	maxBlobFiles = 200000
)

// Importer reads Bluesky repository exports.
type Importer struct{}

func init() { importers.Register(Importer{}) }

// Platform is "bluesky".
func (Importer) Platform() string { return platform }

// Detect reports whether the export root (or its single folder) holds a
// .car file.
func (Importer) Detect(fsys fs.FS) bool { return len(carFiles(fsys)) > 0 }

// carFiles lists the .car files in the root, or in the root's only folder
// when the root holds nothing else (a zipped folder).
func carFiles(fsys fs.FS) []string {
	list := func(dir string) (cars []string, dirs []string, files int) {
		ents, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, nil, 0
		}
		for _, e := range ents {
			if e.IsDir() {
				dirs = append(dirs, e.Name())
				continue
			}
			files++
			if e.Type().IsRegular() && strings.HasSuffix(strings.ToLower(e.Name()), ".car") {
				cars = append(cars, path.Join(dir, e.Name()))
			}
		}
		return cars, dirs, files
	}
	cars, dirs, files := list(".")
	if len(cars) == 0 && files == 0 && len(dirs) == 1 {
		cars, _, _ = list(dirs[0])
	}
	return cars
}

// Import streams the posts and profile of every .car file in the export.
func (Importer) Import(ctx context.Context, fsys fs.FS, opt importers.Options, out importers.Sink) error {
	files := carFiles(fsys)
	if len(files) == 0 {
		warn(out, ".", "no .car repository file found")
		return nil
	}
	blobs := blobIndex(fsys)
	for _, name := range files {
		r := &carImport{ctx: ctx, fsys: fsys, name: name, out: out, blobs: blobs}
		if err := r.run(); err != nil {
			return err
		}
	}
	return nil
}

func warn(out importers.Sink, file, msg string) {
	if out.Warn != nil {
		out.Warn(importers.Warning{File: file, Msg: msg})
	}
}

// blobIndex maps the CID names of blob files kept beside the CAR (a folder
// of downloaded blobs, named by CID, with or without an extension) to their
// paths, so that images can point at a file inside the export.
func blobIndex(fsys fs.FS) map[string]string {
	idx := map[string]string{}
	seen := 0
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		seen++
		if seen > 4*maxBlobFiles || len(idx) >= maxBlobFiles {
			return fs.SkipAll
		}
		if d.IsDir() {
			if strings.Count(p, "/") >= 2 {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		base := d.Name()
		if i := strings.IndexByte(base, '.'); i > 0 {
			base = base[:i]
		}
		if strings.HasPrefix(base, "baf") && len(base) >= 50 {
			if _, dup := idx[base]; !dup {
				idx[base] = p
			}
		}
		return nil
	})
	return idx
}

// carImport is the import of one CAR file.
type carImport struct {
	ctx   context.Context
	fsys  fs.FS
	name  string
	out   importers.Sink
	blobs map[string]string

	did string
	// wanted maps a record CID to its MST keys (collection/rkey), for posts
	// and the profile; several keys naming one record are joined by NUL,
	// which valid keys never hold.
	wanted map[link]string
	// replyParents holds the CIDs (text form) of the posts that posts in
	// this file answer; parentText the text of those that are the
	// account's own.
	replyParents map[string]bool
	parentText   map[string]string

	// counters for the warnings given once per file
	corrupt, undecodable, huge, unverified, missingNodes int
	badRecords, longText                                 int
	truncated                                            bool
	indexFull                                            bool
}

func (r *carImport) warn(format string, args ...any) {
	warn(r.out, r.name, fmt.Sprintf(format, args...))
}

// scan streams the file's blocks to fn. In the first pass (check) it
// verifies every block and counts problems; fn sees only good blocks.
func (r *carImport) scan(check bool, fn func(c link, data []byte) error) ([]link, error) {
	f, err := r.fsys.Open(r.name)
	if err != nil {
		return nil, errSkipFile{err}
	}
	defer f.Close()
	cr, err := newCARReader(f)
	if err != nil {
		return nil, errSkipFile{err}
	}
	for {
		if cr.blocks%256 == 0 {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
		}
		c, data, err := cr.next()
		if err == io.EOF {
			return cr.roots, nil
		}
		if err != nil {
			var bad errBadBlock
			switch {
			case errors.As(err, &bad):
				if check {
					r.corrupt++
				}
				continue
			case errors.Is(err, errHugeBlock):
				if check {
					r.huge++
				}
				continue
			case errors.Is(err, errTruncCAR):
				if check {
					r.truncated = true
					r.warn("the CAR file is truncated after %d blocks; the rest is missing", cr.blocks)
				}
			default:
				if check {
					r.corrupt++
					r.warn("unreadable data after %d blocks (%v); the rest is skipped", cr.blocks, err)
				}
			}
			return cr.roots, nil
		}
		codec, _, _, err := cidInfo(c)
		if err != nil {
			if check {
				r.corrupt++
			}
			continue
		}
		known, err := verify(c, data)
		if err != nil {
			if check {
				r.corrupt++
			}
			continue
		}
		if !known && check {
			r.unverified++
		}
		if codec != codecDagCBOR {
			continue // raw blobs, if any
		}
		if err := fn(c, data); err != nil {
			return nil, err
		}
	}
}

// errSkipFile is a problem that makes the whole file unreadable.
type errSkipFile struct{ err error }

func (e errSkipFile) Error() string { return e.err.Error() }

type mstEntry struct {
	key  string // only for wanted collections
	val  link   // only for wanted collections
	tree link
}

type mstNode struct {
	left    link
	entries []mstEntry
}

type commitInfo struct {
	did  string
	data link // v2/v3 commits, and v1 roots
	root link // v1 commits point at a root
	meta link // v1 roots point at a meta block holding the DID
}

// wantedKey reports whether an MST key is a post or the profile, with a
// record key as atproto allows (1 to 512 of A-Z a-z 0-9 . - _ : ~).
func wantedKey(key string) bool {
	if key == collProfile+"/self" {
		return true
	}
	rkey, ok := strings.CutPrefix(key, collPost+"/")
	if !ok || len(rkey) == 0 || len(rkey) > 512 || rkey == "." || rkey == ".." {
		return false
	}
	for i := 0; i < len(rkey); i++ {
		c := rkey[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(".-_:~", c) >= 0) {
			return false
		}
	}
	return true
}

func (r *carImport) run() error {
	// Pass 1: index the MST and the commits.
	nodes := map[link]*mstNode{}
	commits := map[link]commitInfo{}
	r.replyParents = map[string]bool{}
	size := 0
	postBlocks := 0
	roots, err := r.scan(true, func(c link, data []byte) error {
		v, err := decodeCBOR(data)
		if err != nil {
			r.undecodable++
			return nil
		}
		m := mapOf(v)
		if m == nil {
			return nil
		}
		if t, ok := m["$type"]; ok {
			if t == collPost {
				postBlocks++
				if reply := mapOf(m["reply"]); reply != nil && len(r.replyParents) < 1_000_000 {
					if cid, ok := str(mapOf(reply["parent"]), "cid"); ok && len(cid) < 200 {
						r.replyParents[cid] = true
					}
				}
			}
			return nil
		}
		if n, ok := parseMSTNode(m); ok {
			if r.indexFull {
				return nil
			}
			if _, dup := nodes[c]; !dup {
				nodes[c] = n
				size += len(c) + 64
				for _, e := range n.entries {
					size += len(e.key) + len(e.val) + len(e.tree) + 48
				}
				if size > maxIndexBytes {
					r.indexFull = true
				}
			}
			return nil
		}
		if len(commits) < 100000 {
			var ci commitInfo
			ci.did, _ = str(m, "did")
			ci.data, _ = linkOf(m, "data")
			ci.root, _ = linkOf(m, "root")
			ci.meta, _ = linkOf(m, "meta")
			if ci.data != "" || ci.root != "" || ci.did != "" {
				commits[c] = ci
			}
		}
		return nil
	})
	if err != nil {
		var skip errSkipFile
		if errors.As(err, &skip) {
			r.warn("not a readable repository export: %v", skip.err)
			return nil
		}
		return err
	}
	r.summary1()

	// Find the repository's tree from the root commit.
	var data link
	if len(roots) == 0 {
		r.warn("the CAR header names no root commit")
	} else {
		ci, ok := commits[roots[0]]
		if ok && ci.data == "" && ci.root != "" { // v1: commit → root
			ci2, ok2 := commits[ci.root]
			ok = ok2
			data = ci2.data
			if ci.did == "" && ci2.meta != "" {
				ci.did = commits[ci2.meta].did
			}
		} else {
			data = ci.data
		}
		if !ok || data == "" {
			r.warn("the root commit is missing or unreadable")
		}
		r.did = ci.did
	}
	if r.did == "" || !strings.HasPrefix(r.did, "did:") || len(r.did) > 2048 {
		if r.did != "" {
			r.warn("the commit's DID is malformed")
		}
		r.did = ""
	}
	if data == "" {
		if postBlocks > 0 {
			r.warn("%d post records could not be placed in the repository tree and are skipped", postBlocks)
		}
		return nil
	}
	r.wanted = map[link]string{}
	r.walk(nodes, data)
	nodes = nil
	if r.missingNodes > 0 {
		r.warn("%d nodes of the repository tree are missing from the file; the records under them are skipped", r.missingNodes)
	}
	if r.indexFull {
		r.warn("the repository is too large to index whole (over %d MiB of tree); some posts are skipped", maxIndexBytes>>20)
	}
	if len(r.wanted) == 0 {
		return nil
	}

	// Pass 2: text of the account's own posts that its replies answer.
	r.parentText = map[string]string{}
	need := false
	for c := range r.wanted {
		if r.replyParents[c.String()] {
			need = true
			break
		}
	}
	if need {
		kept := 0
		_, err := r.scan(false, func(c link, data []byte) error {
			if _, ok := r.wanted[c]; !ok || kept > maxParentText {
				return nil
			}
			cs := c.String()
			if !r.replyParents[cs] {
				return nil
			}
			if _, done := r.parentText[cs]; done {
				return nil
			}
			v, err := decodeCBOR(data)
			if err != nil {
				return nil
			}
			if t, ok := str(mapOf(v), "text"); ok {
				t = cleanText(t)
				r.parentText[cs] = t
				kept += len(t) + len(cs)
			}
			return nil
		})
		if err != nil && !errors.As(err, new(errSkipFile)) {
			return err
		}
	}

	// Pass 3: emit.
	profileDone := false
	_, err = r.scan(false, func(c link, data []byte) error {
		joined, ok := r.wanted[c]
		if !ok {
			return nil
		}
		keys := strings.Split(joined, "\x00")
		delete(r.wanted, c)
		v, err := decodeCBOR(data)
		rec := mapOf(v)
		if err != nil || rec == nil {
			r.badRecords += len(keys)
			return nil
		}
		for _, key := range keys {
			coll, rkey, _ := strings.Cut(key, "/")
			t, _ := str(rec, "$type")
			if t != coll {
				r.badRecords++
				continue
			}
			switch coll {
			case collProfile:
				if profileDone {
					continue
				}
				profileDone = true
				if r.out.Profile != nil {
					r.out.Profile(r.profile(rec))
				}
			case collPost:
				it, ok := r.post(rec, rkey)
				if !ok {
					r.badRecords++
					continue
				}
				if r.out.Item != nil {
					if err := r.out.Item(it); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil && !errors.As(err, new(errSkipFile)) {
		return err
	}
	if n := len(r.wanted); n > 0 && !r.truncated {
		r.warn("%d records named by the repository tree are missing from the file", n)
	} else if n > 0 {
		r.warn("%d posts or profile records are lost to the truncation", n)
	}
	if r.badRecords > 0 {
		r.warn("%d records are malformed or of the wrong type and were skipped", r.badRecords)
	}
	if r.longText > 0 {
		r.warn("%d posts have text over %d KiB, cut there", r.longText, maxText>>10)
	}
	return nil
}

func (r *carImport) summary1() {
	if r.corrupt > 0 {
		r.warn("%d blocks are corrupt (CID unreadable or not matching the data) and were skipped", r.corrupt)
	}
	if r.huge > 0 {
		r.warn("%d blocks over %d MiB were skipped", r.huge, maxBlock>>20)
	}
	if r.undecodable > 0 {
		r.warn("%d blocks are not valid DAG-CBOR and were skipped", r.undecodable)
	}
	if r.unverified > 0 {
		r.warn("%d blocks use a hash this reader cannot check; read unchecked", r.unverified)
	}
}

// parseMSTNode recognises an MST node: {l: link|null, e: [{p, k, v, t}]}.
// Keys are prefix-compressed against the previous entry of the node.
func parseMSTNode(m map[string]any) (*mstNode, bool) {
	ents, ok := m["e"].([]any)
	if !ok {
		return nil, false
	}
	l, hasL := m["l"]
	if !hasL || len(m) != 2 {
		return nil, false
	}
	n := &mstNode{}
	if ll, ok := l.(link); ok {
		n.left = ll
	} else if l != nil {
		return nil, false
	}
	var prev []byte
	for _, ev := range ents {
		e := mapOf(ev)
		if e == nil {
			return nil, false
		}
		p, _ := e["p"].(int64)
		k, ok := e["k"].([]byte)
		if !ok || p < 0 || int(p) > len(prev) || int(p)+len(k) > maxKey {
			return nil, false
		}
		key := append(append([]byte(nil), prev[:p]...), k...)
		prev = key
		var me mstEntry
		me.tree, _ = linkOf(e, "t")
		if wantedKey(string(key)) {
			me.key = string(key)
			me.val, _ = linkOf(e, "v")
		}
		if me.tree != "" || me.key != "" {
			n.entries = append(n.entries, me)
		}
	}
	return n, true
}

// walk visits the tree from root and fills r.wanted.
func (r *carImport) walk(nodes map[link]*mstNode, root link) {
	stack := []link{root}
	seen := map[link]bool{}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[c] {
			continue
		}
		seen[c] = true
		n, ok := nodes[c]
		if !ok {
			r.missingNodes++
			continue
		}
		if n.left != "" {
			stack = append(stack, n.left)
		}
		for _, e := range n.entries {
			if e.tree != "" {
				stack = append(stack, e.tree)
			}
			if e.key != "" && e.val != "" {
				if prev, dup := r.wanted[e.val]; dup {
					if len(prev) < 1<<16 {
						r.wanted[e.val] = prev + "\x00" + e.key
					}
				} else {
					r.wanted[e.val] = e.key
				}
			}
		}
	}
}

func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

func (r *carImport) profile(rec map[string]any) importers.Profile {
	pub := true
	p := importers.Profile{Platform: platform, Handle: r.did, Public: &pub}
	if s, ok := str(rec, "displayName"); ok {
		p.DisplayName = cutText(cleanText(s), 4096)
	}
	if s, ok := str(rec, "description"); ok {
		p.Bio = cutText(cleanText(s), maxText)
	}
	return p
}

// cutText shortens s to at most n bytes on a rune boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// post builds the item of one app.bsky.feed.post record; ok is false when
// the record's text is not a string.
func (r *carImport) post(rec map[string]any, rkey string) (importers.Item, bool) {
	text := ""
	if tv, present := rec["text"]; present {
		s, ok := tv.(string)
		if !ok {
			return importers.Item{}, false
		}
		text = cleanText(s)
	}
	if len(text) > maxText {
		text = cutText(text, maxText)
		r.longText++
	}
	p := model.Post{
		ID:       rkey,
		Text:     text,
		Platform: platform,
		Audience: "public",
	}
	it := importers.Item{Kind: "post", Visibility: "public", Source: r.name}
	if r.did != "" {
		p.ID = "at://" + r.did + "/" + collPost + "/" + rkey
		it.URL = "https://bsky.app/profile/" + r.did + "/post/" + rkey
	}
	if s, ok := str(rec, "createdAt"); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			p.CreatedAt = t.UTC().Format(time.RFC3339)
		}
	}
	if p.CreatedAt == "" {
		if t, ok := tidTime(rkey); ok {
			p.CreatedAt = t.UTC().Format(time.RFC3339)
		}
	}
	if reply := mapOf(rec["reply"]); reply != nil {
		it.Kind = "reply"
		ref := mapOf(reply["parent"])
		if ref == nil {
			ref = mapOf(reply["root"])
		}
		uri, _ := str(ref, "uri")
		cid, _ := str(ref, "cid")
		rt := &model.ReplyTo{Author: cutText(cleanText(uri), 2048)}
		if cid != "" {
			rt.Text = r.parentText[cid]
		}
		if rt.Author != "" || rt.Text != "" {
			p.ReplyTo = rt
		}
	}
	p.Media = r.media(mapOf(rec["embed"]), 0)
	it.Post = p
	return it, true
}

// media lists the images (and video) of an embed with their alt text.
func (r *carImport) media(embed map[string]any, depth int) []model.Media {
	if embed == nil || depth > 1 {
		return nil
	}
	t, _ := str(embed, "$type")
	switch t {
	case "app.bsky.embed.images":
		imgs, _ := embed["images"].([]any)
		var out []model.Media
		for _, iv := range imgs {
			if len(out) >= maxMedia {
				break
			}
			img := mapOf(iv)
			if img == nil {
				continue
			}
			alt, _ := str(img, "alt")
			out = append(out, model.Media{Path: r.blobPath(mapOf(img["image"])), Alt: cutText(cleanText(alt), maxText)})
		}
		return out
	case "app.bsky.embed.video":
		alt, _ := str(embed, "alt")
		return []model.Media{{Path: r.blobPath(mapOf(embed["video"])), Alt: cutText(cleanText(alt), maxText)}}
	case "app.bsky.embed.recordWithMedia":
		return r.media(mapOf(embed["media"]), depth+1)
	}
	return nil
}

// blobPath finds a blob's file inside the export (when the blobs were
// downloaded beside the CAR), else "".
func (r *carImport) blobPath(blob map[string]any) string {
	if blob == nil {
		return ""
	}
	cid := ""
	if l, ok := linkOf(blob, "ref"); ok {
		cid = l.String()
	} else if s, ok := str(blob, "cid"); ok { // legacy blob form
		cid = s
	}
	if cid == "" {
		return ""
	}
	return r.blobs[cid]
}

// tidTime reads the timestamp of a record key that is a TID (13 characters
// of sortable base32: 53 bits of microseconds since 1970, 10 of clock id).
func tidTime(rkey string) (time.Time, bool) {
	const alphabet = "234567abcdefghijklmnopqrstuvwxyz"
	if len(rkey) != 13 || strings.IndexByte(alphabet[:16], rkey[0]) < 0 {
		return time.Time{}, false
	}
	var v uint64
	for i := 0; i < len(rkey); i++ {
		d := strings.IndexByte(alphabet, rkey[i])
		if d < 0 {
			return time.Time{}, false
		}
		v = v<<5 | uint64(d)
	}
	if v>>63 != 0 {
		return time.Time{}, false
	}
	us := int64(v >> 10)
	t := time.UnixMicro(us)
	if t.Year() < 2000 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}
