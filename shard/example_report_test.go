package shard_test

import (
	"os"

	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
	"gonum.org/v1/gonum/mat"
)

// A learning-rate sweep of f = x² + 10y² from (1, 1), whose Hessian
// diag(2, 20) has λmax = 20: gradient descent zigzags along y above
// 1/λmax = 0.05 and diverges above 2/λmax = 0.1. The sweep's header makes
// the report that `saddle sweep --json` prints (and `saddle merge` of its
// parts), and the report writes the text summary. The final losses are
// closed forms: GD multiplies x by 1 − 2·lr and y by 1 − 20·lr per step,
// so lr 0.01 ends at 0.98¹⁰⁰ + 10·0.8¹⁰⁰ ≈ 0.13262 and lr 0.07 at
// 0.86¹⁰⁰ + 10·0.4¹⁰⁰ ≈ 2.81738e-07.
func ExampleSweepReport_WriteText() {
	obj := func(x, grad []float64) float64 {
		if grad != nil {
			grad[0], grad[1] = 2*x[0], 20*x[1]
		}
		return x[0]*x[0] + 10*x[1]*x[1]
	}
	hess := func(_ []float64, dst *mat.SymDense) {
		dst.SetSym(0, 0, 2)
		dst.SetSym(1, 1, 20)
		dst.SetSym(0, 1, 0)
	}
	start, lrs := []float64{1, 1}, []float64{0.01, 0.07, 0.2}
	res := optim.Sweep(obj, start, lrs, optim.SweepConfig{Steps: 50, Hess: hess})
	h := shard.SweepHeader{Problem: "x^2 + 10*y^2", Vars: []string{"x", "y"}, Start: start, Steps: 50, LRs: lrs}
	h.SetThresholds(res)
	if err := h.Report(res).WriteText(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// sweep of x^2 + 10*y^2 from x=1, y=1, 50 gradient-descent steps per lr
	// Hessian at the start: λmax = 20, λmin = 2
	// on a quadratic: zigzag above 1/λmax = 0.05, diverge above 2/λmax = 0.1
	//
	// lr    lr·λmax  final loss             regime    because
	// 0.01  0.2      0.13262                too-slow  the gradient norm fell only to 0.0362 of the start's
	// 0.07  1.4      2.81738e-07            zigzags   the step along the top eigenvector changed sign 15 times in 15
	// 0.2   4        3.13811e+11 (step 11)  diverges  the loss blew up at step 11
}
