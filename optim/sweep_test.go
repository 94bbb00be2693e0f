package optim

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedLinReg is the seed slides' loss L(b0, b1) = Σ (y − b0 − b1·x)² over
// the points (0,1), (1,2), (3,3). Its Hessian is constant:
// 2·[[n, Σx], [Σx, Σx²]] = [[6, 8], [8, 20]], eigenvalues 13 ± √113.
func seedLinReg(b *autodiff.Node) *autodiff.Node {
	x := autodiff.Const([]float64{0, 1, 3})
	y := autodiff.Const([]float64{1, 2, 3})
	pred := autodiff.Add(autodiff.Slice(b, 0, 1), autodiff.Mul(autodiff.Slice(b, 1, 2), x))
	return autodiff.Sum(autodiff.Square(autodiff.Sub(y, pred)))
}

// eigTol: eigenvalues of a 2×2 matrix of small integers from mat.EigenSym
// are exact to a few ulps.
const eigTol = 1e-12

func TestSweepSeedLinearRegression(t *testing.T) {
	lmax := 13 + math.Sqrt(113)
	res := Sweep(FromFunc(seedLinReg), []float64{0, 0},
		[]float64{0.005, 0.04, 0.042, 0.043, 0.06, 0.084, 0.085, 0.2},
		SweepConfig{Hess: HessianFromFunc(seedLinReg)})
	require.Len(t, res.Eigenvalues, 2)
	assert.InDelta(t, 13-math.Sqrt(113), res.Eigenvalues[0], eigTol)
	assert.InDelta(t, lmax, res.Eigenvalues[1], eigTol)
	assert.InDelta(t, 1/lmax, res.ZigzagAbove, eigTol)
	assert.InDelta(t, 2/lmax, res.DivergeAbove, eigTol)
	assert.InDelta(t, 0.04232, res.ZigzagAbove, 5e-6, "the seed slides' rounded threshold")
	assert.InDelta(t, 0.08464, res.DivergeAbove, 5e-6, "the seed slides' rounded threshold")

	// With 100 steps: 0.005 shrinks the slow direction by only
	// (1 − 0.005·λmin)¹⁰⁰ ≈ 0.30; 0.04 and 0.042 (< 1/λmax) converge
	// monotonically; 0.043 … 0.084 flip the top component each step
	// (1 − lr·λmax < 0); 0.085 and 0.2 (> 2/λmax) grow it.
	want := []Regime{TooSlow, Converges, Converges, Zigzags, Zigzags, Zigzags, Diverges, Diverges}
	for i, run := range res.Runs {
		assert.Equal(t, want[i], run.Regime, "lr %v (sign changes %d of %d, final loss %g)", run.LR, run.SignChanges, run.Pairs, run.Result.FinalLoss)
	}
	// The converged runs end at the least-squares solution (8/7, 9/14).
	p := res.Runs[1].Result.Params
	assert.InDelta(t, 8.0/7, p[0], 1e-3)
	assert.InDelta(t, 9.0/14, p[1], 1e-3)
}

func TestSweepPaths(t *testing.T) {
	res := Sweep(FromFunc(seedLinReg), []float64{0, 0}, []float64{0.01}, SweepConfig{Steps: 5, Hess: HessianFromFunc(seedLinReg), Paths: true})
	tr := res.Runs[0].Result.Trace
	require.Len(t, tr, 6)
	assert.Equal(t, []float64{0, 0}, tr[0].Params)
	// First GD step: g(0,0) = −2·(Σy, Σxy) = −2·(6, 11), so p = 0.01·(12, 22).
	assert.InDelta(t, 0.12, tr[1].Params[0], stepTol)
	assert.InDelta(t, 0.22, tr[1].Params[1], stepTol)
}

func TestAnomalyNamesOp(t *testing.T) {
	// log(x) for x < 0 is NaN: the run diverges at once and names Log.
	f := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.Log(x)) }
	r := Train(FromFunc(f), []float64{-1}, &GD{LR: 0.1}, Config{Steps: 10, Anomaly: AnomalyFromFunc(f)})
	assert.Equal(t, StopDiverged, r.Stopped)
	assert.Equal(t, 0, r.DivergedAt)
	assert.Contains(t, r.Err().Error(), "Log")
}

func TestSweepXORThresholdsMatchW4a(t *testing.T) {
	// docs/WORKLOADS.md W4a: the Hessian of the W1 loss at W1's start has largest
	// eigenvalue 0.190959812648818 and smallest −0.00887508328076912
	// (1e-8 absolute, docs/WORKLOADS.md's tolerance); GD diverges above 2/λmax.
	const w4Tol = ref.EigAbs
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	r := Sweep(FromProblem(p), nn.W1Start(), []float64{1}, SweepConfig{Steps: 5, Hess: HessianFromProblem(p)})
	require.Len(t, r.Eigenvalues, 9)
	assert.InDelta(t, ref.W4aEigMax, r.LambdaMax, w4Tol)
	assert.InDelta(t, ref.W4aEigMin, r.Eigenvalues[0], w4Tol)
	assert.InDelta(t, 2/ref.W4aEigMax, r.DivergeAbove, 1e-6)
}

// TestAutoLRs: on the seed loss (λmax = 13 + √113) the rates are the
// multiples 0.1 … 3 of 1/λmax; on a concave f = −x² (λmax = −2) there is
// no scale.
func TestAutoLRs(t *testing.T) {
	lmax := 13 + math.Sqrt(113)
	lrs, err := AutoLRs(FromFunc(seedLinReg), []float64{0, 0}, SweepConfig{Hess: HessianFromFunc(seedLinReg)})
	require.NoError(t, err)
	require.Len(t, lrs, 7)
	for i, k := range []float64{0.1, 0.5, 0.9, 1.2, 1.8, 2.2, 3} {
		assert.InEpsilon(t, k/lmax, lrs[i], eigTol, "multiple %g", k)
	}
	concave := func(x *autodiff.Node) *autodiff.Node { return autodiff.Neg(autodiff.Sum(autodiff.Square(x))) }
	_, err = AutoLRs(FromFunc(concave), []float64{1}, SweepConfig{Hess: HessianFromFunc(concave)})
	assert.EqualError(t, err, "the Hessian at the start has no positive eigenvalue (λmax = -2), so there is no 1/λmax scale")
}
