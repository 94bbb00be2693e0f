package eigen

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSym(t *testing.T) {
	// [[2, 1], [1, 2]] has eigenvalues 1 and 3 (trace 4, determinant 3).
	const tol = 1e-14 // LAPACK's dsyev on a 2×2, a few ulps
	v := Sym([][]float64{{2, 1}, {1, 2}})
	assert.InDelta(t, 1, v[0], tol)
	assert.InDelta(t, 3, v[1], tol)
	// Only the symmetric part counts: [[0, 2], [0, 0]] → [[0, 1], [1, 0]], ±1.
	v = Sym([][]float64{{0, 2}, {0, 0}})
	assert.InDelta(t, -1, v[0], tol)
	assert.InDelta(t, 1, v[1], tol)
	// Tiny entries are scaled, not a panic: 1e-200·I has 1e-200 twice.
	v = Sym([][]float64{{1e-200, 0}, {0, 1e-200}})
	assert.InEpsilon(t, 1e-200, v[0], tol)
	assert.Equal(t, []float64{0, 0}, Sym([][]float64{{0, 0}, {0, 0}}))
	assert.Equal(t, []float64{}, Sym(nil))
	// A NaN entry makes the scale NaN: every eigenvalue is NaN.
	for _, x := range Sym([][]float64{{math.NaN(), 0}, {0, 1}}) {
		assert.True(t, math.IsNaN(x))
	}
}
