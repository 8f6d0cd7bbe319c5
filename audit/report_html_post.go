package audit

import (
	"bufio"
	"strconv"
	"unicode/utf8"
)

// esc writes s escaped for HTML text and double-quoted attribute values,
// replacing invalid UTF-8 and NUL.
func esc(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		n := 1
		switch {
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '&':
			rep = "&amp;"
		case c == '"':
			rep = "&#34;"
		case c == '\'':
			rep = "&#39;"
		case c == 0:
			rep = "\uFFFD"
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			n = size
			if r == utf8.RuneError && size == 1 {
				rep = "\uFFFD"
			}
		}
		if rep != "" {
			w.WriteString(s[last:i])
			w.WriteString(rep)
			last = i + n
		}
		i += n
	}
	w.WriteString(s[last:])
}

func writeEvidence(w *bufio.Writer, ev []string) {
	if len(ev) == 0 {
		return
	}
	w.WriteString(`<br><span class="small meta">`)
	for i, e := range ev {
		if i > 0 {
			w.WriteString("; ")
		}
		esc(w, e)
	}
	w.WriteString("</span>")
}

// writePost writes one post's <article>; the equivalent of the "post"
// template, kept in step with it by TestPostTemplateMatches.
func writePost(w *bufio.Writer, p htmlPost) {
	w.WriteString(`<article id="p`)
	w.WriteString(strconv.Itoa(p.N))
	w.WriteString(`" class="post w-`)
	esc(w, p.Worst)
	w.WriteString(`" data-platform="`)
	esc(w, p.Platform)
	w.WriteString(`" data-categories="`)
	esc(w, p.Cats)
	w.WriteString("\">\n<div class=\"meta small\">")
	esc(w, p.Date)
	w.WriteString(" · ")
	esc(w, p.Platform)
	for _, x := range []string{p.Kind, p.Visibility} {
		if x != "" {
			w.WriteString(" · ")
			esc(w, x)
		}
	}
	if p.ID != "" {
		w.WriteString(" · id ")
		esc(w, p.ID)
	}
	if p.URL != "" {
		w.WriteString(` · <a class="orig" href="`)
		esc(w, p.URL)
		w.WriteString(`" rel="noopener noreferrer" target="_blank">original post</a>`)
	}
	if p.Source != "" {
		w.WriteString(" · ")
		esc(w, p.Source)
	}
	w.WriteString("</div>\n")
	if p.ReplyTo != "" {
		w.WriteString(`<div class="meta small">in reply to: `)
		esc(w, p.ReplyTo)
		w.WriteString("</div>\n")
	}
	w.WriteString(`<div class="text">`)
	for _, s := range p.Segs {
		if s.Sev != "" {
			w.WriteString(`<mark class="`)
			esc(w, s.Sev)
			w.WriteString(`">`)
			esc(w, s.Text)
			w.WriteString("</mark>")
		} else {
			esc(w, s.Text)
		}
	}
	w.WriteString("</div>\n")
	for _, m := range p.Media {
		w.WriteString(`<div class="meta small">`)
		esc(w, m)
		w.WriteString("</div>\n")
	}
	w.WriteString("<ul>\n")
	for _, f := range p.Findings {
		w.WriteString(`<li class="finding" data-category="`)
		esc(w, f.Category)
		w.WriteString(`" data-severity="`)
		esc(w, string(f.Severity))
		w.WriteString(`"><span class="sev sev-`)
		esc(w, string(f.Severity))
		w.WriteString(`">`)
		esc(w, string(f.Severity))
		w.WriteString("</span> ")
		esc(w, f.Category)
		w.WriteString(" · <code>")
		esc(w, f.Rule)
		w.WriteString("</code>")
		if f.Clause != "" {
			w.WriteString(" · ")
			esc(w, f.Clause)
		}
		if f.Text != "" {
			w.WriteString(" · “")
			esc(w, f.Text)
			w.WriteString("”")
		}
		if f.Where != "" {
			w.WriteString(" · ")
			esc(w, f.Where)
		}
		w.WriteString("<br>")
		esc(w, f.Message)
		if f.Fix != "" {
			w.WriteString(`<br><span class="fix">Fix: `)
			esc(w, f.Fix)
			w.WriteString("</span>")
		}
		writeEvidence(w, f.Evidence)
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n</article>\n")
}
