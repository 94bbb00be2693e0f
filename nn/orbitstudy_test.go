package nn

import (
	"context"
	"github.com/saddle-dev/saddle/workload/ref"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// orbitTol: equivalent points differ only by the order of floating-point
// sums (and the rounding of c + v for sigmoid flips): ~1e-16.
const orbitTol = 1e-12

// w4RefTol: docs/WORKLOADS.md asks for agreement with its references to 1e-8.
const w4RefTol = ref.EigAbs

func TestStudyOrbitXOR(t *testing.T) {
	p, err := Preset("xor")
	require.NoError(t, err)
	x := InitUniform(p.Net, 1, 1)
	r, err := StudyOrbit(p, x, OrbitConfig{})
	require.NoError(t, err)
	assert.Equal(t, "8", r.OrbitSize.String(), "2!·2² for 2 hidden units")
	assert.True(t, r.Enumerated)
	assert.Equal(t, 8, r.Evaluated)
	assert.Equal(t, 8, r.Distinct, "a generic point has 8 distinct copies")
	require.Len(t, r.Losses, 8)
	for _, l := range r.Losses {
		assert.InDelta(t, p.LossValue(x), l, orbitTol)
	}
	assert.InDelta(t, p.LossValue(x), r.CanonicalLoss, orbitTol)
	require.Len(t, r.Eigenvalues, 9)
	assert.InDeltaSlice(t, r.Eigenvalues, r.EigenvaluesPermuted, orbitTol)
	assert.Less(t, r.EigenvalueMaxDiff, orbitTol)
	assert.Equal(t, [][]int{{1, 0}}, r.Permutation)
	// The permuted point is the point with hidden units 0 and 1 swapped.
	swapped, err := PermuteHidden(p.Net, x, 1, []int{1, 0})
	require.NoError(t, err)
	assert.Equal(t, swapped, r.Permuted)
}

// TestStudyOrbitW1: at W1's start the loss and the Hessian extremes are
// docs/WORKLOADS.md's references (W1, W4a) at every equivalent point.
func TestStudyOrbitW1(t *testing.T) {
	p, _ := Preset("xor")
	r, err := StudyOrbit(p, W1Start(), OrbitConfig{})
	require.NoError(t, err)
	for _, l := range r.Losses {
		assert.InDelta(t, ref.W4aLoss, l, w4RefTol)
	}
	for _, ev := range [][]float64{r.Eigenvalues, r.EigenvaluesPermuted} {
		assert.InDelta(t, ref.W4aEigMin, ev[0], w4RefTol)
		assert.InDelta(t, ref.W4aEigMax, ev[8], w4RefTol)
	}
}

func TestStudyOrbitLargeIsSampled(t *testing.T) {
	p, err := Preset("w4b")
	require.NoError(t, err)
	cfg := OrbitConfig{Samples: 5, MaxHessian: 10}
	count, enumerate := cfg.Members(p.Net)
	assert.Equal(t, 5.0, count)
	assert.False(t, enumerate)
	r, err := StudyOrbit(p, InitUniform(p.Net, 1, 1), cfg)
	require.NoError(t, err)
	assert.Equal(t, "1371195958099968000", r.OrbitSize.String(), "16!·2¹⁶")
	assert.InDelta(t, 18.137, r.OrbitSizeLog10, 1e-3) // log₁₀ 1.371e18
	assert.False(t, r.Enumerated)
	assert.Equal(t, 5, r.Evaluated)
	assert.Equal(t, 5, r.Distinct)
	assert.InDelta(t, r.LossMin, r.LossMax, orbitTol)
	assert.True(t, r.HessianSkipped, "65 parameters > 10")
	assert.Empty(t, r.Eigenvalues)
	r, err = StudyOrbit(p, InitUniform(p.Net, 1, 1), OrbitConfig{Samples: 2, MaxHessian: -1})
	require.NoError(t, err)
	assert.True(t, r.HessianSkipped, "negative: never")
}

func TestStudyOrbitCancelled(t *testing.T) {
	p, _ := Preset("xor")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := StudyOrbit(p, W1Start(), OrbitConfig{Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
}
