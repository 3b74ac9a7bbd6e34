package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// walSyncer flushes the SQLite write-ahead logs of a data directory to disk every interval, the way
// MongoDB flushes its journal every 100 ms: with synchronous=normal a commit is acknowledged once it
// is in the OS's page cache, and this bounds what an OS crash or a power cut can take to the last
// interval's commits (ADR 0023). Each pass syncs only the logs written since the previous pass.
type walSyncer struct {
	dir    string
	logger *slog.Logger
	// sync makes a file's written data durable (fsync); a test counts the calls.
	sync func(path string) error
	// Per log, when its last sync started. A write after that start has an mtime at most a clock
	// tick older (the kernel stamps files with a coarse clock), so the margin below catches it.
	syncedAt map[string]time.Time
}

// mtimeMargin covers the kernel's coarse file timestamps (a few ms) with room to spare.
const mtimeMargin = 50 * time.Millisecond

func newWALSyncer(logger *slog.Logger, dir string) *walSyncer {
	return &walSyncer{dir: dir, logger: logger, sync: fsyncFile, syncedAt: map[string]time.Time{}}
}

func fsyncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// pass syncs every "*.sqlite-wal" file written since its previous sync; it returns how many it synced.
func (s *walSyncer) pass() int {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		s.logger.Warn("ferretdb: wal sync: reading the data directory", "error", err)
		return 0
	}
	seen := make(map[string]bool, len(entries))
	synced := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sqlite-wal") {
			continue
		}
		seen[name] = true
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if last, ok := s.syncedAt[name]; ok && info.ModTime().Before(last.Add(-mtimeMargin)) {
			continue
		}
		started := time.Now()
		if err := s.sync(filepath.Join(s.dir, name)); err != nil {
			if !os.IsNotExist(err) {
				s.logger.Warn("ferretdb: wal sync", "file", name, "error", err)
			}
			continue
		}
		s.syncedAt[name] = started
		synced++
	}
	for name := range s.syncedAt {
		if !seen[name] {
			delete(s.syncedAt, name)
		}
	}
	return synced
}

// run passes every interval until ctx ends, then once more (what the last commits wrote).
func (s *walSyncer) run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.pass()
			return
		case <-t.C:
			s.pass()
		}
	}
}
