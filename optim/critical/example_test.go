package critical_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim/critical"
)

// The double well (1 − x²)² has minima at ±1 and a maximum at 0.
func ExampleFind() {
	f := func(x *autodiff.Node) *autodiff.Node {
		u := autodiff.AddScalar(autodiff.Neg(autodiff.Mul(x, x)), 1)
		return autodiff.Sum(autodiff.Mul(u, u))
	}
	points, err := critical.Find(critical.FromFunc(f), []float64{-2}, []float64{2}, critical.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range points {
		fmt.Printf("%-8s x=%+.4f f=%.4f f''=%.4f\n", p.Kind, p.X[0], p.Value, p.Eigenvalues[0])
	}
	// Output:
	// minimum  x=-1.0000 f=0.0000 f''=8.0000
	// minimum  x=+1.0000 f=0.0000 f''=8.0000
	// maximum  x=+0.0000 f=1.0000 f''=-4.0000
}
