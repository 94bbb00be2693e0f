package optim

import (
	"context"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSweepBatchedBitIdentical: with SweepConfig.Batch the learning rates
// run in lockstep, and every run's result (trace, parameters, regime, sign
// counts) is exactly that of the runs one by one, for batch sizes smaller
// than, equal to and larger than the number of learning rates; the runs
// reach three regimes (the XOR net from W1's start over 0.05…400: too slow,
// zigzags, diverges; with traces and paths).
func TestSweepBatchedBitIdentical(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	obj, start := FromProblem(p), nn.W1Start()
	lrs := []float64{0.05, 0.5, 2, 5, 10, 20, 50, 100, 400}
	cfg := SweepConfig{Steps: 200, Hess: HessianFromProblem(p), Paths: true}
	want := Sweep(obj, start, lrs, cfg)
	regimes := map[Regime]bool{}
	for _, r := range want.Runs {
		regimes[r.Regime] = true
	}
	assert.Len(t, regimes, 3, "the lrs reach three regimes: %v", regimes)
	for _, size := range []int{1, 3, 8, 64} {
		cfg.Batch = BatchFromProblem(p, size)
		got := Sweep(obj, start, lrs, cfg)
		require.Equal(t, want, got, "batch size %d", size)
	}
}

// TestSweepBatchedCancelled: a cancelled sweep in lockstep ends every run
// as cancelled at its first step, as the runs one by one do.
func TestSweepBatchedCancelled(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := SweepConfig{Steps: 50, Hess: HessianFromProblem(p), Context: ctx, Batch: BatchFromProblem(p, 4)}
	res := Sweep(FromProblem(p), nn.W1Start(), []float64{0.1, 1, 10}, cfg)
	for _, r := range res.Runs {
		assert.Equal(t, StopCancelled, r.Result.Stopped)
		assert.Zero(t, r.Result.Steps)
	}
}
