// Package ref holds the definitions of the benchmark workloads W1–W5 that
// are plain numbers — steps, learning rates, counts — and their reference
// results with the agreement they are stated to (docs/WORKLOADS.md): the
// one place the tests, the Go benchmarks and `saddle bench` take them from.
// It imports nothing of saddle, so every package's tests can use it; the
// workloads themselves (nets, data, starts) are nn's presets, and package
// workload runs and times them.
//
// The references were computed by four independent implementations
// (hand-derived Go gradients, Gorgonia, spago, PyTorch in float64) that agree
// to the digits given.
package ref

import "math"

// W1 xor-gd: the XOR 2-2-1 sigmoid net, MSE, full-batch gradient descent
// from a fixed start (nn preset "xor").
const (
	W1Steps     = 10000
	W1LR        = 0.5
	W1FinalLoss = 0.00102746942975 // after the last step
)

// W2 moons-adam: a 2-16-16-1 tanh net on 1,024 points, BCE from the logit,
// Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), formula init (nn preset "moons").
const (
	W2Steps     = 1000
	W2LR        = 0.01
	W2FinalLoss = 1.19117735702968e-4
)

// W3 mlp-sgdm: a 64-128-128-10 ReLU net, softmax cross-entropy on one batch
// of 128, SGD with momentum v ← 0.9·v + g, p ← p − 0.05·v (nn preset "w3").
const (
	W3Steps     = 200
	W3LR        = 0.05
	W3Momentum  = 0.9
	W3FinalLoss = 2.17639751205570
)

// LossRel is the stated agreement of the final losses of W1–W3: relative.
const LossRel = 1e-9

// W4 hessian: the exact Hessian of (a) the W1 loss at W1's start (9×9) and
// (b) a 2-16-1 tanh net on W2's data at the formula init (65×65; nn preset
// "w4b"): the loss there and the extreme eigenvalues. The negative smallest
// eigenvalues show that neither start is in a convex region.
const (
	W4aLoss   = 0.252868459475519
	W4aEigMin = -0.00887508328076912
	W4aEigMax = 0.190959812648818
	W4bLoss   = 0.760278246595765
	W4bEigMin = -0.350808881953973
	W4bEigMax = 0.940475569557462
)

// EigAbs is the stated agreement of W4's losses and eigenvalues: absolute.
const EigAbs = 1e-8

// W5 xor-restarts: 1,000 restarts of W1's net (restart r from nn.W5Start(r)),
// gradient descent lr 0.5 for 2,000 steps each; the number of restarts that
// end below the threshold is deterministic and must be exactly W5Successes.
const (
	W5Restarts  = 1000
	W5Steps     = 2000
	W5LR        = 0.5
	W5Threshold = 0.01
	W5Successes = 152
)

// W4Vector returns W4's Hessian-vector product direction of length n,
// v_k = cos(0.7·k + 0.2).
func W4Vector(n int) []float64 {
	v := make([]float64, n)
	for k := range v {
		v[k] = math.Cos(0.7*float64(k) + 0.2)
	}
	return v
}

// W1Start returns W1's start for the 2-2-1 XOR net, in the layout W1 row by
// row, b1, W2, b2: W1 = [[0.5, −0.4], [−0.3, 0.6]], b1 = [0.1, −0.2],
// W2 = [[0.7, −0.5]], b2 = [0.05]. It is also W4a's point.
func W1Start() []float64 {
	return []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05}
}

// W5Start returns the start of W5's restart r in W1Start's layout:
// p_k = sin(9.1·r + 1.7·k + 0.3), k = 0..8.
func W5Start(r int) []float64 {
	params := make([]float64, 9)
	for k := range params {
		params[k] = math.Sin(9.1*float64(r) + 1.7*float64(k) + 0.3)
	}
	return params
}

// FormulaWeight is the "formula init" of W2–W4b, which uses no random
// numbers: the weight from input j to output o of layer l (numbered from 1)
// with fanIn inputs is √(1/fanIn)·sin(1000·l + 31·o + 7·j + 1); biases are 0.
func FormulaWeight(l, o, j, fanIn int) float64 {
	return math.Sqrt(1/float64(fanIn)) * math.Sin(float64(1000*l+31*o+7*j+1))
}
