package audit

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/model"
)

// The HTML report is one self-contained file: inline CSS, inline script,
// an inline SVG chart, and a Content-Security-Policy that forbids loading
// anything. The only links are to the original posts.

type htmlHead struct {
	Title      string
	Version    string
	S          *Summary
	Range      string
	Severities []sevCount
	Categories []catRow
	Platforms  []platRow
	Chart      *chart
	Account    []AccountFinding
	Warnings   []string
	CatOptions []string
	PlOptions  []string
	Notes      []string
}

type sevCount struct {
	Sev string
	N   int
}

type catRow struct {
	Cat               string
	Block, Warn, Info int
	Total             int
}

type platRow struct {
	Platform                         string
	Posts, Public, Flagged, Findings int
	PublicPct                        int
	Block, Warn, Info                int
}

type chart struct {
	W, H  int
	Bars  []bar
	Ticks []tick
	Max   int
	YMax  int // y of the top grid line
}

type bar struct {
	X, Y, W, H int
	Label      string
}

type tick struct {
	X     int
	Label string
}

type seg struct {
	Text string
	Sev  string
}

type htmlPost struct {
	N          int
	Date       string
	Platform   string
	ID         string
	URL        string
	Kind       string
	Visibility string
	Source     string
	Segs       []seg
	ReplyTo    string
	Media      []string
	Findings   []htmlFinding
	Worst      string
	Cats       string
}

type htmlFinding struct {
	model.Finding
	Where string
}

const chartH = 160

func buildChart(byMonth map[string]int) *chart {
	if len(byMonth) == 0 {
		return nil
	}
	var keys []string
	for k := range byMonth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	first, err1 := time.Parse("2006-01", keys[0])
	last, err2 := time.Parse("2006-01", keys[len(keys)-1])
	if err1 != nil || err2 != nil {
		return nil
	}
	var months []string
	for t := first; !t.After(last) && len(months) < 1200; t = t.AddDate(0, 1, 0) {
		months = append(months, t.Format("2006-01"))
	}
	max := 1
	for _, m := range months {
		if byMonth[m] > max {
			max = byMonth[m]
		}
	}
	bw := 10
	if len(months) > 120 {
		bw = 4
	}
	c := &chart{W: 40 + len(months)*bw + 10, H: chartH + 30, Max: max, YMax: 10}
	for i, m := range months {
		n := byMonth[m]
		h := 0
		if n > 0 {
			h = n * (chartH - 10) / max
			if h < 1 {
				h = 1
			}
		}
		x := 40 + i*bw
		c.Bars = append(c.Bars, bar{X: x, Y: chartH - h, W: bw - 1, H: h, Label: fmt.Sprintf("%s: %d findings", m, n)})
		if strings.HasSuffix(m, "-01") || i == 0 {
			c.Ticks = append(c.Ticks, tick{X: x, Label: m[:4]})
		}
	}
	return c
}

// segments splits text into runs, marking the spans of text findings
// with the worst severity that covers them.
func segments(text string, fs []model.Finding) []seg {
	type sp struct {
		a, b int
		r    int
	}
	var sps []sp
	pts := []int{0, len(text)}
	for i := range fs {
		f := &fs[i]
		if f.Field != "" && f.Field != "text" {
			continue
		}
		a, b, ok := f.Span()
		if !ok || a < 0 || b > len(text) || a >= b || !utf8.RuneStart(text[a]) || (b < len(text) && !utf8.RuneStart(text[b])) {
			continue
		}
		sps = append(sps, sp{a, b, f.Severity.Rank()})
		pts = append(pts, a, b)
	}
	sort.Ints(pts)
	var out []seg
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		if a == b {
			continue
		}
		worst := 0
		for _, s := range sps {
			if s.a <= a && b <= s.b && s.r > worst {
				worst = s.r
			}
		}
		sev := ""
		if worst > 0 {
			sev = string(sevOrder[3-worst])
		}
		if n := len(out); n > 0 && out[n-1].Sev == sev {
			out[n-1].Text += text[a:b]
			continue
		}
		out = append(out, seg{Text: text[a:b], Sev: sev})
	}
	return out
}

func linkable(u string) string {
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u
	}
	return ""
}

func where(r *Result, f *model.Finding) string {
	var parts []string
	if f.Media != nil {
		p := fmt.Sprintf("photo %d", *f.Media+1)
		if *f.Media < len(r.Post.Media) && r.Post.Media[*f.Media].Path != "" {
			p += " (" + r.Post.Media[*f.Media].Path + ")"
		}
		parts = append(parts, p)
	}
	switch f.Field {
	case "alt":
		parts = append(parts, "alt text")
	case "exif":
		parts = append(parts, "photo metadata")
	case "ocr":
		parts = append(parts, "text in the image (OCR)")
	case "bio":
		parts = append(parts, "profile bio")
	}
	return strings.Join(parts, ", ")
}

func newHTMLPost(n int, r *Result) htmlPost {
	hp := htmlPost{
		N: n, Date: dateOf(r.Created()), Platform: r.Post.Platform, ID: r.Post.ID, URL: linkable(r.URL),
		Kind: r.Kind, Visibility: r.Visibility, Source: r.Source, Segs: segments(r.Post.Text, r.Findings),
		Worst: string(r.Worst()),
	}
	if t := r.Created(); !t.IsZero() {
		hp.Date = t.UTC().Format("2006-01-02 15:04")
	}
	if r.Post.ReplyTo != nil {
		hp.ReplyTo = strings.TrimSpace(r.Post.ReplyTo.Author + " " + r.Post.ReplyTo.Text)
	}
	if r.Post.DM && hp.Kind == "" {
		hp.Kind = "dm"
	}
	for i, m := range r.Post.Media {
		s := fmt.Sprintf("photo %d", i+1)
		if m.Path != "" {
			s += ": " + m.Path
		}
		if m.Alt != "" {
			s += " (alt: " + m.Alt + ")"
		}
		hp.Media = append(hp.Media, s)
	}
	cats := map[string]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		hp.Findings = append(hp.Findings, htmlFinding{Finding: *f, Where: where(r, f)})
		cats[f.Category] = true
	}
	var cl []string
	for c := range cats {
		cl = append(cl, c)
	}
	sort.Strings(cl)
	hp.Cats = strings.Join(cl, " ")
	return hp
}

func (c *collector) html(s *Summary) error {
	h := htmlHead{Title: "scrubs audit", Version: c.o.ToolVersion, S: s, Account: s.Account}
	if s.Source != "" {
		h.Title += ": " + s.Source
	}
	if !s.First.IsZero() {
		h.Range = dateOf(s.First) + " to " + dateOf(s.Last)
	}
	for _, sv := range sevOrder {
		h.Severities = append(h.Severities, sevCount{string(sv), s.BySeverity[string(sv)]})
	}
	for _, cat := range categoriesOf(s) {
		r := catRow{Cat: cat, Block: countSev(s, cat, model.Block), Warn: countSev(s, cat, model.Warn), Info: countSev(s, cat, model.Info)}
		r.Total = r.Block + r.Warn + r.Info
		h.Categories = append(h.Categories, r)
		h.CatOptions = append(h.CatOptions, cat)
	}
	for _, pl := range platformsOf(s) {
		ps := s.platform(pl)
		h.Platforms = append(h.Platforms, platRow{Platform: pl, Posts: ps.Posts, Public: ps.Public, Flagged: ps.Flagged,
			Findings: ps.Findings, PublicPct: pct(ps.Public, ps.Visibility), Block: ps.BySeverity["block"], Warn: ps.BySeverity["warn"], Info: ps.BySeverity["info"]})
		h.PlOptions = append(h.PlOptions, pl)
	}
	h.Chart = buildChart(s.ByMonth)
	for _, w := range s.Warnings {
		h.Warnings = append(h.Warnings, w.File+": "+w.Msg)
	}
	if s.WarningsDropped > 0 {
		h.Warnings = append(h.Warnings, fmt.Sprintf("… and %d more", s.WarningsDropped))
	}
	if s.MinSev != "" {
		h.Notes = append(h.Notes, fmt.Sprintf("Only findings at or above %s are shown (%d hidden).", s.MinSev, s.BelowSeverity))
	}
	if s.Baseline {
		h.Notes = append(h.Notes, fmt.Sprintf("Findings already in the baseline are not shown (%d hidden).", s.InBaseline))
	}
	if !s.Since.IsZero() || !s.Until.IsZero() {
		var b []string
		if !s.Since.IsZero() {
			b = append(b, "from "+dateOf(s.Since))
		}
		if !s.Until.IsZero() {
			b = append(b, "until "+dateOf(s.Until.Add(-time.Nanosecond)))
		}
		h.Notes = append(h.Notes, "Posts "+strings.Join(b, " ")+" only.")
	}
	if err := htmlTmpl.ExecuteTemplate(c.w, "head", h); err != nil {
		return err
	}
	// the posts are written by hand: html/template's reflection costs
	// seconds on a large history; writePost escapes every value itself
	for i, r := range c.rs {
		writePost(c.w, newHTMLPost(i+1, r))
	}
	return htmlTmpl.ExecuteTemplate(c.w, "foot", h)
}

var htmlTmpl = template.Must(template.New("audit").Funcs(template.FuncMap{
	"lower": strings.ToLower,
}).Parse(htmlSource))

const htmlSource = `{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="scrubs {{.Version}}">
<title>{{.Title}}</title>
<style>
:root{--block:#b3261e;--warn:#a15c00;--info:#245fa8;--bg:#fff;--fg:#1d1d1f;--mute:#666;--line:#ddd}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header,main{max-width:1100px;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
table{border-collapse:collapse;margin:.25rem 0}
th,td{padding:.2rem .6rem;text-align:right;border-bottom:1px solid var(--line)}
th:first-child,td:first-child{text-align:left}
.meta{color:var(--mute)}
.cards{display:flex;gap:.75rem;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}
.sev{display:inline-block;border-radius:3px;padding:0 .35rem;color:#fff;font-size:.8rem;font-weight:600;text-transform:uppercase}
.sev-block{background:var(--block)}.sev-warn{background:var(--warn)}.sev-info{background:var(--info)}
mark{border-radius:2px;padding:0 1px}
mark.block{background:#f9d2cf;outline:1px solid var(--block)}
mark.warn{background:#ffe7b3;outline:1px solid var(--warn)}
mark.info{background:#d6e6fb;outline:1px solid var(--info)}
#filters{position:sticky;top:0;background:var(--bg);padding:.5rem 0;border-bottom:1px solid var(--line);display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;z-index:1}
#filters select,#filters input{font:inherit;padding:.2rem .3rem}
article{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:4px;margin:.75rem 0;padding:.5rem .75rem}
article.w-block{border-left-color:var(--block)}article.w-warn{border-left-color:var(--warn)}
article .text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0}
article ul{margin:.25rem 0;padding-left:1.1rem}
article li{margin:.3rem 0}
.fix{color:#1b5e20}
.small{font-size:.85rem}
svg text{font:10px sans-serif;fill:var(--mute)}
svg rect.bar{fill:#5b7db1}
[hidden]{display:none!important}
@media (prefers-color-scheme:dark){:root{--bg:#161618;--fg:#e8e8ea;--mute:#a0a0a6;--line:#3a3a3e}mark{color:#111}.fix{color:#8bc48e}}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">Platforms: {{range $i, $p := .S.Platforms}}{{if $i}}, {{end}}{{$p}}{{end}}{{if .Range}} · posts from {{.Range}}{{end}}</p>
{{range .Notes}}<p class="meta">{{.}}</p>{{end}}
</header>
<main>
<section id="summary">
<h2>Summary</h2>
<div class="cards">
<div class="card"><b>{{.S.Audited}}</b>posts audited</div>
<div class="card"><b>{{.S.Flagged}}</b>posts with findings</div>
<div class="card"><b>{{.S.Findings}}</b>findings</div>
{{range .Severities}}<div class="card"><b>{{.N}}</b><span class="sev sev-{{.Sev}}">{{.Sev}}</span></div>
{{end}}{{if .S.Visibility}}<div class="card"><b>{{.S.Public}}</b>public of {{.S.Visibility}} with known visibility</div>{{end}}
</div>
<p class="meta">Photos checked: {{.S.Images}}. {{.S.OCR}}.</p>
</section>
<section id="categories">
<h2>By category and severity</h2>
{{if .Categories}}<table>
<thead><tr><th>Category</th><th>block</th><th>warn</th><th>info</th><th>total</th></tr></thead>
<tbody>
{{range .Categories}}<tr data-category="{{.Cat}}"><td>{{.Cat}}</td><td>{{.Block}}</td><td>{{.Warn}}</td><td>{{.Info}}</td><td>{{.Total}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No findings.</p>{{end}}
</section>
<section id="timeline">
<h2>Findings by month</h2>
{{with .Chart}}<svg role="img" aria-label="findings by month" viewBox="0 0 {{.W}} {{.H}}" width="100%" preserveAspectRatio="xMinYMin meet" style="max-height:220px">
<line x1="38" y1="160" x2="{{.W}}" y2="160" stroke="#999"/>
<text x="34" y="14" text-anchor="end">{{.Max}}</text><text x="34" y="160" text-anchor="end">0</text>
{{range .Bars}}<rect class="bar" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"><title>{{.Label}}</title></rect>
{{end}}{{range .Ticks}}<text x="{{.X}}" y="176">{{.Label}}</text>
{{end}}</svg>{{else}}<p>No dated findings.</p>{{end}}
</section>
<section id="platforms">
<h2>By platform</h2>
<table>
<thead><tr><th>Platform</th><th>posts</th><th>public</th><th>flagged posts</th><th>findings</th><th>block</th><th>warn</th><th>info</th></tr></thead>
<tbody>
{{range .Platforms}}<tr data-platform="{{.Platform}}"><td>{{.Platform}}</td><td>{{.Posts}}</td><td>{{.Public}} ({{.PublicPct}}%)</td><td>{{.Flagged}}</td><td>{{.Findings}}</td><td>{{.Block}}</td><td>{{.Warn}}</td><td>{{.Info}}</td></tr>
{{end}}</tbody>
</table>
</section>
<section id="account">
<h2>Account</h2>
{{if .Account}}<ul>
{{range .Account}}<li class="account-finding"><span class="sev sev-{{.Severity}}">{{.Severity}}</span> <b>{{.Platform}}</b> · {{.Category}} · <code>{{.Rule}}</code>{{if .Clause}} · {{.Clause}}{{end}}<br>{{.Message}}{{if .Fix}}<br><span class="fix">Fix: {{.Fix}}</span>{{end}}{{if .Evidence}}<br><span class="small meta">{{range $i, $e := .Evidence}}{{if $i}}; {{end}}{{$e}}{{end}}</span>{{end}}</li>
{{end}}</ul>{{else}}<p>No account-level findings.</p>{{end}}
</section>
<section id="findings">
<h2>Findings</h2>
<div id="filters">
<label>Category <select id="f-cat"><option value="">all</option>{{range .CatOptions}}<option>{{.}}</option>{{end}}</select></label>
<label>Severity <select id="f-sev"><option value="">all</option><option value="3">block</option><option value="2">warn and above</option><option value="1">info and above</option></select></label>
<label>Platform <select id="f-pl"><option value="">all</option>{{range .PlOptions}}<option>{{.}}</option>{{end}}</select></label>
<label>Search <input id="f-q" type="search" placeholder="text in the post"></label>
<span id="f-count" class="meta"></span>
</div>
<div id="posts">
{{end}}

{{define "post"}}<article id="p{{.N}}" class="post w-{{.Worst}}" data-platform="{{.Platform}}" data-categories="{{.Cats}}">
<div class="meta small">{{.Date}} · {{.Platform}}{{if .Kind}} · {{.Kind}}{{end}}{{if .Visibility}} · {{.Visibility}}{{end}}{{if .ID}} · id {{.ID}}{{end}}{{if .URL}} · <a class="orig" href="{{.URL}}" rel="noopener noreferrer" target="_blank">original post</a>{{end}}{{if .Source}} · {{.Source}}{{end}}</div>
{{if .ReplyTo}}<div class="meta small">in reply to: {{.ReplyTo}}</div>{{end}}
<div class="text">{{range .Segs}}{{if .Sev}}<mark class="{{.Sev}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</div>
{{range .Media}}<div class="meta small">{{.}}</div>{{end}}
<ul>
{{range .Findings}}<li class="finding" data-category="{{.Category}}" data-severity="{{.Severity}}"><span class="sev sev-{{.Severity}}">{{.Severity}}</span> {{.Category}} · <code>{{.Rule}}</code>{{if .Clause}} · {{.Clause}}{{end}}{{if .Text}} · “{{.Text}}”{{end}}{{if .Where}} · {{.Where}}{{end}}<br>{{.Message}}{{if .Fix}}<br><span class="fix">Fix: {{.Fix}}</span>{{end}}{{if .Evidence}}<br><span class="small meta">{{range $i, $e := .Evidence}}{{if $i}}; {{end}}{{$e}}{{end}}</span>{{end}}</li>
{{end}}</ul>
</article>
{{end}}

{{define "foot"}}</div>
{{if not .S.Flagged}}<p>No posts with findings.</p>{{end}}
</section>
<section id="warnings">
<h2>Warnings</h2>
{{if .Warnings}}<ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{else}}<p>None: every file of the export was read.</p>{{end}}
</section>
<p class="meta small">Generated locally by scrubs {{.Version}}. This file loads nothing from the network.</p>
</main>
<script>
(function(){
var rank={block:3,warn:2,info:1};
var cat=document.getElementById('f-cat'),sev=document.getElementById('f-sev'),pl=document.getElementById('f-pl'),q=document.getElementById('f-q'),cnt=document.getElementById('f-count');
var posts=Array.prototype.slice.call(document.querySelectorAll('article.post'));
var texts=posts.map(function(a){return a.textContent.toLowerCase();});
function apply(){
 var c=cat.value,s=+sev.value||0,p=pl.value,t=q.value.trim().toLowerCase(),shown=0;
 posts.forEach(function(a,i){
  var ok=(!p||a.getAttribute('data-platform')===p)&&(!t||texts[i].indexOf(t)>=0),any=false;
  a.querySelectorAll('li.finding').forEach(function(li){
   var m=(!c||li.getAttribute('data-category')===c)&&(rank[li.getAttribute('data-severity')]||0)>=s;
   li.hidden=!m; if(m)any=true;
  });
  a.hidden=!(ok&&any); if(!a.hidden)shown++;
 });
 cnt.textContent=shown+' of '+posts.length+' posts';
}
[cat,sev,pl].forEach(function(e){e.addEventListener('change',apply);});
q.addEventListener('input',apply);
apply();
})();
</script>
</body>
</html>
{{end}}`
