package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"
)

// errForced reports a stop that did not wait for every connection to finish.
var errForced = errors.New("stopped with commands still running")

// serve runs run until it returns or a signal arrives. A signal cancels run's context; upstream then
// closes the listener and waits for every connection (their commands are cancelled after 3 s). One
// stuck command must not keep the process alive, so serve gives up after grace, or at a second signal,
// and returns errForced: the caller exits (SQLite's WAL makes a hard exit safe).
func serve(logger *slog.Logger, run func(context.Context) error, signals <-chan os.Signal, grace time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	done := make(chan error, 1)
	go func() { done <- run(ctx) }()

	var err error

	select {
	case err = <-done:
	case sig := <-signals:
		logger.Info("ferretdb: stopping", "signal", sig.String(), "grace", grace.String())
		cancel()

		timer := time.NewTimer(grace)
		defer timer.Stop()

		select {
		case err = <-done:
		case <-timer.C:
			logger.Error("ferretdb: commands still running after the grace period; exiting anyway")
			return errForced
		case sig = <-signals:
			logger.Error("ferretdb: second signal; exiting now", "signal", sig.String())
			return errForced
		}
	}

	if errors.Is(err, context.Canceled) {
		return nil
	}

	return err
}
