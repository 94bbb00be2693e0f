package main

import "github.com/saddle-dev/saddle/internal/limits"

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
	maxCriticalStarts  = limits.CriticalStarts  // starts of a critical-point search (grid^d + random)
	maxLandscapePoints = limits.LandscapePoints // loss evaluations of a landscape grid
)

// checkHeld and checkSteps are limits.CheckHeld and limits.CheckSteps as
// usage errors (exit 2).
func checkHeld(what string, values float64, hint string) error {
	return limitUsage(limits.CheckHeld(what, values, hint))
}

func checkSteps(steps, runs, nparams, samples int) error {
	return limitUsage(limits.CheckSteps(steps, runs, nparams, samples))
}

func limitUsage(err error) error {
	if err != nil {
		return usagef("%v", err)
	}
	return nil
}

// shortCount formats a count exactly up to 10⁹ and with 3 significant
// digits beyond (limits.ShortCount).
func shortCount(v float64) string { return limits.ShortCount(v) }
