package lessons

import (
	"math"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
)

// LogisticX, LogisticY are the small data set of lesson 3: five points on a
// line with labels that no threshold separates perfectly.
func LogisticX() []float64 { return []float64{-2, -1, 0.5, 1, 2.5} }

// LogisticY: see LogisticX.
func LogisticY() []float64 { return []float64{0, 0, 1, 0, 1} }

// LogisticW, LogisticB are the model (w, b) at which lesson 3 differentiates.
const (
	LogisticW = 0.8
	LogisticB = -0.3
)

// ChainRow is one sample of the chain-rule table: for the per-sample loss
// ℓ = −y·log σ(z) − (1−y)·log(1 − σ(z)) with z = w·x + b,
//
//	∂ℓ/∂w = ∂ℓ/∂σ · ∂σ/∂z · ∂z/∂w = (σ−y)/(σ(1−σ)) · σ(1−σ) · x = (σ − y)·x
//
// and ∂ℓ/∂b the same with ∂z/∂b = 1.
type ChainRow struct {
	X, Y    float64
	Z       float64 `json:"z"`
	Sigma   float64 `json:"sigma"`
	DLdS    float64 `json:"dl_dsigma"` // (σ − y)/(σ(1 − σ))
	DSdZ    float64 `json:"dsigma_dz"` // σ(1 − σ)
	Chain   float64 `json:"chain_dw"`  // the product of the three factors
	Closed  float64 `json:"closed_dw"` // (σ − y)·x
	EngineW float64 `json:"engine_dw"` // autodiff's ∂ℓ/∂w
	EngineB float64 `json:"engine_db"` // autodiff's ∂ℓ/∂b
}

// LogisticResult is the outcome of LogisticChain.
type LogisticResult struct {
	W, B   float64
	Rows   []ChainRow
	MeanW  float64   `json:"mean_dw"` // mean over rows of (σ − y)·x
	MeanB  float64   `json:"mean_db"`
	Engine []float64 `json:"engine_grad"` // autodiff gradient of nn's Logistic loss (mean)
	MaxErr float64   `json:"max_error"`
	Claims []Claim   `json:"claims"`
}

// LogisticChain is lesson 3: the chain-rule table of logistic regression.
// For each sample the engine differentiates the per-sample loss (BCE of the
// logit z = w·x + b, autodiff.BCEWithLogits) and the table shows the three
// factors of the chain rule; their product and the closed form (σ − y)·x
// must equal the engine's ∂ℓ/∂w to rounding. The whole-data gradient of nn's
// Logistic loss (a mean) must equal the mean of the rows.
func LogisticChain() LogisticResult {
	res := LogisticResult{W: LogisticW, B: LogisticB}
	for i, x := range LogisticX() {
		y := LogisticY()[i]
		loss := func(p *autodiff.Node) *autodiff.Node {
			z := autodiff.Add(autodiff.Scale(autodiff.Slice(p, 0, 1), x), autodiff.Slice(p, 1, 2))
			return autodiff.Sum(autodiff.BCEWithLogits(z, autodiff.Const([]float64{y})))
		}
		g := autodiff.Grad(loss, []float64{LogisticW, LogisticB})
		z := LogisticW*x + LogisticB
		s := 1 / (1 + math.Exp(-z))
		r := ChainRow{X: x, Y: y, Z: z, Sigma: s, DLdS: (s - y) / (s * (1 - s)), DSdZ: s * (1 - s),
			Closed: (s - y) * x, EngineW: g[0], EngineB: g[1]}
		r.Chain = r.DLdS * r.DSdZ * x
		res.Rows = append(res.Rows, r)
		res.MeanW += r.Closed / float64(len(LogisticX()))
		res.MeanB += (s - y) / float64(len(LogisticX()))
		res.MaxErr = max(res.MaxErr, math.Abs(r.EngineW-r.Closed), math.Abs(r.EngineW-r.Chain), math.Abs(r.EngineB-(s-y)))
	}
	prob := nn.Problem{Net: nn.MLP{Sizes: []int{1, 1}, Output: nn.Identity, Hidden: nn.Identity}, Loss: nn.Logistic,
		Data: nn.Dataset{Name: "lesson3", X: LogisticX(), Y: LogisticY(), N: len(LogisticX()), In: 1, Out: 1}}
	res.Engine = autodiff.Grad(prob.Func(), []float64{LogisticW, LogisticB})
	const tol = 1e-12 // a few ulps of O(1) quantities
	res.Claims = []Claim{
		claimf(res.MaxErr < tol, "on %d samples the engine's ∂ℓ/∂w equals (σ(wx+b) − y)·x and ∂ℓ/∂σ·∂σ/∂z·∂z/∂w, and ∂ℓ/∂b equals σ − y, term by term (largest difference %.1e)",
			len(res.Rows), res.MaxErr),
		claimf(near(res.Engine[0], res.MeanW, tol) && near(res.Engine[1], res.MeanB, tol),
			"the gradient of the mean loss is (%.12f, %.12f); the mean of the table's rows is (%.12f, %.12f)", res.Engine[0], res.Engine[1], res.MeanW, res.MeanB),
	}
	return res
}
