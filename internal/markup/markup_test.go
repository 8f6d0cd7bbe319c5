package markup

import (
	"strings"
	"testing"
)

func TestBlankKeepsOffsets(t *testing.T) {
	for _, c := range []struct {
		k        Kind
		in, want string
	}{
		{HTML, `<p>Mrs. <b>Lopez</b> &amp; son</p><!-- note --><script>x()</script>`, `   Mrs.    Lopez     &     son                                          `},
		{HTML, `<img src="a.jpg" alt="wristband visible">`, `                      wristband visible  `},
		{Markdown, "# Case\n**Mrs. Lopez** saw [Dr. Smith](https://x.org/a) in snake_case\n> quoted", "  Case\n  Mrs. Lopez   saw  Dr. Smith                  in snake_case\n  quoted"},
		{Markdown, "- item one\n1. two", "  item one\n1. two"},
		{Text, "*as is*", "*as is*"},
	} {
		got := Blank(c.k, c.in)
		if len(got) != len(c.in) {
			t.Fatalf("%s: length %d, want %d", c.k, len(got), len(c.in))
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(c.want), " ") {
			t.Errorf("%s:\n got %q\nwant %q", c.k, got, c.want)
		}
		// every word kept sits where it was in the source
		for _, w := range strings.Fields(got) {
			if i := strings.Index(got, w); c.in[i:i+len(w)] != w && !strings.Contains(w, "&") {
				t.Errorf("%s: %q moved", c.k, w)
			}
		}
		if strings.Count(got, "\n") != strings.Count(c.in, "\n") {
			t.Error("line breaks moved")
		}
	}
}

func TestKindOf(t *testing.T) {
	if KindOf("post.MD") != Markdown || KindOf("a.html") != HTML || KindOf("x.txt") != Text {
		t.Error("KindOf")
	}
}

func FuzzBlank(f *testing.F) {
	f.Add("<a href='x'>y</a> &amp; [t](u) **b** <!-- c")
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []Kind{HTML, Markdown} {
			out := Blank(k, s)
			if len(out) != len(s) || strings.Count(out, "\n") != strings.Count(s, "\n") {
				t.Fatalf("%s changed length or lines", k)
			}
		}
	})
}

func TestDirectives(t *testing.T) {
	src := "intro\n<!-- scrubs:ignore phi.patient-name, phi.date -- consent on file -->\nMrs. Lopez on 7/22\n<!-- scrubs:ignore profanity -->\n# scrubs:ignore-file copyright quoting our own paper\n"
	got, problems := Directives(src)
	if len(got) != 3 || got[0].Rule != "phi.patient-name" || got[1].Rule != "phi.date" || got[0].Line != 2 || got[0].Reason != "consent on file" {
		t.Fatalf("directives: %+v", got)
	}
	if got[2].Rule != "copyright" || got[2].Line != 0 || got[2].Reason != "quoting our own paper" {
		t.Errorf("file directive: %+v", got[2])
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "line 4") {
		t.Errorf("a directive without reason must be reported: %v", problems)
	}
}
