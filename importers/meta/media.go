package meta

import (
	"context"
	"encoding/json"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

// Exif is one entry of Meta's media_metadata.*_metadata.exif_data.
type Exif struct {
	Latitude       Float `json:"latitude"`
	Longitude      Float `json:"longitude"`
	UploadIP       Str   `json:"upload_ip"`
	TakenTimestamp Int   `json:"taken_timestamp"`
}

type exifHolder struct {
	ExifData List[Exif] `json:"exif_data"`
}

// MediaMetadata is Meta's media_metadata object.
type MediaMetadata struct {
	Photo exifHolder `json:"photo_metadata"`
	Video exifHolder `json:"video_metadata"`
}

// Media is one photo or video as the Meta exports describe it.
type Media struct {
	URI               Str           `json:"uri"`
	Title             Str           `json:"title"`
	Description       Str           `json:"description"`
	CreationTimestamp Int           `json:"creation_timestamp"`
	MediaMetadata     MediaMetadata `json:"media_metadata"`
}

// Meta merges the media's exif_data entries into one MediaMeta (first value
// of each field wins); ok is false when there is nothing.
func (m *Media) Meta() (importers.MediaMeta, bool) {
	var mm importers.MediaMeta
	found := false
	all := append(append([]Exif{}, m.MediaMetadata.Photo.ExifData...), m.MediaMetadata.Video.ExifData...)
	for _, e := range all {
		if mm.Lat == nil && e.Latitude.Set && e.Longitude.Set &&
			e.Latitude.V >= -90 && e.Latitude.V <= 90 && e.Longitude.V >= -180 && e.Longitude.V <= 180 {
			lat, lon := e.Latitude.V, e.Longitude.V
			mm.Lat, mm.Lon = &lat, &lon
			found = true
		}
		if mm.UploadIP == "" && e.UploadIP != "" {
			mm.UploadIP = string(e.UploadIP)
			found = true
		}
		if mm.Taken.IsZero() && e.TakenTimestamp > 0 {
			if s := UnixTime(int64(e.TakenTimestamp)); s != "" {
				mm.Taken, _ = time.Parse(time.RFC3339, s)
				found = true
			}
		}
	}
	return mm, found
}

// MediaPath turns a uri from the export into a clean path inside it; "" for
// a web address, an absolute or escaping path, or nothing.
func MediaPath(uri string) string {
	u := strings.TrimSpace(uri)
	if u == "" || strings.Contains(u, "://") || strings.HasPrefix(u, "data:") {
		return ""
	}
	u = strings.ReplaceAll(u, "\\", "/")
	u = strings.TrimLeft(u, "/")
	c := path.Clean(u)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") || !fs.ValidPath(c) {
		return ""
	}
	return c
}

// AddMedia appends m to the item's Post.Media and Item.MediaMeta (kept the
// same length so MediaMeta[i] belongs to Post.Media[i]); alt is the text
// that describes the media. It returns false when m has no usable path.
func AddMedia(it *importers.Item, m *Media, alt string) bool {
	p := MediaPath(string(m.URI))
	if p == "" {
		return false
	}
	it.Post.Media = append(it.Post.Media, model.Media{Path: p, Alt: alt})
	mm, _ := m.Meta()
	it.MediaMeta = append(it.MediaMeta, mm)
	return true
}

// TrimMeta drops Item.MediaMeta when no entry holds anything.
func TrimMeta(it *importers.Item) {
	for _, m := range it.MediaMeta {
		if m.Lat != nil || m.UploadIP != "" || !m.Taken.IsZero() {
			return
		}
	}
	it.MediaMeta = nil
}

func isOwner(name string, owners []string) bool {
	name = strings.TrimSpace(name)
	for _, o := range owners {
		if strings.EqualFold(name, o) {
			return true
		}
	}
	return false
}

// Message is one message of a Meta messages/inbox/<thread>/message_N.json.
type Message struct {
	SenderName  Str         `json:"sender_name"`
	TimestampMs Int         `json:"timestamp_ms"`
	Content     Str         `json:"content"`
	Photos      List[Media] `json:"photos"`
	Videos      List[Media] `json:"videos"`
}

// Messages streams the direct messages the owner (any of owners: name, username) sent, from every thread
// folder under each of roots (messages/inbox and the like). The message
// just before each one, from someone else, becomes its ReplyTo. Messages
// of others are never emitted. With owner unknown nothing can be told
// apart, so the folders are skipped with a warning.
func Messages(ctx context.Context, fsys fs.FS, platform string, owners []string, roots []string, out importers.Sink) error {
	var own []string
	for _, o := range owners {
		if o = strings.TrimSpace(o); o != "" {
			own = append(own, o)
		}
	}
	for _, root := range roots {
		threads, err := fs.ReadDir(fsys, root)
		if err != nil {
			continue
		}
		if len(own) == 0 {
			Warn(out, root, "direct messages skipped: the export does not say the account's own name")
			continue
		}
		for _, th := range threads {
			if !th.IsDir() {
				continue
			}
			dir := path.Join(root, th.Name())
			for _, f := range Files(fsys, dir, "message_", ".json") {
				if err := messagesFile(ctx, fsys, platform, own, th.Name(), f, out); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func messagesFile(ctx context.Context, fsys fs.FS, platform string, owners []string, thread, name string, out importers.Sink) error {
	var pending *importers.Item
	flush := func(prev *Message) error {
		if pending == nil {
			return nil
		}
		if prev != nil && prev.Content != "" {
			pending.Post.ReplyTo = &model.ReplyTo{Text: string(prev.Content), Author: string(prev.SenderName)}
		} else if prev != nil {
			pending.Post.ReplyTo = &model.ReplyTo{Author: string(prev.SenderName)}
		}
		it := *pending
		pending = nil
		return Emit(out, it)
	}
	want := func(p []string) bool { return len(p) == 1 && p[0] == "messages" }
	err := ReadFile(ctx, fsys, name, out, want, func(_ []string, i int, raw json.RawMessage) error {
		var m Message
		if Decode(raw, &m) != nil {
			return nil
		}
		// Meta lists a thread newest first: this message came before the
		// pending one.
		if !isOwner(string(m.SenderName), owners) {
			return flush(&m)
		}
		if err := flush(nil); err != nil {
			return err
		}
		it := importers.Item{Kind: "dm", Visibility: "direct", Source: name}
		it.Post = model.Post{
			ID:        thread + "/" + strconv.FormatInt(int64(m.TimestampMs), 10),
			Text:      string(m.Content),
			Platform:  platform,
			DM:        true,
			Audience:  "private",
			CreatedAt: UnixMilli(int64(m.TimestampMs)),
		}
		for _, ms := range [][]Media{m.Photos, m.Videos} {
			for i := range ms {
				AddMedia(&it, &ms[i], "")
			}
		}
		TrimMeta(&it)
		if it.Post.Text == "" && len(it.Post.Media) == 0 {
			return nil
		}
		pending = &it
		return nil
	})
	if err != nil {
		return err
	}
	return flush(nil)
}
