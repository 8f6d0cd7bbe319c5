package bluesky

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A streaming CAR v1 reader: a varint-prefixed DAG-CBOR header
// ({roots, version}) followed by varint-prefixed blocks (CID then data).
// Blocks are read one at a time into a reused buffer, so memory stays at one
// block whatever the file's size.

const (
	maxHeader = 1 << 20
	// maxBlock bounds one block (a record or an MST node). The atproto
	// limits are far below (records are at most 1 MiB, posts a few KiB).
	maxBlock = 2 << 20

	codecDagCBOR = 0x71
	codecRaw     = 0x55
	hashSHA256   = 0x12
	hashIdentity = 0x00
)

var (
	errCARv2     = errors.New("CAR version 2 is not supported (expected a CAR v1 repository export)")
	errNotCAR    = errors.New("not a CAR file")
	errTruncCAR  = errors.New("file is truncated")
	errHugeBlock = errors.New("block larger than the limit")
)

type carReader struct {
	r     *bufio.Reader
	roots []link
	buf   []byte
	// blocks counts blocks read so far.
	blocks int
}

func newCARReader(r io.Reader) (*carReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	n, err := binary.ReadUvarint(br)
	if err != nil {
		if errors.Is(err, io.EOF) && n == 0 {
			return nil, errors.New("empty file")
		}
		return nil, errNotCAR
	}
	if n == 0 || n > maxHeader {
		return nil, errNotCAR
	}
	hb := make([]byte, n)
	if _, err := io.ReadFull(br, hb); err != nil {
		return nil, fmt.Errorf("%w (header)", errTruncCAR)
	}
	hv, err := decodeCBOR(hb)
	if err != nil {
		return nil, fmt.Errorf("%w: header: %v", errNotCAR, err)
	}
	h := mapOf(hv)
	if h == nil {
		return nil, errNotCAR
	}
	switch ver, _ := h["version"].(int64); ver {
	case 1:
	case 2:
		return nil, errCARv2
	default:
		return nil, fmt.Errorf("%w: version %v", errNotCAR, h["version"])
	}
	c := &carReader{r: br}
	roots, _ := h["roots"].([]any)
	for _, r := range roots {
		if l, ok := r.(link); ok {
			c.roots = append(c.roots, l)
		}
	}
	return c, nil
}

// next returns the next block's CID and data; data is only valid until the
// following call. It returns io.EOF at a clean end, errTruncCAR when the
// file stops inside a block and errHugeBlock (after skipping the block)
// when a block is over maxBlock.
func (c *carReader) next() (cid link, data []byte, err error) {
	n, err := binary.ReadUvarint(c.r)
	if err != nil {
		if err == io.EOF {
			return "", nil, io.EOF
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "", nil, errTruncCAR
		}
		return "", nil, fmt.Errorf("bad block length: %v", err)
	}
	if n == 0 {
		return "", nil, errors.New("zero-length block")
	}
	if n > maxBlock+128 {
		// Skip it without holding it; a length past the end is truncation.
		skipped, err := io.CopyN(io.Discard, c.r, int64(min(n, 1<<62)))
		if err != nil || uint64(skipped) != n {
			return "", nil, errTruncCAR
		}
		c.blocks++
		return "", nil, errHugeBlock
	}
	if cap(c.buf) < int(n) {
		c.buf = make([]byte, int(n))
	}
	b := c.buf[:n]
	if _, err := io.ReadFull(c.r, b); err != nil {
		return "", nil, errTruncCAR
	}
	c.blocks++
	cl, err := cidLen(b)
	if err != nil {
		return "", nil, errBadBlock{err}
	}
	return link(b[:cl]), b[cl:], nil
}

// errBadBlock is a block whose CID cannot be parsed or does not match its
// data; reading can go on with the next block.
type errBadBlock struct{ err error }

func (e errBadBlock) Error() string { return e.err.Error() }

func uvarint(b []byte) (uint64, int, error) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, 0, errors.New("bad varint in CID")
	}
	return v, n, nil
}

// cidLen parses a binary CID at the start of b and returns its length.
func cidLen(b []byte) (int, error) {
	if len(b) >= 34 && b[0] == 0x12 && b[1] == 0x20 {
		return 34, nil // CIDv0: a bare sha2-256 multihash
	}
	pos := 0
	for i := 0; i < 4; i++ { // version, codec, hash code, hash length
		v, n, err := uvarint(b[pos:])
		if err != nil {
			return 0, err
		}
		pos += n
		switch i {
		case 0:
			if v != 1 {
				return 0, fmt.Errorf("unsupported CID version %d", v)
			}
		case 3:
			if v > uint64(len(b)-pos) || v > 128 {
				return 0, errors.New("CID digest runs past the block")
			}
			return pos + int(v), nil
		}
	}
	return 0, errors.New("bad CID")
}

// cidInfo returns a CID's codec, hash code and digest.
func cidInfo(c link) (codec, hash uint64, digest []byte, err error) {
	b := []byte(c)
	if len(b) == 34 && b[0] == 0x12 && b[1] == 0x20 {
		return 0x70, hashSHA256, b[2:], nil
	}
	var vals [4]uint64
	pos := 0
	for i := range vals {
		v, n, err := uvarint(b[pos:])
		if err != nil {
			return 0, 0, nil, err
		}
		vals[i] = v
		pos += n
	}
	if vals[0] != 1 || uint64(len(b)-pos) != vals[3] {
		return 0, 0, nil, errors.New("bad CID")
	}
	return vals[1], vals[2], b[pos:], nil
}

// verify checks a block's data against its CID's digest. ok is false when
// the hash function is one this reader does not know (then not checked).
func verify(c link, data []byte) (known bool, err error) {
	_, hash, digest, err := cidInfo(c)
	if err != nil {
		return true, err
	}
	switch hash {
	case hashSHA256:
		sum := sha256.Sum256(data)
		if !bytes.Equal(sum[:], digest) {
			return true, errors.New("block data does not match its CID")
		}
		return true, nil
	case hashIdentity:
		if !bytes.Equal(data, digest) {
			return true, errors.New("block data does not match its CID")
		}
		return true, nil
	}
	return false, nil
}

var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// String renders a CIDv1 as the usual base32 multibase text ("bafy...");
// CIDv0 and malformed links give "".
func (c link) String() string {
	if len(c) < 2 || c[0] != 1 {
		return ""
	}
	return "b" + b32.EncodeToString([]byte(c))
}
