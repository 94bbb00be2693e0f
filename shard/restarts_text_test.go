package shard

import (
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRestartsReportText: 1 success of 4 (p = 1/4): within 2 restarts
// 1 − (3/4)² = 43.75 %, within 20 1 − (3/4)²⁰ ≈ 99.68 %; the fuller bin (3)
// has 40 '#', the other (1) ⌈40/3⌉ = 14.
func TestRestartsReportText(t *testing.T) {
	r := RestartsReport{Net: "xor", Init: "uniform", Optimizer: "gd", LR: 0.5, N: 4, Steps: 100, SuccessBelow: 0.01,
		Successes: 1, SuccessRate: 0.25, Distinct: 1, Diverged: 1,
		Histogram: optim.Histogram{Edges: []float64{0.001, 0.01, 0.1}, Counts: []int{1, 3}, Other: 1}}
	var b strings.Builder
	require.NoError(t, r.WriteText(&b))
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "4 restarts of xor: gd lr 0.5, 100 steps, init uniform", lines[0])
	assert.Equal(t, "success (final loss < 0.01): 1 of 4 (25.0%)", lines[1])
	assert.Equal(t, "diverged: 1", lines[3])
	assert.Equal(t, "P(some success within k restarts) = 1 − (1 − p)^k, k = 2: 43.8%, 5: 76.3%, 10: 94.4%, 20: 99.7%", lines[4])
	assert.Equal(t, "  [    0.001,      0.01)     1 "+strings.Repeat("#", 14), lines[7])
	assert.Equal(t, "  [     0.01,       0.1)     3 "+strings.Repeat("#", 40), lines[8])
	assert.Equal(t, "  zero or not finite      1", lines[9])
}

// TestRestartsReportOf: the report counts the diverged restarts and keeps
// an empty histogram as [] (not null) for JSON.
func TestRestartsReportOf(t *testing.T) {
	h := RestartsHeader{Net: "xor", N: 3, LR: 0.5, SuccessBelow: 0.01}
	res := optim.RestartResult{FinalLoss: []float64{0.001, 0.3, 0.2}, Stopped: []optim.Stop{optim.StopSteps, optim.StopDiverged, optim.StopSteps},
		Successes: 1, SuccessRate: 1.0 / 3, Solutions: [][]float64{{1}}}
	r := h.Report(res)
	assert.Equal(t, 1, r.Diverged)
	assert.Equal(t, 1, r.Distinct)
	assert.Equal(t, 0.5, r.LR)
	assert.Equal(t, []optim.JSONFloat{0.001, 0.3, 0.2}, r.FinalLosses)
	assert.NotNil(t, r.Histogram.Edges)
	assert.NotNil(t, r.Histogram.Counts)
}
