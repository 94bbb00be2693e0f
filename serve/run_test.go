package serve

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shutdownDeadline: Serve stops within its 5-second grace period; an idle
// server stops at once.
const shutdownDeadline = 10 * time.Second

func TestServeStopsWithItsContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ln, Options{Context: ctx}) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(shutdownDeadline):
		t.Fatal("Serve did not return after its context was cancelled")
	}
}
