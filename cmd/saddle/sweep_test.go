package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedLoss is the seed slides' linear-regression loss Σ(y − b0 − b1·x)² over
// (0,1), (1,2), (3,3). Hessian [[6,8],[8,20]], eigenvalues 13 ± √113.
const seedLoss = "(1-b0)^2 + (2-b0-b1)^2 + (3-b0-3*b1)^2"

// thresholdTol: eigenvalues of a 2×2 integer matrix, exact to a few ulps.
const thresholdTol = 1e-12

func TestSweepSeedFormula(t *testing.T) {
	lmax := 13 + math.Sqrt(113)
	code, out, stderr := runCLI(t, "sweep", "-f", seedLoss, "--at", "b0=0,b1=0",
		"--lrs", "0.005,0.042,0.043,0.084,0.085", "--json")
	require.Equal(t, 0, code, stderr)
	var r shard.SweepReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.InDelta(t, lmax, float64(r.LambdaMax), thresholdTol)
	assert.InDelta(t, 1/lmax, float64(r.ZigzagAbove), thresholdTol)
	assert.InDelta(t, 2/lmax, float64(r.DivergeAbove), thresholdTol)
	assert.InDelta(t, 0.04232, float64(r.ZigzagAbove), 5e-6, "the seed's rounded 1/λmax")
	assert.InDelta(t, 0.08464, float64(r.DivergeAbove), 5e-6, "the seed's rounded 2/λmax")
	// Below 1/λmax monotone, between the thresholds zigzag, above 2/λmax
	// divergence (docs/LITERATURE.md: GD on a quadratic); 0.005 is too slow for 100 steps.
	want := []string{"too-slow", "converges", "zigzags", "zigzags", "diverges"}
	require.Len(t, r.Runs, len(want))
	for i, run := range r.Runs {
		assert.Equal(t, want[i], run.Regime, "lr %v", run.LR)
		assert.Len(t, run.Losses, 101, "losses at steps 0..100 (or up to the divergence)")
	}
	// The converged run ends at the least-squares minimum, loss 1/14
	// (residuals of the line 8/7 + 9/14·x at x = 0, 1, 3).
	assert.InDelta(t, 1.0/14, float64(r.Runs[1].FinalLoss), 1e-9)
}

func TestSweepNetAuto(t *testing.T) {
	// The linreg preset's loss is the seed's divided by 3 (a mean), so
	// λmax = (13 + √113)/3; auto tries 0.1…3 times 1/λmax.
	lmax := (13 + math.Sqrt(113)) / 3
	code, out, stderr := runCLI(t, "sweep", "--net", "linreg", "--json")
	require.Equal(t, 0, code, stderr)
	var r shard.SweepReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.InDelta(t, lmax, float64(r.LambdaMax), thresholdTol)
	require.Len(t, r.Runs, len(optim.SweepAuto()))
	for i, run := range r.Runs {
		assert.InDelta(t, optim.SweepAuto()[i]/lmax, run.LR, thresholdTol)
		k := optim.SweepAuto()[i]
		switch {
		case k < 1:
			assert.Contains(t, []string{"too-slow", "converges"}, run.Regime, "lr·λmax = %v", k)
		case k < 2:
			assert.Equal(t, "zigzags", run.Regime, "lr·λmax = %v", k)
		default:
			assert.Equal(t, "diverges", run.Regime, "lr·λmax = %v", k)
		}
	}
	// lr = 0.1/λmax moves the slow direction (λmin/λmax ≈ 0.1) by only
	// (1 − 0.01)¹⁰⁰ ≈ 0.37 in 100 steps.
	assert.Equal(t, "too-slow", r.Runs[0].Regime)
}

func TestSweepPlots(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sweep.svg")
	code, out, stderr := runCLI(t, "sweep", "-f", seedLoss, "--at", "b0=0,b1=0", "--lrs", "0.01:0.09:3", "--plot", path)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "zigzag above 1/λmax = 0.0423")
	for _, p := range []string{path, filepath.Join(dir, "sweep-paths.svg")} {
		data, err := os.ReadFile(p)
		require.NoError(t, err, p)
		assert.Contains(t, string(data[:200]), "<svg")
	}
}

func TestSweepBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-f", "x^2", "--at", "x=1", "--lrs", "0.1,-1"}, "--lrs"},
		{[]string{"-f", "x^2", "--at", "x=1", "--lrs", "0.1,abc"}, "--lrs"},
		{[]string{"-f", "x^2", "--at", "x=1", "--lrs", "1:0:5"}, "LO:HI:N"},
		{[]string{"-f", "x^2", "--at", "x=1", "--net", "xor"}, "do not combine"},
		{[]string{"-f", "x^2", "--at", "x=1", "--steps", "0"}, "--steps"},
		{[]string{"-f", "x^2 +", "--at", "x=1"}, "formula"},
		{[]string{"-f", "x^2", "--at", "x=1", "--plot", "a.jpg"}, ".png or .svg"},
	}
	for _, c := range cases {
		code, out, stderr := runCLI(t, append([]string{"sweep"}, c.args...)...)
		assertOneLineError(t, code, out, stderr, 2, c.want)
	}
	// A concave start has no 1/λmax scale for auto: a runtime error.
	code, out, stderr := runCLI(t, "sweep", "-f", "-x^2", "--at", "x=1")
	assertOneLineError(t, code, out, stderr, 1, "no positive eigenvalue")
}
