package critical

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// Closed-form test functions with hand-derived gradients and Hessians.
// TestClosedFormsMatchFiniteDifferences checks the derivations against
// central differences, so that the critical-point tests rest on independent
// arithmetic.

// doubleWell is (1−x²)²: f' = 4x³ − 4x, f” = 12x² − 4.
var doubleWell = Problem{
	Func: func(x []float64) float64 { u := 1 - x[0]*x[0]; return u * u },
	Grad: func(x, dst []float64) { dst[0] = 4*x[0]*x[0]*x[0] - 4*x[0] },
	Hess: func(x []float64, dst *mat.SymDense) { dst.SetSym(0, 0, 12*x[0]*x[0]-4) },
}

// hyperbolic is x² − y²: ∇ = (2x, −2y), H = diag(2, −2).
var hyperbolic = Problem{
	Func: func(x []float64) float64 { return x[0]*x[0] - x[1]*x[1] },
	Grad: func(x, dst []float64) { dst[0], dst[1] = 2*x[0], -2*x[1] },
	Hess: func(x []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 2)
		dst.SetSym(0, 1, 0)
		dst.SetSym(1, 1, -2)
	},
}

// himmelblau is (x²+y−11)² + (x+y²−7)²:
// fx = 4x(x²+y−11) + 2(x+y²−7), fy = 2(x²+y−11) + 4y(x+y²−7),
// fxx = 12x² + 4y − 42, fxy = 4x + 4y, fyy = 12y² + 4x − 26.
var himmelblau = Problem{
	Func: func(x []float64) float64 {
		a, b := x[0]*x[0]+x[1]-11, x[0]+x[1]*x[1]-7
		return a*a + b*b
	},
	Grad: func(x, dst []float64) {
		a, b := x[0]*x[0]+x[1]-11, x[0]+x[1]*x[1]-7
		dst[0] = 4*x[0]*a + 2*b
		dst[1] = 2*a + 4*x[1]*b
	},
	Hess: func(x []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 12*x[0]*x[0]+4*x[1]-42)
		dst.SetSym(0, 1, 4*x[0]+4*x[1])
		dst.SetSym(1, 1, 12*x[1]*x[1]+4*x[0]-26)
	},
}

// camel is the six-hump camel 4x² − 2.1x⁴ + x⁶/3 + xy − 4y² + 4y⁴:
// fx = 8x − 8.4x³ + 2x⁵ + y, fy = x − 8y + 16y³,
// fxx = 8 − 25.2x² + 10x⁴, fxy = 1, fyy = −8 + 48y².
var camel = Problem{
	Func: func(x []float64) float64 {
		u, v := x[0], x[1]
		return 4*u*u - 2.1*u*u*u*u + u*u*u*u*u*u/3 + u*v - 4*v*v + 4*v*v*v*v
	},
	Grad: func(x, dst []float64) {
		u, v := x[0], x[1]
		dst[0] = 8*u - 8.4*u*u*u + 2*u*u*u*u*u + v
		dst[1] = u - 8*v + 16*v*v*v
	},
	Hess: func(x []float64, dst *mat.SymDense) {
		u, v := x[0], x[1]
		dst.SetSym(0, 0, 8-25.2*u*u+10*u*u*u*u)
		dst.SetSym(0, 1, 1)
		dst.SetSym(1, 1, -8+48*v*v)
	},
}

// monkey is x³ − 3xy²: ∇ = (3x² − 3y², −6xy), H = [[6x, −6y], [−6y, −6x]].
var monkey = Problem{
	Func: func(x []float64) float64 { return x[0]*x[0]*x[0] - 3*x[0]*x[1]*x[1] },
	Grad: func(x, dst []float64) {
		dst[0] = 3*x[0]*x[0] - 3*x[1]*x[1]
		dst[1] = -6 * x[0] * x[1]
	},
	Hess: func(x []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 6*x[0])
		dst.SetSym(0, 1, -6*x[1])
		dst.SetSym(1, 1, -6*x[0])
	},
}

// regression is the seed's least-squares loss Σ(y − b0 − b1·x)² over the
// points (0,1), (1,2), (3,3): ∇ = −2Σ r·(1, x) with r = y − b0 − b1x,
// H = 2·[[3, Σx], [Σx, Σx²]] = [[6, 8], [8, 20]].
var regression = Problem{
	Func: func(b []float64) float64 {
		s := 0.0
		for _, p := range regressionData {
			r := p[1] - b[0] - b[1]*p[0]
			s += r * r
		}
		return s
	},
	Grad: func(b, dst []float64) {
		dst[0], dst[1] = 0, 0
		for _, p := range regressionData {
			r := p[1] - b[0] - b[1]*p[0]
			dst[0] -= 2 * r
			dst[1] -= 2 * r * p[0]
		}
	},
	Hess: func(_ []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 6)
		dst.SetSym(0, 1, 8)
		dst.SetSym(1, 1, 20)
	},
}

// rosenbrock is (1−x)² + 100(y−x²)²: fx = −2(1−x) − 400x(y−x²),
// fy = 200(y−x²), fxx = 2 − 400y + 1200x², fxy = −400x, fyy = 200.
var rosenbrock = Problem{
	Func: func(x []float64) float64 {
		a, b := 1-x[0], x[1]-x[0]*x[0]
		return a*a + 100*b*b
	},
	Grad: func(x, dst []float64) {
		b := x[1] - x[0]*x[0]
		dst[0] = -2*(1-x[0]) - 400*x[0]*b
		dst[1] = 200 * b
	},
	Hess: func(x []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 2-400*x[1]+1200*x[0]*x[0])
		dst.SetSym(0, 1, -400*x[0])
		dst.SetSym(1, 1, 200)
	},
}

var regressionData = [][2]float64{{0, 1}, {1, 2}, {3, 3}}

// fdTol: central differences with fd's default step have truncation and
// rounding error ~1e-6 relative on these O(1)–O(100) polynomials.
const fdTol = 1e-4

func TestClosedFormsMatchFiniteDifferences(t *testing.T) {
	cases := map[string]struct {
		p Problem
		x []float64
	}{
		"doubleWell": {doubleWell, []float64{0.7}},
		"hyperbolic": {hyperbolic, []float64{0.3, -1.1}},
		"himmelblau": {himmelblau, []float64{1.3, -0.8}},
		"camel":      {camel, []float64{0.6, -0.4}},
		"monkey":     {monkey, []float64{0.9, 0.5}},
		"regression": {regression, []float64{0.2, 1.7}},
		"rosenbrock": {rosenbrock, []float64{-0.7, 0.4}},
	}
	for name, c := range cases {
		n := len(c.x)
		wantG := fd.Gradient(nil, c.p.Func, c.x, nil)
		g := make([]float64, n)
		c.p.Grad(c.x, g)
		require.InDeltaSlice(t, wantG, g, fdTol*(1+norm(wantG)), name)
		// Hessian: the Jacobian of the (already checked) gradient.
		wantH := mat.NewDense(n, n, nil)
		fd.Jacobian(wantH, func(dst, x []float64) { c.p.Grad(x, dst) }, c.x, nil)
		h := mat.NewSymDense(n, nil)
		c.p.Hess(c.x, h)
		require.True(t, mat.EqualApprox(wantH, h, fdTol*(1+mat.Norm(wantH, 2))), "%s Hessian: fd %v, closed form %v", name, mat.Formatted(wantH), mat.Formatted(h))
	}
}
