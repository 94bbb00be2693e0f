package optim

// GD is gradient descent, with optional heavy-ball momentum (Polyak 1964)
// or Nesterov momentum (Sutskever, Martens, Dahl & Hinton, ICML 2013, in the
// form used by PyTorch). With mini-batches (Config.MiniBatch) it is SGD.
//
//	plain:    p ← p − lr·g
//	momentum: v ← μ·v + g;  p ← p − lr·v
//	Nesterov: v ← μ·v + g;  p ← p − lr·(g + μ·v)
//
// The momentum form is the one of docs/WORKLOADS.md W3 (v starts at 0).
type GD struct {
	LR       float64 // learning rate; must be set
	Momentum float64 // μ; 0 means plain gradient descent
	Nesterov bool    // use Nesterov's look-ahead form (needs Momentum > 0)

	v []float64
}

// Step implements Optimizer.
func (o *GD) Step(params, grad []float64) {
	checkLen("GD.Step", params, grad)
	if o.Momentum == 0 {
		for i, g := range grad {
			params[i] -= o.LR * g
		}
		return
	}
	o.v = resize(o.v, len(params))
	mu := o.Momentum
	for i, g := range grad {
		o.v[i] = mu*o.v[i] + g
		if o.Nesterov {
			params[i] -= o.LR * (g + mu*o.v[i])
		} else {
			params[i] -= o.LR * o.v[i]
		}
	}
}

// LearningRate implements LearningRater.
func (o *GD) LearningRate() float64 { return o.LR }

// SetLearningRate implements LearningRater.
func (o *GD) SetLearningRate(lr float64) { o.LR = lr }
