package optim

import "math"

// Adam is the bias-corrected adaptive moment method of Kingma & Ba (ICLR
// 2015), exactly in the form of docs/WORKLOADS.md, with t counted from 1:
//
//	m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
//	m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  p ← p − lr·m̂/(√v̂ + ε)
type Adam struct {
	LR    float64 // learning rate; must be set
	Beta1 float64 // β₁; 0 means 0.9
	Beta2 float64 // β₂; 0 means 0.999
	Eps   float64 // ε; 0 means 1e-8

	t    int
	m, v []float64
}

// Step implements Optimizer.
func (o *Adam) Step(params, grad []float64) {
	checkLen("Adam.Step", params, grad)
	if len(o.m) != len(params) {
		o.m, o.v, o.t = make([]float64, len(params)), make([]float64, len(params)), 0
	}
	b1, b2, eps := or(o.Beta1, 0.9), or(o.Beta2, 0.999), or(o.Eps, 1e-8)
	o.t++
	c1 := 1 - math.Pow(b1, float64(o.t))
	c2 := 1 - math.Pow(b2, float64(o.t))
	for i, g := range grad {
		o.m[i] = b1*o.m[i] + (1-b1)*g
		o.v[i] = b2*o.v[i] + (1-b2)*g*g
		mhat := o.m[i] / c1
		vhat := o.v[i] / c2
		params[i] -= o.LR * mhat / (math.Sqrt(vhat) + eps)
	}
}

// LearningRate implements LearningRater.
func (o *Adam) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *Adam) SetLearningRate(lr float64) { o.LR = lr }
