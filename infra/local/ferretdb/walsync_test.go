package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"
)

// countingSyncer is a walSyncer whose syncs are recorded instead of flushed.
func countingSyncer(dir string) (*walSyncer, *[]string) {
	s := newWALSyncer(quiet, dir)
	var synced []string
	s.sync = func(path string) error {
		synced = append(synced, filepath.Base(path))
		return nil
	}
	return s, &synced
}

func writeFile(t *testing.T, path string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte("frames"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestSyncsEveryWriteAheadLogWrittenSinceItsLastSyncAndNothingElse(t *testing.T) {
	dir := t.TempDir()
	hourAgo := time.Now().Add(-time.Hour)
	writeFile(t, filepath.Join(dir, "intake.sqlite-wal"), hourAgo)
	writeFile(t, filepath.Join(dir, "routing.sqlite-wal"), hourAgo)
	writeFile(t, filepath.Join(dir, "intake.sqlite"), hourAgo)
	writeFile(t, filepath.Join(dir, "intake.sqlite-shm"), hourAgo)
	s, synced := countingSyncer(dir)

	s.pass()
	sort.Strings(*synced)
	if got := *synced; len(got) != 2 || got[0] != "intake.sqlite-wal" || got[1] != "routing.sqlite-wal" {
		t.Fatalf("first pass synced %v, want both logs and nothing else", got)
	}

	*synced = nil
	s.pass()
	if len(*synced) != 0 {
		t.Fatalf("a pass with nothing written synced %v", *synced)
	}

	writeFile(t, filepath.Join(dir, "routing.sqlite-wal"), time.Now())
	s.pass()
	if got := *synced; len(got) != 1 || got[0] != "routing.sqlite-wal" {
		t.Fatalf("after a write to routing's log the pass synced %v", got)
	}
}

// syncedLog is a log written an hour ago and a syncer that has synced it once.
func syncedLog(t *testing.T, name string) (string, *walSyncer, *[]string) {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, name)
	writeFile(t, log, time.Now().Add(-time.Hour))
	s, synced := countingSyncer(dir)
	s.pass()
	return log, s, synced
}

func TestSyncsAgainALogStampedInTheSameClockTickAsItsLastSync(t *testing.T) {
	log, s, synced := syncedLog(t, "intake.sqlite-wal")

	// The kernel's coarse clock can stamp a write that came just after the sync started with a
	// time just before it.
	writeFile(t, log, s.syncedAt["intake.sqlite-wal"].Add(-10*time.Millisecond))
	*synced = nil
	s.pass()
	if len(*synced) != 1 {
		t.Fatalf("a write stamped 10 ms before the last sync was not synced: %v", *synced)
	}
}

func TestForgetsALogThatIsGone(t *testing.T) {
	log, s, _ := syncedLog(t, "dropped.sqlite-wal")
	if err := os.Remove(log); err != nil {
		t.Fatal(err)
	}
	s.pass()
	if len(s.syncedAt) != 0 {
		t.Fatalf("still tracks %v", s.syncedAt)
	}
}

func TestSyncsOnceMoreWhenStopped(t *testing.T) {
	dir := t.TempDir()
	s, synced := countingSyncer(dir)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.run(ctx, time.Hour)
	}()
	writeFile(t, filepath.Join(dir, "intake.sqlite-wal"), time.Now())
	stop()
	<-done
	if len(*synced) != 1 {
		t.Fatalf("the last commits before the stop were not synced: %v", *synced)
	}
}

func TestFlushesARealWriteAheadLog(t *testing.T) {
	dir := t.TempDir()
	// Open while synced: closing the last connection checkpoints the log and deletes it.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "intake.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, statement := range []string{"PRAGMA journal_mode=WAL", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)"} {
		if _, err := db.Exec(statement); err != nil {
			t.Fatal(err)
		}
	}
	s := newWALSyncer(quiet, dir)
	if n := s.pass(); n != 1 {
		t.Fatalf("synced %d logs, want intake's", n)
	}
}

// countingListings counts the syncer's directory listings.
func countingListings(s *walSyncer) *int {
	listings := 0
	s.readDir = func(path string) ([]os.DirEntry, error) {
		listings++
		return os.ReadDir(path)
	}
	return &listings
}

func TestListsTheDirectoryAgainOnlyWhenAFileWasCreatedOrRemovedInIt(t *testing.T) {
	log, s, synced := syncedLog(t, "intake.sqlite-wal")
	dir := filepath.Dir(log)
	listings := countingListings(s)
	hourAgo := time.Now().Add(-time.Hour)
	if err := os.Chtimes(dir, hourAgo, hourAgo); err != nil {
		t.Fatal(err)
	}

	// a write to a known log changes the file, not the directory
	writeFile(t, log, time.Now())
	*synced = nil
	s.pass()
	if *listings != 0 || len(*synced) != 1 {
		t.Fatalf("a write to a known log: %d listings, synced %v; want none and the log", *listings, *synced)
	}

	// a new database's log is a new entry: the directory's mtime moves (intake's log, written within
	// the clock margin of its last sync, may be synced once more)
	writeFile(t, filepath.Join(dir, "routing.sqlite-wal"), time.Now())
	*synced = nil
	s.pass()
	if *listings != 1 || !slices.Contains(*synced, "routing.sqlite-wal") {
		t.Fatalf("a new log: %d listings, synced %v; want one listing and the new log", *listings, *synced)
	}
}
