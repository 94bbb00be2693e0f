package landscape_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// Between the two minima ±1 of the double well (1 − x²)² the loss rises to
// f(0) = 1: a barrier of 1.
func ExampleInterpolate() {
	f := func(p []float64) float64 { u := 1 - p[0]*p[0]; return u * u }
	r := landscape.Interpolate(f, []float64{-1}, []float64{1}, 25)
	fmt.Printf("barrier %.3f at t=%.2f\n", r.Barrier, r.ArgMax)
	// Output:
	// barrier 1.000 at t=0.50
}

// A Study of the double well (1 − x²)² along the segment between its two
// minima and on a line through one of them (Config.Context, when set,
// stops a long grid between rows).
func ExampleStudy() {
	f := func(p []float64) float64 { u := 1 - p[0]*p[0]; return u * u }
	r, err := landscape.Study(f, landscape.Config{
		Mode: landscape.ModeInterp, Grid: 25, Center: []float64{-1}, To: []float64{1}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("interp: barrier %.3f at t=%.2f\n", r.Barrier, r.ArgMax)
	// Along a line through x = 1 with t in [−2, 2] (the direction is a
	// seeded normal sample): the loss at the centre is 0.
	r, _ = landscape.Study(f, landscape.Config{
		Mode: landscape.ModeLine, Grid: 5, Span: 2, Center: []float64{1}})
	fmt.Printf("line: %d points from t=%g to t=%g, loss at the centre %g\n", len(r.T), r.T[0], r.T[4], r.Loss[2])
	// Output:
	// interp: barrier 1.000 at t=0.50
	// line: 5 points from t=-2 to t=2, loss at the centre 0
}

// Two tanh nets that compute the same function, one with its hidden units
// swapped: the loss is 0 at both ends, but the midpoint averages the units
// into one (output tanh(−0.5x + 0.4) + 0.1 instead of a's), so the straight
// path climbs. Matching the units first makes the path a single point:
// |A − B| = √(9+9+0.04+0.04+9+9) = √36.08 ≈ 6.007 before, 0 and barrier 0
// after.
func ExampleMatchedBarrier() {
	m := nn.MLP{Sizes: []int{1, 2, 1}, Hidden: nn.Tanh, Output: nn.Identity}
	a := []float64{1, -2, 0.5, 0.3, 2, -1, 0.1} // W1 (2×1), b1, W2 (1×2), b2
	b, _ := nn.PermuteHidden(m, a, 1, []int{1, 0})
	target := m.Predict(a, []float64{0.7})[0]
	f := func(p []float64) float64 { // squared error against a's output at input 0.7
		d := m.Predict(p, []float64{0.7})[0] - target
		return d * d
	}
	r, err := landscape.MatchedBarrier(f, m, a, b, 25)
	if err != nil {
		panic(err)
	}
	fmt.Printf("before: |A−B| %.3f, barrier > 0: %v\n", r.DistanceBefore, r.Before.Barrier > 0)
	fmt.Printf("after:  |A−B'| %.3f, barrier %.3f\n", r.DistanceAfter, r.After.Barrier)
	// Output:
	// before: |A−B| 6.007, barrier > 0: true
	// after:  |A−B'| 0.000, barrier 0.000
}
