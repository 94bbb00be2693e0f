package vmath_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff/vmath"
)

func Example() {
	x := []float64{-2, -1, 0, 1, 2}
	s := make([]float64, len(x))
	vmath.Sigmoid(s, x)
	for i := range x {
		fmt.Printf("σ(%g) = %.6f\n", x[i], s[i])
	}
	// Output:
	// σ(-2) = 0.119203
	// σ(-1) = 0.268941
	// σ(0) = 0.500000
	// σ(1) = 0.731059
	// σ(2) = 0.880797
}
