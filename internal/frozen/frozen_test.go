package frozen

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestFreeze(t *testing.T) {
	buf := []byte("a string in a buffer")
	s := unsafe.String(&buf[0], len(buf))
	if Is(s) || Is("a literal") || Is(strings.Repeat("x", 10)) {
		t.Fatal("memory that Freeze did not make is taken for frozen")
	}
	f := Freeze(s)
	if f != s || !Is(f) || Is(s) {
		t.Fatalf("Freeze(%q) = %q, Is %v", s, f, Is(f))
	}
	if g := Freeze(f); unsafe.StringData(g) != unsafe.StringData(f) {
		t.Error("a frozen string is copied again")
	}
	if g := Freeze(strings.Clone(s)); unsafe.StringData(g) != unsafe.StringData(f) {
		t.Error("the same text is frozen twice")
	}
	copy(buf, "written over, at last")
	if f != "a string in a buffer" || !Is(f[2:8]) || !Is("") {
		t.Fatalf("frozen copy changed: %q", f)
	}
	// long strings, many blocks, from many goroutines; the memory is kept
	var wg sync.WaitGroup
	got := make([]string, 64)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = Freeze(strings.Repeat(string(rune('a'+i%26)), 1000*i+1))
		}()
	}
	wg.Wait()
	runtime.GC()
	for i, g := range got {
		if g != strings.Repeat(string(rune('a'+i%26)), 1000*i+1) || !Is(g) {
			t.Fatalf("string %d frozen wrong", i)
		}
	}
}
