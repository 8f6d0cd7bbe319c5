package mastodon

import (
	"html"
	"strings"
)

// HTMLText turns Mastodon's status HTML into plain text: tags are dropped
// (the text inside them kept, so a link shortened with invisible spans reads
// in full), <br> becomes a line break, a paragraph ends with a blank line,
// and character references (&amp; &#39; &lt;) are decoded.
func HTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 { // a lone '<': text
			b.WriteString(s[i:])
			break
		}
		name := tagName(s[i+1 : i+end])
		switch name {
		case "br", "br/":
			b.WriteByte('\n')
		case "/p", "/blockquote", "/li", "/pre", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6":
			b.WriteString("\n\n")
		case "li":
			b.WriteString("• ")
		}
		i += end + 1
	}
	out := html.UnescapeString(b.String())
	// Tidy: no more than one blank line, no trailing spaces on lines.
	lines := strings.Split(out, "\n")
	var kept []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		kept = append(kept, l)
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// tagName is the lower-cased name of a tag's inside ("/p", "br", "a").
func tagName(in string) string {
	in = strings.TrimSpace(in)
	n := 0
	for n < len(in) {
		c := in[n]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c == '/' && n > 0) {
			break
		}
		n++
	}
	return strings.ToLower(in[:n])
}
