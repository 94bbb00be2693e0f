package nn

import (
	"fmt"
	"slices"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
)

// Loss names a loss function of a net's outputs and the targets. Every loss
// is a mean over the batch.
type Loss string

// The losses.
const (
	// MSE is the mean over all elements of (ŷ − y)².
	MSE Loss = "mse"
	// BCE is the binary cross-entropy of logits z (the net's output, with
	// the Identity output activation): the mean of
	// max(z,0) − z·y + log1p(e^−|z|), the numerically stable form of
	// −y·log σ(z) − (1−y)·log(1−σ(z)).
	BCE Loss = "bce"
	// SoftmaxCE is the cross-entropy of the softmax of logits z against
	// one-hot (or probability) targets: the mean over samples of
	// logsumexp(z) − Σₖ yₖ·zₖ, computed with the max shift.
	SoftmaxCE Loss = "softmax"
	// Logistic is the loss of logistic regression: BCE of a linear model
	// (an MLP with no hidden layer, one output, Identity output).
	Logistic Loss = "logistic"
)

var losses = map[Loss]bool{MSE: true, BCE: true, SoftmaxCE: true, Logistic: true}

// Losses returns the names of the known losses, sorted.
func Losses() []string { return sortedNames(losses) }

// ParseLoss returns the loss called s, or an error listing the known ones.
func ParseLoss(s string) (Loss, error) {
	l := Loss(s)
	if !losses[l] {
		return "", fmt.Errorf("nn: unknown loss %q (known: %s)", s, strings.Join(Losses(), ", "))
	}
	return l, nil
}

// CheckNet reports whether the net m can be trained with loss l: BCE,
// SoftmaxCE and Logistic take logits, so the output activation must be
// Identity; BCE and Logistic need one output, SoftmaxCE at least two;
// Logistic needs a linear model (no hidden layer).
func (l Loss) CheckNet(m MLP) error {
	if !losses[l] {
		_, err := ParseLoss(string(l))
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	switch l {
	case BCE, SoftmaxCE, Logistic:
		if m.Output != Identity {
			return fmt.Errorf("nn: loss %s takes logits: the output activation must be identity, not %s", l, m.Output)
		}
	}
	switch l {
	case BCE, Logistic:
		if m.Out() != 1 {
			return fmt.Errorf("nn: loss %s needs 1 output, net %v has %d", l, m.Sizes, m.Out())
		}
	case SoftmaxCE:
		if m.Out() < 2 {
			return fmt.Errorf("nn: loss %s needs at least 2 outputs (one per class), net %v has %d", l, m.Sizes, m.Out())
		}
	}
	if l == Logistic && len(m.Sizes) != 2 {
		return fmt.Errorf("nn: loss %s is for a linear model, net %v has hidden layers", l, m.Sizes)
	}
	return nil
}

// Node returns the loss of the outputs out (batch, k) against targets y
// (batch, k) as a 0-d node: a mean over the batch (see the constants).
// It panics if the shapes differ (a programmer error).
func (l Loss) Node(out, y *autodiff.Node) *autodiff.Node {
	if !slices.Equal(out.Shape(), y.Shape()) {
		panic(fmt.Sprintf("nn: Loss %s: outputs have shape %v, targets %v", l, out.Shape(), y.Shape()))
	}
	switch l {
	case MSE:
		return autodiff.MSE(out, y)
	case BCE, Logistic:
		return autodiff.Mean(autodiff.BCEWithLogits(out, y))
	case SoftmaxCE:
		// −Σₖ yₖ log softmax(z)ₖ = logsumexp(z)·Σₖ yₖ − Σₖ yₖ zₖ; with targets
		// summing to 1 per row (one-hot) that is logsumexp(z) − Σₖ yₖ zₖ.
		lse := autodiff.LogSumExp(out, 1)
		yz := autodiff.SumAxis(autodiff.Mul(y, out), 1)
		ysum := autodiff.SumAxis(y, 1)
		return autodiff.Mean(autodiff.Sub(autodiff.Mul(lse, ysum), yz))
	}
	panic(fmt.Sprintf("nn: Loss: unknown loss %q", l))
}

// LogisticGrad returns the gradient of the Logistic loss of a linear model
// with parameters params = (w₁..w_In, b) (the flat layout of an In-1 MLP) on
// d, by the closed form of the seed slides: the mean over samples of
// (σ(w·x + b) − y)·(x, 1).
func LogisticGrad(d Dataset, params []float64) []float64 {
	if len(params) != d.In+1 || d.Out != 1 {
		panic(fmt.Sprintf("nn: LogisticGrad: %d parameters for %d inputs and %d outputs, want In+1 and 1 output", len(params), d.In, d.Out))
	}
	grad := make([]float64, d.In+1)
	for i := range d.N {
		x := d.Row(i)
		z := params[d.In]
		for j, xj := range x {
			z += params[j] * xj
		}
		r := sigmoid(z) - d.Y[i]
		for j, xj := range x {
			grad[j] += r * xj / float64(d.N)
		}
		grad[d.In] += r / float64(d.N)
	}
	return grad
}
