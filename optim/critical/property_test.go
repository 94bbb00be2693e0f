package critical

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// poly2 is a random polynomial Σ c[i][j]·xⁱ·yʲ (i + j ≤ 4) whose gradient
// and Hessian the test derives by hand from the coefficients, independently
// of autodiff.
type poly2 [5][5]float64

func randomPoly(rng *rand.Rand) poly2 {
	var c poly2
	for i := range 5 {
		for j := 0; i+j <= 4; j++ {
			if rng.IntN(3) > 0 { // about a third of the terms absent
				c[i][j] = math.Round(8*rng.Float64()-4) / 2 // halves in [−2, 2]
			}
		}
	}
	return c
}

func (c poly2) String() string {
	s := ""
	for i := range 5 {
		for j := 0; i+j <= 4; j++ {
			if c[i][j] != 0 {
				s += fmt.Sprintf(" %+g·x^%d·y^%d", c[i][j], i, j)
			}
		}
	}
	return s
}

// fn is the polynomial as an autodiff function (what Find differentiates).
func (c poly2) fn() autodiff.Func {
	return func(v *autodiff.Node) *autodiff.Node {
		x, y := autodiff.Slice(v, 0, 1), autodiff.Slice(v, 1, 2)
		sum := autodiff.Scale(autodiff.Sum(x), 0) // 0, shaped like a term
		for i := range 5 {
			for j := 0; i+j <= 4; j++ {
				if c[i][j] == 0 {
					continue
				}
				t := autodiff.Scalar(c[i][j])
				for range i {
					t = autodiff.Mul(t, autodiff.Sum(x))
				}
				for range j {
					t = autodiff.Mul(t, autodiff.Sum(y))
				}
				sum = autodiff.Add(sum, t)
			}
		}
		return sum
	}
}

// pw is xᵏ with x⁰ = 1 and a zero power for k < 0 (the derivative of a
// constant).
func pw(x float64, k int) float64 {
	if k < 0 {
		return 0
	}
	return math.Pow(x, float64(k))
}

// grad and hess: ∂/∂x xⁱyʲ = i·xⁱ⁻¹yʲ, ∂²/∂x² = i(i−1)·xⁱ⁻²yʲ,
// ∂²/∂x∂y = ij·xⁱ⁻¹yʲ⁻¹, and the same in y.
func (c poly2) grad(x, y float64) (gx, gy float64) {
	for i := range 5 {
		for j := 0; i+j <= 4; j++ {
			fi, fj := float64(i), float64(j)
			gx += c[i][j] * fi * pw(x, i-1) * pw(y, j)
			gy += c[i][j] * fj * pw(x, i) * pw(y, j-1)
		}
	}
	return gx, gy
}

func (c poly2) hess(x, y float64) *mat.SymDense {
	var hxx, hxy, hyy float64
	for i := range 5 {
		for j := 0; i+j <= 4; j++ {
			fi, fj := float64(i), float64(j)
			hxx += c[i][j] * fi * (fi - 1) * pw(x, i-2) * pw(y, j)
			hxy += c[i][j] * fi * fj * pw(x, i-1) * pw(y, j-1)
			hyy += c[i][j] * fj * (fj - 1) * pw(x, i) * pw(y, j-2)
		}
	}
	return mat.NewSymDense(2, []float64{hxx, hxy, hxy, hyy})
}

// propGradSlack: the hand-derived gradient at a reported point may differ
// from autodiff's by rounding (terms up to 4·2·2³ = 64 in size, summed with
// different orders): a few ulps of 64 on top of the tolerance.
const propGradSlack = 1e-12

// TestFindPropertyRandomPolynomials: for random quartic polynomials in two
// variables, every point Find reports is critical by the hand-derived
// gradient (‖∇f‖ ≤ GradTol) and has the kind its hand-derived Hessian's
// eigenvalues give by the rule of Classify (τ = EigTol·max(1, max|λ|)).
func TestFindPropertyRandomPolynomials(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 1))
	lo, hi := []float64{-2, -2}, []float64{2, 2}
	opts := Options{Grid: 11, Workers: 2}
	found := 0
	for k := range 40 {
		c := randomPoly(rng)
		pts, err := Find(FromFunc(c.fn()), lo, hi, opts)
		require.NoError(t, err, "f =%s", c)
		found += len(pts)
		for _, p := range pts {
			gx, gy := c.grad(p.X[0], p.X[1])
			assert.LessOrEqual(t, math.Hypot(gx, gy), DefaultGradTol+propGradSlack,
				"polynomial %d (f =%s): reported point %v is not critical", k, c, p.X)
			var es mat.EigenSym
			require.True(t, es.Factorize(c.hess(p.X[0], p.X[1]), false))
			assert.Equal(t, kindOf(es.Values(nil), DefaultEigTol), p.Kind,
				"polynomial %d (f =%s) at %v: eigenvalues %v", k, c, p.X, p.Eigenvalues)
		}
	}
	assert.Greater(t, found, 40, "the polynomials have critical points to check")
}

// kindOf is the second-order test as the package documentation states it.
func kindOf(eig []float64, eigTol float64) Kind {
	scale := 1.0
	for _, l := range eig {
		scale = math.Max(scale, math.Abs(l))
	}
	neg, zero := 0, 0
	for _, l := range eig {
		switch {
		case math.Abs(l) <= eigTol*scale:
			zero++
		case l < 0:
			neg++
		}
	}
	switch {
	case zero > 0:
		return Degenerate
	case neg == 0:
		return Minimum
	case neg == len(eig):
		return Maximum
	}
	return Saddle
}
