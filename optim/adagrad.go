package optim

import "math"

// Adagrad scales each coordinate by the root of its accumulated squared
// gradients (Duchi, Hazan & Singer, JMLR 12, 2011):
//
//	G ← G + g²;  p ← p − lr·g/(√G + ε)
type Adagrad struct {
	LR  float64 // learning rate; must be set
	Eps float64 // ε; 0 means 1e-10

	sum []float64
}

// Step implements Optimizer.
func (o *Adagrad) Step(params, grad []float64) {
	checkLen("Adagrad.Step", params, grad)
	o.sum = resize(o.sum, len(params))
	eps := or(o.Eps, 1e-10)
	for i, g := range grad {
		o.sum[i] += g * g
		params[i] -= o.LR * g / (math.Sqrt(o.sum[i]) + eps)
	}
}

// LearningRate implements LearningRater.
func (o *Adagrad) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *Adagrad) SetLearningRate(lr float64) { o.LR = lr }
