package landscape_test

import (
	"fmt"

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
