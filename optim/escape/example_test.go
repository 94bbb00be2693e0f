package escape_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/escape"
)

// On x² − y², gradient descent started on the stable manifold y = 0 never
// leaves the saddle; perturbed gradient descent does.
func ExampleRun() {
	rep, err := escape.Run(escape.Hyperbolic(), []float64{0, 0},
		[]escape.Method{{Name: "gd"}, {Name: "pgd"}},
		escape.Config{N: 20, Steps: 500, Seed: 1, Mask: []bool{true, false}})
	if err != nil {
		panic(err)
	}
	for _, r := range rep.Results {
		fmt.Printf("%-3s escaped %d/%d\n", r.Method, r.Escaped, r.Runs)
	}
	// Output:
	// gd  escaped 0/20
	// pgd escaped 20/20
}
