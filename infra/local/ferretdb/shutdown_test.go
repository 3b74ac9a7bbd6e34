package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"syscall"
	"testing"
	"time"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// stuck ignores its context, like a command that never returns.
func stuck(context.Context) error { select {} }

// cooperative stops when its context is cancelled, like upstream's Run.
func cooperative(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func serveAsync(run func(context.Context) error, signals chan os.Signal, grace time.Duration) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- serve(quiet, run, signals, grace) }()
	return errc
}

func result(t *testing.T, errc <-chan error) error {
	t.Helper()
	select {
	case err := <-errc:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return")
		return nil
	}
}

func TestASignalStopsAServerThatStopsCleanly(t *testing.T) {
	signals := make(chan os.Signal, 2)
	errc := serveAsync(cooperative, signals, time.Hour)
	signals <- syscall.SIGTERM
	if err := result(t, errc); err != nil {
		t.Fatalf("serve = %v, want nil", err)
	}
}

func TestAStuckServerIsGivenUpAfterTheGracePeriod(t *testing.T) {
	signals := make(chan os.Signal, 2)
	errc := serveAsync(stuck, signals, 50*time.Millisecond)
	signals <- syscall.SIGTERM
	if err := result(t, errc); !errors.Is(err, errForced) {
		t.Fatalf("serve = %v, want errForced", err)
	}
}

func TestASecondSignalStopsAStuckServerAtOnce(t *testing.T) {
	signals := make(chan os.Signal, 2)
	errc := serveAsync(stuck, signals, time.Hour)
	signals <- syscall.SIGTERM
	signals <- syscall.SIGINT
	if err := result(t, errc); !errors.Is(err, errForced) {
		t.Fatalf("serve = %v, want errForced", err)
	}
}

func TestAFailingServerReportsItsError(t *testing.T) {
	boom := errors.New("listen: address in use")
	errc := serveAsync(func(context.Context) error { return boom }, make(chan os.Signal), time.Hour)
	if err := result(t, errc); !errors.Is(err, boom) {
		t.Fatalf("serve = %v, want %v", err, boom)
	}
}
