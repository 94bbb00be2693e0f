package shard

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quadraticSweep is f = x² + 10y² from (1, 1): Hessian diag(2, 20), λmin
// = 2, λmax = 20, zigzag above 1/20, divergence above 2/20.
func quadraticSweep(lrs []float64) (SweepHeader, optim.SweepResult) {
	obj, hess := quadratic()
	cfg := optim.SweepConfig{Steps: 20, Paths: true, Hess: hess}
	start := []float64{1, 1}
	res := optim.Sweep(obj, start, lrs, cfg)
	h := SweepHeader{Problem: "x^2 + 10*y^2", Vars: []string{"x", "y"}, Start: start, Steps: cfg.Steps, LRs: lrs}
	h.SetThresholds(res)
	return h, res
}

func TestSweepReport(t *testing.T) {
	h, res := quadraticSweep([]float64{0.01, 0.2})
	r := h.Report(res)
	const exact = 1e-12 // eigenvalues of a diagonal matrix
	assert.InDelta(t, 20, float64(r.LambdaMax), exact)
	assert.InDelta(t, 0.05, float64(r.ZigzagAbove), exact)
	require.Len(t, r.Runs, 2)
	assert.Equal(t, "diverges", r.Runs[1].Regime, "lr 0.2 > 2/λmax = 0.1")
	assert.Len(t, r.Runs[0].Losses, 21, "the loss at the start and after each of 20 steps")
	assert.InDelta(t, 11, float64(r.Runs[0].Losses[0]), exact, "f(1, 1) = 1 + 10")

	var b strings.Builder
	require.NoError(t, r.WriteText(&b))
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "sweep of x^2 + 10*y^2 from x=1, y=1, 20 gradient-descent steps per lr", lines[0])
	assert.Equal(t, "Hessian at the start: λmax = 20, λmin = 2", lines[1])
	assert.Equal(t, "on a quadratic: zigzag above 1/λmax = 0.05, diverge above 2/λmax = 0.1", lines[2])
	assert.True(t, strings.HasPrefix(lines[5], "0.01  0.2 "), "lr·λmax = 0.01 · 20: %q", lines[5])
}

func TestSweepFigures(t *testing.T) {
	h, res := quadraticSweep([]float64{0.01, 0.2})
	lines := SweepFigure(res)
	require.Len(t, lines.Series, 2)
	assert.Equal(t, fmt.Sprintf("lr 0.01 (%s)", res.Runs[0].Regime), lines.Series[0].Label)
	assert.Len(t, lines.Series[0].X, 21)

	c, ok := SweepPathsFigure(func(x, y float64) float64 { return x*x + 10*y*y }, h.Vars, res)
	require.True(t, ok)
	assert.Equal(t, "x", c.XLabel)
	require.Len(t, c.Paths, 2)
	// The box is that of the converging path, x from 1 down to 0.98²⁰ (x
	// is multiplied by 1 − 0.01·2 per step), widened by 15 % of its width
	// and 0.1; the diverging path (y multiplied by 1 − 0.2·20 = −3 per
	// step) leaves it after the start.
	lo := math.Pow(0.98, 20)
	assert.InDelta(t, 1+0.15*(1-lo)+0.1, c.X[len(c.X)-1], 1e-12)
	assert.InDelta(t, lo-0.15*(1-lo)-0.1, c.X[0], 1e-12)
	assert.Len(t, c.Paths[1].XY, 1, "only the start of the diverging path is inside")
	assert.Len(t, c.Paths[0].XY, 21)

	merged := res
	merged.Runs = []optim.SweepRun{{LR: 0.01, Result: optim.Result{Trace: []optim.Point{{Loss: 1}}}}}
	_, ok = SweepPathsFigure(nil, nil, merged)
	assert.False(t, ok, "a merged sweep has no paths")
}

func TestLandscapeStudy(t *testing.T) {
	h := LandscapeHeader{Mode: "plane", Alpha: []float64{-1, 1}, Beta: []float64{0, 1, 2}}
	grid, err := Landscape().Summarize(h, [][]Float{{1, 2}, {3, Float(math.NaN())}, {5, 6}})
	require.NoError(t, err)
	assert.Equal(t, []float64{5, 6}, grid[2])
	assert.True(t, math.IsNaN(grid[1][1]), "NaN kept")
	_, err = Landscape().Summarize(h, [][]Float{{1, 2}})
	assert.EqualError(t, err, "1 rows in the parts, the grid has 3")
	_, err = Landscape().Summarize(h, [][]Float{{1, 2}, {3}, {5, 6}})
	var ie *ItemError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 1, ie.Index)
}

// TestRestartsSaveResumeFile: an interrupted block saved with Save and
// continued with ResumeFile ends as the uninterrupted block; a file of
// other settings is a *UsageError naming the file.
func TestRestartsSaveResumeFile(t *testing.T) {
	h, cfg := w5(t, 12)
	params := map[string]string{"n": "12"}
	want := NewRestartsBlock(0, 1, h.N)
	require.NoError(t, want.Run(cfg))

	b := interruptedBlock(t, cfg, 0, 1, h.N, 3)
	path := filepath.Join(t.TempDir(), "r.interrupted.json")
	finished, err := b.Save(path, h, params)
	require.NoError(t, err)
	assert.Equal(t, b.Finished(), finished)
	require.Positive(t, finished)

	resumed := NewRestartsBlock(0, 1, h.N)
	require.NoError(t, resumed.ResumeFile(path, Indexes(), h, params))
	assert.Equal(t, b.Todo, resumed.Todo)
	require.NoError(t, resumed.Run(cfg))
	assert.Equal(t, want.Result.FinalLoss, resumed.Result.FinalLoss)

	err = NewRestartsBlock(0, 1, h.N).ResumeFile(path, Indexes(), h, map[string]string{"n": "13"})
	var u *UsageError
	require.ErrorAs(t, err, &u)
	assert.EqualError(t, err, path+`: it was run with --n "12", this command has "13" (give the same flags)`)

	none := NewRestartsBlock(0, 1, h.N)
	finished, err = none.Save(filepath.Join(t.TempDir(), "none.json"), h, params)
	assert.Equal(t, 0, finished, "nothing finished: nothing written")
	assert.NoError(t, err)
}
