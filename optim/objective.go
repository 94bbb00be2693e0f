package optim

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"gonum.org/v1/gonum/mat"
)

// Objective is a loss over a flat parameter vector: it returns the loss at x
// and, when grad is not nil, writes the gradient into it (gonum's
// optimize.Problem idea, in one function). It is the only way optim sees a
// problem, so every optimizer and study runs unchanged on any engine that
// provides one. The adapters below are the one place where an Objective is
// made from the autodiff engine.
type Objective func(x, grad []float64) float64

// FromFunc returns the Objective of an autodiff function. It uses the
// engine's compiled fast path (autodiff.Compile, compiled on the first call)
// and falls back to define-by-run (autodiff.Value, autodiff.ValueAndGrad)
// when f cannot be compiled; the results agree to rounding. The Objective is
// safe for concurrent use.
func FromFunc(f autodiff.Func) Objective {
	c := newCompiled(f)
	return func(x, grad []float64) float64 {
		if grad != nil && len(grad) != len(x) {
			panic(fmt.Sprintf("optim: Objective: x has %d elements, grad has %d", len(x), len(grad)))
		}
		return c.valueAndGrad(x, grad)
	}
}

// HessianFromFunc returns the exact Hessian of f, from the compiled
// Hessian-vector product (autodiff.CompileHVP) or, when f cannot be
// compiled, autodiff.Hessian; symmetrised as ½(H + Hᵀ) against rounding.
// It is safe for concurrent use.
func HessianFromFunc(f autodiff.Func) HessFunc {
	c := newCompiled(f)
	return func(x []float64, dst *mat.SymDense) {
		c.hessian(x, func(h [][]float64) { symmetrize(dst, h) })
	}
}

// symmetrize writes ½(h + hᵀ) into dst.
func symmetrize(dst *mat.SymDense, h [][]float64) {
	for i := range h {
		for j := i; j < len(h); j++ {
			dst.SetSym(i, j, 0.5*(h[i][j]+h[j][i]))
		}
	}
}

// Compiled returns the value, gradient and Hessian of f from one compiled
// function, for callers that need all three (critical points): f is compiled
// once for both.
func Compiled(f autodiff.Func) (Objective, HessFunc) {
	c := newCompiled(f)
	return func(x, grad []float64) float64 { return c.valueAndGrad(x, grad) },
		func(x []float64, dst *mat.SymDense) { c.hessian(x, func(h [][]float64) { symmetrize(dst, h) }) }
}

// AnomalyFromFunc returns a function that evaluates f at x on a recorded
// graph and names the first operation whose output is not finite
// (autodiff.FirstNonFinite), or returns "" when every value is finite. It
// is the anomaly mode of Config.Anomaly.
func AnomalyFromFunc(f autodiff.Func) func(x []float64) string {
	return func(x []float64) string {
		n := autodiff.FirstNonFinite(f(autodiff.Variable(x)))
		if n == nil {
			return ""
		}
		return n.Op()
	}
}

// FromProblem returns the Objective of a net, its loss and its data: the
// loss over the whole dataset as a function of the flat parameters.
func FromProblem(p nn.Problem) Objective { return FromFunc(p.Func()) }

// HessianFromProblem returns the exact Hessian of p's loss.
func HessianFromProblem(p nn.Problem) HessFunc { return HessianFromFunc(p.Func()) }

// FromProblemRows returns, for MiniBatch.Objective, the loss of p over a
// subset of the rows of its dataset.
func FromProblemRows(p nn.Problem) func(rows []int) Objective {
	return func(rows []int) Objective {
		d := p.Data
		sub := nn.Dataset{Name: d.Name, N: len(rows), In: d.In, Out: d.Out,
			X: make([]float64, 0, len(rows)*d.In), Y: make([]float64, 0, len(rows)*d.Out)}
		for _, r := range rows {
			sub.X = append(sub.X, d.Row(r)...)
			sub.Y = append(sub.Y, d.Target(r)...)
		}
		q := p
		q.Data = sub
		return FromProblem(q)
	}
}
