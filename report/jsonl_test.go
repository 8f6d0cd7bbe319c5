package report

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/scrubs-dev/scrubs/internal/frozen"
	"github.com/scrubs-dev/scrubs/model"
)

// stdJSON is what encoding/json writes for v in JSONL mode.
func stdJSON(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fill sets every field of v to a value that encoding/json writes (no
// zero values, so no omitempty field is left out), and fails on a field
// kind it does not know: a new field needs its line in jsonl.go.
func fill(t *testing.T, v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s<&>\"\\\n\t\x01\u2028é\xff" + string(rune('a'+n%26)))
	case reflect.Int:
		v.SetInt(int64(-3 + n))
	case reflect.Float64:
		v.SetFloat([]float64{0.25, 1e-7, 1e21, 123456789.5}[n%4])
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(t, v.Index(0), n)
		fill(t, v.Index(1), n+1)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(t, v.Field(i), n+i)
		}
	default:
		t.Fatalf("field of kind %s: teach jsonl.go (and this test) to write it", v.Kind())
	}
}

// jsonLine is an object that writes its own JSONL line.
type jsonLine interface{ appendJSON([]byte, *heads) []byte }

func TestJSONLEncodingMatches(t *testing.T) {
	var full checkObject
	fill(t, reflect.ValueOf(&full).Elem(), 0)
	var fullDeid deidObject
	fill(t, reflect.ValueOf(&fullDeid).Elem(), 5)
	h := new(heads)
	for _, o := range []jsonLine{&full, &checkObject{}, &checkObject{Findings: []model.Finding{{}}}, &fullDeid, &deidObject{}, &deidObject{Entities: []model.Entity{}}} {
		want := stdJSON(t, o)
		// without memory, then with it twice (the second time from it)
		for i, mem := range []*heads{nil, h, h} {
			if got := string(o.appendJSON(nil, mem)) + "\n"; got != want {
				t.Errorf("%T (pass %d) differs from encoding/json:\n got %s\nwant %s", o, i, got, want)
			}
		}
	}
}

// The memory of findings' heads answers only for strings equal to its
// copies: the same bytes in memory, rewritten, are written anew, and so is
// a head that differs from a remembered one in any of its strings.
func TestHeadsRewrittenMemory(t *testing.T) {
	var h heads
	check := func(f *model.Finding) {
		t.Helper()
		if got, want := string(h.append(nil, f)), string(appendHead(nil, f)); got != want {
			t.Fatalf("%+v: %s, want %s", f, got, want)
		}
	}
	buf := []byte("a message with \"quotes\" in it")
	names := "r.onec" // rule names in the same memory: the same slot
	f := model.Finding{Rule: names[:5], Category: "c", Severity: model.Warn, Message: unsafe.String(&buf[0], len(buf)), Fix: "fix it"}
	check(&f)
	check(&f) // from memory
	copy(buf, "another message\n, same length")
	check(&f)
	// the same bytes again, split differently between the fields
	check(&model.Finding{Rule: names[:4], Category: "ec", Severity: model.Warn, Message: f.Message, Fix: "fix it"})
	for _, g := range []model.Finding{
		{Rule: f.Rule, Category: f.Category, Severity: model.Block, Message: f.Message, Fix: f.Fix},
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Clause: "AMA-a", Message: f.Message, Fix: f.Fix},
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Message: f.Message},
		{Rule: f.Rule, Category: "c2", Severity: f.Severity, Message: f.Message, Fix: f.Fix},
		{},
		{Rule: f.Rule, Message: strings.Repeat("long \u2028", 1000)},
	} {
		check(&g)
		check(&g)
	}
	// many distinct heads share the slots: each is still written right
	for i := range 5000 {
		s := strings.Repeat(string(rune('a'+i%26)), 8+i%40) + "\u2028\""
		check(&model.Finding{Rule: s[:i%7], Category: "c", Severity: model.Info, Message: s, Fix: s[i%5:]})
	}
}

// A head whose strings are all frozen is known again by where they lie,
// without its bytes compared; the same places at other lengths, or any
// string not frozen, are not taken for it.
func TestHeadsFrozen(t *testing.T) {
	var h heads
	check := func(f *model.Finding) {
		t.Helper()
		if got, want := string(h.append(nil, f)), string(appendHead(nil, f)); got != want {
			t.Fatalf("%+v: %s, want %s", f, got, want)
		}
	}
	msg := frozen.Freeze("a frozen message, \"quoted\"")
	f := model.Finding{Rule: frozen.Freeze("r.frozen"), Category: frozen.Freeze("c"), Severity: model.Severity(frozen.Freeze("warn")), Message: msg, Fix: frozen.Freeze("fix it")}
	check(&f)
	e := &h.slots[headSlot(&f)]
	if !e.frozen || !sameMemory(&e.strs, &f) {
		t.Fatal("a head of frozen strings is not remembered by where they lie")
	}
	// it is taken from memory (here made a marker)
	enc := e.enc
	e.enc = []byte("marker")
	if got := string(h.append(nil, &f)); got != "marker" {
		t.Fatalf("frozen head not taken from memory: %s", got)
	}
	e.enc = enc
	for _, g := range []model.Finding{
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Message: msg[:len(msg)-1], Fix: f.Fix},
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Message: msg, Fix: f.Fix[:3]},
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Message: msg},
		{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Clause: "AMA-a", Message: msg, Fix: f.Fix},
		{Rule: strings.Clone(f.Rule), Category: f.Category, Severity: f.Severity, Message: strings.Clone(msg), Fix: f.Fix},
		f,
	} {
		check(&g)
		check(&g)
	}
	// a head with a string not frozen is compared byte by byte
	buf := []byte(msg)
	g := f
	g.Message = unsafe.String(&buf[0], len(buf))
	check(&g)
	if e := &h.slots[headSlot(&g)]; e.frozen {
		t.Fatal("a head with a string not frozen is taken for frozen")
	}
	copy(buf, "rewritten")
	check(&g)
}

func FuzzJSONLString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\n\r\t\b\f\x00\x1f\x7f", "<&>", "\u2028\u2029é😀", "\xff\xc3", "\xed\xa0\x80"} {
		f.Add(s, 0.5)
	}
	f.Add("", 1e-7)
	f.Add("", -1e21)
	f.Add("", 5e-324)
	f.Fuzz(func(t *testing.T, s string, x float64) {
		if got, want := string(appendString(nil, s))+"\n", stdJSON(t, s); got != want {
			t.Fatalf("string %q: got %s want %s", s, got, want)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		if got, want := string(appendFloat(nil, x))+"\n", stdJSON(t, x); got != want {
			t.Fatalf("float %v: got %s want %s", x, got, want)
		}
	})
}

// thousandthsAgree checks appendThousandths on x against strconv's shortest
// form, which appendFloat writes otherwise.
func thousandthsAgree(t testing.TB, x float64) {
	got, ok := appendThousandths(nil, x)
	if !ok {
		return
	}
	if want := strconv.FormatFloat(x, 'f', -1, 64); string(got) != want {
		t.Fatalf("%v (%b): got %s, want %s", x, x, got, want)
	}
}

// Every whole number of thousandths up to 1000, the largest ones below
// 1e9, and the doubles next to them, which are not such numbers.
func TestThousandths(t *testing.T) {
	hits := 0
	check := func(n uint64) {
		x := float64(n) / 1000
		for _, y := range []float64{x, math.Nextafter(x, 0), math.Nextafter(x, 2e9)} {
			thousandthsAgree(t, y)
		}
		if _, ok := appendThousandths(nil, x); ok {
			hits++
		}
		if _, ok := appendThousandths(nil, math.Nextafter(x, 2e9)); ok {
			t.Fatalf("%v: the double after %d/1000 taken for a number of thousandths", math.Nextafter(x, 2e9), n)
		}
	}
	for n := uint64(0); n <= 1_000_000; n++ {
		check(n)
	}
	for n := uint64(1e12 - 10_000); n < 1e12+10; n++ {
		check(n)
	}
	if want := 1_000_000 + 10_000; hits != want {
		t.Errorf("fast path taken %d times, want %d", hits, want)
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -0.5, -1e-7, 1e9, 1e21, math.NaN(), math.Inf(1), 5e-324} {
		if b, ok := appendThousandths(nil, x); ok {
			t.Errorf("%v taken by the fast path as %s", x, b)
		}
	}
}

// FuzzThousandths tries numbers of thousandths (n) and doubles a few steps
// away from them (ulps) against strconv, and the whole of appendFloat
// against encoding/json.
func FuzzThousandths(f *testing.F) {
	f.Add(uint64(900), int8(0))
	f.Add(uint64(1), int8(-1))
	f.Add(uint64(999_999_999_999), int8(1))
	f.Fuzz(func(t *testing.T, n uint64, ulps int8) {
		x := float64(n%2e12) / 1000
		for ; ulps > 0; ulps-- {
			x = math.Nextafter(x, math.Inf(1))
		}
		for ; ulps < 0; ulps++ {
			x = math.Nextafter(x, math.Inf(-1))
		}
		thousandthsAgree(t, x)
		if got, want := string(appendFloat(nil, x))+"\n", stdJSON(t, x); got != want {
			t.Fatalf("float %v: got %s want %s", x, got, want)
		}
	})
}
