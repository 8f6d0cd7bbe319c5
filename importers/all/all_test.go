package all

import (
	"strings"
	"testing"

	"github.com/scrubs-dev/scrubs/importers"
)

func TestEveryPlatformRegistered(t *testing.T) {
	var got []string
	for _, im := range importers.All() {
		got = append(got, im.Platform())
	}
	want := "bluesky facebook instagram linkedin mastodon reddit threads tiktok x"
	if strings.Join(got, " ") != want {
		t.Errorf("registered %v, want %s", got, want)
	}
}
