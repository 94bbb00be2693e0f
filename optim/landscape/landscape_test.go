package landscape

import (
	"github.com/saddle-dev/saddle/nn"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// svdTol: gonum's SVD is backward stable, errors ~1e-14 on these O(1)–O(10)
// matrices; 1e-10 leaves room.
const svdTol = 1e-10

// exactTol: values computed from the same few floating-point operations in
// two ways differ by a few ulps.
const exactTol = 1e-12

// quad is the convex quadratic ½(x₀² + 4x₁² + 9x₂²).
func quad(p []float64) float64 { return 0.5 * (p[0]*p[0] + 4*p[1]*p[1] + 9*p[2]*p[2]) }

func TestLineOnQuadratic(t *testing.T) {
	// Along center + t·dir with center = 0, dir = e₁: ½t²·4 = 2t².
	got := Line(quad, []float64{0, 0, 0}, []float64{0, 1, 0}, []float64{-1, 0, 0.5, 2})
	assert.InDeltaSlice(t, []float64{2, 0, 0.5, 8}, got, exactTol)
}

func TestPlaneCentreAndValues(t *testing.T) {
	center := []float64{0.3, -0.2, 0.1}
	d1 := []float64{1, 0, 0}
	d2 := []float64{0, 0, 1}
	g := Plane(quad, center, d1, d2, 51, 1, 2, nil)
	require.Len(t, g.Loss, 51)
	// The 51-point grid on [−1, 1] has α = β = 0 at index 25: the centre.
	assert.Equal(t, 0.0, g.Alpha[25])
	assert.InDelta(t, quad(center), g.Loss[25][25], exactTol)
	// Corner α = −1, β = 1: (−0.7, −0.2, 1.1) → ½(0.49 + 0.16 + 10.89) = 5.77.
	assert.InDelta(t, 5.77, g.Loss[50][0], exactTol)
}

func TestPlaneSameForAnyWorkers(t *testing.T) {
	center := []float64{0.3, -0.2, 0.1}
	d1, d2 := RandomDirection(3, 1, 0), RandomDirection(3, 1, 1)
	a := Plane(quad, center, d1, d2, 17, 2, 1, nil)
	b := Plane(quad, center, d1, d2, 17, 2, 3, nil)
	assert.Equal(t, a, b)
}

func TestMLPFiltersLayout(t *testing.T) {
	// 2-2-1: W1 (2×2) at 0..3, b1 at 4..5, W2 (1×2) at 6..7, b2 at 8.
	assert.Equal(t, []Filter{{0, 2}, {2, 4}, {6, 8}}, MLPFilters(xorNet))
}

func TestFilterNormalize(t *testing.T) {
	params := []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05} // W1 of docs/WORKLOADS.md
	filters := MLPFilters(xorNet)
	d := FilterNormalize(RandomDirection(9, 7, 0), params, filters)
	for _, f := range filters {
		assert.InDelta(t, norm(params[f.Lo:f.Hi]), norm(d[f.Lo:f.Hi]), exactTol)
	}
	for _, i := range []int{4, 5, 8} { // biases
		assert.Equal(t, 0.0, d[i])
	}
}

func TestInterpolateConvexBarrier(t *testing.T) {
	// On a convex f the segment's maximum is at an endpoint, so the barrier is
	// max(f(a), f(b)) − (f(a)+f(b))/2 = |f(a) − f(b)|/2.
	a, b := []float64{1, 0, 0}, []float64{0, 0, 1}
	r := Interpolate(quad, a, b, 25)
	assert.InDelta(t, math.Abs(quad(a)-quad(b))/2, r.Barrier, exactTol)
	// Equal endpoint losses (½ each): barrier 0 exactly.
	r = Interpolate(quad, []float64{1, 0, 0}, []float64{-1, 0, 0}, 25)
	assert.InDelta(t, 0, r.Barrier, exactTol)
	require.Len(t, r.T, 25)
	assert.Equal(t, 1.0, r.T[24])
}

func TestInterpolateDoubleWellBarrier(t *testing.T) {
	// (1−x²)² between its minima −1 and 1: the bump is f(0) = 1 at t = ½,
	// which the odd 25-point grid contains; endpoints are 0, so barrier = 1.
	dw := func(p []float64) float64 { u := 1 - p[0]*p[0]; return u * u }
	r := Interpolate(dw, []float64{-1}, []float64{1}, 10) // raised to 25
	require.Len(t, r.T, MinInterpolationPoints)
	assert.InDelta(t, 1, r.Barrier, exactTol)
	assert.InDelta(t, 0.5, r.ArgMax, exactTol)
}

func TestPCARecoversPlane(t *testing.T) {
	// θ_t = θ_f + a_t·u + b_t·v with u, v orthonormal in R⁵: the differences
	// span exactly {u, v}, so two components explain everything.
	s := 1 / math.Sqrt(2)
	u := []float64{s, s, 0, 0, 0}
	v := []float64{0, 0, 0.6, 0.8, 0}
	final := []float64{1, -2, 0.5, 3, 7}
	var traj [][]float64
	for k := 0; k <= 40; k++ {
		tt := float64(k) / 40
		a, b := 3*(1-tt)*math.Cos(5*tt), (1-tt)*math.Sin(7*tt)
		p := make([]float64, 5)
		for i := range p {
			p[i] = final[i] + a*u[i] + b*v[i]
		}
		traj = append(traj, p)
	}
	tr, err := PCA(traj)
	require.NoError(t, err)
	assert.InDelta(t, 1, tr.Explained[0]+tr.Explained[1], exactTol)
	assert.Greater(t, tr.Explained[0], tr.Explained[1])
	// Each direction lies in span{u, v}: its projection there has norm 1.
	for _, d := range tr.Dirs {
		pu, pv := dot(d, u), dot(d, v)
		assert.InDelta(t, 1, pu*pu+pv*pv, svdTol)
	}
	// The projected path reconstructs the trajectory.
	for k, p := range traj {
		for i := range p {
			r := final[i] + tr.Path[k][0]*tr.Dirs[0][i] + tr.Path[k][1]*tr.Dirs[1][i]
			assert.InDelta(t, p[i], r, svdTol)
		}
	}
	_, err = PCA(traj[:1])
	require.Error(t, err)
}

var xorNet = nn.MLP{Sizes: []int{2, 2, 1}, Hidden: nn.Sigmoid, Output: nn.Sigmoid}

func dot(x, y []float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}
