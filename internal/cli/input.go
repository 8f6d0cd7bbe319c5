package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/scrubs-dev/scrubs/internal/markup"
	"github.com/scrubs-dev/scrubs/model"
)

// maxLine bounds one JSONL line (and one text input); longer lines are
// reported and skipped, the rest of the input is still read.
var maxLine = 64 << 20

// errUsage marks errors that exit with status 2.
type usageError struct{ error }

func usagef(f string, a ...any) error { return usageError{fmt.Errorf(f, a...)} }

// source is where posts come from.
type source struct {
	name  string // file name, "-" for stdin, "" for an argument
	text  string // when given as arguments
	jsonl bool
	kind  markup.Kind // for a text input: text, markdown or html
	r     io.Reader
	close func() error
}

// openSource decides between TEXT arguments, a FILE and standard input.
func openSource(args []string, stdin io.Reader, inputFmt, outFmt string) (*source, error) {
	s := &source{close: func() error { return nil }}
	switch {
	case len(args) == 0:
		return nil, usagef("no input: give the post as TEXT, a FILE, or - for standard input")
	case len(args) == 1 && args[0] == "-":
		s.name, s.r = "-", stdin
	case len(args) == 1 && fileExists(args[0]):
		f, err := os.Open(args[0])
		if err != nil {
			return nil, usagef("cannot read %s: %v", args[0], err)
		}
		s.name, s.r, s.close = args[0], f, f.Close
	default:
		s.text = strings.Join(args, " ")
	}
	s.kind = markup.Text
	switch inputFmt {
	case "jsonl":
		s.jsonl = true
	case "text":
	case "markdown", "md":
		s.kind = markup.Markdown
	case "html":
		s.kind = markup.HTML
	case "auto", "":
		s.kind = markup.KindOf(s.name)
		if s.r != nil {
			ext := strings.ToLower(filepath.Ext(s.name))
			br := bufio.NewReaderSize(s.r, 64<<10)
			s.r = br
			first := peekNonSpace(br)
			s.jsonl = first == '{' && (ext == ".jsonl" || ext == ".ndjson" || outFmt == "jsonl")
		}
	default:
		return nil, usagef("--input must be auto, text, markdown, html or jsonl, not %q", inputFmt)
	}
	if s.jsonl && s.r == nil {
		return nil, usagef("--input jsonl needs a FILE or - (standard input)")
	}
	return s, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func peekNonSpace(br *bufio.Reader) byte {
	for n := 1; n <= 4096; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0
		}
		c := b[n-1]
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF {
			return c
		}
		if err != nil {
			return 0
		}
	}
	return 0
}

// readAllText reads a whole non-JSONL input as one post, bounded by maxLine.
func (s *source) readAllText() (string, []string, error) {
	if s.r == nil {
		return s.text, textWarnings(s.text, s.label()), nil
	}
	b, err := io.ReadAll(io.LimitReader(s.r, int64(maxLine)+1))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %v", s.label(), err)
	}
	if len(b) > maxLine {
		return "", nil, fmt.Errorf("%s: input larger than %d MiB; split it or use --input jsonl", s.label(), maxLine>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	t := string(b)
	if strings.TrimSpace(t) == "" {
		return "", nil, usagef("%s: empty input", s.label())
	}
	return t, textWarnings(t, s.label()), nil
}

func (s *source) label() string {
	switch s.name {
	case "":
		return "argument"
	case "-":
		return "stdin"
	}
	return s.name
}

func textWarnings(t, label string) []string {
	var w []string
	if !utf8.ValidString(t) {
		i := firstInvalid(t)
		w = append(w, fmt.Sprintf("%s: not valid UTF-8 (first bad byte at offset %d); bad bytes are treated as spaces and offsets still refer to the original bytes", label, i))
	}
	if strings.IndexByte(t, 0) >= 0 {
		w = append(w, fmt.Sprintf("%s: contains NUL bytes (treated as spaces)", label))
	}
	return w
}

func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// line is one JSONL input line.
type line struct {
	n   int
	raw []byte
	err error
}

// lines streams JSONL lines; over-long lines come back with an error and
// the reader skips to the next newline.
func lines(r io.Reader, out chan<- line) {
	defer close(out)
	br := bufio.NewReaderSize(r, 1<<20)
	n := 0
	for {
		n++
		var buf []byte
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > maxLine {
					tooLong, buf = true, nil
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && err != io.EOF {
				out <- line{n: n, err: fmt.Errorf("read error: %v", err)}
				return
			}
			if tooLong {
				out <- line{n: n, err: fmt.Errorf("line longer than %d MiB skipped", maxLine>>20)}
			} else if len(bytes.TrimSpace(buf)) > 0 {
				out <- line{n: n, raw: buf}
			}
			if err == io.EOF {
				return
			}
			break
		}
	}
}

// jsonPost decodes one JSONL line into a post, strictly: the line must be
// one JSON object with valid UTF-8 and a string "text".
func jsonPost(raw []byte) (model.Post, string, error) {
	var p model.Post
	raw = bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))
	if !utf8.Valid(raw) {
		return p, salvageID(raw), fmt.Errorf("not valid UTF-8 at byte %d", firstInvalid(string(raw)))
	}
	if len(raw) == 0 || raw[0] != '{' {
		return p, "", errors.New("not a JSON object")
	}
	// one decoding pass: the wrapper's id and text shadow the post's, so a
	// numeric id and a missing text can be told apart
	var w struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
		model.Post
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) {
			return p, salvageID(raw), fmt.Errorf("malformed JSON: %v", err)
		}
		return p, salvageID(raw), fmt.Errorf("bad field: %v", err)
	}
	id := ""
	if len(w.ID) > 0 && string(w.ID) != "null" {
		var sid string
		if json.Unmarshal(w.ID, &sid) == nil {
			id = sid
		} else {
			id = strings.Trim(string(w.ID), `"`)
		}
	}
	p = w.Post
	p.ID = id
	if w.Text == nil {
		return p, id, errors.New(`missing "text"`)
	}
	p.Text = *w.Text
	return p, id, nil
}

var idField = regexp.MustCompile(`^\s*\{\s*"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?[0-9]{1,20}))`)

// salvageID reads the id of a line that does not parse, when the line
// starts with it, so the error line can still be matched to its input.
func salvageID(raw []byte) string {
	m := idField.FindSubmatch(raw)
	if m == nil {
		return ""
	}
	if len(m[2]) > 0 {
		return string(m[2])
	}
	var s string
	if json.Unmarshal([]byte(`"`+string(m[1])+`"`), &s) == nil && utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(string(m[1]), "\uFFFD")
}

// ordered runs work on every item with all cores and delivers results in
// input order; memory stays bounded by the number of items in flight.
func ordered[T, R any](in <-chan T, work func(T) R, emit func(R) error) error {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		item T
		res  chan R
	}
	jobs := make(chan job, workers*4)
	queue := make(chan chan R, workers*4)
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				j.res <- work(j.item)
			}
		}()
	}
	go func() {
		for it := range in {
			res := make(chan R, 1)
			queue <- res
			jobs <- job{it, res}
		}
		close(jobs)
		close(queue)
	}()
	var firstErr error
	for res := range queue {
		r := <-res
		if firstErr == nil {
			firstErr = emit(r)
		}
	}
	return firstErr
}
