package lessons

import (
	"fmt"
	"testing"
)

// BenchmarkStepCost measures lesson 9's operations (gradient, HVP, Hessian,
// saddle-free Newton step) against the parameter count; `saddle lessons`
// runs the same functions with testing.Benchmark and plots them.
func BenchmarkStepCost(b *testing.B) {
	cases, err := CostCases(CostHidden())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("%s/n=%d", c.Op, c.Params), c.Bench)
	}
}
