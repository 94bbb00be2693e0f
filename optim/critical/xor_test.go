package critical

import (
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xorEigTol: the Hessian at the origin is built from exact values (σ(0) = ½,
// σ'(0) = ¼); rounding stays below 1e-15.
const xorEigTol = 1e-12

func TestXOROriginIsDegenerate(t *testing.T) {
	// docs/LITERATURE.md: at the all-zero point of the XOR 2-2-1 net (MSE) every
	// output is ½, the loss 0.25, the gradient exactly 0, and the Hessian has
	// one eigenvalue 0.1875 and eight zeros: positive semi-definite, yet a
	// saddle. Classify must call it degenerate, not a minimum.
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	pt, err := Classify(FromFunc(p.Func()), make([]float64, 9), 0)
	require.NoError(t, err)
	assert.Equal(t, 0.0, pt.GradNorm)
	assert.InDelta(t, 0.25, pt.Value, xorEigTol)
	assert.Equal(t, Degenerate, pt.Kind)
	assert.Equal(t, 0, pt.Index)
	require.Len(t, pt.Eigenvalues, 9)
	for _, l := range pt.Eigenvalues[:8] {
		assert.InDelta(t, 0, l, xorEigTol)
	}
	assert.InDelta(t, 0.1875, pt.Eigenvalues[8], xorEigTol)
	assert.Len(t, pt.FlatDirections, 8)
	// Derivation: with r = σ(z) − t = ±½ and σ''(0) = 0 the Hessian is
	// mean[2σ'(0)²∇z∇zᵀ + 2r·σ'(0)·∇²z]. At the origin ∇z = (0,…,0, ½, ½, 1)
	// (only the output weights v and bias c act: h = ½, v = 0), and the second
	// term averages to 0 over the four patterns (mean r = mean r·x_j = 0). So
	// H = (2/16)·uuᵀ with u = (0,0,0,0,0,0,½,½,1): eigenvalue ‖u‖²/8 = 0.1875,
	// and the flat directions are exactly those orthogonal to u.
	u := []float64{0, 0, 0, 0, 0, 0, 0.5, 0.5, 1}
	for _, d := range pt.FlatDirections {
		s := 0.0
		for i := range d {
			s += d[i] * u[i]
		}
		assert.InDelta(t, 0, s, xorEigTol)
	}
}

func TestXORSearchFindsNoStrictMinimum(t *testing.T) {
	// Hamey 1998; Sprinkhuizen-Kuyper & Boers 1998 (docs/LITERATURE.md): the XOR
	// 2-2-1 net has no local minima at finite weights (its global minima,
	// loss 0, lie at infinity for sigmoid outputs). Every critical point
	// found in the cube of half-width 0.5 around the origin is therefore a
	// saddle or degenerate, never a minimum.
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	lo, hi := make([]float64, 9), make([]float64, 9)
	for i := range lo {
		lo[i], hi[i] = -0.5, 0.5
	}
	pts, err := Find(FromFunc(p.Func()), lo, hi, Options{Starts: 16, Seed: 1})
	require.NoError(t, err)
	require.NotEmpty(t, pts)
	for _, pt := range pts {
		assert.NotEqual(t, Minimum, pt.Kind, "at %v", pt.X)
		assert.Less(t, pt.GradNorm, 1e-8)
	}
}
