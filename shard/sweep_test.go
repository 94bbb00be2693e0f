package shard

import (
	"fmt"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// TestSweepInThreeShards: a sweep of f = x² + 10y² (Hessian diag(2, 20),
// λmax = 20, so zigzag above 1/20 and divergence above 2/20) run as 3
// shards and merged gives the runs of one optim.Sweep call.
func TestSweepInThreeShards(t *testing.T) {
	obj, hess := quadratic()
	start, lrs := []float64{1, 1}, []float64{0.01, 0.04, 0.07, 0.09, 0.11, 0.2}
	cfg := optim.SweepConfig{Steps: 50, Hess: hess}
	want := optim.Sweep(obj, start, lrs, cfg)
	const exact = 1e-12 // eigenvalues of a diagonal matrix
	assert.InDelta(t, 20, want.LambdaMax, exact)
	assert.InDelta(t, 0.1, want.DivergeAbove, exact)

	var parts []*Part
	var paths []string
	for k := range 3 {
		first, end := Range(k, 3, len(lrs))
		res := optim.Sweep(obj, start, lrs[first:end], cfg)
		h := SweepHeader{Problem: "x^2 + 10*y^2", Vars: []string{"x", "y"}, Start: start, Steps: cfg.Steps, LRs: lrs}
		h.SetThresholds(res)
		part, err := New(Meta{Study: "sweep", Index: "lr", Params: map[string]string{}, Shard: k, Shards: 3, Total: len(lrs)}, h, SweepItems(res))
		require.NoError(t, err)
		parts, paths = append(parts, part), append(paths, fmt.Sprintf("part%d", k))
	}
	got, _, err := Sweep().Merge(paths, parts)
	require.NoError(t, err)
	assert.Equal(t, want.Eigenvalues, got.Eigenvalues)
	require.Len(t, got.Runs, len(lrs))
	for i, run := range want.Runs {
		g := got.Runs[i]
		assert.Equal(t, [2]any{run.LR, run.Regime}, [2]any{g.LR, g.Regime}, "lr %d", i)
		assert.Equal(t, math.Float64bits(run.Result.FinalLoss), math.Float64bits(g.Result.FinalLoss), "lr %d", i)
		assert.Equal(t, run.Result.Stopped, g.Result.Stopped, "lr %d", i)
		require.Len(t, g.Result.Trace, len(run.Result.Trace), "lr %d", i)
		for s, pt := range run.Result.Trace {
			assert.Equal(t, math.Float64bits(pt.Loss), math.Float64bits(g.Result.Trace[s].Loss), "lr %d step %d", i, s)
		}
	}
	assert.Equal(t, optim.Diverges, got.Runs[5].Regime, "lr 0.2 > 2/λmax")

	parts[2].Items[0] = []byte(`{"lr":0.5,"regime":"converges","final_loss":0,"stopped":"steps","losses":[]}`)
	_, _, err = Sweep().Merge(paths, parts)
	assert.EqualError(t, err, "part2: lr 4: the run is of lr 0.5, the sweep's lr 4 is 0.11")
}

// quadratic is f = x² + 10y², its gradient (2x, 20y) and its Hessian
// diag(2, 20).
func quadratic() (optim.Objective, optim.HessFunc) {
	obj := func(x, grad []float64) float64 {
		if grad != nil {
			grad[0], grad[1] = 2*x[0], 20*x[1]
		}
		return x[0]*x[0] + 10*x[1]*x[1]
	}
	hess := func(_ []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 2)
		dst.SetSym(1, 1, 20)
		dst.SetSym(0, 1, 0)
	}
	return obj, hess
}
