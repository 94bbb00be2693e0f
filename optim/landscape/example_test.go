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
