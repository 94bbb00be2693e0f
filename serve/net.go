package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/saddle-dev/saddle/optim/explore"
	"github.com/saddle-dev/saddle/optim/lessons"
)

// netMaxBody bounds a net view request: a CSV the page sends (≤ 1 MB) or a
// path of parameters to project.
const netMaxBody = 2 << 20

func init() {
	endpoints["/api/net/train"] = trainStream()
	endpoints["/api/net/point"] = sizedEndpoint("net/point", netMaxBody, netPoint)
	endpoints["/api/net/symmetry"] = sizedEndpoint("net/symmetry", netMaxBody, netSymmetry)
	endpoints["/api/net/race"] = sizedEndpoint("net/race", netMaxBody, netRace)
	endpoints["/api/net/plane"] = sizedEndpoint("net/plane", netMaxBody, netPlane)
	endpoints["/api/net/barrier"] = sizedEndpoint("net/barrier", netMaxBody, netBarrier)
	endpoints["/api/net/orbits"] = endpoint("net/orbits", netOrbits)
	endpoints["/api/net/restarts"] = sizedEndpoint("net/restarts", netMaxBody, netRestarts)
}

// orbitsReq sizes lesson 6's restart study; at most 64 restarts of 50 000
// steps (about a second each on 2 cores for 40 × 20 000).
type orbitsReq struct {
	N     int `json:"n"`
	Steps int `json:"steps"`
}

func netOrbits(ctx context.Context, req orbitsReq) (any, error) {
	if req.N < 0 || req.N > 64 {
		return nil, &explore.InputError{Field: "n", Msg: fmt.Sprintf("%d restarts; give 1 … 64 (0: 40)", req.N)}
	}
	if req.Steps < 0 || req.Steps > 50_000 {
		return nil, &explore.InputError{Field: "steps", Msg: fmt.Sprintf("%d steps; give 1 … 50000 (0: 20000)", req.Steps)}
	}
	return lessons.Symmetry(lessons.SymmetryConfig{N: req.N, Steps: req.Steps, Workers: 2, Context: ctx})
}

func netBarrier(_ context.Context, req explore.NetBarrierRequest) (any, error) {
	return explore.Barrier(req)
}

func netPoint(_ context.Context, req explore.NetPointRequest) (any, error) { return explore.NetAt(req) }

func netSymmetry(_ context.Context, req explore.NetSymmetryRequest) (any, error) {
	return explore.ApplySymmetry(req)
}

func netRace(ctx context.Context, req explore.NetRaceRequest) (any, error) {
	req.Context = ctx
	return explore.RunNetRace(req)
}

func netPlane(ctx context.Context, req explore.NetPlaneRequest) (any, error) {
	req.Context = ctx
	return explore.LossPlane(req)
}

// trainLine is one line of the training stream (JSON lines): first the
// net's info, then a frame per line, last done (or error, if the run failed
// after the stream began).
type trainLine struct {
	Info  *explore.NetInfo `json:"info,omitempty"`
	Frame *explore.Frame   `json:"frame,omitempty"`
	Done  *explore.NetDone `json:"done,omitempty"`
	Error string           `json:"error,omitempty"`
}

// trainStream streams a training run as JSON lines (application/x-ndjson),
// each flushed as it is made, so that the page draws while the net trains.
// A bad request is a 4xx JSON error before the stream begins; the run stops
// when the client goes away (its writes fail and r's context ends).
func trainStream() http.Handler {
	const name = "net/train"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, ok := decode[explore.NetRun](w, r, name, netMaxBody)
		if !ok {
			return
		}
		req.Context = r.Context()
		t, err := explore.NewTraining(req)
		if err != nil {
			failed(w, r, name, err)
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		flusher, _ := w.(http.Flusher)
		write := func(l trainLine) error {
			if err := enc.Encode(l); err != nil {
				return err
			}
			if flusher != nil {
				flusher.Flush()
			}
			return nil
		}
		if write(trainLine{Info: &t.Info}) != nil {
			return
		}
		done, err := runGuarded(t, func(f explore.Frame) error { return write(trainLine{Frame: &f}) })
		switch {
		case r.Context().Err() != nil:
		case err != nil:
			_ = write(trainLine{Error: name + ": " + err.Error()})
		default:
			_ = write(trainLine{Done: &done})
		}
	})
}

// runGuarded runs t, turning a panic into an error of one line.
func runGuarded(t *explore.Training, emit func(explore.Frame) error) (done explore.NetDone, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (%s)", strings.SplitN(fmt.Sprint(p), "\n", 2)[0])
		}
	}()
	return t.Run(emit)
}

func netRestarts(ctx context.Context, req explore.NetRestartsRequest) (any, error) {
	req.Context = ctx
	return explore.FailedRestarts(req)
}
