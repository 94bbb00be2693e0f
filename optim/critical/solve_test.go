package critical

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// TestFindRosenbrockValley: Rosenbrock's only critical point is its
// minimum (1, 1) (∂f/∂y = 0 gives y = x², then ∂f/∂x = −2(1 − x) = 0). In
// its curved valley Newton's step on ∇f = 0 first raises ‖∇f‖; with the
// nonmonotone rule most of the 31×31 grid starts over [−5, 5]² still reach
// the minimum (741 of 961), where the monotone rule reached it from 187 and
// spent its 200 iterations on 557 starts.
func TestFindRosenbrockValley(t *testing.T) {
	pts, err := Find(rosenbrock, []float64{-5, -5}, []float64{5, 5}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.InDeltaSlice(t, []float64{1, 1}, pts[0].X, posTol)
	assert.Equal(t, Minimum, pts[0].Kind)
	assert.Greater(t, pts[0].Hits, 961/2, "starts that reached the minimum")
}

// TestEigen2 checks the closed-form 2×2 factorisation of the solver
// against its definition: Q orthonormal and Q·diag(λ)·Qᵀ = H, on random
// symmetric matrices, a diagonal one and a multiple of the identity.
func TestEigen2(t *testing.T) {
	// factorTol: a few ulps of entries of magnitude ≤ 10.
	const factorTol = 1e-13
	rng := rand.New(rand.NewPCG(1, 2))
	cases := [][3]float64{{2, 0, -3}, {4, 0, 4}, {0, 1, 0}}
	for range 100 {
		cases = append(cases, [3]float64{10 * (rng.Float64() - 0.5), 10 * (rng.Float64() - 0.5), 10 * (rng.Float64() - 0.5)})
	}
	sv := newSolver(rosenbrock, 2)
	for _, c := range cases {
		sv.h.SetSym(0, 0, c[0])
		sv.h.SetSym(0, 1, c[1])
		sv.h.SetSym(1, 1, c[2])
		require.True(t, sv.eigen())
		q := mat.NewDense(2, 2, sv.q)
		var qtq mat.Dense
		qtq.Mul(q.T(), q)
		assert.True(t, mat.EqualApprox(&qtq, mat.NewDiagDense(2, []float64{1, 1}), factorTol), "QᵀQ of %v", c)
		var back mat.Dense
		back.Mul(q, mat.NewDiagDense(2, sv.lam))
		back.Mul(&back, q.T())
		assert.True(t, mat.EqualApprox(&back, sv.h, factorTol*math.Max(1, math.Abs(c[0])+math.Abs(c[1])+math.Abs(c[2]))), "QΛQᵀ of %v", c)
	}
}
