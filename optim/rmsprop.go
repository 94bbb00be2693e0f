package optim

import "math"

// RMSprop divides each coordinate by a running root-mean-square of its
// gradients (Tieleman & Hinton, Coursera "Neural Networks for Machine
// Learning", lecture 6.5, 2012):
//
//	s ← ρ·s + (1−ρ)·g²;  p ← p − lr·g/(√s + ε)
type RMSprop struct {
	LR  float64 // learning rate; must be set
	Rho float64 // ρ, the decay of the running average; 0 means 0.9
	Eps float64 // ε; 0 means 1e-8

	s []float64
}

// Step implements Optimizer.
func (o *RMSprop) Step(params, grad []float64) {
	checkLen("RMSprop.Step", params, grad)
	o.s = resize(o.s, len(params))
	rho, eps := or(o.Rho, 0.9), or(o.Eps, 1e-8)
	for i, g := range grad {
		o.s[i] = rho*o.s[i] + (1-rho)*g*g
		params[i] -= o.LR * g / (math.Sqrt(o.s[i]) + eps)
	}
}

// LearningRate implements LearningRater.
func (o *RMSprop) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *RMSprop) SetLearningRate(lr float64) { o.LR = lr }
