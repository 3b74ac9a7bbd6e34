package main

import (
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB's SQLite backend uses
)

// setAsideEmptyDatabases moves database files that hold no table at all out of FerretDB's way.
// A database dropped while a query still ran on it can be left as such a file (seen after a
// bench's teardown), and FerretDB then refuses to start ("no such table: _ferretdb_collections")
// until someone moves it. A file without a single table holds no data, so nothing is lost; it is
// renamed, not deleted, with its -wal and -shm files.
func setAsideEmptyDatabases(logger *slog.Logger, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405")
	for _, file := range files {
		tables, err := countTables(file)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if tables > 0 {
			continue
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			from := file + suffix
			if _, err := os.Stat(from); err != nil {
				continue
			}
			if err := os.Rename(from, file+".empty-"+stamp+suffix); err != nil {
				return err
			}
		}
		logger.Warn("ferretdb: set aside a database file without any table", "file", file, "as", file+".empty-"+stamp)
	}
	return nil
}

// countTables opens the file as FerretDB would (its write-ahead log applied) and counts its tables.
func countTables(file string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&n)
	return n, err
}
