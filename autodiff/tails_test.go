package autodiff

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tailRelTol is the relative agreement required of σ′, σ″, tanh′ and tanh″
// in their tails: the expected values below are leading terms of series
// whose next term is smaller by e^{−40} or less, so the only error is the
// rounding of exp and a few products (a few ulps).
const tailRelTol = 1e-14

// derivs1 returns f′(x) and f″(x) of a scalar op, define-by-run and
// compiled (Program and HVPProgram), so that both paths are checked.
func derivs1(t *testing.T, op func(*Node) *Node, x float64) (d1, d2 [2]float64) {
	t.Helper()
	f := func(v *Node) *Node { return Sum(op(v)) }
	_, g := ValueAndGrad(f, []float64{x})
	d1[0] = g[0]
	d2[0] = Hessian(f, []float64{x})[0][0]
	prog, err := Compile(f, 1)
	require.NoError(t, err)
	grad := make([]float64, 1)
	prog.ValueAndGrad([]float64{x}, grad)
	d1[1] = grad[0]
	hp, err := CompileHVP(f, 1)
	require.NoError(t, err)
	h := [][]float64{make([]float64, 1)}
	hp.Hessian([]float64{x}, h)
	d2[1] = h[0][0]
	return d1, d2
}

func assertRel(t *testing.T, want, got float64, what string) {
	t.Helper()
	if want == 0 {
		assert.Zero(t, got, what)
		return
	}
	assert.InEpsilon(t, want, got, tailRelTol, what)
}

// TestSigmoidTanhTailsKeepRelativeAccuracy: for |x| ≥ 40, with u = e^{−|x|},
// σ′(x) = u/(1+u)² = u(1 − 2u + …) = u to double precision, and
// σ″(x) = σ′(x)·(1 − 2σ(x)) = −sign(x)·u(1 + O(u)); with w = e^{−2|x|},
// tanh′(x) = 4w/(1+w)² = 4w and tanh″(x) = −2·tanh(x)·tanh′(x) = −sign(x)·8w.
// s·(1 − s) and 1 − t² give 0 on the positive side, where 1 − s and 1 − t²
// round to 0. At |x| = 700, 4e^{−1400} is below the smallest double, so
// tanh′ is 0 there in any arithmetic; σ′(±700) = e^{−700} ≈ 1e-304 is not.
func TestSigmoidTanhTailsKeepRelativeAccuracy(t *testing.T) {
	for _, x := range []float64{40, -40, 700, -700} {
		u, w := math.Exp(-math.Abs(x)), math.Exp(-2*math.Abs(x))
		sign := math.Copysign(1, x)
		d1, d2 := derivs1(t, Sigmoid, x)
		for k, path := range []string{"define-by-run", "compiled"} {
			assertRel(t, u, d1[k], "σ′ "+path)
			assertRel(t, -sign*u, d2[k], "σ″ "+path)
		}
		d1, d2 = derivs1(t, Tanh, x)
		for k, path := range []string{"define-by-run", "compiled"} {
			assertRel(t, 4*w, d1[k], "tanh′ "+path)
			assertRel(t, -sign*8*w, d2[k], "tanh″ "+path)
		}
	}
}

// TestPowVarExponentDerivativeAtZeroBase: for f = x^y at x = 0, y > 0,
// ∂f/∂y = x^y·log x → 0 (t^y·log t → 0 as t → 0⁺), not 0·(−∞) = NaN; the
// Hessian is finite too: ∂²f/∂x² = y(y−1)x^{y−2} = 2 at (0, 2),
// ∂²f/∂x∂y = x^{y−1}(1 + y·log x) → 0 and ∂²f/∂y² = x^y·log²x → 0.
func TestPowVarExponentDerivativeAtZeroBase(t *testing.T) {
	f := func(v *Node) *Node { return Sum(PowVar(Slice(v, 0, 1), Slice(v, 1, 2))) }
	_, g := ValueAndGrad(f, []float64{0, 2})
	assert.Equal(t, []float64{0, 0}, g)
	assert.Equal(t, [][]float64{{2, 0}, {0, 0}}, Hessian(f, []float64{0, 2}))
	// Away from 0 the rule is unchanged: ∂f/∂y at (2, 3) = 8·log 2.
	_, g = ValueAndGrad(f, []float64{2, 3})
	assert.InEpsilon(t, 8*math.Ln2, g[1], tailRelTol)
}

// TestCompileLinearAndConstant: a linear or constant f has a gradient and a
// Hessian that do not depend on x (so no replayed step reads the variable,
// and the Hessian's steps do not read the direction): its programs must
// still run, with ∇(3x₀ − x₂) = (3, 0, −1), ∇(7) = 0 and H = 0.
func TestCompileLinearAndConstant(t *testing.T) {
	cases := []struct {
		name string
		f    Func
		grad []float64
	}{
		{"linear", func(v *Node) *Node { return Sub(Scale(Slice(v, 0, 1), 3), Sum(Slice(v, 2, 3))) }, []float64{3, 0, -1}},
		{"constant", func(*Node) *Node { return Scalar(7) }, []float64{0, 0, 0}},
	}
	x := []float64{0.5, -1, 2}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prog, err := Compile(c.f, 3)
			require.NoError(t, err)
			grad := make([]float64, 3)
			prog.ValueAndGrad(x, grad)
			assert.Equal(t, c.grad, grad)
			hp, err := CompileHVP(c.f, 3)
			require.NoError(t, err)
			h := [][]float64{make([]float64, 3), make([]float64, 3), make([]float64, 3)}
			hp.Hessian(x, h)
			assert.Equal(t, [][]float64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, h)
			hv := make([]float64, 3)
			hp.Clone().HVP(x, []float64{1, 2, 3}, hv)
			assert.Equal(t, []float64{0, 0, 0}, hv)
		})
	}
}
