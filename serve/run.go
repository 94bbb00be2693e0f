package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Options tunes Serve.
type Options struct {
	// Context ends serving: Serve shuts down gracefully when it is done.
	// The requests' contexts derive from it, so that a long study stops
	// with it. nil means never.
	Context context.Context
}

// Serve serves the explorer (Handler) on ln until o.Context ends, then
// shuts down gracefully: requests in flight get up to 5 seconds to finish.
// It returns nil after a shutdown, or the error that stopped serving.
// Request headers must arrive within 10 seconds (no slow-loris clients).
func Serve(ln net.Listener, o Options) error {
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	srv := &http.Server{Handler: Handler(), ReadHeaderTimeout: 10 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
