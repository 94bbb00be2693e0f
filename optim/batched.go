package optim

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
)

// BatchObjective evaluates a loss at up to Size parameter vectors at once:
// Eval sets vals[i] = f(xs[i]) and, when grads is not nil, grads[i] =
// ∇f(xs[i]). It is the batched form of Objective, backed by the compiled
// engine's batched replay (autodiff.BatchProgram): one pass over the
// program computes every vector's loss. Each vector's results do not depend
// on the others in the call nor on its position. Not safe for concurrent
// use.
type BatchObjective struct {
	Size int
	Eval func(xs [][]float64, vals []float64, grads [][]float64)
}

// DefaultBatch is the batch size of the batched studies for small nets:
// large enough that the per-call overhead of a small net's steps is spread
// thin. BatchFromFunc takes fewer for nets with large buffers
// (autodiff.Program.SuggestedBatch).
const DefaultBatch = 64

// BatchFromFunc returns a maker of batched objectives of f over vectors of
// dimension n, size vectors a call (≤ 0: the program's SuggestedBatch); f is compiled once
// and each call of the maker replays it with its own buffers. When f cannot
// be compiled, Eval loops over FromFunc's define-by-run fallback: same
// results, no batching.
func BatchFromFunc(f autodiff.Func, n, size int) func() BatchObjective {
	prog, err := autodiff.Compile(f, n)
	if size <= 0 {
		size = DefaultBatch
		if err == nil {
			size = prog.SuggestedBatch()
		}
	}
	if err != nil {
		obj := FromFunc(f)
		return func() BatchObjective {
			return BatchObjective{Size: size, Eval: func(xs [][]float64, vals []float64, grads [][]float64) {
				for i, x := range xs {
					var g []float64
					if grads != nil {
						g = grads[i]
					}
					vals[i] = obj(x, g)
				}
			}}
		}
	}
	return func() BatchObjective {
		q := prog.Batch(size)
		return BatchObjective{Size: size, Eval: q.ValueAndGradVecs}
	}
}

// BatchFromProblem is BatchFromFunc for the loss of a net on its data.
func BatchFromProblem(p nn.Problem, size int) func() BatchObjective {
	return BatchFromFunc(p.Func(), p.Net.NumParams(), size)
}

// Values evaluates the batched objective at every vector of xs, Size at a
// time, into a new slice.
func (b BatchObjective) Values(xs [][]float64) []float64 {
	if b.Size < 1 {
		panic(fmt.Sprintf("optim: BatchObjective.Values: Size %d", b.Size))
	}
	out := make([]float64, len(xs))
	for lo := 0; lo < len(xs); lo += b.Size {
		hi := min(lo+b.Size, len(xs))
		b.Eval(xs[lo:hi], out[lo:hi], nil)
	}
	return out
}
