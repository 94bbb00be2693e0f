package escape

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/saddle-dev/saddle/optim"
)

// Methods lists the method names Run knows, in display order.
var Methods = []string{"gd", "momentum", "nesterov", "rmsprop", "adam", "pgd", "sfn", "newton"}

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
	Workers int // goroutines; 0 means 1. Results do not depend on it.

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

type runResult struct {
	escapeStep int
	final      float64
	diverged   bool
	curve      []float64
}

// Run runs every method N times from start + perturbation and returns one
// MethodResult per method, in the order given. Run r of every method starts
// from the same point: start plus a perturbation uniform in [−ε, ε] on each
// (masked) coordinate, drawn from a PCG generator seeded with (Seed, r)
// (the "uniform ±ε" starts of the XOR experiments in LITERATURE.md).
// Perturbed GD's own noise is seeded from (Seed, r, method).
// Errors: an unknown method, a method needing a Hessian the problem lacks,
// a non-positive learning rate, a start of the wrong length, cancellation.
func Run(p Problem, start []float64, methods []Method, cfg Config) (Report, error) {
	c := withDefaults(cfg)
	n := len(p.Saddle)
	if len(start) != n {
		return Report{}, fmt.Errorf("escape: start has %d coordinates, problem %s has %d", len(start), p.Name, n)
	}
	if c.Mask != nil && len(c.Mask) != n {
		return Report{}, fmt.Errorf("escape: mask has %d entries, problem %s has %d coordinates", len(c.Mask), p.Name, n)
	}
	if len(methods) == 0 {
		return Report{}, fmt.Errorf("escape: no methods")
	}
	ms := make([]Method, len(methods))
	for k, m := range methods {
		if !slices.Contains(Methods, m.Name) {
			return Report{}, fmt.Errorf("escape: unknown method %q (known: %v)", m.Name, Methods)
		}
		if (m.Name == "sfn" || m.Name == "newton") && p.Hess == nil {
			return Report{}, fmt.Errorf("escape: method %q needs a Hessian; problem %s has none", m.Name, p.Name)
		}
		if m.LR == 0 {
			m.LR = p.LR[m.Name]
		}
		if !(m.LR > 0) || math.IsInf(m.LR, 0) {
			return Report{}, fmt.Errorf("escape: method %q: learning rate must be > 0, got %v", m.Name, m.LR)
		}
		ms[k] = m
	}
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

	total := len(ms) * c.N
	results := make([]runResult, total)
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < c.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			obj := p.Objective()
			var hess optim.HessFunc
			if p.Hess != nil {
				hess = p.Hess()
			}
			for i := w; i < total; i += c.Workers {
				if ctx.Err() != nil {
					return
				}
				m, r := i/c.N, i%c.N
				x0 := perturbed(start, c, r)
				opt := newOptimizer(ms[m], m, r, p, hess, c)
				results[i] = runOne(obj, p.Unbounded, x0, opt, c.Steps, rep.Threshold, curveSteps)
				if c.Progress != nil {
					mu.Lock()
					done++
					c.Progress(done, total)
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("escape: %w", err)
	}
	for m, meth := range ms {
		mr := MethodResult{Method: meth.Name, LR: meth.LR, Runs: c.N, CurveSteps: curveSteps,
			EscapeStep: make([]int, c.N), FinalLoss: make([]float64, c.N), Curve: make([]float64, len(curveSteps))}
		var steps []int
		for r := 0; r < c.N; r++ {
			res := results[m*c.N+r]
			mr.EscapeStep[r], mr.FinalLoss[r] = res.escapeStep, res.final
			if res.escapeStep >= 0 {
				mr.Escaped++
				steps = append(steps, res.escapeStep)
			}
			if res.diverged {
				mr.Diverged++
			}
		}
		mr.Rate = float64(mr.Escaped) / float64(c.N)
		mr.MedianSteps = -1
		if len(steps) > 0 {
			slices.Sort(steps)
			mr.MedianSteps = steps[(len(steps)-1)/2]
		}
		mr.MedianFinal = median(mr.FinalLoss)
		col := make([]float64, c.N)
		for k := range curveSteps {
			for r := 0; r < c.N; r++ {
				col[r] = results[m*c.N+r].curve[k]
			}
			mr.Curve[k] = median(col)
		}
		rep.Results = append(rep.Results, mr)
	}
	return rep, nil
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
		c.Workers = 1
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

// newOptimizer returns a fresh optimizer for method ms (index m) and run r.
func newOptimizer(ms Method, m, r int, p Problem, hess optim.HessFunc, c Config) optim.Optimizer {
	switch ms.Name {
	case "gd":
		return &optim.GD{LR: ms.LR}
	case "momentum":
		return &optim.GD{LR: ms.LR, Momentum: c.Momentum}
	case "nesterov":
		return &optim.GD{LR: ms.LR, Momentum: c.Momentum, Nesterov: true}
	case "rmsprop":
		return &optim.RMSprop{LR: ms.LR}
	case "adam":
		return &optim.Adam{LR: ms.LR}
	case "pgd":
		radius := c.PGDRadius
		if radius == 0 {
			radius = p.PGDRadius
		}
		return &optim.PerturbedGD{LR: ms.LR, Threshold: c.PGDThreshold, Radius: radius,
			Interval: c.PGDInterval, Seed: c.Seed ^ (uint64(r)<<8 | uint64(m)) ^ 0x9e3779b97f4a7c15}
	case "sfn":
		return &optim.SaddleFreeNewton{LR: ms.LR, Hess: hess}
	case "newton":
		return &optim.Newton{LR: ms.LR, Hess: hess}
	}
	panic("escape: unknown method " + ms.Name) // checked by Run
}

// runOne runs opt from x for at most steps steps.
func runOne(obj optim.Objective, unbounded bool, x []float64, opt optim.Optimizer, steps int, threshold float64, curveSteps []int) runResult {
	grad := make([]float64, len(x))
	loss := obj(x, grad)
	res := runResult{escapeStep: -1, curve: make([]float64, len(curveSteps))}
	next := 0
	record := func(step int) {
		for next < len(curveSteps) && curveSteps[next] <= step {
			res.curve[next] = loss
			next++
		}
	}
	if loss <= threshold {
		res.escapeStep = 0
	}
	record(0)
	for step := 1; step <= steps; step++ {
		if res.escapeStep >= 0 && unbounded {
			break
		}
		opt.Step(x, grad)
		loss = obj(x, grad)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			res.diverged = true
			break
		}
		if res.escapeStep < 0 && loss <= threshold {
			res.escapeStep = step
		}
		record(step)
	}
	// A run that ended early keeps its last loss on the rest of the curve.
	for ; next < len(curveSteps); next++ {
		res.curve[next] = loss
	}
	res.final = loss
	return res
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
