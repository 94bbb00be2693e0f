package symeig

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValues(t *testing.T) {
	// [[2, 1], [1, 2]]: eigenvalues 2 ∓ 1. The asymmetric [[0, 2], [0, 0]]
	// has symmetric part [[0, 1], [1, 0]]: ∓1.
	const tol = 1e-14 // a 2×2 decomposition: rounding only
	v := Values([][]float64{{2, 1}, {1, 2}})
	assert.InDelta(t, 1, v[0], tol)
	assert.InDelta(t, 3, v[1], tol)
	v = Values([][]float64{{0, 2}, {0, 0}})
	assert.InDelta(t, -1, v[0], tol)
	assert.InDelta(t, 1, v[1], tol)
	// Entries of 1e-200 (which gonum cannot factorize unscaled): 1e-200·(1, 3).
	tiny := Values([][]float64{{2e-200, 1e-200}, {1e-200, 2e-200}})
	assert.InEpsilon(t, 1e-200, tiny[0], 1e-12)
	assert.InEpsilon(t, 3e-200, tiny[1], 1e-12)
	assert.Equal(t, []float64{0, 0}, Values([][]float64{{0, 0}, {0, 0}}))
	assert.Empty(t, Values(nil))
	assert.False(t, math.IsNaN(Values([][]float64{{1}})[0]))
}
