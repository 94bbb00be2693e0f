package escape

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/saddle-dev/saddle/internal/parallel"
	"github.com/saddle-dev/saddle/optim"
)

// Methods returns the method names Run knows, in display order: optimizers
// of optim.New.
func Methods() []string {
	return []string{"gd", "momentum", "nesterov", "rmsprop", "adam", "pgd", "sfn", "newton"}
}

// Method is one optimizer to compare; LR 0 means the problem's default.
type Method struct {
	Name string
	LR   float64
}

// Config controls Run. Zero fields take the defaults named beside them.
type Config struct {
	N     int     // runs per method; 0 means 100
	Eps   float64 // perturbation size ε; 0 means 1e-3 (negative means none: every run starts at the start)
	Steps int     // step budget per run; 0 means 1000
	Seed  uint64
	// Mask, if not nil, restricts the perturbation to the coordinates where
	// it is true (e.g. {true, false} keeps x² − y²'s starts on the stable
	// manifold y = 0).
	Mask []bool
	// Drop overrides Problem.Drop when > 0.
	Drop float64
	// Momentum is μ of "momentum" and "nesterov"; 0 means 0.9.
	Momentum float64
	// PGD settings of optim.PerturbedGD (0 means Problem.PGDRadius, then
	// optim's defaults: threshold 1e-3, radius 1e-2, interval 50).
	PGDThreshold, PGDRadius float64
	PGDInterval             int
	// Curve is the number of points of each method's median loss curve;
	// 0 means 101 (steps 0, Steps/100, …, Steps).
	Curve   int
	Workers int // goroutines; 0 means one per core. Results do not depend on it.

	Context  context.Context       // cancellation; nil means never
	Progress func(done, total int) // after each run, from the workers, one call at a time
}

// Report is the outcome of Run.
type Report struct {
	Problem     string
	Start       []float64
	SaddleValue float64 // f at the problem's saddle
	Threshold   float64 // a run escaped when its loss fell to ≤ Threshold
	Results     []MethodResult
}

// MethodResult summarises the runs of one method.
type MethodResult struct {
	Method  string
	LR      float64
	Runs    int
	Escaped int
	Rate    float64 // Escaped/Runs
	// MedianSteps is the median step at which the escaped runs escaped
	// (the lower median); −1 when none escaped.
	MedianSteps int
	EscapeStep  []int     // per run: the first step with loss ≤ Threshold, or −1
	FinalLoss   []float64 // per run: the loss when the run ended
	Diverged    int       // runs whose loss became non-finite
	MedianFinal float64
	// Curve is the median over runs of the loss at the steps CurveSteps (a
	// run that stopped early keeps its last loss).
	CurveSteps []int
	Curve      []float64
}

// RunResult is one run of one method, as Runs returns it.
type RunResult struct {
	EscapeStep int       // the first step with loss ≤ Threshold, or −1
	Final      float64   // the loss when the run ended
	Diverged   bool      // the loss became non-finite
	Curve      []float64 // the loss at the steps CurveSteps of the method's result
}

// Run runs every method N times from start + perturbation and returns one
// MethodResult per method, in the order given. Run r of every method starts
// from the same point: start plus a perturbation uniform in [−ε, ε] on each
// (masked) coordinate, drawn from a PCG generator seeded with (Seed, r)
// (the "uniform ±ε" starts of the XOR experiments in docs/LITERATURE.md).
// Perturbed GD's own noise is seeded from (Seed, r, method).
// Errors: an unknown method, a method needing a Hessian the problem lacks,
// a non-positive learning rate, a start of the wrong length, cancellation.
//
// Run is Runs over all N runs followed by Summarize.
func Run(p Problem, start []float64, methods []Method, cfg Config) (Report, error) {
	c := withDefaults(cfg)
	rep, runs, err := Runs(p, start, methods, cfg, 0, c.N)
	if err != nil {
		return Report{}, err
	}
	Summarize(&rep, runs)
	return rep, nil
}

// Runs runs the runs first…end−1 (of 0…N−1) of every method exactly as Run
// runs them — same starts, same seeds — so that the runs of several calls
// covering 0…N−1 (shards on several machines) are Run's runs bit for bit.
// It returns the Report with one MethodResult per method that holds only
// Method, LR, Runs (N) and CurveSteps, and runs[m][r−first], the run r of
// method m; Summarize fills in the rest from the runs of all N indices.
// Errors as Run's, and a range outside 0…N.
func Runs(p Problem, start []float64, methods []Method, cfg Config, first, end int) (Report, [][]RunResult, error) {
	c := withDefaults(cfg)
	if first < 0 || end > c.N || first > end {
		return Report{}, nil, fmt.Errorf("escape: runs %d..%d are not within the %d runs", first, end-1, c.N)
	}
	ms, err := resolveMethods(p, start, methods, c)
	if err != nil {
		return Report{}, nil, err
	}
	rep := newReport(p, start, ms, c)
	runs, err := runRange(p, start, ms, c, rep.Threshold, rep.Results[0].CurveSteps, first, end)
	if err != nil {
		return Report{}, nil, err
	}
	return rep, runs, nil
}

// resolveMethods checks start, the mask, the momentum and methods against p
// and returns methods with their learning rates (p's default for LR 0).
func resolveMethods(p Problem, start []float64, methods []Method, c Config) ([]Method, error) {
	n := len(p.Saddle)
	if len(start) != n {
		return nil, fmt.Errorf("escape: start has %d coordinates, problem %s has %d", len(start), p.Name, n)
	}
	if c.Mask != nil && len(c.Mask) != n {
		return nil, fmt.Errorf("escape: mask has %d entries, problem %s has %d coordinates", len(c.Mask), p.Name, n)
	}
	if len(methods) == 0 {
		return nil, fmt.Errorf("escape: no methods")
	}
	if !(c.Momentum > 0 && c.Momentum < 1) {
		return nil, fmt.Errorf("escape: momentum must be in (0, 1), got %v", c.Momentum)
	}
	ms := make([]Method, len(methods))
	for k, m := range methods {
		if !slices.Contains(Methods(), m.Name) {
			return nil, fmt.Errorf("escape: unknown method %q (known: %v)", m.Name, Methods())
		}
		if (m.Name == "sfn" || m.Name == "newton") && p.Hess == nil {
			return nil, fmt.Errorf("escape: method %q needs a Hessian; problem %s has none", m.Name, p.Name)
		}
		if m.LR == 0 {
			m.LR = p.LR[m.Name]
		}
		if !(m.LR > 0) || math.IsInf(m.LR, 0) {
			return nil, fmt.Errorf("escape: method %q: learning rate must be > 0, got %v", m.Name, m.LR)
		}
		ms[k] = m
	}
	return ms, nil
}

// newReport returns the Report of Runs before any run: the problem, the
// start, the escape threshold and one MethodResult per method of ms with
// Method, LR, Runs and CurveSteps (c.Curve steps evenly spaced over 0…Steps).
func newReport(p Problem, start []float64, ms []Method, c Config) Report {
	drop := p.Drop
	if c.Drop > 0 {
		drop = c.Drop
	}
	rep := Report{Problem: p.Name, Start: append([]float64(nil), start...), SaddleValue: p.Objective()(p.Saddle, nil)}
	rep.Threshold = rep.SaddleValue - drop
	curveSteps := make([]int, c.Curve)
	for k := range curveSteps {
		if c.Curve == 1 {
			curveSteps[k] = c.Steps
		} else {
			curveSteps[k] = int(math.Round(float64(k) * float64(c.Steps) / float64(c.Curve-1)))
		}
	}
	for _, meth := range ms {
		rep.Results = append(rep.Results, MethodResult{Method: meth.Name, LR: meth.LR, Runs: c.N, CurveSteps: curveSteps})
	}
	return rep
}

// runRange runs the runs first…end−1 of every method of ms on c.Workers
// goroutines (run i of the flattened method × run range on worker i mod
// workers) and returns runs[m][r−first].
func runRange(p Problem, start []float64, ms []Method, c Config, threshold float64, curveSteps []int, first, end int) ([][]RunResult, error) {
	count := end - first
	total := len(ms) * count
	runs := make([][]RunResult, len(ms))
	for m := range runs {
		runs[m] = make([]RunResult, count)
	}
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var mu sync.Mutex
	done := 0
	workers := min(c.Workers, total) // more goroutines than runs would idle
	err := parallel.Run(workers, func(w int) {
		var hess optim.HessFunc
		if p.Hess != nil {
			hess = p.Hess()
		}
		start := func(i int) *run {
			m, r := i/count, first+i%count
			return newRun(p.Unbounded, perturbed(start, c, r), newOptimizer(ms[m], m, r, p, hess, c), c.Steps, threshold, curveSteps)
		}
		store := func(i int, res RunResult) {
			runs[i/count][i%count] = res
			if c.Progress != nil {
				mu.Lock()
				done++
				c.Progress(done, total)
				mu.Unlock()
			}
		}
		if p.Batch != nil {
			b := batchWorker{bo: p.Batch(), ctx: ctx, first: w, stride: workers, total: total, start: start, done: store}
			b.run()
			return
		}
		obj := p.Objective()
		for i := w; i < total; i += workers {
			if ctx.Err() != nil {
				return
			}
			store(i, start(i).drive(obj))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("escape: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("escape: %w", err)
	}
	return runs, nil
}

// Summarize fills in the results of rep (as returned by Runs) from
// runs[m][r], the runs 0…N−1 of every method m: escapes, their median
// step, divergences, the median final loss and the median loss curve.
func Summarize(rep *Report, runs [][]RunResult) {
	if len(runs) != len(rep.Results) {
		panic(fmt.Sprintf("escape: Summarize: runs of %d methods for %d results", len(runs), len(rep.Results)))
	}
	for m := range rep.Results {
		mr := &rep.Results[m]
		n := len(runs[m])
		if n != mr.Runs {
			panic(fmt.Sprintf("escape: Summarize: method %s has %d runs, want %d", mr.Method, n, mr.Runs))
		}
		mr.Escaped, mr.Diverged = 0, 0
		mr.EscapeStep, mr.FinalLoss, mr.Curve = make([]int, n), make([]float64, n), make([]float64, len(mr.CurveSteps))
		var steps []int
		for r, res := range runs[m] {
			mr.EscapeStep[r], mr.FinalLoss[r] = res.EscapeStep, res.Final
			if res.EscapeStep >= 0 {
				mr.Escaped++
				steps = append(steps, res.EscapeStep)
			}
			if res.Diverged {
				mr.Diverged++
			}
		}
		mr.Rate = float64(mr.Escaped) / float64(n)
		mr.MedianSteps = -1
		if len(steps) > 0 {
			slices.Sort(steps)
			mr.MedianSteps = steps[(len(steps)-1)/2]
		}
		mr.MedianFinal = median(mr.FinalLoss)
		col := make([]float64, n)
		for k := range mr.CurveSteps {
			for r := range runs[m] {
				col[r] = runs[m][r].Curve[k]
			}
			mr.Curve[k] = median(col)
		}
	}
}

func withDefaults(c Config) Config {
	if c.N <= 0 {
		c.N = 100
	}
	if c.Eps == 0 {
		c.Eps = 1e-3
	}
	if c.Steps <= 0 {
		c.Steps = 1000
	}
	if c.Momentum == 0 {
		c.Momentum = 0.9
	}
	if c.Curve <= 0 {
		c.Curve = 101
	}
	if c.Curve > c.Steps+1 {
		c.Curve = c.Steps + 1
	}
	if c.Workers <= 0 {
		c.Workers = runtime.NumCPU()
	}
	return c
}

// perturbed returns start plus the perturbation of run r.
func perturbed(start []float64, c Config, r int) []float64 {
	x := append([]float64(nil), start...)
	if c.Eps < 0 {
		return x
	}
	rng := rand.New(rand.NewPCG(c.Seed, uint64(r)))
	for i := range x {
		u := c.Eps * (2*rng.Float64() - 1)
		if c.Mask == nil || c.Mask[i] {
			x[i] += u
		}
	}
	return x
}

// newOptimizer returns a fresh optimizer (optim.New) for method ms (index
// m) and run r.
func newOptimizer(ms Method, m, r int, p Problem, hess optim.HessFunc, c Config) optim.Optimizer {
	radius := c.PGDRadius
	if radius == 0 {
		radius = p.PGDRadius
	}
	opt, err := optim.New(ms.Name, optim.Settings{LR: ms.LR, Momentum: c.Momentum, Hess: hess,
		Threshold: c.PGDThreshold, Radius: radius, Interval: c.PGDInterval,
		Seed: c.Seed ^ (uint64(r)<<8 | uint64(m)) ^ 0x9e3779b97f4a7c15})
	if err != nil {
		panic("escape: " + err.Error()) // the settings are checked by Runs
	}
	return opt
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.SortFunc(s, func(a, b float64) int {
		switch {
		case a < b || (math.IsNaN(a) && !math.IsNaN(b)):
			return -1
		case a > b || (!math.IsNaN(a) && math.IsNaN(b)):
			return 1
		}
		return 0
	})
	if len(s) == 0 {
		return math.NaN()
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
