package bluesky

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A small, bounded DAG-CBOR decoder: just what a repository CAR needs
// (maps with string keys, arrays, text and byte strings, integers, simple
// values, floats and tag 42 links). Every length is checked against the
// bytes that remain, nesting is limited, and indefinite lengths (forbidden
// in DAG-CBOR) are refused, so hostile input costs at most a few times its
// own size.

// link is a tag-42 CID link: the raw binary CID (without the 0x00 prefix).
type link string

const maxDepth = 48

var (
	errTruncated = errors.New("cbor: truncated")
	errDepth     = errors.New("cbor: nesting too deep")
)

type cborDecoder struct {
	b   []byte
	pos int
}

// decodeCBOR decodes exactly one DAG-CBOR value filling all of b.
func decodeCBOR(b []byte) (any, error) {
	d := cborDecoder{b: b}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	if d.pos != len(b) {
		return nil, fmt.Errorf("cbor: %d trailing bytes", len(b)-d.pos)
	}
	return v, nil
}

func (d *cborDecoder) remaining() int { return len(d.b) - d.pos }

// head reads an item head: major type, additional info and its argument.
func (d *cborDecoder) head() (major byte, info byte, arg uint64, err error) {
	if d.pos >= len(d.b) {
		return 0, 0, 0, errTruncated
	}
	c := d.b[d.pos]
	d.pos++
	major, info = c>>5, c&0x1f
	switch {
	case info < 24:
		return major, info, uint64(info), nil
	case info == 24:
		if d.remaining() < 1 {
			return 0, 0, 0, errTruncated
		}
		arg = uint64(d.b[d.pos])
		d.pos++
	case info == 25:
		if d.remaining() < 2 {
			return 0, 0, 0, errTruncated
		}
		arg = uint64(binary.BigEndian.Uint16(d.b[d.pos:]))
		d.pos += 2
	case info == 26:
		if d.remaining() < 4 {
			return 0, 0, 0, errTruncated
		}
		arg = uint64(binary.BigEndian.Uint32(d.b[d.pos:]))
		d.pos += 4
	case info == 27:
		if d.remaining() < 8 {
			return 0, 0, 0, errTruncated
		}
		arg = binary.BigEndian.Uint64(d.b[d.pos:])
		d.pos += 8
	default:
		return 0, 0, 0, fmt.Errorf("cbor: unsupported additional info %d (indefinite length?)", info)
	}
	return major, info, arg, nil
}

// take returns the next n bytes (aliasing the input).
func (d *cborDecoder) take(arg uint64) ([]byte, error) {
	if arg > uint64(d.remaining()) {
		return nil, errTruncated
	}
	n := int(arg)
	s := d.b[d.pos : d.pos+n]
	d.pos += n
	return s, nil
}

func (d *cborDecoder) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, errDepth
	}
	major, info, arg, err := d.head()
	if err != nil {
		return nil, err
	}
	switch major {
	case 0:
		if arg > math.MaxInt64 {
			return nil, errors.New("cbor: integer out of range")
		}
		return int64(arg), nil
	case 1:
		if arg > math.MaxInt64 {
			return nil, errors.New("cbor: integer out of range")
		}
		return -1 - int64(arg), nil
	case 2:
		s, err := d.take(arg)
		if err != nil {
			return nil, err
		}
		return append([]byte(nil), s...), nil
	case 3:
		s, err := d.take(arg)
		if err != nil {
			return nil, err
		}
		return string(s), nil
	case 4:
		// Every element takes at least one byte.
		if arg > uint64(d.remaining()) {
			return nil, errTruncated
		}
		out := make([]any, 0, int(arg))
		for i := uint64(0); i < arg; i++ {
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case 5:
		// Every entry takes at least two bytes.
		if arg > uint64(d.remaining()/2) {
			return nil, errTruncated
		}
		out := make(map[string]any, int(arg))
		for i := uint64(0); i < arg; i++ {
			km, _, kn, err := d.head()
			if err != nil {
				return nil, err
			}
			if km != 3 {
				return nil, errors.New("cbor: map key is not a string")
			}
			ks, err := d.take(kn)
			if err != nil {
				return nil, err
			}
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			out[string(ks)] = v
		}
		return out, nil
	case 6:
		if arg != 42 {
			return nil, fmt.Errorf("cbor: unsupported tag %d", arg)
		}
		bm, _, bn, err := d.head()
		if err != nil {
			return nil, err
		}
		if bm != 2 {
			return nil, errors.New("cbor: tag 42 on a non-byte-string")
		}
		s, err := d.take(bn)
		if err != nil {
			return nil, err
		}
		if len(s) < 2 || s[0] != 0 {
			return nil, errors.New("cbor: malformed CID link")
		}
		return link(s[1:]), nil
	case 7:
		switch info {
		case 20:
			return false, nil
		case 21:
			return true, nil
		case 22, 23:
			return nil, nil
		case 25:
			return float64(halfToFloat(uint16(arg))), nil
		case 26:
			return float64(math.Float32frombits(uint32(arg))), nil
		case 27:
			return math.Float64frombits(arg), nil
		}
		return nil, fmt.Errorf("cbor: unsupported simple value %d", arg)
	}
	return nil, fmt.Errorf("cbor: unknown major type %d", major)
}

func halfToFloat(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h & 0x3ff)
	switch exp {
	case 0:
		f := float32(frac) / 1024 * float32(math.Pow(2, -14))
		if sign != 0 {
			return -f
		}
		return f
	case 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | frac<<13)
	}
	return math.Float32frombits(sign | (exp+112)<<23 | frac<<13)
}

// Small typed accessors over decoded maps; each returns the zero value
// when the field is absent or of another type.

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func str(m map[string]any, k string) (string, bool) {
	s, ok := m[k].(string)
	return s, ok
}

func linkOf(m map[string]any, k string) (link, bool) {
	l, ok := m[k].(link)
	return l, ok
}
