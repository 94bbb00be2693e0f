package lessons

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/critical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// assertClaims checks that every claim of a lesson passed.
func assertClaims(t *testing.T, claims []Claim) {
	t.Helper()
	require.NotEmpty(t, claims)
	for _, c := range claims {
		assert.True(t, c.Pass, "claim failed: %s", c.Text)
	}
}

func TestConvexity(t *testing.T) {
	r, err := Convexity()
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	// Normal equations of Σ(y − b0 − b1·x)² on (0,1),(1,2),(3,3):
	// [[n, Σx], [Σx, Σx²]]·b = (Σy, Σxy) with n = 3, Σx = 4, Σx² = 10,
	// Σy = 6, Σxy = 0 + 2 + 9 = 11; by Cramer's rule (det 14)
	// b0 = (6·10 − 4·11)/14 = 8/7, b1 = (3·11 − 4·6)/14 = 9/14.
	// The Hessian is 2·[[3, 4], [4, 10]]; trace 26, det 56, so
	// λ = 13 ± √(169 − 56) = 13 ± √113.
	const pointTol = 1e-9 // Find solves ‖∇L‖ ≤ 1e-8 and λmin ≈ 2.37
	require.Len(t, r.Points, 1)
	p := r.Points[0]
	assert.Equal(t, critical.Minimum, p.Kind)
	assert.InDelta(t, 8.0/7, p.X[0], pointTol)
	assert.InDelta(t, 9.0/14, p.X[1], pointTol)
	const hessTol = 1e-12 // the Hessian of a quadratic is exact up to rounding
	assert.InDelta(t, 6, r.Hessian[0][0], hessTol)
	assert.InDelta(t, 8, r.Hessian[0][1], hessTol)
	assert.InDelta(t, 20, r.Hessian[1][1], hessTol)
	assert.InDelta(t, 13-math.Sqrt(113), r.Eigen[0], hessTol)
	assert.InDelta(t, 13+math.Sqrt(113), r.Eigen[1], hessTol)
	// L(b*) = Σ residuals² = (1/7)² + (3/14)² + (1/14)² = 14/196 = 1/14.
	assert.InDelta(t, 1.0/14, p.Value, 1e-12)
	// GD with lr 0.02 contracts the error by at most 1 − 0.02·λmin ≈ 0.953
	// per step: after 500 steps by 0.953⁵⁰⁰ ≈ 4e-11 of a start ≤ 4 away.
	const gdTol = 1e-8
	for _, path := range r.Paths {
		assert.InDelta(t, 8.0/7, path.Final[0], gdTol, path.Label)
		assert.InDelta(t, 9.0/14, path.Final[1], gdTol, path.Label)
	}
}

func TestLearningRates(t *testing.T) {
	r := LearningRates()
	assertClaims(t, r.Claims)
	lmax := 13 + math.Sqrt(113)
	const tol = 1e-12 // closed forms evaluated in float64
	assert.InDelta(t, 1/lmax, r.ZigzagAbove, tol)
	assert.InDelta(t, 0.04232, r.ZigzagAbove, 5e-6) // the course's rounded value
	assert.InDelta(t, 0.08464, r.DivergeAbove, 5e-6)
	want := []optim.Regime{optim.TooSlow, optim.Converges, optim.Zigzags, optim.Diverges}
	require.Len(t, r.Runs, len(want))
	for i, run := range r.Runs {
		assert.Equal(t, want[i], run.Regime, "lr %g", run.LR)
		// On a quadratic the error along the top eigenvector is multiplied
		// by exactly 1 − lr·λmax per step.
		assert.InDelta(t, 1-run.LR*lmax, run.Ratio, 1e-9, "lr %g", run.LR)
	}
	// The iterate of GD on a quadratic in closed form:
	// θ_k − θ* = (I − lr·H)^k (θ_0 − θ*), H = [[6,8],[8,20]].
	for _, run := range r.Runs[:3] {
		a := mat.NewDense(2, 2, []float64{1 - 6*run.LR, -8 * run.LR, -8 * run.LR, 1 - 20*run.LR})
		var ak mat.Dense
		ak.Pow(a, 100)
		e := mat.NewVecDense(2, []float64{-1 - 8.0/7, 2 - 9.0/14})
		var ek mat.VecDense
		ek.MulVec(&ak, e)
		x := run.Path.X[100]
		const iterTol = 1e-10 // 100 steps of rounding on O(1) values
		assert.InDelta(t, 8.0/7+ek.AtVec(0), x[0], iterTol, "lr %g", run.LR)
		assert.InDelta(t, 9.0/14+ek.AtVec(1), x[1], iterTol, "lr %g", run.LR)
	}
	assert.Greater(t, r.Runs[3].FinalLoss, r.Runs[3].Path.Loss[0], "lr 0.09 > 2/λmax must increase the loss")
}

func TestLogisticChain(t *testing.T) {
	r := LogisticChain()
	assertClaims(t, r.Claims)
	const tol = 1e-12 // sums of a few O(1) terms
	require.Len(t, r.Rows, len(LogisticX()))
	for i, row := range r.Rows {
		x, y := LogisticX()[i], LogisticY()[i]
		s := 1 / (1 + math.Exp(-(0.8*x - 0.3)))
		assert.InDelta(t, (s-y)*x, row.EngineW, tol, "row %d", i)
		assert.InDelta(t, s-y, row.EngineB, tol, "row %d", i)
		assert.InDelta(t, s*(1-s), row.DSdZ, tol, "row %d", i)
	}
	// nn.LogisticGrad is the slides' closed form, written without autodiff.
	d := nn.Dataset{X: LogisticX(), Y: LogisticY(), N: len(LogisticX()), In: 1, Out: 1}
	g := nn.LogisticGrad(d, []float64{0.8, -0.3})
	assert.InDelta(t, g[0], r.Engine[0], tol)
	assert.InDelta(t, g[1], r.Engine[1], tol)
}

func TestNotParabola(t *testing.T) {
	r, err := NotParabola()
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	// docs/WORKLOADS.md W4a, agreed by four independent implementations to 1e-8.
	const w4aTol = ref.EigAbs
	assert.InDelta(t, ref.W4aLoss, r.Loss0, w4aTol)
	assert.InDelta(t, ref.W4aEigMin, r.Eigen[0], w4aTol)
	assert.InDelta(t, ref.W4aEigMax, r.Eigen[len(r.Eigen)-1], w4aTol)
	// A slice along a unit eigenvector has second derivative λ at 0; the
	// central difference with h = 1e-3 is within O(h²) ≈ 1e-6 of it.
	assert.InDelta(t, ref.W4aEigMin, r.FDCurvature, 1e-5)
	assert.Less(t, r.CurvMin, 0.0)
	assert.Greater(t, r.CurvMax, 0.0)
	assert.Len(t, r.Plane.Loss, 41)
}

func TestQuartic(t *testing.T) {
	r, err := QuarticLesson()
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	// h' = −4x(1 − x²): zeros −1, 0, 1; h'' = 12x² − 4: 8, −4, 8.
	require.Len(t, r.Points, 3)
	want := map[float64]struct {
		h, h2 float64
		kind  critical.Kind
	}{-1: {0, 8, critical.Minimum}, 0: {1, -4, critical.Maximum}, 1: {0, 8, critical.Minimum}}
	const tol = 1e-8 // |h'| ≤ 1e-8 with |h''| ≥ 4 puts x within 2.5e-9
	for _, p := range r.Points {
		x := math.Round(p.X[0])
		w, ok := want[x]
		require.True(t, ok, "unexpected critical point %v", p.X)
		assert.InDelta(t, x, p.X[0], tol)
		assert.InDelta(t, w.h, p.Value, tol)
		assert.InDelta(t, w.h2, p.Eigenvalues[0], tol)
		assert.Equal(t, w.kind, p.Kind)
	}
}

func TestSymmetry(t *testing.T) {
	r, err := Symmetry(SymmetryConfig{N: 12, Steps: 20000, Workers: 2})
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	// 3 hidden tanh units: 3! permutations × 2³ sign patterns.
	assert.Equal(t, 6*8, r.OrbitSize)
	const lossTol = 1e-15 // equal up to the order of a few float64 sums
	assert.LessOrEqual(t, r.LossSpread, lossTol)
	// Every restart is the recorded member of its solution's orbit.
	for _, s := range r.Restarts {
		orbit, err := nn.Orbit(SymmetryNet(), r.Solutions[s.Class])
		require.NoError(t, err)
		d := maxAbs(orbit[s.Member], restartParams(t, r, s.Restart))
		assert.LessOrEqual(t, d, 1e-6, "restart %d", s.Restart)
	}
	assert.Equal(t, len(r.Solutions), r.Nearest)
	assert.Greater(t, r.RawDistinct, len(r.Solutions))
	// NearestMember depends on the orbit only: a random image of the
	// reference has the same canonical form.
	anchor := symmetryAnchor(SymmetryNet().NumParams())
	c0, err := NearestMember(SymmetryNet(), r.Reference, anchor)
	require.NoError(t, err)
	for seed := uint64(1); seed <= 5; seed++ {
		img, err := nn.RandomSymmetry(SymmetryNet(), seed).Apply(SymmetryNet(), r.Reference)
		require.NoError(t, err)
		c, err := NearestMember(SymmetryNet(), img, anchor)
		require.NoError(t, err)
		assert.Equal(t, c0, c, "seed %d", seed) // tanh symmetries permute and negate: exact
	}
	for _, in := range r.Interp {
		assert.Greater(t, in.Barrier, 0.0)
	}
}

// restartParams re-runs restart r of Symmetry's configuration on its own
// (an independent path to the same point: same start, same optimizer).
func restartParams(t *testing.T, r SymmetryResult, restart int) []float64 {
	t.Helper()
	f := symmetryLoss()
	res := optim.Train(optim.FromFunc(f), nn.InitUniform(SymmetryNet(), 1, uint64(restart)),
		&optim.GD{LR: 0.1, Momentum: 0.9}, optim.Config{Steps: r.Config.Steps, GradTol: 1e-10, TraceEvery: -1})
	return res.Params
}

func TestRestartStudy(t *testing.T) {
	r, err := RestartStudy(RestartStudyConfig{Widths: []int{2}, Radii: []float64{0.5, 4}, N: 100, Steps: 4000, Failures: 3, Workers: 2})
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	lo, hi := r.Rate(2, 0.5), r.Rate(2, 4)
	assert.Greater(t, lo, hi, "the success rate must fall with the radius")
	// docs/LITERATURE.md: ±0.5 about 94 %, ±4 about 53 %; qualitative agreement
	// within 15 points (N = 100: a standard error of ~5 points).
	assert.InDelta(t, 0.94, lo, 0.15)
	assert.InDelta(t, 0.53, hi, 0.15)
	require.Len(t, r.Failures, 3)
	for _, f := range r.Failures {
		near := math.Min(math.Abs(f.Loss[2]-0.125), math.Min(math.Abs(f.Loss[2]-1.0/6), math.Abs(f.Loss[2]-0.25)))
		assert.Less(t, near, 0.01, "restart %d: MSE %g is not at a plateau 1/8, 1/6, 1/4", f.Restart, f.Loss[2])
		assert.Less(t, f.GradNorm[1], f.GradNorm[0], "restart %d", f.Restart)
		assert.Less(t, f.GradNorm[2], f.GradNorm[1], "restart %d", f.Restart)
		assert.Greater(t, f.WeightNorm[2], f.WeightNorm[0], "restart %d", f.Restart)
		assert.Len(t, f.Eigen, 9)
	}
}

func TestSaddles(t *testing.T) {
	r, err := Saddles(SaddlesConfig{XORRuns: 6, XORSteps: 50000, Workers: 2})
	require.NoError(t, err)
	assertClaims(t, r.Claims)
	// Hessian of θ1² − θ2²: diag(2, −2).
	const tol = 1e-12
	assert.Equal(t, critical.Saddle, r.Origin.Kind)
	assert.InDelta(t, -2, r.Origin.Eigenvalues[0], tol)
	assert.InDelta(t, 2, r.Origin.Eigenvalues[1], tol)
	// GD with lr 0.1 on the θ1 axis: θ1 ← (1 − 0.2)θ1.
	gd := r.Paths[0]
	for k := 0; k <= gd.Steps; k += 50 {
		assert.InDelta(t, math.Pow(0.8, float64(k)), gd.X[k][0], 1e-12*math.Pow(0.8, float64(k)))
		assert.Zero(t, gd.X[k][1])
	}
	assert.Equal(t, 0.0, rate(r.OnManifold, "gd"))
	assert.Equal(t, 1.0, rate(r.OnManifold, "pgd"))
	// XOR origin (docs/LITERATURE.md): MSE 0.25, gradient 0, eigenvalues 0.1875 and eight zeros.
	assert.Equal(t, critical.Degenerate, r.XOROrigin.Kind)
	ev := r.XOROrigin.Eigenvalues
	assert.InDelta(t, 0.1875, ev[len(ev)-1], tol)
	for _, l := range ev[:len(ev)-1] {
		assert.InDelta(t, 0, l, tol)
	}
	assert.Equal(t, 0.0, rate(r.XOREscape, "gd"))
	assert.GreaterOrEqual(t, rate(r.XOREscape, "adam"), 0.5)
}

func TestNewtonSaddle(t *testing.T) {
	r := NewtonSaddle()
	assertClaims(t, r.Claims)
	// Newton: θ − H⁻¹∇J = (θ1, θ2) − (2θ1/2, −2θ2/−2) = 0.
	const tol = 1e-12
	for _, x := range r.Newton.X[1:] {
		assert.InDelta(t, 0, x[0], tol)
		assert.InDelta(t, 0, x[1], tol)
	}
	// Saddle-free Newton: θ − |H|⁻¹∇J = (θ1 − θ1, θ2 + θ2) = (0, 2θ2).
	for k, x := range r.SFN.X[1:] {
		y := 0.5 * math.Pow(2, float64(k+1))
		assert.InDelta(t, 0, x[0], tol)
		assert.InDelta(t, y, x[1], tol*y)
		assert.InDelta(t, -y*y, r.SFN.Loss[k+1], tol*y*y)
	}
}

func TestMeasureCostFits(t *testing.T) {
	// A fake benchmark whose time per op is n^p exactly (p = 1, 1, 2, 3 by
	// op, in CostOps order of calls per net): the fitted slopes must be p.
	powers := []float64{1, 1, 2, 3}
	call := 0
	hidden := []int{2, 4, 8}
	nsPerOp := func(func()) float64 {
		n := 4*hidden[call/len(CostOps())] + 1
		p := powers[call%len(CostOps())]
		call++
		return math.Pow(float64(n), p) * 1e3
	}
	r, err := MeasureCost(hidden, nsPerOp)
	require.NoError(t, err)
	const slopeTol = 1e-12 // exact powers: the fit's rounding only
	for i, op := range CostOps() {
		assert.InDelta(t, powers[i], r.Slope[op], slopeTol, op)
	}
	assert.Len(t, r.Points, 3)
}

func TestCostHessianMatchesEngine(t *testing.T) {
	// The Hessian used by the benchmarked Newton step is autodiff's.
	p := costNet(2)
	hvp, err := autodiff.CompileHVP(p.Func(), p.NumParams())
	require.NoError(t, err)
	x := nn.InitFormula(p.Net)
	dst := mat.NewSymDense(p.NumParams(), nil)
	hessFunc(hvp)(x, dst)
	want := autodiff.Hessian(p.Func(), x)
	const tol = 1e-12 // the same rules, replayed: rounding only
	for i := range want {
		for j := range want {
			assert.InDelta(t, want[i][j], dst.At(i, j), tol)
		}
	}
}
