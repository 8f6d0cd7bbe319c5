package places

import (
	"encoding/binary"
	"testing"
)

// TestLoadCopiesNothing: reading the tables on first use stays near-free
// (`scrubs check` on one post pays for it): the image is viewed in place,
// where building the tables at start-up allocated 15 MB in 2,000 pieces.
// Allocations are counted, not timed, so the test is exact on any machine.
func TestLoadCopiesNothing(t *testing.T) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		t.Skip("big-endian machines decode a copy")
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := open(image); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("%.0f allocations", allocs)
	if allocs > 4 {
		t.Errorf("opening the places image made %.0f allocations; it should only view the embedded bytes", allocs)
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
