// Package csvrows streams the rows of an export's CSV files (Reddit,
// LinkedIn) tolerantly: columns found by name, loose quoting, bounded
// records, problems reported and the rest of the file still read.
package csvrows

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// MaxRecord bounds the bytes one CSV record may take (a stray quote can make
// the rest of a file one field).
const MaxRecord = 16 << 20

var errRecord = fmt.Errorf("a record of more than %d MiB (an unclosed quote?)", MaxRecord>>20)

// capReader fails when the csv.Reader has taken more than MaxRecord bytes
// past the end of its last record.
type capReader struct {
	r    io.Reader
	n    int64
	last func() int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.last != nil && c.n-c.last() > MaxRecord {
		return 0, errRecord
	}
	if len(p) > 1<<20 {
		p = p[:1<<20]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// row is one CSV record, read by column name.
type Row struct {
	cols map[string]int
	rec  []string
	Line int
}

// Get returns the first non-empty value among the named columns (names are
// matched lower-cased, ignoring spaces and underscores).
func (r Row) Get(names ...string) string {
	for _, n := range names {
		if i, ok := r.cols[norm(n)]; ok && i < len(r.rec) {
			if v := strings.TrimSpace(r.rec[i]); v != "" {
				return v
			}
		}
	}
	return ""
}

func norm(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "_", "")
	return strings.ReplaceAll(s, " ", "")
}

// Each streams a CSV file row by row. The header is the first record
// that holds one of the want columns (notes lines before it are skipped).
// Problems go to warn; it returns only ctx's and fn's errors.
func Each(ctx context.Context, fsys fs.FS, name string, want []string, warn func(string), fn func(Row) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		warn("cannot open: " + err.Error())
		return nil
	}
	defer f.Close()
	cr := &capReader{r: f}
	r := csv.NewReader(cr)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	cr.last = r.InputOffset
	var cols map[string]int
	bad := 0
	for n := 0; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(err, errRecord) {
				bad++
				if bad <= 20 {
					warn(fmt.Sprintf("line %d skipped: %v", pe.StartLine, pe.Err))
				}
				if bad > 10000 {
					warn("too many malformed lines: the rest of the file is skipped")
					return nil
				}
				continue
			}
			warn("stopped reading: " + err.Error())
			return nil
		}
		if cols == nil {
			m := map[string]int{}
			found := false
			for i, c := range rec {
				k := norm(c)
				if _, dup := m[k]; !dup {
					m[k] = i
				}
				for _, w := range want {
					if k == norm(w) {
						found = true
					}
				}
			}
			if found {
				cols = m
			} else if n >= 20 {
				warn("no header row with the expected columns (" + strings.Join(want, ", ") + ")")
				return nil
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if err := fn(Row{cols: cols, rec: rec, Line: line}); err != nil {
			return err
		}
	}
	if cols == nil {
		warn("empty: no header row")
	}
	return nil
}
