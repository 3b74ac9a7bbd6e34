// Command ferretdb runs FerretDB v1 as the project's local MongoDB-wire server.
//
// It embeds the public package github.com/FerretDB/FerretDB/ferretdb because
// upstream's cmd/ferretdb panics when built with `go install` (its version file
// is generated at release time). See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

// durationEnv returns the duration in the environment variable k, or def when it is unset or empty;
// a value that is not a duration stops the launcher.
func durationEnv(k string, def time.Duration) time.Duration {
	if v := os.Getenv(k); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
		fmt.Fprintf(os.Stderr, "ferretdb: bad %s %q (a duration like 100ms)\n", k, v)
		os.Exit(2)
	}
	return def
}

// env returns the environment variable k, or def when it is unset or empty.
func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen-addr", env("FERRETDB_LISTEN_ADDR", "127.0.0.1:27018"), "TCP listen address (env FERRETDB_LISTEN_ADDR)")
	dataDir := flag.String("data-dir", env("FERRETDB_DATA_DIR", "data"), "SQLite data directory (env FERRETDB_DATA_DIR)")
	pgURL := flag.String("postgresql-url", env("FERRETDB_POSTGRESQL_URL", ""), "use the PostgreSQL handler with this URL instead of SQLite (env FERRETDB_POSTGRESQL_URL)")
	logLevel := flag.String("log-level", env("FERRETDB_LOG_LEVEL", "info"), "debug, info, warn or error (env FERRETDB_LOG_LEVEL)")
	pprofAddr := flag.String("pprof-addr", env("FERRETDB_PPROF_ADDR", ""), "serve Go's profiler here, e.g. 127.0.0.1:6060 (env FERRETDB_PPROF_ADDR; off when empty)")
	synchronous := flag.String("sqlite-synchronous", env("FERRETDB_SQLITE_SYNCHRONOUS", "full"), "SQLite's synchronous setting: full (fsync at every commit) or normal (fsync at WAL checkpoints) (env FERRETDB_SQLITE_SYNCHRONOUS)")
	walSync := flag.Duration("wal-sync-interval", durationEnv("FERRETDB_WAL_SYNC_INTERVAL", 100*time.Millisecond), "with -sqlite-synchronous normal, flush the write-ahead logs to disk this often (env FERRETDB_WAL_SYNC_INTERVAL)")
	grace := flag.Duration("shutdown-grace", 8*time.Second, "on SIGTERM/SIGINT, exit after this long even if commands are still running")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level}))
	if *pprofAddr != "" {
		if _, err := servePprof(logger, *pprofAddr); err != nil {
			logger.Error("ferretdb: profiler", "error", err)
			os.Exit(1)
		}
	}

	if *walSync <= 0 {
		fmt.Fprintf(os.Stderr, "ferretdb: -wal-sync-interval must be positive, not %v\n", *walSync)
		os.Exit(2)
	}
	if err := run(logger, *listen, *dataDir, *pgURL, *synchronous, *walSync, *grace); err != nil {
		logger.Error("ferretdb: exiting", "error", err)
		os.Exit(1)
	}
}

// setVersion reports the module version in buildInfo.ferretdbVersion (upstream leaves
// "unknown" when embedded), marking builds that use a replaced, i.e. patched, module.
func setVersion() {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	for _, m := range bi.Deps {
		if m.Path == "github.com/FerretDB/FerretDB" {
			version.Get().Version = m.Version
			if m.Replace != nil {
				version.Get().Version += "-patched"
			}
		}
	}
}

func run(logger *slog.Logger, listen, dataDir, pgURL, synchronous string, walSync, grace time.Duration) error {
	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
	}

	sqliteDir := ""
	if pgURL != "" {
		cfg.Handler = "postgresql"
		cfg.PostgreSQLURL = pgURL
	} else {
		// The SQLite handler wants an existing directory as a "file:" URI ending with "/".
		abs, err := filepath.Abs(dataDir)
		if err != nil {
			return err
		}
		if err = os.MkdirAll(abs, 0o755); err != nil {
			return err
		}
		if err = setAsideEmptyDatabases(logger, abs); err != nil {
			return err
		}
		cfg.Handler = "sqlite"
		sqliteDir = abs
		if cfg.SQLiteURL, err = sqliteURL(abs, synchronous); err != nil {
			return err
		}
	}

	setVersion()
	f, err := ferretdb.New(cfg)
	if err != nil {
		return err
	}

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)

	logger.Info("ferretdb: starting", "version", version.Get().Version, "listen", listen, "handler", cfg.Handler, "sqlite", cfg.SQLiteURL)
	syncing := func() {}
	if sqliteDir != "" && synchronous == "normal" {
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			newWALSyncer(logger, sqliteDir).run(ctx, walSync)
		}()
		syncing = func() { stop(); <-done }
	}
	err = serve(logger, f.Run, signals, grace)
	syncing()
	if err != nil {
		return err
	}
	logger.Info("ferretdb: stopped")
	return nil
}
