package main

import (
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/internal/limits"
)

// Limits of the command line. saddle studies small nets; a command whose
// size is beyond one of these is refused up front with a usage error
// naming the limit, rather than running out of memory (a runtime stack
// trace) or running for days. Each is a few hundred megabytes or a few
// hours of work on one machine; a study larger than that can usually be
// split with --shards, and the limits apply per shard.
const (
	maxLayerSize     = 100_000    // the width of a layer given with --sizes
	maxParams        = 1_000_000  // parameters of a net: 8 MB per parameter vector
	maxActivations   = 50_000_000 // data rows × the sum of the layer sizes: 400 MB per copy of a forward pass
	maxHessianParams = 4_000      // parameters of a net whose Hessian is formed: 128 MB, and n³ flops per eigen-decomposition
	maxEscapeWork    = 1e10       // runs × steps × methods of an escape study
	maxSpan          = 1e6        // --span of a landscape: every sigmoid or tanh unit saturates far before; a grid overflows float64 beyond ~1e307
	maxWorkers       = 1024       // --workers: a few goroutines per core gain nothing more
	maxBatch         = 1024       // --batch: past ~64 copies a batch stops gaining and only costs memory
	maxBins          = 10_000     // bins of a histogram: one printed line each
)

// The limits shared with the explorer server (saddle serve).
const (
	maxHeldValues      = limits.HeldValues      // numbers a study keeps until it prints: 400 MB
	maxCriticalStarts  = limits.CriticalStarts  // starts of a critical-point search (grid^d + random)
	maxLandscapePoints = limits.LandscapePoints // loss evaluations of a landscape grid
	maxTrainSteps      = limits.TrainSteps      // steps of one training run
)

// checkHeld refuses a study that would keep more than maxHeldValues numbers
// in memory. what says what they are, e.g. "--n 1000000000 restarts × 9
// parameters"; hint says how to do with fewer, e.g. "split the study with
// --shards".
func checkHeld(what string, values float64, hint string) error {
	if values > maxHeldValues || math.IsNaN(values) {
		return usagef("%s makes %s values to keep in memory; the limit is %s (%s)", what, shortCount(values), shortCount(maxHeldValues), hint)
	}
	return nil
}

// shortCount formats a count exactly up to 10⁹ and with 3 significant
// digits beyond.
func shortCount(v float64) string {
	if v < 1e9 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// maxTrainWork bounds the work of the training runs of one command:
// steps × runs × (parameters × samples + stepOverhead), about the
// multiply-adds of the forward passes plus the fixed cost of a step (the
// optimizer, the bookkeeping: ~10 µs). 10¹³ is a few hours at the ~10⁹
// multiply-adds per second of one core.
const (
	maxTrainWork = 1e13
	stepOverhead = 10_000
)

// checkSteps refuses a step count beyond maxTrainSteps, or runs of steps on
// a net of nparams parameters and samples data rows beyond maxTrainWork,
// before anything runs.
func checkSteps(steps, runs, nparams, samples int) error {
	if steps > maxTrainSteps {
		return usagef("--steps %d: the limit is %d", steps, maxTrainSteps)
	}
	work := float64(steps) * float64(max(runs, 1)) * (float64(nparams)*float64(max(samples, 1)) + stepOverhead)
	if work > maxTrainWork {
		hint := "use fewer --steps"
		if runs > 1 {
			hint += " or split the runs with --shards"
		}
		return usagef("--steps %d × %d run(s) of %d parameters × %d samples is %.3g multiply-adds, more than hours of work; the limit is %.0g (%s)",
			steps, max(runs, 1), nparams, samples, work, maxTrainWork, hint)
	}
	return nil
}
