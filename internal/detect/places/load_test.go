package places

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLoadTime: building the tables on first use stays cheap; `scrubs
// check` on one post pays for it.
func TestLoadTime(t *testing.T) {
	c0, w0 := cpuTime(), time.Now()
	tb := load()
	cpu, wall := cpuTime()-c0, time.Since(w0)
	t.Logf("load: %v CPU, %v wall; %d one-word names, %d multi-word", cpu, wall, tb.words, tb.multi)
	if testing.Short() || raceEnabled {
		return
	}
	// generous: the goal is 60 ms on an idle core; shared CI machines vary
	if cpu > 250*time.Millisecond {
		t.Errorf("load took %v CPU", cpu)
	}
}

func BenchmarkBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		build()
	}
}
