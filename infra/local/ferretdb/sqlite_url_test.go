package main

import (
	"database/sql"
	"net/url"
	"path/filepath"
	"testing"
)

// synchronousOf opens a database file of the data directory as the SQLite handler would (the
// directory's URI with the file's name appended) and reads its synchronous setting.
func synchronousOf(t *testing.T, dirURL string) int {
	t.Helper()
	u, err := url.Parse(dirURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path += "intake.sqlite"
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var level int
	if err := db.QueryRow("PRAGMA synchronous").Scan(&level); err != nil {
		t.Fatal(err)
	}
	return level
}

func TestOpensTheDatabasesWithTheChosenSynchronousSetting(t *testing.T) {
	dir := t.TempDir()
	for setting, want := range map[string]int{"full": 2, "normal": 1} {
		u, err := sqliteURL(dir, setting)
		if err != nil {
			t.Fatal(err)
		}
		if got := synchronousOf(t, u); got != want {
			t.Errorf("%s: PRAGMA synchronous = %d, want %d", setting, got, want)
		}
	}
}

func TestRefusesASynchronousSettingThatCouldLoseMoreThanACrashOfTheOS(t *testing.T) {
	for _, setting := range []string{"off", "", "NORMAL; DROP"} {
		if _, err := sqliteURL(t.TempDir(), setting); err == nil {
			t.Errorf("%q was accepted", setting)
		}
	}
}

func TestKeepsTheDataDirectoryAsADirectoryURI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data dir")
	u, err := sqliteURL(dir, "normal")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Scheme != "file" || parsed.Path != dir+"/" {
		t.Fatalf("%s: want file:%s/", u, dir)
	}
}
