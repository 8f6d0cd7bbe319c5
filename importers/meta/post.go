package meta

import (
	"strconv"
	"strings"

	"github.com/scrubs-dev/scrubs/importers"
	"github.com/scrubs-dev/scrubs/model"
)

// Post is a post of the Instagram and Threads exports: a list of media and
// a caption (title), on the post or, for a single photo, on its media.
type Post struct {
	Media             List[Media] `json:"media"`
	Title             Str         `json:"title"`
	CreationTimestamp Int         `json:"creation_timestamp"`
	// Stories and some media lists hold one media object per element.
	URI           Str           `json:"uri"`
	MediaMetadata MediaMetadata `json:"media_metadata"`
}

// Item turns p into an Item; ok is false when it has neither text nor
// media. i (the element's index) makes an id when the post has no time.
func (p *Post) Item(platform, kind, source string, i int) (importers.Item, bool) {
	ms := []Media(p.Media)
	if len(ms) == 0 && p.URI != "" {
		ms = []Media{{URI: p.URI, Title: p.Title, CreationTimestamp: p.CreationTimestamp, MediaMetadata: p.MediaMetadata}}
	}
	text := strings.TrimSpace(string(p.Title))
	ts := int64(p.CreationTimestamp)
	for _, m := range ms {
		if text == "" {
			text = strings.TrimSpace(string(m.Title))
		}
		if ts == 0 {
			ts = int64(m.CreationTimestamp)
		}
	}
	it := importers.Item{Kind: kind, Source: source}
	it.Post = model.Post{
		ID:        kind + "/" + strconv.FormatInt(ts, 10),
		Text:      text,
		Platform:  platform,
		CreatedAt: UnixTime(ts),
	}
	if ts == 0 {
		it.Post.ID = kind + "/" + source + "#" + strconv.Itoa(i)
	}
	for k := range ms {
		AddMedia(&it, &ms[k], "")
	}
	TrimMeta(&it)
	return it, it.Post.Text != "" || len(it.Post.Media) > 0
}
