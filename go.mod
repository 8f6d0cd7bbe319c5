module github.com/scrubs-dev/scrubs

go 1.26.8

require (
	github.com/petar-dambovaliev/aho-corasick v0.0.0-20250424160509-463d218d4745
	golang.org/x/text v0.43.0
)
