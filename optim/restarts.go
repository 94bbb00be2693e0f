package optim

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/saddle-dev/saddle/internal/parallel"
)

// RestartConfig controls Restarts: which runs to make.
type RestartConfig struct {
	N       int // number of restarts, indexed 0..N−1
	Workers int // goroutines; 0 means one per core. Results do not depend on it.

	Start     func(r int) []float64 // the start of restart r; must be set
	Objective func() Objective      // makes the loss; called once per worker; must be set
	Optimizer func(r int) Optimizer // a fresh optimizer for restart r (e.g. optim.New with a seed from r); must be set
	Train     Config                // Steps and tolerances of each run; its trace, OnStep and Context are not used (Context below is)

	// Batch, when set, makes each worker run Batch().Size restarts in
	// lockstep with one batched evaluation per step (BatchFromProblem);
	// Objective is then not used. Each restart's result is the one Train
	// gives with Objective, bit for bit when both come from the same
	// compiled function on amd64. Not used with Train.MiniBatch.
	Batch func() BatchObjective

	Context context.Context // cancellation; nil means never
	// Progress, if not nil, is called after each restart with the restarts
	// done and N, from the workers, one call at a time.
	Progress func(done, total int)
}

// SummaryConfig controls SummarizeRestarts: what counts as a success and
// when two solutions are the same.
type SummaryConfig struct {
	SuccessBelow float64 // a restart succeeds when its final loss is below this
	// Orbit returns every parameter vector equivalent to params under the
	// net's symmetries (nn.Orbit), params included. When set, a solution is
	// the same as an earlier one if any member of its orbit is close to it:
	// the exact test "equal up to symmetry".
	Orbit func(params []float64) [][]float64
	// Canonical maps parameters to a representative of their orbit
	// (nn.Canonical), the cheap test for nets whose orbit is too large to
	// enumerate; used when Orbit is nil. Near ties of the canonical
	// ordering it can split one solution in two. Both nil: solutions are
	// compared as they are.
	Canonical func(params []float64) []float64
	// DistinctTol: two vectors are close when they differ by at most
	// DistinctTol·max(1, ‖b‖∞) in every coordinate; 0 means 0.2. (Solutions
	// that are still drifting — XOR's weights grow like log t — differ by
	// tens of percent between restarts of the same family.)
	DistinctTol float64
	Bins        int // histogram bins; 0 means 10
}

// RestartResult is the outcome of Restarts; slices are indexed by restart.
type RestartResult struct {
	FinalLoss   []float64
	Stopped     []Stop
	Params      [][]float64
	Successes   int
	SuccessRate float64
	// Solutions holds one representative of each distinct successful
	// solution (canonical when Canonical is used), in order of first
	// appearance.
	Solutions [][]float64
	Histogram Histogram
}

// Restarts runs N independent trainings, restart r from cfg.Start(r) with
// cfg.Optimizer(r), over cfg.Workers goroutines, and fills FinalLoss,
// Stopped and Params of the result; SummarizeRestarts summarises them.
// Each restart depends on its index only and its result goes to slot r, so
// the results are bit for bit the same for any number of workers. It
// returns the context's error if it was cancelled, with the restarts
// finished so far; the others, including those cancelled mid-run, have NaN
// loss and an empty Stopped.
func Restarts(cfg RestartConfig) (RestartResult, error) {
	if cfg.N <= 0 || cfg.Start == nil || cfg.Objective == nil && cfg.Batch == nil || cfg.Optimizer == nil {
		panic(fmt.Sprintf("optim: Restarts: need N > 0 (got %d) and Start, Objective (or Batch), Optimizer", cfg.N))
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, cfg.N)
	res := RestartResult{
		FinalLoss: make([]float64, cfg.N),
		Stopped:   make([]Stop, cfg.N),
		Params:    make([][]float64, cfg.N),
	}
	for i := range res.FinalLoss {
		res.FinalLoss[i] = math.NaN()
	}
	tcfg := cfg.Train
	tcfg.TraceEvery, tcfg.ParamsEvery, tcfg.OnStep, tcfg.Context = -1, 0, nil, cfg.Context
	var next atomic.Int64
	var progressMu sync.Mutex // serialises Progress and counts the restarts done
	done := 0
	finished := func() {
		if cfg.Progress != nil {
			progressMu.Lock()
			done++
			cfg.Progress(done, cfg.N)
			progressMu.Unlock()
		}
	}
	err := parallel.Run(workers, func(int) {
		if cfg.Batch != nil && tcfg.MiniBatch == nil {
			restartsBatched(&cfg, tcfg, &res, &next, finished)
			return
		}
		obj := cfg.Objective()
		for {
			r := int(next.Add(1) - 1)
			if r >= cfg.N || (cfg.Context != nil && cfg.Context.Err() != nil) {
				return
			}
			tr := Train(obj, cfg.Start(r), cfg.Optimizer(r), tcfg)
			if tr.Stopped == StopCancelled {
				return // unfinished: left NaN
			}
			res.FinalLoss[r], res.Stopped[r], res.Params[r] = tr.FinalLoss, tr.Stopped, tr.Params
			finished()
		}
	})
	if err != nil {
		return res, fmt.Errorf("optim: restarts: %w", err)
	}
	if cfg.Context != nil && cfg.Context.Err() != nil {
		return res, cfg.Context.Err()
	}
	return res, nil
}

// SummarizeRestarts fills res.Successes, SuccessRate, Solutions and
// Histogram from res.FinalLoss and res.Params (one entry per restart, in
// index order). A caller that ran the restarts in pieces (shards on several
// machines, each restart seeded by its index) calls it on the joined slices
// and gets the summary of one Restarts call. Params of unsuccessful
// restarts are not read and may be nil.
//
// Distinct solutions are counted greedily in index order: a successful
// solution starts a new class unless it is close (DistinctTol), up to
// symmetry (Orbit or Canonical), to the representative of an earlier class.
func SummarizeRestarts(res *RestartResult, cfg SummaryConfig) {
	if len(res.Params) != len(res.FinalLoss) {
		panic(fmt.Sprintf("optim: SummarizeRestarts: %d final losses but %d parameter vectors", len(res.FinalLoss), len(res.Params)))
	}
	res.Successes, res.Solutions = 0, nil
	tol := or(cfg.DistinctTol, 0.2)
	for r, loss := range res.FinalLoss {
		if !(loss < cfg.SuccessBelow) {
			continue
		}
		res.Successes++
		c := append([]float64(nil), res.Params[r]...)
		var members [][]float64
		switch {
		case cfg.Orbit != nil:
			members = cfg.Orbit(c)
		case cfg.Canonical != nil:
			c = cfg.Canonical(c)
			members = [][]float64{c}
		default:
			members = [][]float64{c}
		}
		known := false
		for _, mem := range members {
			if known = matchesAny(mem, res.Solutions, tol); known {
				break
			}
		}
		if !known {
			res.Solutions = append(res.Solutions, c)
		}
	}
	res.SuccessRate = float64(res.Successes) / float64(len(res.FinalLoss))
	bins := cfg.Bins
	if bins == 0 {
		bins = 10
	}
	res.Histogram = LogHistogram(res.FinalLoss, bins)
}

func matchesAny(c []float64, reps [][]float64, tol float64) bool {
	for _, b := range reps {
		var scale float64 = 1
		for _, v := range b {
			scale = math.Max(scale, math.Abs(v))
		}
		same := len(b) == len(c)
		for i := 0; same && i < len(c); i++ {
			same = math.Abs(c[i]-b[i]) <= tol*scale
		}
		if same {
			return true
		}
	}
	return false
}

// Histogram counts values in bins: bin i holds Edges[i] ≤ v < Edges[i+1]
// (the last bin includes its upper edge).
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
	// Other counts the values outside the log scale: zero, negative or
	// non-finite.
	Other int `json:"other"`
}

// LogHistogram bins the positive finite values of xs into bins bins evenly
// spaced in log10 between their minimum and maximum (losses span decades).
func LogHistogram(xs []float64, bins int) Histogram {
	if bins <= 0 {
		panic(fmt.Sprintf("optim: LogHistogram: bins must be > 0, got %d", bins))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var h Histogram
	for _, x := range xs {
		if x > 0 && !math.IsInf(x, 1) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		} else {
			h.Other++
		}
	}
	if lo > hi {
		return h
	}
	a, b := math.Log10(lo), math.Log10(hi)
	if a == b {
		a, b = a-0.5, b+0.5
	}
	h.Edges = make([]float64, bins+1)
	for i := range h.Edges {
		h.Edges[i] = math.Pow(10, a+(b-a)*float64(i)/float64(bins))
	}
	h.Edges[0], h.Edges[bins] = math.Min(h.Edges[0], lo), math.Max(h.Edges[bins], hi)
	h.Counts = make([]int, bins)
	for _, x := range xs {
		if !(x > 0) || math.IsInf(x, 1) {
			continue
		}
		i := int(float64(bins) * (math.Log10(x) - a) / (b - a))
		h.Counts[min(max(i, 0), bins-1)]++
	}
	return h
}
