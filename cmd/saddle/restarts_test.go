package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xorLossGrad is the W1 loss written out by hand (independent of autodiff,
// nn and optim): the 2-2-1 sigmoid net with parameters W1 row by row, b1,
// W2, b2, the mean over the XOR patterns of (ŷ − t)², and its gradient by
// the chain rule.
func xorLossGrad(p, grad []float64) float64 {
	sig := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	xs := [4][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	ts := [4]float64{0, 1, 1, 0}
	clear(grad)
	var loss float64
	for n, x := range xs {
		var h [2]float64
		for o := range 2 {
			h[o] = sig(p[2*o]*x[0] + p[2*o+1]*x[1] + p[4+o])
		}
		y := sig(p[6]*h[0] + p[7]*h[1] + p[8])
		d := y - ts[n]
		loss += d * d / 4
		dz2 := d / 2 * y * (1 - y)
		grad[6] += dz2 * h[0]
		grad[7] += dz2 * h[1]
		grad[8] += dz2
		for o := range 2 {
			dz1 := dz2 * p[6+o] * h[o] * (1 - h[o])
			grad[2*o] += dz1 * x[0]
			grad[2*o+1] += dz1 * x[1]
			grad[4+o] += dz1
		}
	}
	return loss
}

// w5Reference runs docs/WORKLOADS.md W5's restart r by hand: start
// p_k = sin(9.1·r + 1.7·k + 0.3), 2000 steps of p ← p − 0.5·∇L, final loss.
func w5Reference(r int) float64 {
	p, g := make([]float64, 9), make([]float64, 9)
	for k := range p {
		p[k] = math.Sin(9.1*float64(r) + 1.7*float64(k) + 0.3)
	}
	for range 2000 {
		xorLossGrad(p, g)
		for k := range p {
			p[k] -= 0.5 * g[k]
		}
	}
	return xorLossGrad(p, g)
}

func TestRestartsW5Prefix(t *testing.T) {
	// The first 50 restarts of W5 (the full 1000 count 152, checked in
	// optim's tests; through the CLI they take about a minute on the
	// define-by-run engine). Every final loss matches the hand-written run
	// to docs/WORKLOADS.md's 1e-9 relative, the success count is the reference's,
	// and the JSON is byte-identical for 1 and 2 workers.
	const n = 50
	const w5Rel = 1e-9
	args := []string{"restarts", "--net", "xor", "--init", "workload-w5", "--n", "50", "--steps", "2000", "--lr", "0.5", "--success-below", "0.01", "--json"}
	code, out1, stderr := runCLI(t, append(args, "--workers", "1")...)
	require.Equal(t, 0, code, stderr)
	code, out2, stderr := runCLI(t, append(args, "--workers", "2")...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, out1, out2, "results do not depend on --workers")

	var r shard.RestartsReport
	require.NoError(t, json.Unmarshal([]byte(out1), &r))
	require.Len(t, r.FinalLosses, n)
	want := 0
	for i := range n {
		ref := w5Reference(i)
		if ref < 0.01 {
			want++
		}
		assert.InEpsilon(t, ref, float64(r.FinalLosses[i]), w5Rel, "restart %d", i)
	}
	assert.Equal(t, want, r.Successes)
	assert.InDelta(t, float64(want)/n, r.SuccessRate, 1e-15)
	total := r.Histogram.Other
	for _, c := range r.Histogram.Counts {
		total += c
	}
	assert.Equal(t, n, total, "the histogram counts every restart")
	assert.LessOrEqual(t, r.Distinct, want)
	if want > 0 {
		assert.GreaterOrEqual(t, r.Distinct, 1)
	}
}

func TestRestartsText(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "losses.png")
	code, out, stderr := runCLI(t, "restarts", "--n", "8", "--steps", "300", "--init", "uniform", "--init-scale", "1", "--plot", plot)
	require.Equal(t, 0, code, stderr)
	assert.FileExists(t, plot)
	assert.Contains(t, out, "8 restarts of xor")
	assert.Contains(t, out, "success (final loss < 0.01)")
	assert.Contains(t, out, "distinct solutions up to hidden-unit symmetry")
	assert.Contains(t, out, "final loss (log-scale bins)")
}

func TestRestartsBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--n", "0"}, "--n must be > 0"},
		{[]string{"--steps", "-5"}, "--steps must be > 0"},
		{[]string{"--workers", "-1"}, "--workers"},
		{[]string{"--success-below", "-1"}, "--success-below"},
		{[]string{"--init", "workload-w1"}, "same start"},
		{[]string{"--opt", "sgdd"}, "unknown optimizer"},
		{[]string{"--init", "workload-w5", "--net", "moons"}, "2-2-1"},
		{[]string{"--plot", "x.bmp"}, ".png or .svg"},
	}
	for _, c := range cases {
		code, out, stderr := runCLI(t, append([]string{"restarts", "--n", "2", "--steps", "10"}, c.args...)...)
		assertOneLineError(t, code, out, stderr, 2, c.want)
	}
}
