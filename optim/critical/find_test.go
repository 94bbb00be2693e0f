package critical

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// roundTol: quantities computed exactly up to floating-point rounding
// (a few ulps of O(1)–O(100) numbers).
const roundTol = 1e-12

// quotedValueTol: the literature quotes Himmelblau's maximum as 181.617.
const quotedValueTol = 1e-3

// degeneratePosTol: at a degenerate point Newton converges only linearly
// and ‖∇f‖ ~ |x|² (monkey saddle), so the point is located to ~√‖∇f‖.
const degeneratePosTol = 1e-4

// posTol: Newton converges quadratically at non-degenerate points, so the
// located coordinates are accurate far beyond 1e-7; 1e-7 leaves room for
// conditioning and matches the precision of published reference digits.
const posTol = 1e-7

// eigTol: the eigenvalues of hand-derived Hessians at points accurate to
// ~1e-12 are accurate to ~1e-10; 1e-8 is a safe margin.
const eigTol = 1e-8

// refTol: literature values are quoted to 4–6 digits.
const refTol = 1e-4

func countKinds(pts []Point) map[Kind]int {
	m := map[Kind]int{}
	for _, p := range pts {
		m[p.Kind]++
	}
	return m
}

// checkCritical verifies independently of the solver that every point is
// critical: the central-difference gradient of Func vanishes there.
func checkCritical(t *testing.T, p Problem, pts []Point) {
	t.Helper()
	for _, pt := range pts {
		g := fd.Gradient(nil, p.Func, pt.X, nil)
		assert.Less(t, norm(g), 1e-5, "fd gradient at %v", pt.X) // fd error ~1e-7·scale
		assert.Less(t, pt.GradNorm, 1e-8)
	}
}

func TestFindDoubleWell(t *testing.T) {
	// (1−x²)²: f' = −4x(1−x²) = 0 at x = −1, 0, 1; f''(±1) = 8, f''(0) = −4.
	pts, err := Find(doubleWell, []float64{-2}, []float64{2}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 3)
	// Sorted by value (0, 0, 1), then coordinate.
	assert.InDelta(t, -1, pts[0].X[0], posTol)
	assert.InDelta(t, 1, pts[1].X[0], posTol)
	assert.InDelta(t, 0, pts[2].X[0], posTol)
	for _, i := range []int{0, 1} {
		assert.Equal(t, Minimum, pts[i].Kind)
		assert.Equal(t, 0, pts[i].Index)
		assert.InDelta(t, 8, pts[i].Eigenvalues[0], eigTol)
	}
	assert.Equal(t, Maximum, pts[2].Kind)
	assert.Equal(t, 1, pts[2].Index)
	assert.InDelta(t, -4, pts[2].Eigenvalues[0], eigTol)
	assert.InDelta(t, 1, pts[2].Value, eigTol)
	checkCritical(t, doubleWell, pts)
}

func TestFindHyperbolicSaddle(t *testing.T) {
	pts, err := Find(hyperbolic, []float64{-1, -1}, []float64{1, 1}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.Equal(t, Saddle, pts[0].Kind)
	assert.Equal(t, 1, pts[0].Index)
	assert.InDeltaSlice(t, []float64{0, 0}, pts[0].X, posTol)
	assert.InDeltaSlice(t, []float64{-2, 2}, pts[0].Eigenvalues, eigTol)
}

func TestFindHimmelblau(t *testing.T) {
	pts, err := Find(himmelblau, []float64{-5, -5}, []float64{5, 5}, Options{Workers: 2})
	require.NoError(t, err)
	assert.Equal(t, map[Kind]int{Minimum: 4, Saddle: 4, Maximum: 1}, countKinds(pts))
	require.Len(t, pts, 9)
	// The four minima (value 0) come first; reference coordinates from the
	// literature (Himmelblau 1972; e.g. Wikipedia "Himmelblau's function").
	wantMin := [][]float64{
		{-3.779310, -3.283186}, {-2.805118, 3.131312}, {3, 2}, {3.584428, -1.848126},
	}
	for i, w := range wantMin {
		assert.Equal(t, Minimum, pts[i].Kind)
		assert.InDeltaSlice(t, w, pts[i].X, refTol)
		assert.InDelta(t, 0, pts[i].Value, roundTol)
	}
	// The maximum at (−0.270845, −0.923039), value 181.617, comes last.
	last := pts[len(pts)-1]
	assert.Equal(t, Maximum, last.Kind)
	assert.Equal(t, 2, last.Index)
	assert.InDeltaSlice(t, []float64{-0.270845, -0.923039}, last.X, refTol)
	assert.InDelta(t, 181.617, last.Value, quotedValueTol)
	for _, p := range pts {
		if p.Kind == Saddle {
			assert.Equal(t, 1, p.Index)
		}
	}
	checkCritical(t, himmelblau, pts)
}

func TestFindSixHumpCamel(t *testing.T) {
	pts, err := Find(camel, []float64{-2, -1}, []float64{2, 1}, Options{})
	require.NoError(t, err)
	assert.Equal(t, map[Kind]int{Minimum: 6, Saddle: 7, Maximum: 2}, countKinds(pts))
	require.Len(t, pts, 15)
	// Global minima −1.0316 at ±(0.0898, −0.7126) (Dixon & Szegő 1978).
	assert.InDelta(t, -1.0316, pts[0].Value, refTol)
	assert.InDelta(t, -1.0316, pts[1].Value, refTol)
	assert.InDeltaSlice(t, []float64{-0.0898, 0.7126}, pts[0].X, refTol)
	assert.InDeltaSlice(t, []float64{0.0898, -0.7126}, pts[1].X, refTol)
	checkCritical(t, camel, pts)
}

func TestFindMonkeySaddleIsDegenerate(t *testing.T) {
	// x³ − 3xy² has ∇ = 0 only at the origin, where H = 0. The box is
	// chosen so that no grid start lies on the origin: every start must get
	// there by (linearly converging) Newton steps.
	pts, err := Find(monkey, []float64{-1, -0.8}, []float64{0.9, 1}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	p := pts[0]
	assert.Equal(t, Degenerate, p.Kind)
	assert.InDeltaSlice(t, []float64{0, 0}, p.X, degeneratePosTol)
	require.Len(t, p.FlatDirections, 2) // H = 0: every direction is flat
	for _, v := range p.FlatDirections {
		assert.InDelta(t, 1, norm(v), roundTol)
	}
}

func TestFindRegression(t *testing.T) {
	pts, err := Find(regression, []float64{-5, -5}, []float64{5, 5}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.Equal(t, Minimum, pts[0].Kind)
	assert.InDeltaSlice(t, []float64{8.0 / 7, 9.0 / 14}, pts[0].X, posTol)
	// Eigenvalues of [[6,8],[8,20]]: 13 ± √113.
	assert.InDeltaSlice(t, []float64{13 - math.Sqrt(113), 13 + math.Sqrt(113)}, pts[0].Eigenvalues, eigTol)
}

func TestFindDeterministicAcrossWorkers(t *testing.T) {
	opts := Options{Grid: 7, Starts: 20, Seed: 3}
	a, err := Find(camel, []float64{-2, -1}, []float64{2, 1}, opts)
	require.NoError(t, err)
	opts.Workers = 3
	b, err := Find(camel, []float64{-2, -1}, []float64{2, 1}, opts)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestFindRandomStartsOnly(t *testing.T) {
	pts, err := Find(himmelblau, []float64{-5, -5}, []float64{5, 5}, Options{Starts: 400, Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, map[Kind]int{Minimum: 4, Saddle: 4, Maximum: 1}, countKinds(pts))
}

func TestFindBadInput(t *testing.T) {
	_, err := Find(doubleWell, []float64{1}, []float64{-1}, Options{})
	require.ErrorContains(t, err, "lo ≤ hi")
	_, err = Find(doubleWell, []float64{0, 1}, []float64{1}, Options{})
	require.ErrorContains(t, err, "bounds")
	_, err = Find(hyperbolic, []float64{-1, -1}, []float64{1, 1}, Options{Grid: 2000})
	require.ErrorContains(t, err, "exceed the limit")
}

func TestFindOutsideBoxExcluded(t *testing.T) {
	// Only the minimum at +1 lies in [0.5, 2].
	pts, err := Find(doubleWell, []float64{0.5}, []float64{2}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.InDelta(t, 1, pts[0].X[0], posTol)
}

func TestFindQuarticDegenerateOnce(t *testing.T) {
	// x⁴ + y²: one critical point, the origin, with H = diag(0, 2); Newton
	// reaches it along x only linearly (x ← 2x/3), from both sides. The
	// starts converge to slightly different points, which must be merged.
	quartic := Problem{
		Func: func(x []float64) float64 { return x[0]*x[0]*x[0]*x[0] + x[1]*x[1] },
		Grad: func(x, dst []float64) { dst[0], dst[1] = 4*x[0]*x[0]*x[0], 2*x[1] },
		Hess: func(x []float64, dst *mat.SymDense) {
			dst.SetSym(0, 0, 12*x[0]*x[0])
			dst.SetSym(0, 1, 0)
			dst.SetSym(1, 1, 2)
		},
	}
	pts, err := Find(quartic, []float64{-1, -0.7}, []float64{0.8, 1}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.Equal(t, Degenerate, pts[0].Kind)
	require.Len(t, pts[0].FlatDirections, 1)
	assert.InDeltaSlice(t, []float64{1, 0}, pts[0].FlatDirections[0], roundTol) // the x axis
	assert.InDelta(t, 2, pts[0].Eigenvalues[1], roundTol)
}

// rosenbrockEigTol: eigenvalues of magnitude ~1000, accurate to ~1e-12
// relative; 1e-8 absolute is a safe margin.
const rosenbrockEigTol = 1e-8

func TestFindRosenbrock(t *testing.T) {
	// ∇f = 0 forces y = x² and then x = 1: one minimum at (1, 1), with
	// Hessian [[802, −400], [−400, 200]].
	pts, err := Find(rosenbrock, []float64{-2, -1}, []float64{2, 3}, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	assert.Equal(t, Minimum, pts[0].Kind)
	assert.InDeltaSlice(t, []float64{1, 1}, pts[0].X, posTol)
	// Eigenvalues of [[802, −400], [−400, 200]]: 501 ∓ √(301² + 400²) = 501 ∓ √250601.
	assert.InDeltaSlice(t, []float64{501 - math.Sqrt(250601), 501 + math.Sqrt(250601)}, pts[0].Eigenvalues, rosenbrockEigTol)
}

func TestFindStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	_, err := Find(himmelblau, []float64{-5, -5}, []float64{5, 5}, Options{Grid: 30, Workers: 1, Context: ctx,
		Progress: func(d, _ int) {
			if done = d; d == 5 {
				cancel()
			}
		}})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 5, done, "no start runs after the cancel")
}

func TestStartCount(t *testing.T) {
	// The defaults of Options: 101 per axis in 1-D, 31 in 2-D, 11 in 3-D,
	// 256 random starts above; given values add up as grid^n + starts.
	for n, want := range map[int][2]float64{1: {101, 101}, 2: {31, 961}, 3: {11, 1331}, 4: {0, 256}} {
		g, total := Options{}.StartCount(n)
		assert.Equal(t, want, [2]float64{float64(g), total}, "n=%d", n)
	}
	g, total := Options{Grid: 4, Starts: 10}.StartCount(3)
	assert.Equal(t, 4, g)
	assert.Equal(t, 74.0, total)
	g, total = Options{Starts: 7}.StartCount(2)
	assert.Equal(t, 0, g)
	assert.Equal(t, 7.0, total)
}
