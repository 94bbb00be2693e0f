package escape

import (
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/require"
)

// TestXORBatchedMatchesUnbatched: the XOR escape study in lockstep batches
// gives every run's result (escape step, final loss, curve) exactly as the
// unbatched workers do, for batch sizes 1, 3 and the default and 1 or 3
// workers, with every method (Newton's Hessians, perturbed GD's noise).
func TestXORBatchedMatchesUnbatched(t *testing.T) {
	p, err := XOR()
	require.NoError(t, err)
	np, err := nn.Preset("xor")
	require.NoError(t, err)
	start := p.Saddle
	cfg := Config{N: 7, Steps: 400, Seed: 3, Workers: 2}
	ms := methods("gd", "momentum", "adam", "pgd", "sfn")
	plain := p
	plain.Batch = nil
	want, err := Run(plain, start, ms, cfg)
	require.NoError(t, err)
	for _, c := range []struct{ b, workers int }{{0, 2}, {1, 1}, {3, 3}} {
		q := p
		if c.b > 0 {
			q.Batch = optim.BatchFromFunc(np.Func(), len(start), c.b)
		}
		cfg.Workers = c.workers
		got, err := Run(q, start, ms, cfg)
		require.NoError(t, err)
		require.Equal(t, want, got, "batch %d workers %d", c.b, c.workers)
	}
}
