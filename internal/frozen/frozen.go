// Package frozen keeps strings in memory that is never written again and
// never freed, and tells whether a string lies in such memory. Two
// strings there with the same data pointer and length hold the same
// bytes, for the life of the program: a check of two words, where
// comparing the bytes (as must be done for a string that may view a
// buffer written over later, as unsafe.String's do) reads all of them.
//
// The rule set freezes the strings its findings repeat (a rule's name,
// category, severity, clause, message and fix), and the JSONL writer
// trusts its memory of their escaped form on that check alone.
package frozen

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// chunk is the size of the blocks that strings are frozen into (longer
// strings get a block of their own).
const chunk = 64 << 10

var (
	mu sync.Mutex
	// byText finds the frozen copy of a text: freezing the same text again
	// (a rule set loaded again) takes no more memory.
	byText = map[string]string{}
	// room is the unused end of the last block: only Freeze writes it,
	// under mu, before any string views the bytes it writes; a block's
	// bytes before its room are never written again.
	room []byte
	// blocks are the memory ranges of every block, published as a new
	// slice on each new block, for Is to read without the lock. The
	// blocks stay reachable through byText, so are never freed.
	blocks atomic.Pointer[[]span]
)

type span struct{ lo, hi uintptr }

// Freeze returns a string equal to s that lies in frozen memory (s itself
// if it does already).
func Freeze(s string) string {
	if s == "" || Is(s) {
		return s
	}
	mu.Lock()
	defer mu.Unlock()
	if f, ok := byText[s]; ok {
		return f
	}
	if cap(room)-len(room) < len(s) {
		room = make([]byte, 0, max(len(s), chunk))
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(room)))
		var all []span
		if old := blocks.Load(); old != nil {
			all = append(all, *old...)
		}
		all = append(all, span{lo, lo + uintptr(cap(room))})
		blocks.Store(&all)
	}
	at := len(room)
	room = append(room, s...)
	f := unsafe.String(&room[at], len(s))
	room = room[len(room):]
	byText[f] = f
	return f
}

// Is reports whether s lies in frozen memory (made by Freeze). The empty
// string does, as it has no bytes to be written.
func Is(s string) bool {
	if s == "" {
		return true
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if bs := blocks.Load(); bs != nil {
		for _, b := range *bs {
			if b.lo <= p && p < b.hi && uintptr(len(s)) <= b.hi-p {
				return true
			}
		}
	}
	return false
}
