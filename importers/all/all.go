// Package all registers every platform importer; import it for its side
// effect where exports are read (the audit command).
package all

import (
	_ "github.com/scrubs-dev/scrubs/importers/bluesky"
	_ "github.com/scrubs-dev/scrubs/importers/facebook"
	_ "github.com/scrubs-dev/scrubs/importers/instagram"
	_ "github.com/scrubs-dev/scrubs/importers/linkedin"
	_ "github.com/scrubs-dev/scrubs/importers/mastodon"
	_ "github.com/scrubs-dev/scrubs/importers/reddit"
	_ "github.com/scrubs-dev/scrubs/importers/threads"
	_ "github.com/scrubs-dev/scrubs/importers/tiktok"
	_ "github.com/scrubs-dev/scrubs/importers/x"
)
