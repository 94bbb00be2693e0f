package autodiff

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBatchAffineAndConstant: outputs that do not depend on x are constants
// shared by every copy. f(x) = ⟨x, w⟩ + 1 has value ⟨x, w⟩ + 1, gradient w
// and Hessian 0 at every x; g(x) = Σ [1 2] = 3 has gradient 0.
func TestBatchAffineAndConstant(t *testing.T) {
	w := []float64{0.5, -2}
	affine := func(x *Node) *Node { return AddScalar(Dot(x, Const(w)), 1) }
	prog, err := Compile(affine, 2)
	require.NoError(t, err)
	xs := []float64{1, 2, -3, 0.25, 4, 8}
	vals, grads := make([]float64, 3), make([]float64, 6)
	prog.Batch(3).ValueAndGrad(xs, vals, grads)
	assert.Equal(t, []float64{0.5 - 4 + 1, -1.5 - 0.5 + 1, 2 - 16 + 1}, vals)
	assert.Equal(t, slices.Concat(w, w, w), grads)
	hp, err := CompileHVP(affine, 2)
	require.NoError(t, err)
	hv := []float64{9, 9, 9, 9, 9, 9}
	hp.Batch(3).HVP(xs, []float64{1, 0, 0, 1, 1, 1}, hv)
	assert.Equal(t, make([]float64, 6), hv)

	constant := func(x *Node) *Node { return Sum(Const([]float64{1, 2})) }
	prog, err = Compile(constant, 2)
	require.NoError(t, err)
	prog.Batch(3).ValueAndGrad(xs, vals, grads)
	assert.Equal(t, []float64{3, 3, 3}, vals)
	assert.Equal(t, make([]float64, 6), grads)
}
