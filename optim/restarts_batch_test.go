package optim

import (
	"context"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchLossRel is the agreement the issue asks between batched and
// unbatched final losses: 1e-12 relative. (On amd64 they agree bit for bit;
// elsewhere vmath's kernels may differ from math by 2 ulp per call.)
const batchLossRel = 1e-12

// TestW5BatchedRestarts: WORKLOADS W5 with the batched driver gives 152
// successes, every restart's final loss and parameters within batchLossRel
// (in fact bit for bit on amd64) of the unbatched engine path, and the same
// bits for every batch size and worker count.
func TestW5BatchedRestarts(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	base := w5Config(2, func() Objective { return FromProblem(p) })
	base.Start = nn.W5Start
	plain, err := Restarts(base)
	require.NoError(t, err)
	var ref RestartResult
	for i, c := range []struct{ batch, workers int }{{64, 2}, {1, 1}, {7, 2}, {256, 1}} {
		cfg := base
		cfg.Workers = c.workers
		cfg.Batch = BatchFromProblem(p, c.batch)
		got, err := Restarts(cfg)
		require.NoError(t, err)
		assert.Equal(t, 152, got.Successes, "batch %d", c.batch)
		if i == 0 {
			ref = got
			for r := range got.FinalLoss {
				require.InEpsilon(t, plain.FinalLoss[r], got.FinalLoss[r], batchLossRel, "restart %d", r)
			}
			assert.Equal(t, plain.Stopped, got.Stopped)
			continue
		}
		for r := range got.FinalLoss {
			require.Equal(t, math.Float64bits(ref.FinalLoss[r]), math.Float64bits(got.FinalLoss[r]), "batch %d workers %d restart %d", c.batch, c.workers, r)
			require.Equal(t, ref.Params[r], got.Params[r])
		}
	}
}

// TestBatchedRestartsCancelled: a cancelled context stops the batched
// driver too, with the context's error.
func TestBatchedRestartsCancelled(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := w5Config(2, nil)
	cfg.Batch = BatchFromProblem(p, 0)
	cfg.Context = ctx
	res, err := Restarts(cfg)
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, math.IsNaN(res.FinalLoss[0]), "unfinished restarts stay NaN")
}
