// Package markup turns Markdown and HTML into checkable text without moving
// a byte: markup is overwritten with spaces (line breaks kept), so every
// offset, line and column of a finding is the same in the source file.
package markup

import (
	"strings"
)

// Kind of document.
type Kind string

const (
	Text     Kind = "text"
	Markdown Kind = "markdown"
	HTML     Kind = "html"
)

// KindOf guesses the kind from a file name.
func KindOf(name string) Kind {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".md"), strings.HasSuffix(n, ".markdown"), strings.HasSuffix(n, ".mdx"):
		return Markdown
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"), strings.HasSuffix(n, ".xhtml"):
		return HTML
	}
	return Text
}

// Blank returns src with the markup of kind k replaced by spaces.
func Blank(k Kind, src string) string {
	switch k {
	case HTML:
		return blankHTML(src)
	case Markdown:
		// Markdown may hold HTML too
		return blankMarkdown(blankHTML(src))
	}
	return src
}

func spaces(b []byte, from, to int) {
	for i := from; i < to && i < len(b); i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// blankHTML removes tags, comments, and the content of script and style
// elements; character references become their character padded with spaces
// when it is one ASCII byte, otherwise they stay as written.
func blankHTML(src string) string {
	b := []byte(src)
	lower := strings.ToLower(src)
	for i := 0; i < len(b); {
		switch {
		case strings.HasPrefix(lower[i:], "<!--"):
			end := strings.Index(lower[i+4:], "-->")
			if end < 0 {
				end = len(b) - i - 4
			} else {
				end += 3
			}
			spaces(b, i, i+4+end)
			i += 4 + end
		case strings.HasPrefix(lower[i:], "<script"), strings.HasPrefix(lower[i:], "<style"):
			tag := "</script"
			if strings.HasPrefix(lower[i:], "<style") {
				tag = "</style"
			}
			end := strings.Index(lower[i:], tag)
			if end < 0 {
				end = len(b) - i
			} else if gt := strings.IndexByte(lower[i+end:], '>'); gt >= 0 {
				end += gt + 1
			}
			spaces(b, i, i+end)
			i += end
		case b[i] == '<' && i+1 < len(b) && (isLetter(b[i+1]) || b[i+1] == '/' || b[i+1] == '!' || b[i+1] == '?'):
			end := strings.IndexByte(src[i:], '>')
			if end < 0 {
				i++
				continue
			}
			// alt="..." and title="..." are read by people: keep their values
			keepAttrs(b, src[i:i+end+1], i)
			i += end + 1
		case b[i] == '&':
			end := strings.IndexByte(src[i:min(len(src), i+10)], ';')
			if end > 1 {
				if c, ok := entities[lower[i+1:i+end]]; ok {
					b[i] = c
					spaces(b, i+1, i+end+1)
				}
			}
			i++
		default:
			i++
		}
	}
	return string(b)
}

var entities = map[string]byte{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": ' ', "#39": '\''}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// keepAttrs blanks a tag but leaves the values of alt and title attributes.
func keepAttrs(b []byte, tag string, at int) {
	spaces(b, at, at+len(tag))
	lt := strings.ToLower(tag)
	for _, attr := range []string{"alt=", "title="} {
		k := strings.Index(lt, attr)
		if k < 0 || k+len(attr) >= len(tag) {
			continue
		}
		q := tag[k+len(attr)]
		if q != '"' && q != '\'' {
			continue
		}
		e := strings.IndexByte(tag[k+len(attr)+1:], q)
		if e < 0 {
			continue
		}
		from := at + k + len(attr) + 1
		copy(b[from:from+e], tag[k+len(attr)+1:k+len(attr)+1+e])
	}
}

// blankMarkdown removes heading marks, emphasis, link targets, list and
// quote markers, and front-matter fences; the text people read stays.
func blankMarkdown(src string) string {
	b := []byte(src)
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if lineStart {
			// leading markers: #, >, -, *, +, numbered lists, fences
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			k := j
			for k < len(b) && (b[k] == '#' || b[k] == '>') {
				k++
			}
			if k == j && k+1 < len(b) && (b[k] == '-' || b[k] == '*' || b[k] == '+') && b[k+1] == ' ' {
				k++
			}
			if strings.HasPrefix(string(b[j:min(len(b), j+3)]), "```") || strings.HasPrefix(string(b[j:min(len(b), j+3)]), "---") {
				k = j + 3
			}
			spaces(b, j, k)
			lineStart = false
		}
		switch c {
		case '\n':
			lineStart = true
		case '*', '_', '`', '~':
			// emphasis and code marks (not inside a word: snake_case stays)
			prevWord := i > 0 && isWordByte(b[i-1])
			nextWord := i+1 < len(b) && isWordByte(b[i+1])
			if !(prevWord && nextWord) {
				b[i] = ' '
			}
		case '!':
			if i+1 < len(b) && b[i+1] == '[' {
				b[i] = ' '
			}
		case '[':
			// [text](url) or [text][ref]: keep text, blank the rest
			close := strings.IndexByte(src[i:], ']')
			if close < 0 || strings.IndexByte(src[i:i+close], '\n') >= 0 {
				continue
			}
			b[i] = ' '
			e := i + close
			b[e] = ' '
			if e+1 < len(b) && (b[e+1] == '(' || b[e+1] == '[') {
				closer := byte(')')
				if b[e+1] == '[' {
					closer = ']'
				}
				end := strings.IndexByte(src[e+1:], closer)
				if end >= 0 && strings.IndexByte(src[e+1:e+1+end], '\n') < 0 {
					spaces(b, e+1, e+2+end)
				}
			}
		}
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
