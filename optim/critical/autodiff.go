package critical

import (
	"github.com/saddle-dev/saddle/autodiff"
	"gonum.org/v1/gonum/mat"
)

// FromFunc returns the Problem of an autodiff function of a flat vector:
// the value by autodiff.Value, the gradient by autodiff.ValueAndGrad and the
// exact Hessian by autodiff.Hessian (reverse over reverse). The engine keeps
// no global state, so the Problem is safe for concurrent use.
func FromFunc(f autodiff.Func) Problem {
	return Problem{
		Func: func(x []float64) float64 { return autodiff.Value(f, x) },
		Grad: func(x, dst []float64) {
			_, g := autodiff.ValueAndGrad(f, x)
			copy(dst, g)
		},
		Hess: func(x []float64, dst *mat.SymDense) {
			h := autodiff.Hessian(f, x)
			for i := range h {
				for j := i; j < len(h); j++ {
					dst.SetSym(i, j, (h[i][j]+h[j][i])/2)
				}
			}
		},
	}
}
