// Command ferretdb runs FerretDB v1 as the project's local MongoDB-wire server.
//
// It embeds the public package github.com/FerretDB/FerretDB/ferretdb because
// upstream's cmd/ferretdb panics when built with `go install` (its version file
// is generated at release time). See README.md.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

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

	if err := run(logger, *listen, *dataDir, *pgURL, *grace); err != nil {
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

func run(logger *slog.Logger, listen, dataDir, pgURL string, grace time.Duration) error {
	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
	}

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
		cfg.SQLiteURL = (&url.URL{Scheme: "file", Path: abs + "/"}).String()
	}

	setVersion()
	f, err := ferretdb.New(cfg)
	if err != nil {
		return err
	}

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)

	logger.Info("ferretdb: starting", "version", version.Get().Version, "listen", listen, "handler", cfg.Handler, "sqlite", cfg.SQLiteURL)
	if err = serve(logger, f.Run, signals, grace); err != nil {
		return err
	}
	logger.Info("ferretdb: stopped")
	return nil
}
