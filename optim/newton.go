package optim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// HessFunc writes the Hessian of the loss at x into dst, an n×n matrix.
type HessFunc func(x []float64, dst *mat.SymDense)

// Newton is the damped Newton method (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §3.3 and §4 for the damping): with the Hessian
// H = Σ λᵢ qᵢqᵢᵀ at params,
//
//	d = (H + δI)⁻¹ g = Σ (qᵢ·g)/(λᵢ + δ) qᵢ;  p ← p − lr·d
//
// Directions where |λᵢ + δ| is below 1e-12·max|λ| are left out (a
// pseudo-inverse), so a singular Hessian does not produce Inf. Newton is
// attracted to saddle points as much as to minima (Dauphin et al. 2014);
// SaddleFreeNewton is the repaired form.
type Newton struct {
	LR      float64  // step length; 1 is the pure Newton step
	Damping float64  // δ added to the Hessian's diagonal; 0 means none
	Hess    HessFunc // the Hessian of the loss; must be set

	eig eigenStep
}

// Step implements Optimizer.
func (o *Newton) Step(params, grad []float64) {
	checkLen("Newton.Step", params, grad)
	o.eig.step("Newton", o.Hess, params, grad, o.LR, func(l float64) float64 { return l + o.Damping })
}

// LearningRate implements LearningRater.
func (o *Newton) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *Newton) SetLearningRate(lr float64) { o.LR = lr }

// SaddleFreeNewton is the saddle-free Newton method of Dauphin, Pascanu,
// Gulcehre, Cho, Ganguli & Bengio, "Identifying and attacking the saddle
// point problem in high-dimensional non-convex optimization", NIPS 2014
// (arXiv:1406.2572): Newton's step with |H| in place of H, where |H| has the
// eigenvectors of H and the absolute values of its eigenvalues, floored at
// the damping:
//
//	d = Σ (qᵢ·g)/max(|λᵢ|, δ) qᵢ;  p ← p − lr·d
//
// Along a negative-curvature direction it moves downhill, so it is repelled
// by saddles instead of attracted. The eigenvalues come from gonum's
// mat.EigenSym (the paper uses a Krylov approximation; at our sizes the
// exact decomposition is cheap).
type SaddleFreeNewton struct {
	LR      float64  // step length; 1 is the full step
	Damping float64  // δ, the floor on |λ|; 0 means 1e-4
	Hess    HessFunc // the Hessian of the loss; must be set

	eig eigenStep
}

// Step implements Optimizer.
func (o *SaddleFreeNewton) Step(params, grad []float64) {
	checkLen("SaddleFreeNewton.Step", params, grad)
	delta := or(o.Damping, 1e-4)
	o.eig.step("SaddleFreeNewton", o.Hess, params, grad, o.LR, func(l float64) float64 { return math.Max(math.Abs(l), delta) })
}

// LearningRate implements LearningRater.
func (o *SaddleFreeNewton) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *SaddleFreeNewton) SetLearningRate(lr float64) { o.LR = lr }

// eigenStep holds the buffers of a step p ← p − lr·Σ (qᵢ·g)/f(λᵢ) qᵢ.
type eigenStep struct {
	h   *mat.SymDense
	es  mat.EigenSym
	q   mat.Dense
	buf []float64
}

func (s *eigenStep) step(op string, hess HessFunc, params, grad []float64, lr float64, f func(float64) float64) {
	if hess == nil {
		panic(fmt.Sprintf("optim: %s.Step: Hess is nil", op))
	}
	n := len(params)
	if s.h == nil || s.h.SymmetricDim() != n {
		s.h = mat.NewSymDense(n, nil)
		s.q = mat.Dense{}
	}
	hess(params, s.h)
	if !s.es.Factorize(s.h, true) {
		// The eigen-solver failed (non-finite Hessian): poison the step so
		// that Train reports divergence instead of silently stalling.
		for i := range params {
			params[i] = math.NaN()
		}
		return
	}
	s.es.VectorsTo(&s.q)
	vals := s.es.RawValues()
	var lmax float64
	for _, l := range vals {
		lmax = math.Max(lmax, math.Abs(l))
	}
	s.buf = resize(s.buf, n)
	dir := s.buf
	clear(dir)
	for i, l := range vals {
		den := f(l)
		if math.Abs(den) <= 1e-12*lmax || den == 0 {
			continue
		}
		var c float64
		for k := 0; k < n; k++ {
			c += s.q.At(k, i) * grad[k]
		}
		c /= den
		for k := 0; k < n; k++ {
			dir[k] += c * s.q.At(k, i)
		}
	}
	for k := range params {
		params[k] -= lr * dir[k]
	}
}
