package lessons

import (
	"fmt"
	"testing"
)

// BenchmarkStepCost measures lesson 9's operations (gradient, HVP, Hessian,
// saddle-free Newton step) against the parameter count; `saddle lessons`
// times the same functions (BenchTime.NsPerOp) and plots them.
func BenchmarkStepCost(b *testing.B) {
	cases, err := CostCases(CostHidden())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("%s/n=%d", c.Op, c.Params), func(b *testing.B) {
			op := c.New()
			b.ReportAllocs()
			for b.Loop() {
				op()
			}
		})
	}
}
