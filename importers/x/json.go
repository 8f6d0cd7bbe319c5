package x

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// str reads a JSON string, number or boolean as text; null, objects and
// arrays read as "" (archives store numbers as strings, and a hostile file
// may hold anything). Other fields are plain Go types: a value of the wrong
// type leaves that field empty (see run.each).
type str string

func (s *str) UnmarshalJSON(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		if len(b) >= 2 && bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b) {
			*s = str(b[1 : len(b)-1])
			return nil
		}
		var v string
		if json.Unmarshal(b, &v) == nil {
			*s = str(v)
		}
	case '{', '[', 'n':
	default:
		*s = str(b)
	}
	return nil
}

// envelope is one element of an archive array. Elements wrap their record
// in a key ("tweet", "noteTweet", "dmConversation", "account", ...); the
// older tweet.js holds bare tweets, read through the embedded tweet.
type envelope struct {
	Tweet            *tweet            `json:"tweet"`
	NoteTweet        *noteTweet        `json:"noteTweet"`
	DMConversation   *dmConversation   `json:"dmConversation"`
	Account          *account          `json:"account"`
	Profile          *profile          `json:"profile"`
	ProtectedHistory *protectedHistory `json:"protectedHistory"`
	tweet
}

type tweet struct {
	IDStr               str       `json:"id_str"`
	ID                  str       `json:"id"`
	FullText            str       `json:"full_text"`
	Text                str       `json:"text"`
	CreatedAt           str       `json:"created_at"`
	InReplyToStatusID   str       `json:"in_reply_to_status_id_str"`
	InReplyToUserID     str       `json:"in_reply_to_user_id_str"`
	InReplyToScreenName str       `json:"in_reply_to_screen_name"`
	Entities            *entities `json:"entities"`
	ExtendedEntities    *entities `json:"extended_entities"`
	DeletedAt           str       `json:"deleted_at"`
}

func (t *tweet) idOrText() bool {
	return t.IDStr != "" || t.ID != "" || t.FullText != "" || t.Text != ""
}

type entities struct {
	Media []media `json:"media"`
}

type media struct {
	IDStr         str        `json:"id_str"`
	MediaURL      str        `json:"media_url"`
	MediaURLHTTPS str        `json:"media_url_https"`
	Type          str        `json:"type"`
	ExtAltText    str        `json:"ext_alt_text"`
	AltText       str        `json:"alt_text"`
	VideoInfo     *videoInfo `json:"video_info"`
}

type videoInfo struct {
	Variants []struct {
		URL str `json:"url"`
	} `json:"variants"`
}

type noteTweet struct {
	NoteTweetID str `json:"noteTweetId"`
	CreatedAt   str `json:"createdAt"`
	UpdatedAt   str `json:"updatedAt"`
	Core        *struct {
		Text str `json:"text"`
	} `json:"core"`
}

type dmConversation struct {
	ConversationID str `json:"conversationId"`
	Messages       []struct {
		MessageCreate *messageCreate `json:"messageCreate"`
	} `json:"messages"`
}

type messageCreate struct {
	ID          str   `json:"id"`
	SenderID    str   `json:"senderId"`
	RecipientID str   `json:"recipientId"`
	Text        str   `json:"text"`
	CreatedAt   str   `json:"createdAt"`
	MediaURLs   []str `json:"mediaUrls"`
}

type account struct {
	Username    str `json:"username"`
	DisplayName str `json:"accountDisplayName"`
	AccountID   str `json:"accountId"`
}

type profile struct {
	Description *struct {
		Bio str `json:"bio"`
	} `json:"description"`
}

type protectedHistory struct {
	ProtectedAt str `json:"protectedAt"`
	Action      str `json:"action"`
}

// skipPrefix moves br past `window.YTD.tweets.part0 =` (and any // or /*
// comment lines before it) to the opening bracket of the JSON array.
func skipPrefix(br *bufio.Reader) error {
	for budget := 0; budget < 1<<16; {
		c, err := br.ReadByte()
		if err != nil {
			return errors.New("no JSON array in the file")
		}
		budget++
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF:
		case c == '[':
			return br.UnreadByte()
		case c == '{':
			return errors.New("expected a JSON array, found an object")
		case c == '/':
			next, _ := br.ReadByte()
			budget++
			if next == '/' {
				for {
					line, err := br.ReadSlice('\n')
					budget += len(line)
					if err != bufio.ErrBufferFull || budget >= 1<<16 {
						break
					}
				}
			} else if next == '*' {
				prev := byte(0)
				for budget < 1<<16 {
					c, err := br.ReadByte()
					if err != nil {
						return errors.New("unterminated comment")
					}
					budget++
					if prev == '*' && c == '/' {
						break
					}
					prev = c
				}
			} else {
				return fmt.Errorf("unexpected %q", c)
			}
		default:
			// An assignment: read up to '='.
			for c != '=' {
				if c == '[' || c == '{' || c == '\n' {
					return errors.New("no `window.YTD... =` assignment")
				}
				c, err = br.ReadByte()
				if err != nil {
					return errors.New("no JSON array in the file")
				}
				budget++
			}
		}
	}
	return errors.New("no JSON array in the first 64 KiB")
}

// capReader fails once the decoder holds more than maxElement bytes of one
// element, so a single huge array element cannot take unbounded memory.
type capReader struct {
	r     io.Reader
	n     int64 // bytes handed out
	off   int64 // bytes the prefix took, before the decoder's stream
	last  int64 // decoder offset at the end of the last element
	armed bool
}

const maxElement = 64 << 20

var errElement = fmt.Errorf("an element of more than %d MiB", maxElement>>20)

func (c *capReader) start(decOff int64) { c.armed, c.last = true, decOff }
func (c *capReader) mark(decOff int64)  { c.last = decOff }

func (c *capReader) Read(p []byte) (int, error) {
	if c.armed && c.n-c.off-c.last > maxElement {
		return 0, errElement
	}
	if len(p) > 1<<20 {
		p = p[:1<<20] // check again at least every MiB
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
