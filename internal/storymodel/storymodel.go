// Package storymodel scores how much a post reads like the story of one
// particular patient: a logistic regression over the words and word pairs
// of the post's text and photo descriptions. The rule packs find patient
// identifiers and the phrases around them; a writer whose wording no list
// knows ("Helped a retired Qantas captain button his shirt today after
// his stroke") still tells a story the model has seen the shape of. It is
// one signal: the judge uses it only for posts the rules did not flag,
// above a high threshold, as a warning.
//
// The weights are data (data/story.bin), trained by tools/train/story on
// the project's labelled posts (the shared dev posts and the tuning sets of
// eval/fresh; never the held-out sets) and embedded in the binary. Features
// are hashed into 2^Bits slots: a post's features cost a hash and an array
// read each, no map and no allocation.
package storymodel

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"math"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/text"
)

// Bits is the log2 of the number of weight slots.
const Bits = 17

const slots = 1 << Bits

//go:embed data/story.bin
var embedded []byte

// Model is a trained model: a bias and one weight per slot.
type Model struct {
	Bias float32
	W    []float32 // len 1<<Bits
}

// Weights is a model as the file holds it, read in place: the bias, and
// the 16-bit weights times their scale. Decoding the file into a Model
// cost more than a thousand short posts' scores.
type Weights struct {
	bias, scale float32
	raw         string // 2 bytes a slot, little-endian
}

var (
	once   sync.Once
	loaded *Weights
)

// Default returns the embedded model (nil if its data is missing or
// corrupt, which the build's tests rule out).
func Default() *Weights {
	once.Do(func() {
		if check(embedded) == nil {
			bias, scale := header(embedded)
			loaded = &Weights{bias: bias, scale: scale, raw: string(embedded[12:])}
		}
	})
	return loaded
}

// W returns the weight of slot i.
func (w *Weights) W(i uint32) float32 { return float32(w.at(i)) * w.scale }

// ScoreDocs is Score of the features of docs (Features of each), summed
// as they are found rather than made first: most posts only need the
// score.
func (w *Weights) ScoreDocs(docs ...*text.Doc) float64 {
	var sum int64
	for _, d := range docs {
		var prev uint64
		havePrev := false
		add := func(h uint64) {
			sum += w.at(unigram(h))
			if havePrev {
				sum += w.at(pair(prev, h))
			}
			prev, havePrev = h, true
		}
		for i := range d.Tokens {
			if h, cap, ok := tokenHash(&d.Tokens[i]); ok {
				add(h)
				if cap {
					add(hCap)
				}
			}
		}
	}
	return sigmoid(float64(w.bias) + float64(sum)*float64(w.scale))
}

// at is the raw 16-bit weight of slot i.
func (w *Weights) at(i uint32) int64 {
	return int64(int16(uint16(w.raw[2*i]) | uint16(w.raw[2*i+1])<<8))
}

// Score returns the probability that features fs are those of a story
// about one patient.
func (w *Weights) Score(fs []Feature) float64 {
	var sum int64
	for _, f := range fs {
		sum += w.at(f.Slot)
	}
	return sigmoid(float64(w.bias) + float64(sum)*float64(w.scale))
}

// The file: "STM1", the bias as a float32, a float32 scale, then 1<<Bits
// int16 weights (weight = int16 * scale), all little-endian.
const magic = "STM1"

// Encode writes m in the file format, its weights quantised to 16 bits.
func Encode(m *Model) []byte {
	maxAbs := float32(0)
	for _, w := range m.W {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	b := make([]byte, 0, 12+2*len(m.W))
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.Bias))
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	for _, w := range m.W {
		b = binary.LittleEndian.AppendUint16(b, uint16(int16(math.Round(float64(w/scale)))))
	}
	return b
}

// Decode reads a model written by Encode.
func Decode(b []byte) (*Model, error) {
	if err := check(b); err != nil {
		return nil, err
	}
	bias, scale := header(b)
	m := &Model{Bias: bias, W: make([]float32, slots)}
	for i := range m.W {
		m.W[i] = float32(int16(binary.LittleEndian.Uint16(b[12+2*i:]))) * scale
	}
	return m, nil
}

// header reads the bias and the scale of a file that check accepted.
func header(b []byte) (bias, scale float32) {
	return math.Float32frombits(binary.LittleEndian.Uint32(b[4:])), math.Float32frombits(binary.LittleEndian.Uint32(b[8:]))
}

func check(b []byte) error {
	if len(b) != 12+2*slots || string(b[:4]) != magic {
		return errors.New("storymodel: not a model file of this version")
	}
	return nil
}

// Feature is one feature of a post: its slot and the tokens it covers
// (of the doc it came from).
type Feature struct {
	Slot        uint32
	First, Last int
}

// Features appends the features of d to out: each word (folded), a
// "<handle>", "<num>" or "<time>" for a mention, a number or a time, a
// "<cap>" after a capitalised word inside a sentence, and each adjacent
// pair of those.
func Features(d *text.Doc, out []Feature) []Feature {
	var prev uint64
	prevTok := -1
	add := func(h uint64, i int) {
		out = append(out, Feature{Slot: unigram(h), First: i, Last: i})
		if prevTok >= 0 {
			out = append(out, Feature{Slot: pair(prev, h), First: prevTok, Last: i})
		}
		prev, prevTok = h, i
	}
	for i := range d.Tokens {
		if h, cap, ok := tokenHash(&d.Tokens[i]); ok {
			add(h, i)
			if cap {
				add(hCap, i)
			}
		}
	}
	return out
}

// tokenHash is the feature hash of a token (ok false for no word), and
// whether a "<cap>" follows it.
func tokenHash(t *text.Token) (h uint64, cap, ok bool) {
	if t.Kind != text.Word {
		return 0, false, false
	}
	switch {
	case t.Flags&text.InMention != 0:
		return hHandle, false, true
	case t.Flags&text.AllDigit != 0:
		return hNum, false, true
	case t.Flags&text.HasDigit != 0 && isTime(t.Lower):
		return hTime, false, true
	}
	return hash(t.Lower), t.Flags&text.Upper != 0 && t.Flags&text.SentStart == 0 && t.Flags&text.AllUpper == 0, true
}

// unigram and pair are the slots of a feature and of a feature after prev.
func unigram(h uint64) uint32 { return uint32(mix(h) & (slots - 1)) }

func pair(prev, h uint64) uint32 {
	return uint32(mix(prev*0x100000001b3^h^0x9e3779b97f4a7c15) & (slots - 1))
}

var (
	hHandle = hash("<handle>")
	hNum    = hash("<num>")
	hTime   = hash("<time>")
	hCap    = hash("<cap>")
)

// isTime: "3am", "11pm", "7:30pm".
func isTime(w string) bool {
	n := len(w)
	return n >= 3 && (w[n-2:] == "am" || w[n-2:] == "pm") && w[0] >= '0' && w[0] <= '9'
}

// hash is FNV-1a.
func hash(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// mix spreads the bits of h (a finaliser of SplitMix64).
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// Score returns the probability that features fs are those of a story
// about one patient.
func (m *Model) Score(fs []Feature) float64 {
	z := float64(m.Bias)
	for _, f := range fs {
		z += float64(m.W[f.Slot])
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 {
	z = max(-30, min(30, z))
	return 1 / (1 + math.Exp(-z))
}

// Train fits a model to examples (features, label) by stochastic
// gradient descent on the logistic loss with L2 decay, visiting the
// examples in the order order(epoch) gives. It is deterministic for a
// deterministic order.
func Train(xs [][]Feature, ys []bool, epochs int, rate, decay float64, order func(epoch int) []int) *Model {
	w := make([]float64, slots)
	b := 0.0
	for e := 0; e < epochs; e++ {
		for _, i := range order(e) {
			z := b
			for _, f := range xs[i] {
				z += w[f.Slot]
			}
			y := 0.0
			if ys[i] {
				y = 1
			}
			g := sigmoid(z) - y
			b -= rate * g
			for _, f := range xs[i] {
				w[f.Slot] -= rate * (g + decay*w[f.Slot])
			}
		}
	}
	m := &Model{Bias: float32(b), W: make([]float32, slots)}
	for i, v := range w {
		m.W[i] = float32(v)
	}
	return m
}
