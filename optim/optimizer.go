package optim

import (
	"fmt"
	"math"
)

// Optimizer is an update rule: Step moves params one step using grad, the
// gradient of the loss at params. An optimizer keeps its own state (moments,
// velocities, step counts) between calls, so one value serves one run.
//
// Every optimizer of this package is a struct whose zero value is usable once
// its LR field is set; other zero fields take the defaults named in their
// doc comments.
type Optimizer interface {
	Step(params, grad []float64)
}

// LearningRater is implemented by the optimizers whose learning rate a
// Schedule can change between steps (all optimizers of this package).
type LearningRater interface {
	LearningRate() float64
	SetLearningRate(lr float64)
}

// checkLen panics when params and grad differ in length: a programmer error.
func checkLen(op string, params, grad []float64) {
	if len(params) != len(grad) {
		panic(fmt.Sprintf("optim: %s: params has %d elements, grad has %d", op, len(params), len(grad)))
	}
}

// resize returns s if it has length n, else a new zero slice of length n.
// A state vector of the wrong length means the optimizer was reused on a
// problem of another size; it starts afresh.
func resize(s []float64, n int) []float64 {
	if len(s) == n {
		return s
	}
	return make([]float64, n)
}

// or returns v, or def when v is zero (the zero-value default convention).
func or(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// Norm returns the Euclidean norm of x, scaled so that it does not
// overflow while the norm itself is finite (as BLAS dnrm2).
func Norm(x []float64) float64 {
	var scale float64
	for _, v := range x {
		scale = math.Max(scale, math.Abs(v))
	}
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		return scale
	}
	var s float64
	for _, v := range x {
		s += (v / scale) * (v / scale)
	}
	return scale * math.Sqrt(s)
}
