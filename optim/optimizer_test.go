package optim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// stepTol: the hand-computed values below are exact closed forms evaluated
// in float64; a few roundings separate them from the code's order of
// operations.
const stepTol = 1e-12

// quadGrad is the gradient of f(x) = ½(x₁² + 10x₂²): (x₁, 10x₂).
func quadGrad(x []float64) []float64 { return []float64{x[0], 10 * x[1]} }

// steps applies opt n times on f(x) = ½(x₁² + 10x₂²) from (1, 1) and
// returns the parameters after each step.
func steps(opt Optimizer, n int) [][]float64 {
	x := []float64{1, 1}
	var out [][]float64
	for i := 0; i < n; i++ {
		opt.Step(x, quadGrad(x))
		out = append(out, append([]float64(nil), x...))
	}
	return out
}

func assertVec(t *testing.T, want, got []float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for i := range want {
		assert.InDelta(t, want[i], got[i], stepTol, "%s [%d]", msg, i)
	}
}

func TestGDSteps(t *testing.T) {
	// p ← p − 0.1·g: (1,1) − 0.1·(1,10) = (0.9, 0); then (0.81, 0).
	got := steps(&GD{LR: 0.1}, 2)
	assertVec(t, []float64{0.9, 0}, got[0], "step 1")
	assertVec(t, []float64{0.81, 0}, got[1], "step 2")
}

func TestMomentumSteps(t *testing.T) {
	// v = (1,10), p = (0.9, 0); g = (0.9, 0), v = 0.9·(1,10) + (0.9,0) = (1.8, 9),
	// p = (0.9 − 0.18, 0 − 0.9).
	got := steps(&GD{LR: 0.1, Momentum: 0.9}, 2)
	assertVec(t, []float64{0.9, 0}, got[0], "step 1")
	assertVec(t, []float64{0.72, -0.9}, got[1], "step 2")
}

func TestNesterovSteps(t *testing.T) {
	// v = (1,10); p = (1,1) − 0.1·((1,10) + 0.9·(1,10)) = (0.81, −0.9).
	// g = (0.81, −9); v = (0.9 + 0.81, 9 − 9) = (1.71, 0);
	// p = (0.81 − 0.1·(0.81 + 0.9·1.71), −0.9 − 0.1·(−9 + 0)) = (0.5751, 0).
	got := steps(&GD{LR: 0.1, Momentum: 0.9, Nesterov: true}, 2)
	assertVec(t, []float64{0.81, -0.9}, got[0], "step 1")
	assertVec(t, []float64{0.5751, 0}, got[1], "step 2")
}

func TestAdagradSteps(t *testing.T) {
	// G = (1, 100); p = (1 − 0.1·1/1, 1 − 0.1·10/10) = (0.9, 0.9).
	// g = (0.9, 9); G = (1.81, 181); p = 0.9 − 0.1·g/√G in each coordinate.
	const eps = 1e-10
	got := steps(&Adagrad{LR: 0.1}, 2)
	assertVec(t, []float64{1 - 0.1/(1+eps), 1 - 0.1*10/(10+eps)}, got[0], "step 1")
	// (ε moves p off 0.9 by 1e-11; use p itself for the second gradient.)
	p := got[0]
	assertVec(t, []float64{p[0] - 0.1*p[0]/(math.Sqrt(1+p[0]*p[0])+eps), p[1] - 0.1*10*p[1]/(math.Sqrt(100+100*p[1]*p[1])+eps)}, got[1], "step 2")
	assert.InDelta(t, 0.9-0.09/math.Sqrt(1.81), got[1][0], 1e-10, "with the rounded numbers of the comment")
}

func TestRMSpropSteps(t *testing.T) {
	// ρ = 0.9: s = 0.1·g² = (0.1, 10); p = 1 − 0.1·g/√s = 1 − 0.1·√10 (both).
	const eps = 1e-8
	p1 := 1 - 0.1/(math.Sqrt(0.1)+eps)
	p2 := 1 - 0.1*10/(math.Sqrt(10)+eps)
	got := steps(&RMSprop{LR: 0.1}, 2)
	assertVec(t, []float64{p1, p2}, got[0], "step 1")
	// Step 2: g = (p1, 10·p2); s = 0.9·s + 0.1·g².
	s1, s2 := 0.9*0.1+0.1*p1*p1, 0.9*10+0.1*100*p2*p2
	assertVec(t, []float64{p1 - 0.1*p1/(math.Sqrt(s1)+eps), p2 - 0.1*10*p2/(math.Sqrt(s2)+eps)}, got[1], "step 2")
}

func TestAdamSteps(t *testing.T) {
	// Step 1 (t = 1): m̂ = g, v̂ = g², so p = 1 − 0.1·g/(|g| + ε) = 1 − 0.1 (both, to ε).
	const eps = 1e-8
	got := steps(&Adam{LR: 0.1}, 2)
	assertVec(t, []float64{1 - 0.1*1/(1+eps), 1 - 0.1*10/(10+eps)}, got[0], "step 1")
	// Step 2 (t = 2) on coordinate 1: g = 0.9 (to ε); m = 0.9·0.1 + 0.1·0.9 = 0.18,
	// v = 0.999·0.001 + 0.001·0.81 = 0.001809; m̂ = 0.18/0.19, v̂ = 0.001809/0.001999.
	// Coordinate 2: g = 9; m = 0.9·1 + 0.1·9 = 1.8, v = 0.999·0.1 + 0.001·81 = 0.1809.
	p := got[0]
	g1, g2 := p[0], 10*p[1]
	m1, v1 := 0.9*0.1+0.1*g1, 0.999*0.001+0.001*g1*g1
	m2, v2 := 0.9*1+0.1*g2, 0.999*0.1+0.001*g2*g2
	c1, c2 := 1-0.9*0.9, 1-0.999*0.999
	want := []float64{
		p[0] - 0.1*(m1/c1)/(math.Sqrt(v1/c2)+eps),
		p[1] - 0.1*(m2/c1)/(math.Sqrt(v2/c2)+eps),
	}
	assertVec(t, want, got[1], "step 2")
	assert.InDelta(t, 0.9-0.1*(0.18/0.19)/math.Sqrt(0.001809/0.001999), got[1][0], 1e-7, "coordinate 1 by the rounded numbers of the comment")
}

// diagHess returns a HessFunc of the constant Hessian diag(d).
func diagHess(d ...float64) HessFunc {
	return func(_ []float64, dst *mat.SymDense) {
		for i := range d {
			for j := range d {
				dst.SetSym(i, j, 0)
			}
			dst.SetSym(i, i, d[i])
		}
	}
}

func TestNewtonSteps(t *testing.T) {
	// On a quadratic the pure Newton step lands on the minimum: (1,1) → (0,0).
	got := steps(&Newton{LR: 1, Hess: diagHess(1, 10)}, 1)
	assertVec(t, []float64{0, 0}, got[0], "pure Newton")
	// Damping δ = 1: d = (1/(1+1), 10/(10+1)); p = (1 − 1/2, 1 − 10/11).
	got = steps(&Newton{LR: 1, Damping: 1, Hess: diagHess(1, 10)}, 1)
	assertVec(t, []float64{0.5, 1.0 / 11}, got[0], "damped Newton")
}

func TestSaddleFreeNewtonRepelledBySaddle(t *testing.T) {
	// f = ½(x₁² − x₂²), saddle at 0, H = diag(1, −1), g = (x₁, −x₂).
	// Newton: d = H⁻¹g = (x₁, x₂) → lands on the saddle (0, 0).
	// SFN: d = |H|⁻¹g = (x₁, −x₂) → (0, 2x₂): pushed away along −curvature.
	g := func(x []float64) []float64 { return []float64{x[0], -x[1]} }
	x := []float64{0.5, 0.25}
	(&Newton{LR: 1, Hess: diagHess(1, -1)}).Step(x, g(x))
	assertVec(t, []float64{0, 0}, x, "Newton")
	x = []float64{0.5, 0.25}
	(&SaddleFreeNewton{LR: 1, Hess: diagHess(1, -1)}).Step(x, g(x))
	assertVec(t, []float64{0, 0.5}, x, "saddle-free Newton")
	// Eigenvalue 0.5 below the damping 2: d = (x₁/2, −x₂/2)... |λ| = 1 < 2.
	x = []float64{0.5, 0.25}
	(&SaddleFreeNewton{LR: 1, Damping: 2, Hess: diagHess(1, -1)}).Step(x, g(x))
	assertVec(t, []float64{0.25, 0.375}, x, "floored eigenvalues")
}

func TestPerturbedGD(t *testing.T) {
	// Large gradient: a plain GD step.
	x := []float64{1, 1}
	o := &PerturbedGD{LR: 0.1, Radius: 0.01, Seed: 7}
	o.Step(x, quadGrad(x))
	assertVec(t, []float64{0.9, 0}, x, "GD step")
	assert.Equal(t, 0, o.Perturbations)

	// Zero gradient: a jump of length at most the radius, then none for
	// Interval steps, then again.
	x = []float64{0, 0}
	o = &PerturbedGD{LR: 0.1, Radius: 0.01, Interval: 3, Seed: 7}
	o.Step(x, []float64{0, 0})
	require.Equal(t, 1, o.Perturbations)
	r := Norm(x)
	assert.Greater(t, r, 0.0)
	assert.LessOrEqual(t, r, 0.01)
	before := append([]float64(nil), x...)
	for i := 0; i < 3; i++ {
		o.Step(x, []float64{0, 0}) // within Interval: zero gradient step
	}
	assert.Equal(t, before, x, "no perturbation within Interval steps")
	o.Step(x, []float64{0, 0})
	assert.Equal(t, 2, o.Perturbations)

	// The same seed repeats the same jump; another seed does not.
	y := []float64{0, 0}
	(&PerturbedGD{LR: 0.1, Radius: 0.01, Interval: 3, Seed: 7}).Step(y, []float64{0, 0})
	assert.Equal(t, before, y)
	z := []float64{0, 0}
	(&PerturbedGD{LR: 0.1, Radius: 0.01, Interval: 3, Seed: 8}).Step(z, []float64{0, 0})
	assert.NotEqual(t, before, z)
}

func TestBallIsUniform(t *testing.T) {
	// In n = 2 dimensions, uniform in the disc means P(|ξ| ≤ r/2) = 1/4.
	o := &PerturbedGD{LR: 1, Radius: 1, Seed: 1}
	const n = 20000
	inner := 0
	for i := 0; i < n; i++ {
		x := []float64{0, 0}
		o.last = 0
		o.Step(x, []float64{0, 0})
		if Norm(x) <= 0.5 {
			inner++
		}
	}
	// Binomial(20000, 1/4): standard deviation ≈ 61; allow 5σ.
	assert.InDelta(t, n/4, inner, 5*61)
}

func TestStateRoundTrip(t *testing.T) {
	// Two steps, save, one more step on a restored copy = three steps.
	for _, mk := range []func() Optimizer{
		func() Optimizer { return &GD{LR: 0.1, Momentum: 0.9} },
		func() Optimizer { return &Adagrad{LR: 0.1} },
		func() Optimizer { return &RMSprop{LR: 0.1} },
		func() Optimizer { return &Adam{LR: 0.1} },
		func() Optimizer { return &PerturbedGD{LR: 0.1, Threshold: 20, Interval: 1} },
	} {
		ref := steps(mk(), 3)
		o := mk()
		x := []float64{1, 1}
		for i := 0; i < 2; i++ {
			o.Step(x, quadGrad(x))
		}
		st := o.(Stateful).State()
		o2 := mk()
		require.NoError(t, o2.(Stateful).SetState(st))
		o2.Step(x, quadGrad(x))
		assert.Equal(t, ref[2], x, "%T", o)
	}
	assert.Error(t, (&Adam{}).SetState(State{Vectors: map[string][]float64{"m": {1}}}))
}

func TestStateEmptyBeforeFirstStep(t *testing.T) {
	// Plain GD has no state; a fresh optimizer saves none.
	x := []float64{1, 1}
	o := &GD{LR: 0.1}
	o.Step(x, quadGrad(x))
	assert.Empty(t, o.State().Vectors)
	assert.Empty(t, (&Adam{LR: 0.1}).State().Vectors)
	assert.NoError(t, (&Adam{LR: 0.1}).SetState(State{}), "an empty state is a fresh start")
}
