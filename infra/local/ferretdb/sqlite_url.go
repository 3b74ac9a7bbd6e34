package main

import (
	"fmt"
	"net/url"
)

// sqliteURL is the SQLite handler's "file:" URI for a data directory (it must end with "/"), with
// the synchronous setting every database file of it is opened with. In WAL mode, full syncs the WAL
// at every commit; normal syncs it only at checkpoints: a commit survives a crash of the server (it
// is in the OS's page cache), and an OS crash or a power cut can lose the commits since the last
// checkpoint (ADR 0023).
func sqliteURL(dir, synchronous string) (string, error) {
	switch synchronous {
	case "full", "normal":
	default:
		return "", fmt.Errorf("-sqlite-synchronous must be full or normal, not %q", synchronous)
	}
	u := url.URL{Scheme: "file", Path: dir + "/"}
	u.RawQuery = url.Values{"_pragma": {"synchronous(" + synchronous + ")"}}.Encode()
	return u.String(), nil
}
