package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

func TestTheProfilerAnswersWhereItWasAskedToListen(t *testing.T) {
	addr, err := servePprof(slog.New(slog.NewTextHandler(io.Discard, nil)), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get("http://" + addr.String() + "/debug/pprof/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine") {
		t.Fatalf("GET /debug/pprof/: %d %q", res.StatusCode, body[:min(len(body), 200)])
	}
}

func TestTheProfilerRefusesAnAddressInUse(t *testing.T) {
	addr, err := servePprof(slog.New(slog.NewTextHandler(io.Discard, nil)), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err = servePprof(slog.New(slog.NewTextHandler(io.Discard, nil)), addr.String()); err == nil {
		t.Fatalf("a second profiler on %s started", addr)
	}
}
