package optim

import (
	"math"
	"math/rand/v2"
)

// PerturbedGD is perturbed gradient descent (Jin, Ge, Netrapalli, Kakade &
// Jordan, "How to escape saddle points efficiently", ICML 2017,
// arXiv:1703.00887, Algorithm 2): plain gradient descent, except that when
// the gradient norm is at most Threshold and no perturbation happened in the
// last Interval steps, the step adds a sample drawn uniformly from the ball
// of radius Radius instead of the (tiny) gradient step. The next gradient is
// then taken at the perturbed point, as in the paper.
//
// The samples come from a PCG generator seeded with Seed, so runs repeat.
type PerturbedGD struct {
	LR        float64 // learning rate; must be set
	Threshold float64 // g_thres; 0 means 1e-3
	Radius    float64 // r, the radius of the perturbation ball; 0 means 1e-2
	Interval  int     // t_thres, a perturbation needs more than t_thres steps since the last; 0 means 50
	Seed      uint64  // seed of the perturbations

	// Perturbations counts the perturbations made so far (read it after a run).
	Perturbations int

	t, last int // steps taken (from 1), step of the last perturbation (0: none)
	pcg     *rand.PCG
	rng     *rand.Rand
}

// Step implements Optimizer.
func (o *PerturbedGD) Step(params, grad []float64) {
	checkLen("PerturbedGD.Step", params, grad)
	o.t++
	interval := o.Interval
	if interval == 0 {
		interval = 50
	}
	if Norm(grad) <= or(o.Threshold, 1e-3) && (o.last == 0 || o.t-o.last > interval) {
		if o.rng == nil {
			o.pcg = rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15)
			o.rng = rand.New(o.pcg)
		}
		o.last = o.t
		o.Perturbations++
		ball(o.rng, params, or(o.Radius, 1e-2))
		return
	}
	for i, g := range grad {
		params[i] -= o.LR * g
	}
}

// ball adds to x a sample uniform in the ball of radius r: a Gaussian
// direction normalised, scaled by r·U^(1/n) (Muller 1959).
func ball(rng *rand.Rand, x []float64, r float64) {
	dir := make([]float64, len(x))
	for i := range dir {
		dir[i] = rng.NormFloat64()
	}
	nrm := Norm(dir)
	if nrm == 0 {
		return
	}
	rad := r * math.Pow(rng.Float64(), 1/float64(len(x)))
	for i := range x {
		x[i] += rad * dir[i] / nrm
	}
}

// LearningRate implements LearningRater.
func (o *PerturbedGD) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *PerturbedGD) SetLearningRate(lr float64) { o.LR = lr }
