package critical

import (
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// TestFindLinearAndConstant: a linear f has no critical point; a constant f
// is critical everywhere, one flat set (not one point per start) whose
// bounding box is the box, since the grid's starts span it.
func TestFindLinearAndConstant(t *testing.T) {
	lo, hi := []float64{-1, -2}, []float64{1, 2}
	linear := func(v *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.Scale(v, 3)) }
	pts, err := Find(FromFunc(linear), lo, hi, Options{})
	require.NoError(t, err)
	assert.Empty(t, pts)

	constant := func(v *autodiff.Node) *autodiff.Node { return autodiff.Scale(autodiff.Sum(v), 0) }
	pts, err = Find(FromFunc(constant), lo, hi, Options{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	require.NotNil(t, pts[0].Flat)
	assert.Equal(t, 31*31, pts[0].Flat.Found, "every grid start is a critical point")
	assert.Equal(t, lo, pts[0].Flat.Lo)
	assert.Equal(t, hi, pts[0].Flat.Hi)
	assert.Equal(t, Degenerate, pts[0].Kind)
}

// TestFindKeepsIsolatedDegeneratePointsApart: f = (x² − 1)²·(y² + 1) is 0
// on the lines x = ±1 (two flat sets of minima) and positive between them:
// the merge must give two sets, one per line, not join them through the
// middle. (∂f/∂y = 2y(x² − 1)² vanishes off the lines only at y = 0, so
// x = 0 adds one isolated point, (0, 0).)
func TestFindKeepsIsolatedDegeneratePointsApart(t *testing.T) {
	f := func(v *autodiff.Node) *autodiff.Node {
		x, y := autodiff.Sum(autodiff.Slice(v, 0, 1)), autodiff.Sum(autodiff.Slice(v, 1, 2))
		return autodiff.Mul(autodiff.Square(autodiff.AddScalar(autodiff.Square(x), -1)), autodiff.AddScalar(autodiff.Square(y), 1))
	}
	pts, err := Find(FromFunc(f), []float64{-2, -1}, []float64{2, 1}, Options{})
	require.NoError(t, err)
	var flats int
	for _, p := range pts {
		if p.Flat != nil {
			flats++
			assert.InDelta(t, 1, math.Abs(p.Flat.Lo[0]), degeneratePosTol, "a set lies on x = ±1")
			assert.InDelta(t, p.Flat.Lo[0], p.Flat.Hi[0], degeneratePosTol, "a set lies on one line x = const")
		}
	}
	assert.Equal(t, 2, flats, "two flat lines, not merged: %v", pts)
}

// TestMayBeIncomplete: the Good–Turing estimate is the fraction of starts
// whose point no other start reached.
func TestMayBeIncomplete(t *testing.T) {
	assert.Zero(t, MayBeIncomplete(nil))
	assert.Zero(t, MayBeIncomplete([]Point{{Hits: 3}, {Hits: 2}}))
	assert.InDelta(t, 2.0/10, MayBeIncomplete([]Point{{Hits: 1}, {Hits: 1}, {Hits: 8}}), roundTol)
}

// TestDefaultSearchFinds4DCriticalPoints: Σᵢ(xᵢ² − 1)² on [−2, 2]⁴ has a
// critical point wherever each xᵢ ∈ {−1, 0, 1}: 3⁴ = 81 (16 minima, 1
// maximum at 0, 64 saddles); the default search must find them all.
func TestDefaultSearchFinds4DCriticalPoints(t *testing.T) {
	f := func(v *autodiff.Node) *autodiff.Node {
		return autodiff.Sum(autodiff.Square(autodiff.AddScalar(autodiff.Square(v), -1)))
	}
	lo, hi := []float64{-2, -2, -2, -2}, []float64{2, 2, 2, 2}
	pts, err := Find(FromFunc(f), lo, hi, Options{Workers: 2})
	require.NoError(t, err)
	kinds := countKinds(pts)
	assert.Equal(t, 81, len(pts))
	assert.Equal(t, 16, kinds[Minimum])
	assert.Equal(t, 1, kinds[Maximum])
	assert.Equal(t, 64, kinds[Saddle])
}

// TestCheckPointNotCritical: x² + y at the origin has gradient (0, 1): not
// critical, whatever its Hessian says; at a tolerance above 1 it is.
func TestCheckPointNotCritical(t *testing.T) {
	p := Problem{
		Func: func(x []float64) float64 { return x[0]*x[0] + x[1] },
		Grad: func(x, dst []float64) { dst[0], dst[1] = 2*x[0], 1 },
		Hess: func(_ []float64, dst *mat.SymDense) { dst.SetSym(0, 0, 2); dst.SetSym(0, 1, 0); dst.SetSym(1, 1, 0) },
	}
	pt, err := CheckPoint(p, []float64{0, 0}, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, NotCritical, pt.Kind)
	assert.InDelta(t, 1, pt.GradNorm, roundTol)
	pt, err = CheckPoint(p, []float64{0, 0}, 2, 0)
	require.NoError(t, err)
	assert.Equal(t, Degenerate, pt.Kind)
}

// TestFindReturnsAWorkerPanic: a panic in a worker (here the Hessian)
// comes back as an error, not a crash of the process.
func TestFindReturnsAWorkerPanic(t *testing.T) {
	p := Problem{
		Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(x, dst []float64) { dst[0] = 2 * x[0] },
		Hess: func([]float64, *mat.SymDense) { panic("kernel bug") },
	}
	_, err := Find(p, []float64{-1}, []float64{1}, Options{Workers: 3})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "kernel bug")
	assert.Contains(t, err.Error(), "internal error")
}
