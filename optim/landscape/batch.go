package landscape

import (
	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
)

// BatchFromProblem returns the loss of p batched for Study (Config.Batch)
// and PlaneRowsBatch: autodiff's batched replay, Program.SuggestedBatch
// points per evaluation, the same values as the compiled Program. It
// returns nil when the loss does not compile; Study then evaluates point
// by point.
func BatchFromProblem(p nn.Problem) *Batch {
	prog, err := autodiff.Compile(p.Func(), p.NumParams())
	if err != nil {
		return nil
	}
	b := prog.SuggestedBatch()
	return &Batch{Size: b, New: func() func(xs [][]float64, vals []float64) {
		q := prog.Batch(b)
		return func(xs [][]float64, vals []float64) { q.ValueAndGradVecs(xs, vals, nil) }
	}}
}
