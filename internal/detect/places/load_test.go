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

// TestLoadTime: reading the tables on first use stays near-free; `scrubs
// check` on one post pays for it. Run alone (-run TestLoadTime -count=1 -v)
// to see the cost in a fresh process.
func TestLoadTime(t *testing.T) {
	c0, w0 := cpuTime(), time.Now()
	tb := load()
	cpu, wall := cpuTime()-c0, time.Since(w0)
	t.Logf("load: %v CPU, %v wall; %d one-word names, %d multi-word, %d slots", cpu, wall, tb.words, tb.multi, len(tb.slots))
	if testing.Short() || raceEnabled {
		return
	}
	// generous: it is a header check and two slice headers (the building
	// happens at generate time); shared CI machines vary
	if cpu > 20*time.Millisecond {
		t.Errorf("load took %v CPU", cpu)
	}
}

func BenchmarkBuildImage(b *testing.B) {
	gaz, zips := imageInputs(b)
	for i := 0; i < b.N; i++ {
		if _, err := BuildImage(gaz, zips); err != nil {
			b.Fatal(err)
		}
	}
}
