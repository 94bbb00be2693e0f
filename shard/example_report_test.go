package shard_test

import (
	"os"

	"github.com/saddle-dev/saddle/autodiff/expr"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
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
	f := expr.MustParse("x^2 + 10*y^2")
	fn, err := f.Func(f.Vars()) // the parameter vector is (x, y)
	if err != nil {
		panic(err)
	}
	start, lrs := []float64{1, 1}, []float64{0.01, 0.07, 0.2}
	res := optim.Sweep(optim.FromFunc(fn), start, lrs, optim.SweepConfig{Steps: 50, Hess: optim.HessianFromFunc(fn)})
	h := shard.SweepHeader{Problem: f.String(), Vars: f.Vars(), Start: start, Steps: 50, LRs: lrs}
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
