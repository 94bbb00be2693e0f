package nn

import (
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/autodiff"
)

// Problem is a net, a loss and a dataset: the loss as a function of the
// flat parameter vector, which is what trainers and studies differentiate.
type Problem struct {
	Net  MLP
	Loss Loss
	Data Dataset
}

// Validate reports whether the net, loss and data fit together: a valid
// net, a loss it can be trained with (Loss.CheckNet), valid data with as
// many feature columns as the net has inputs and as many target columns as
// it has outputs.
func (p Problem) Validate() error {
	if err := p.Loss.CheckNet(p.Net); err != nil {
		return err
	}
	if err := p.Data.Validate(); err != nil {
		return err
	}
	if p.Data.In != p.Net.In() {
		return fmt.Errorf("nn: dataset %q has %d feature columns, net %v has %d inputs", p.Data.Name, p.Data.In, p.Net.Sizes, p.Net.In())
	}
	if p.Data.Out != p.Net.Out() {
		return fmt.Errorf("nn: dataset %q has %d target columns, net %v has %d outputs", p.Data.Name, p.Data.Out, p.Net.Sizes, p.Net.Out())
	}
	return p.checkTargets()
}

// checkTargets refuses targets that the net cannot produce or the loss
// cannot score: a probability outside [0, 1] for the cross-entropies, and
// for MSE a value outside the range of the output activation (a sigmoid
// output never reaches 2: the loss would be minimised by saturating units,
// silently).
func (p Problem) checkTargets() error {
	lo, hi := math.Inf(-1), math.Inf(1)
	what := ""
	switch p.Loss {
	case BCE, Logistic, SoftmaxCE:
		lo, hi, what = 0, 1, "loss "+string(p.Loss)+" takes probabilities"
	default:
		switch p.Net.Output {
		case Sigmoid:
			lo, hi = 0, 1
		case Tanh:
			lo, hi = -1, 1
		case ReLU, Softplus:
			lo = 0
		}
		what = "a " + string(p.Net.Output) + " output gives values"
	}
	for i, y := range p.Data.Y {
		if y < lo || y > hi {
			return fmt.Errorf("nn: dataset %q: sample %d has the target %v, but %s in [%g, %g] (choose an output activation or loss that can produce it)",
				p.Data.Name, i/p.Data.Out+1, y, what, lo, hi)
		}
	}
	return nil
}

// NumParams returns the length of the problem's parameter vector.
func (p Problem) NumParams() int { return p.Net.NumParams() }

// LossNode returns the loss at params (a 1-D node of NumParams values) as a
// 0-d node: the net's outputs on the whole dataset scored by p.Loss.
func (p Problem) LossNode(params *autodiff.Node) *autodiff.Node {
	return p.Func()(params)
}

// Func returns the loss as a function of the flat parameter node, for
// autodiff.Grad, ValueAndGrad, HVP, Hessian and Compile. The data are
// constants built once and shared by every call; they are only read, so the
// function may be called from several goroutines at once.
func (p Problem) Func() func(x *autodiff.Node) *autodiff.Node {
	x := autodiff.Const(p.Data.X, p.Data.N, p.Data.In)
	y := autodiff.Const(p.Data.Y, p.Data.N, p.Data.Out)
	net, loss := p.Net, p.Loss
	return func(params *autodiff.Node) *autodiff.Node {
		return loss.Node(net.Forward(params, x), y)
	}
}

// LossValue returns the loss at params.
func (p Problem) LossValue(params []float64) float64 {
	return p.LossNode(autodiff.Const(params)).Item()
}

// Accuracy returns the fraction of samples classified right at params.
// With one output the targets must be 0/1 and the prediction is 1 when the
// output exceeds 0 for the logit losses (BCE, Logistic) and 0.5 otherwise
// (a sigmoid output, or an MSE net regressing onto 0/1); with several
// outputs the predicted class is the argmax of the outputs and the true one
// the argmax of the target row. For regression targets (one output, a target
// that is not 0 or 1) there are no classes and Accuracy returns NaN.
func (p Problem) Accuracy(params []float64) float64 {
	d := p.Data
	out := p.Net.Predict(params, d.X)
	right := 0
	if d.Out == 1 {
		threshold := 0.5
		if p.Loss == BCE || p.Loss == Logistic {
			threshold = 0
		}
		for i, y := range d.Y {
			if y != 0 && y != 1 {
				return math.NaN()
			}
			if (out[i] > threshold) == (y == 1) {
				right++
			}
		}
	} else {
		for i := range d.N {
			if argmax(out[i*d.Out:(i+1)*d.Out]) == argmax(d.Target(i)) {
				right++
			}
		}
	}
	return float64(right) / float64(d.N)
}

// argmax returns the index of the largest element (the first of ties).
func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
