package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

func sqliteFile(t *testing.T, path string, statements ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSetsAsideOnlyTheDatabaseFilesWithoutAnyTable(t *testing.T) {
	dir := t.TempDir()
	kept := filepath.Join(dir, "intake.sqlite")
	sqliteFile(t, kept, "CREATE TABLE _ferretdb_collections (name TEXT)")
	emptied := filepath.Join(dir, "dropped.sqlite")
	sqliteFile(t, emptied, "CREATE TABLE t (x)", "DROP TABLE t")
	blank := filepath.Join(dir, "blank.sqlite")
	if err := os.WriteFile(blank, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	if err := setAsideEmptyDatabases(quiet, dir); err != nil {
		t.Fatal(err)
	}

	if _, err := os.Stat(kept); err != nil {
		t.Fatalf("a database with tables was moved: %v", err)
	}
	for _, gone := range []string{emptied, blank} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Fatalf("%s is still in the data directory", gone)
		}
		aside, _ := filepath.Glob(gone + ".empty-*")
		if len(aside) == 0 {
			t.Fatalf("%s was not kept aside", gone)
		}
	}
	if n, err := countTables(kept); err != nil || n != 1 {
		t.Fatalf("the kept database changed: %d tables, %v", n, err)
	}
}
