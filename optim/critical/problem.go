package critical

import "gonum.org/v1/gonum/mat"

// Problem is a twice-differentiable function of a flat vector, given by its
// value, gradient and Hessian (the shape of gonum's optimize.Problem).
// Find calls the funcs from several goroutines at once, so they must be safe
// for concurrent use (pure functions of x are).
type Problem struct {
	// Func returns f(x).
	Func func(x []float64) float64
	// Grad stores ∇f(x) in dst (len(dst) == len(x)).
	Grad func(x, dst []float64)
	// Hess stores the Hessian ∇²f(x) in dst (an n×n SymDense).
	Hess func(x []float64, dst *mat.SymDense)
}
