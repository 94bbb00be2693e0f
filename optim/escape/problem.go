package escape

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"gonum.org/v1/gonum/mat"
)

// Problem is a loss with a saddle point to escape from.
type Problem struct {
	Name string
	// Objective returns a fresh loss-and-gradient function; Run calls it
	// once per worker, so the function it returns need not be safe for
	// concurrent use (a compiled autodiff.Program is not).
	Objective func() optim.Objective
	// Hess returns a fresh Hessian function, for "sfn" and "newton"; Run
	// calls it once per worker. nil makes those methods unavailable.
	Hess func() optim.HessFunc
	// Batch, when set, makes each worker run its runs in lockstep batches
	// with one batched evaluation per step (optim.BatchFromFunc); Objective
	// is then used for the saddle's value only. The results are those of
	// Objective (bit for bit when both replay one compiled loss on amd64).
	Batch  func() optim.BatchObjective
	Saddle []float64 // the saddle point
	// Drop: a run has escaped when its loss is ≤ f(Saddle) − Drop.
	Drop float64
	// Unbounded marks a loss without lower bound (x² − y²): a run stops as
	// soon as it escapes, instead of running to its budget towards −∞.
	Unbounded bool
	// LR holds the default learning rate of each method for this problem.
	LR map[string]float64
	// PGDRadius is the default perturbation radius of "pgd" for this
	// problem; 0 means optim.PerturbedGD's default (1e-2).
	PGDRadius float64
}

// FromFunc returns the Problem of an autodiff function with a saddle at
// saddle, gradients by autodiff.ValueAndGrad and Hessians by
// autodiff.Hessian. Drop, Unbounded and LR are left for the caller.
func FromFunc(name string, f autodiff.Func, saddle []float64) Problem {
	return Problem{
		Name: name,
		Objective: func() optim.Objective {
			return func(x, grad []float64) float64 {
				if grad == nil {
					return autodiff.Value(f, x)
				}
				v, g := autodiff.ValueAndGrad(f, x)
				copy(grad, g)
				return v
			}
		},
		Hess: func() optim.HessFunc {
			return func(x []float64, dst *mat.SymDense) {
				h := autodiff.Hessian(f, x)
				for i := range h {
					for j := i; j < len(h); j++ {
						dst.SetSym(i, j, (h[i][j]+h[j][i])/2)
					}
				}
			}
		},
		Saddle: append([]float64(nil), saddle...),
	}
}

// Hyperbolic returns x² − y² with its saddle at the origin (Hessian
// eigenvalues −2 and 2; the stable manifold is the x axis). It is unbounded
// below; a run has escaped when the loss is ≤ −0.01. The default learning
// rate is 0.1 for all first-order methods (GD's rate of escape along y is
// then 1.2 per step), 0.01 for RMSprop and Adam, and 0.5 for the Newton
// methods.
func Hyperbolic() Problem {
	return Problem{
		Name: "xy",
		Objective: func() optim.Objective {
			return func(x, grad []float64) float64 {
				if grad != nil {
					grad[0], grad[1] = 2*x[0], -2*x[1]
				}
				return x[0]*x[0] - x[1]*x[1]
			}
		},
		Hess: func() optim.HessFunc {
			return func(_ []float64, dst *mat.SymDense) {
				dst.SetSym(0, 0, 2)
				dst.SetSym(0, 1, 0)
				dst.SetSym(1, 1, -2)
			}
		},
		Saddle:    []float64{0, 0},
		Drop:      0.01,
		Unbounded: true,
		LR: map[string]float64{
			"gd": 0.1, "momentum": 0.01, "nesterov": 0.01, "pgd": 0.1,
			"rmsprop": 0.01, "adam": 0.01, "sfn": 0.5, "newton": 0.5,
		},
	}
}

// XOR returns the XOR 2-2-1 net (nn preset "xor": sigmoid units, MSE) with
// its saddle at the all-zero point, where every output is ½ and the loss is
// 0.25: a degenerate saddle (one positive Hessian eigenvalue 0.1875, eight
// zeros; docs/LITERATURE.md). A run has escaped when the loss is ≤ 0.24. The loss
// and gradient come from a compiled autodiff.Program, the Hessian from a
// compiled autodiff.HVPProgram (one clone of each per worker).
// Default learning rates: 0.5 for GD and perturbed GD (workload W1's),
// 0.05 for momentum and Nesterov (with μ = 0.9 the same long-run step
// 0.05/(1−μ) = 0.5), 1e-3 for RMSprop and Adam (docs/LITERATURE.md's
// experiment), 1 for the Newton methods. Perturbed GD perturbs with radius
// 0.1: the origin is a degenerate saddle whose loss falls only at high order,
// and the 1e-2 ball of the xy problem is too small to leave its flat region
// in 5·10⁴ steps for most runs (measured: 16 of 40 escape with 1e-2, 40 of
// 40 with 0.05 and more).
func XOR() (Problem, error) {
	np, err := nn.Preset("xor")
	if err != nil {
		return Problem{}, err
	}
	f := np.Func()
	n := np.NumParams()
	prog, err := autodiff.Compile(f, n)
	if err != nil {
		return Problem{}, fmt.Errorf("escape: compiling the XOR loss: %w", err)
	}
	hvp, err := autodiff.CompileHVP(f, n)
	if err != nil {
		return Problem{}, fmt.Errorf("escape: compiling the XOR Hessian: %w", err)
	}
	return Problem{
		Name: "xor",
		Objective: func() optim.Objective {
			c := prog.Clone()
			return func(x, grad []float64) float64 {
				if grad == nil {
					return c.Value(x)
				}
				return c.ValueAndGrad(x, grad)
			}
		},
		Hess: func() optim.HessFunc {
			c := hvp.Clone()
			h := make([][]float64, n)
			for i := range h {
				h[i] = make([]float64, n)
			}
			return func(x []float64, dst *mat.SymDense) {
				c.Hessian(x, h)
				for i := range h {
					for j := i; j < n; j++ {
						dst.SetSym(i, j, (h[i][j]+h[j][i])/2)
					}
				}
			}
		},
		Batch:     optim.BatchFromFunc(f, n, 0),
		Saddle:    make([]float64, n),
		Drop:      0.01,
		PGDRadius: 0.1,
		LR:        XORLR(),
	}, nil
}

// XORLR returns the default learning rates of the XOR problem (see XOR).
func XORLR() map[string]float64 {
	return map[string]float64{
		"gd": 0.5, "momentum": 0.05, "nesterov": 0.05, "pgd": 0.5,
		"rmsprop": 1e-3, "adam": 1e-3, "sfn": 1, "newton": 1,
	}
}

// Builtin returns a built-in saddle problem by name: "xy" (Hyperbolic) or
// "xor" (XOR).
func Builtin(name string) (Problem, error) {
	switch name {
	case "xy":
		return Hyperbolic(), nil
	case "xor":
		return XOR()
	}
	return Problem{}, fmt.Errorf("escape: unknown saddle %q (built in: xy, xor)", name)
}
