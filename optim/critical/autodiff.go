package critical

import (
	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim"
)

// FromFunc returns the Problem of an autodiff function of a flat vector,
// with exact derivatives from the engine: the value and gradient from a
// compiled autodiff.Program, the Hessian from a compiled
// autodiff.HVPProgram (reverse over reverse), both through optim.Compiled,
// which compiles on first use, clones for concurrent callers and falls back
// to define-by-run when f cannot be compiled. The Problem is safe for
// concurrent use.
func FromFunc(f autodiff.Func) Problem {
	obj, hess := optim.Compiled(f)
	return Problem{
		Func: func(x []float64) float64 { return obj(x, nil) },
		Grad: func(x, dst []float64) { obj(x, dst) },
		Hess: hess,
	}
}
