package optim

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Regime classifies a gradient-descent run of a learning-rate sweep.
type Regime string

// The regimes of Sweep, from the smallest learning rates to the largest.
const (
	TooSlow   Regime = "too-slow"
	Converges Regime = "converges"
	Zigzags   Regime = "zigzags"
	Diverges  Regime = "diverges"
)

// SweepConfig controls Sweep.
type SweepConfig struct {
	Steps int      // gradient-descent steps per learning rate; 0 means 100
	Hess  HessFunc // the Hessian of the loss; must be set (for λmax)
	// ConvergedRatio: a run converges when its final gradient norm is at
	// most ConvergedRatio times the first; 0 means 1e-3.
	ConvergedRatio float64
	Paths          bool            // keep the parameters of every step in each run's trace
	Context        context.Context // cancellation; nil means never
	// Batch, when set, makes the batched objectives (BatchFromFunc) that
	// run the learning rates in lockstep, one batched evaluation per step;
	// it must compute obj's values (BatchFromFunc of obj's function does,
	// bit for bit), and the results are then those of the runs one by one,
	// whatever the batch size.
	Batch func() BatchObjective
}

// SweepRun is the run of one learning rate.
type SweepRun struct {
	LR     float64
	Regime Regime
	Result Result
	// SignChanges of the step along the top eigenvector, out of Pairs
	// consecutive steps where it was measurable.
	SignChanges, Pairs int
	// Why says which rule of Sweep decided the regime, with its numbers.
	Why string
}

// SweepResult is the outcome of Sweep.
type SweepResult struct {
	Eigenvalues  []float64 // of the Hessian at the start, ascending
	LambdaMax    float64   // the largest eigenvalue
	ZigzagAbove  float64   // 1/λmax (+Inf when λmax ≤ 0)
	DivergeAbove float64   // 2/λmax (+Inf when λmax ≤ 0)
	Runs         []SweepRun
}

// Sweep runs plain gradient descent from start once per learning rate in
// lrs and classifies each run. For a quadratic with largest Hessian
// eigenvalue λmax, GD converges iff lr < 2/λmax and zigzags along the top
// eigenvector when 1/λmax < lr < 2/λmax (docs/LITERATURE.md, "Saddle points and
// algorithms"); Sweep reports these thresholds from the Hessian at start
// beside the observed regimes, which it defines as follows (first match
// wins):
//
//   - Diverges: Train reports divergence (non-finite or exploding loss),
//     the final loss is above the loss at start, or lr is above 2/λmax and
//     the step along q grew over the run (|1 − lr·λmax| > 1 on a quadratic:
//     a short run that has not yet blown up is labelled by the threshold it
//     is observed to obey, not "zigzags").
//   - Zigzags: the step along q, the unit eigenvector of λmax at start,
//     changes sign between consecutive steps more often than not. The step
//     along q is −lr·(g·q); steps where |g·q| is below 1e-6 times its largest
//     value so far are not counted (rounding noise after convergence), and
//     at least two pairs must be counted.
//   - Converges: the final gradient norm is at most ConvergedRatio times the
//     gradient norm at start.
//   - TooSlow: none of the above within Steps steps.
//
// On a non-quadratic loss the thresholds describe the start only; the
// regimes are what was observed.
func Sweep(obj Objective, start []float64, lrs []float64, cfg SweepConfig) SweepResult {
	if cfg.Hess == nil {
		panic("optim: Sweep: Hess is nil")
	}
	n := len(start)
	h := mat.NewSymDense(n, nil)
	cfg.Hess(start, h)
	var es mat.EigenSym
	res := SweepResult{ZigzagAbove: math.Inf(1), DivergeAbove: math.Inf(1), LambdaMax: math.NaN()}
	q := make([]float64, n)
	if es.Factorize(h, true) {
		res.Eigenvalues = es.Values(nil)
		res.LambdaMax = res.Eigenvalues[n-1]
		var vecs mat.Dense
		es.VectorsTo(&vecs)
		mat.Col(q, n-1, &vecs)
		if res.LambdaMax > 0 {
			res.ZigzagAbove, res.DivergeAbove = 1/res.LambdaMax, 2/res.LambdaMax
		}
	}
	steps := cfg.Steps
	if steps == 0 {
		steps = 100
	}
	ratio := or(cfg.ConvergedRatio, 1e-3)
	tcfg := Config{Steps: steps, Context: cfg.Context}
	if cfg.Paths {
		tcfg.ParamsEvery = 1
	}
	zs := make([]*zigzagGD, len(lrs))
	ts := make([]*trainer, len(lrs))
	for i, lr := range lrs {
		if !(lr > 0) {
			panic(fmt.Sprintf("optim: Sweep: learning rate must be > 0, got %v", lr))
		}
		zs[i] = &zigzagGD{GD: GD{LR: lr}, q: q}
		ts[i] = newTrainer(obj, start, zs[i], &tcfg)
	}
	if cfg.Batch != nil {
		trainLockstep(ts, cfg.Batch())
	} else {
		for _, t := range ts {
			t.run()
		}
	}
	for i, t := range ts {
		res.Runs = append(res.Runs, classify(lrs[i], t.res, zs[i], res.DivergeAbove, ratio))
	}
	return res
}

// classify returns the run of lr with its regime by Sweep's rules (r its
// result, z its optimizer, divergeAbove 2/λmax).
func classify(lr float64, r Result, z *zigzagGD, divergeAbove, ratio float64) SweepRun {
	run := SweepRun{LR: lr, Result: r, SignChanges: z.changes, Pairs: z.pairs}
	first := r.Trace[0]
	switch {
	case r.Stopped == StopDiverged:
		run.Regime, run.Why = Diverges, fmt.Sprintf("the loss blew up at step %d", r.DivergedAt)
	case r.FinalLoss > first.Loss:
		run.Regime, run.Why = Diverges, "the final loss is above the start's"
	case lr > divergeAbove && z.pairs >= 2 && z.last > z.first:
		run.Regime, run.Why = Diverges, fmt.Sprintf("lr > 2/λmax and the step along the top eigenvector grew ×%.3g", z.last/z.first)
	case z.pairs >= 2 && 2*z.changes > z.pairs:
		run.Regime, run.Why = Zigzags, fmt.Sprintf("the step along the top eigenvector changed sign %d times in %d", z.changes, z.pairs)
	case r.FinalGradNorm <= ratio*first.GradNorm:
		run.Regime, run.Why = Converges, fmt.Sprintf("the gradient norm fell below %.3g of the start's", ratio)
	default:
		run.Regime, run.Why = TooSlow, fmt.Sprintf("the gradient norm fell only to %.3g of the start's", r.FinalGradNorm/first.GradNorm)
	}
	return run
}

// zigzagGD is plain gradient descent that counts sign changes of the step
// along the unit vector q.
type zigzagGD struct {
	GD
	q              []float64
	prev, peak     float64
	first, last    float64 // |step along q| when first and last measurable
	changes, pairs int
}

func (z *zigzagGD) Step(params, grad []float64) {
	var p float64
	for i, g := range grad {
		p += g * z.q[i]
	}
	z.peak = math.Max(z.peak, math.Abs(p))
	if math.Abs(p) > 1e-6*z.peak {
		if z.prev != 0 {
			z.pairs++
			if (p > 0) != (z.prev > 0) {
				z.changes++
			}
		}
		z.prev = p
		if z.first == 0 {
			z.first = math.Abs(p)
		}
		z.last = math.Abs(p)
	}
	z.GD.Step(params, grad)
}
