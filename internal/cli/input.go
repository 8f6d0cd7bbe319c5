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
	"sync"
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

// lineReader splits JSONL input into lines; over-long lines come back
// with an error and the reader skips to the next newline.
type lineReader struct {
	br   *bufio.Reader
	n    int
	buf  []byte // a line that spans buffer refills is put together here
	done bool
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 1<<20)}
}

// next returns the next non-blank line, or false at the end of the input
// (after a read error, which comes back as a line). The line's bytes are
// only valid until the following call: most lines are handed out straight
// from the read buffer, without a copy.
func (lr *lineReader) next() (line, bool) {
	for !lr.done {
		lr.n++
		var buf []byte
		tooLong := false
		for {
			chunk, err := lr.br.ReadSlice('\n')
			if !tooLong {
				switch {
				case len(buf)+len(chunk) > maxLine:
					tooLong, buf = true, nil
				case err == bufio.ErrBufferFull || len(buf) > 0:
					// The line goes on past the read buffer, whose bytes
					// the next read overwrites: put it together in lr.buf.
					if len(buf) == 0 {
						lr.buf = lr.buf[:0]
					}
					lr.buf = append(lr.buf, chunk...)
					buf = lr.buf
				default:
					buf = chunk
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && err != io.EOF {
				lr.done = true
				return line{n: lr.n, err: fmt.Errorf("read error: %v", err)}, true
			}
			lr.done = err == io.EOF
			if tooLong {
				return line{n: lr.n, err: fmt.Errorf("line longer than %d MiB skipped", maxLine>>20)}, true
			}
			if len(bytes.TrimSpace(buf)) > 0 {
				return line{n: lr.n, raw: buf}, true
			}
			break
		}
	}
	return line{}, false
}

// dry reports whether the next line has to wait for a read: results
// held back in a buffer should go out now (input may come from a pipe).
func (lr *lineReader) dry() bool { return lr.br.Buffered() == 0 }

// jsonPost decodes one JSONL line into p, a zero post, strictly: the line
// must be one JSON object with valid UTF-8 and a string "text". It returns
// the post's id, which an error message can still name when the line
// starts with it; after an error p holds nothing of use.
func jsonPost(raw []byte, p *model.Post) (string, error) {
	raw = bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))
	// a line the fast path decodes is valid UTF-8 (it checks the strings,
	// where alone other bytes than ASCII can be): no pass over it first
	if fastPost(raw, p) {
		return p.ID, nil
	}
	if !utf8.Valid(raw) {
		return salvageID(raw), fmt.Errorf("not valid UTF-8 at byte %d", firstInvalid(string(raw)))
	}
	if len(raw) == 0 || raw[0] != '{' {
		return "", errors.New("not a JSON object")
	}
	var id string
	var err error
	*p, id, err = slowPost(raw)
	return id, err
}

// slowPost decodes a post with encoding/json: every line fastPost leaves,
// and so every error message about a line's JSON.
func slowPost(raw []byte) (model.Post, string, error) {
	var p model.Post
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

// idField is compiled on first use: only a line that does not parse needs
// it, and its bounded repetition makes a program that costs about 10 ms to
// compile, at every start otherwise.
var idField = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*\{\s*"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?[0-9]{1,20}))`)
})

// salvageID reads the id of a line that does not parse, when the line
// starts with it, so the error line can still be matched to its input.
func salvageID(raw []byte) string {
	m := idField().FindSubmatch(raw)
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

// batchLines and batchBytes bound a batch of lines handed to a worker:
// big enough that the hand-over between goroutines costs little per line,
// small enough to keep memory bounded and every core busy.
const (
	batchLines = 128
	batchBytes = 1 << 20
)

// eachLine runs work on every JSONL line of r and gives the results to
// emit in input order, by address (a result is large: a post and its
// report), valid only during the call. flush is called whenever the input
// has nothing more buffered, so that no result waits in an output buffer
// for input that may be slow to come, and at the end. work must not keep
// l.raw. After an emit error, the rest is still read and worked on, but no
// longer emitted; that first error is returned.
func eachLine[R any](r io.Reader, work func(l line) R, emit func(*R) error, flush func() error) error {
	lr := newLineReader(r)
	var firstErr error
	give := func(res *R) {
		if firstErr == nil {
			firstErr = emit(res)
		}
	}
	dry := func() {
		if firstErr == nil {
			firstErr = flush()
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers == 1 {
		// One core: handing lines to another goroutine would only add a
		// context switch per batch, so the work is done here, straight
		// from the read buffer.
		var res R // every line's, in turn
		for {
			l, ok := lr.next()
			if !ok {
				break
			}
			res = work(l)
			give(&res)
			if lr.dry() {
				dry()
			}
		}
		dry()
		return firstErr
	}
	type batch struct {
		lines []line
		dry   bool
		res   chan []R
	}
	// Batches go to the workers through jobs and, in input order, to the
	// emitting loop below through queue, whose capacity bounds how many
	// are in flight.
	jobs := make(chan *batch, workers)
	queue := make(chan *batch, workers*2)
	for i := 0; i < workers; i++ {
		go func() {
			for b := range jobs {
				res := make([]R, len(b.lines))
				for i, l := range b.lines {
					res[i] = work(l)
				}
				b.res <- res
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(queue)
		for {
			b := &batch{res: make(chan []R, 1)}
			var data []byte // one copy of the batch's lines
			for len(b.lines) < batchLines && len(data) < batchBytes {
				l, ok := lr.next()
				if !ok {
					break
				}
				if l.raw != nil {
					// Lines outgrown by a reallocation of data keep
					// pointing into the old array, which stays as it was.
					start := len(data)
					data = append(data, l.raw...)
					l.raw = data[start:len(data):len(data)]
				}
				b.lines = append(b.lines, l)
				if b.dry = lr.dry(); b.dry {
					break
				}
			}
			if len(b.lines) == 0 {
				return
			}
			queue <- b
			jobs <- b
		}
	}()
	for b := range queue {
		res := <-b.res
		for i := range res {
			give(&res[i])
		}
		if b.dry {
			dry()
		}
	}
	dry()
	return firstErr
}

// bufferedOutput buffers standard output for a JSONL run, where one write
// a line would cost a system call a line. Messages to standard error go
// through stderr, which first flushes what standard output holds, so that
// the two streams interleave as before when they share a file.
func bufferedOutput(stdout, stderr io.Writer) (*bufio.Writer, io.Writer) {
	bw := bufio.NewWriterSize(stdout, 64<<10)
	return bw, flushFirst{stderr, bw}
}

type flushFirst struct {
	w      io.Writer
	before *bufio.Writer
}

// Write flushes before; its error stays in it and is returned by the
// run's final Flush.
func (f flushFirst) Write(p []byte) (int, error) {
	f.before.Flush()
	return f.w.Write(p)
}
