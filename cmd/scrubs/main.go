// Command scrubs checks clinicians' social-media posts and de-identifies
// clinical text. See `scrubs --help`.
package main

import (
	"os"

	"github.com/scrubs-dev/scrubs/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
