package workload

import (
	"context"
	"errors"
	"testing"

	"github.com/saddle-dev/saddle/workload/ref"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func names(ws []Workload) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return out
}

func TestSelect(t *testing.T) {
	ws, err := Select("w5, W4,W1")
	require.NoError(t, err)
	assert.Equal(t, []string{"W5", "W4a", "W4b", "W1"}, names(ws), "list order; W4 is W4a and W4b; any case")
	ws, err = Select("W1,W2,W3,W4,W5,W5-batched")
	require.NoError(t, err)
	assert.Equal(t, names(All()), names(ws))
	_, err = Select("W1,W9")
	assert.EqualError(t, err, `unknown workload "W9" (want some of W1,W2,W3,W4,W4a,W4b,W5,W5-batched)`)
}

func TestLineString(t *testing.T) {
	loss := 0.25
	l := NewLine("W4a", 1, []float64{30, 10, 20}, &loss, true,
		KV{"method", "m"}, KV{"ns_per_hvp", 12.345}, KV{"eig_min", -0.1}, KV{"wall_ms", 1.0 / 3}, KV{"symmetry_error", 1.0 / 3}, KV{"num_ops", 7})
	assert.Equal(t, "peer=saddle workload=W4a steps=1 ns_per_step=20.0 min=10.0 max=30.0 final_loss=0.25 "+
		"extra=method=m,ns_per_hvp=12.3,eig_min=-0.10000000000000001,wall_ms=0.33,symmetry_error=0.333,num_ops=7,ref_ok=true", l.String())
	assert.Equal(t, true, l.Extra["ref_ok"])
	w5 := NewLine("W5", 2, []float64{1, 2, 3, 4}, nil, false)
	assert.Contains(t, w5.String(), "ns_per_step=2.5 min=1.0 max=4.0 final_loss=NA extra=ref_ok=false")
}

func TestAddLimits(t *testing.T) {
	lines := []Line{NewLine("W1", 1, []float64{500}, nil, true), NewLine("W4a", 1, []float64{1}, nil, true)}
	AddLimits(lines)
	n := len(lines[0].Ordered)
	require.GreaterOrEqual(t, n, 4)
	assert.Equal(t, KV{"limit", "transcendental calls alone (math: 12 sigmoid)"}, lines[0].Ordered[n-3], "W1: the XOR net's 8 + 4 sigmoids")
	lim := lines[0].Extra["limit_ns_per_step"].(float64)
	assert.Greater(t, lim, 0.0)
	assert.InDelta(t, 500/lim, lines[0].Extra["x_limit"], 1e-12)
	assert.Len(t, lines[1].Ordered, 1, "W4a has no limit line: ref_ok only")
}

func TestStats(t *testing.T) {
	med, lo, hi := Stats([]float64{5, 1, 3})
	assert.Equal(t, []float64{3, 1, 5}, []float64{med, lo, hi})
	med, _, _ = Stats([]float64{4, 1, 2, 3})
	assert.Equal(t, 2.5, med, "an even count: the mean of the middle two")
}

func TestRunCallsEachAndReportsFailures(t *testing.T) {
	good := Workload{"A", func(reps int) ([]Line, error) { return []Line{NewLine("A", 1, make([]float64, reps), nil, true)}, nil }}
	bad := Workload{"B", func(int) ([]Line, error) { return []Line{NewLine("B", 1, []float64{1}, nil, false)}, nil }}
	var seen []string
	rep, err := Run([]Workload{good, bad}, Options{Reps: 3}, func(l Line) { seen = append(seen, l.Workload) })
	require.NoError(t, err)
	assert.Equal(t, []string{"A", "B"}, seen)
	assert.False(t, rep.RefOK)
	assert.Equal(t, []string{"B"}, rep.Failed())
	assert.Equal(t, 3, rep.Reps)

	broken := Workload{"C", func(int) ([]Line, error) { return nil, errors.New("boom") }}
	_, err = Run([]Workload{broken}, Options{Reps: 1}, nil)
	assert.EqualError(t, err, "C: boom")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run([]Workload{good}, Options{Reps: 1, Context: ctx}, nil)
	assert.ErrorIs(t, err, context.Canceled)
	rep, err = Run([]Workload{good}, Options{}, nil)
	require.NoError(t, err)
	assert.Equal(t, DefaultReps, rep.Reps, "Reps 0 means DefaultReps")
	assert.Panics(t, func() { _, _ = Run(nil, Options{Reps: -1}, nil) })
}

func TestW1AgreesWithReference(t *testing.T) {
	lines, err := runW1(1)
	require.NoError(t, err)
	require.Len(t, lines, 1)
	l := lines[0]
	require.NotNil(t, l.FinalLoss)
	assert.InEpsilon(t, ref.W1FinalLoss, *l.FinalLoss, ref.LossRel, "docs/WORKLOADS.md W1")
	assert.True(t, l.RefOK)
	assert.Equal(t, 0.0, l.Extra["allocs_per_step"], "the compiled step must not allocate")
	assert.Equal(t, ref.W1Steps, l.Steps)
	assert.Greater(t, l.NsPerStep, 0.0)
}

func TestW4AgreesWithReference(t *testing.T) {
	for _, c := range []w4Case{w4a, w4b} {
		lines, err := runW4(c, 1)
		require.NoError(t, err)
		l := lines[0]
		assert.InDelta(t, c.loss, *l.FinalLoss, ref.EigAbs, c.name)
		assert.InDelta(t, c.min, l.Extra["eig_min"], ref.EigAbs, c.name)
		assert.InDelta(t, c.max, l.Extra["eig_max"], ref.EigAbs, c.name)
		assert.True(t, l.RefOK, c.name)
		// The compiled Hessian is exactly symmetric up to rounding.
		const symTol = 1e-12
		assert.Less(t, l.Extra["symmetry_error"], symTol, c.name)
	}
}
