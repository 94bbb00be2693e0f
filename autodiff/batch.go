package autodiff

import "fmt"

// BatchProgram replays a compiled Program over up to B parameter vectors at
// once (the idea of JAX's vmap): the program's buffers hold B copies with the
// batch as the innermost, contiguous dimension, so each step is one loop
// over the batch instead of B calls, and the transcendental functions go
// through the batched kernels of package vmath where they reproduce the
// math package (vmath.Exact: amd64; elsewhere the ops' own kernels run over
// the batch).
//
// Every vector's value and gradient are bit for bit those of
// Program.ValueAndGrad on that vector alone, whatever the batch size and
// the vector's slot (a NaN stays a NaN, its sign bit aside). Not safe for
// concurrent use: each goroutine takes its own.
type BatchProgram struct {
	n, b  int
	bt    *batchTape
	x     []float64 // the variable's B copies
	y, g  []float64
	nval  int
	steps []bstep
}

// Batch returns a replay of p over up to b vectors at once (b ≥ 1). It
// shares p's constants, not its buffers: p stays usable.
func (p *Program) Batch(b int) *BatchProgram {
	if b < 1 {
		panic(fmt.Sprintf("autodiff: Program.Batch: batch size %d, want at least 1", b))
	}
	bt := newBatchTape(p.t, b)
	return &BatchProgram{n: p.n, b: b, bt: bt, x: bt.slice(p.x), y: bt.slice(p.y), g: bt.slice(p.g),
		nval: p.nval, steps: bt.steps}
}

// N returns the dimension of one input vector.
func (q *BatchProgram) N() int { return q.n }

// Size returns the largest number of vectors one call takes (B).
func (q *BatchProgram) Size() int { return q.b }

// ValueAndGrad evaluates f and ∇f at m ≤ B vectors: xs holds them as an m×n
// row-major matrix (vector i at xs[i·n:(i+1)·n]); vals[i] receives f of
// vector i and, when grads is not nil, grads (m×n, row-major) its gradient.
// With grads nil only the steps of the value run. It does not allocate.
func (q *BatchProgram) ValueAndGrad(xs, vals, grads []float64) {
	n, b := q.n, q.b
	m := len(vals)
	if m > b || len(xs) != m*n || grads != nil && len(grads) != m*n {
		panic(fmt.Sprintf("autodiff: BatchProgram.ValueAndGrad: batch of %d vectors of dimension %d, got %d values, xs of %d, grads of %d",
			b, n, m, len(xs), len(grads)))
	}
	for i := range m {
		toCopy(q.x, b, i, xs[i*n:(i+1)*n])
	}
	q.replay(grads != nil)
	for i := range m {
		if grads != nil {
			fromCopy(grads[i*n:(i+1)*n], q.g, b, i)
		}
	}
	for i := range m {
		fromCopy(vals[i:i+1], q.y, b, i)
	}
}

// Value evaluates f at the m ≤ B vectors of xs (m×n, row-major) into vals.
func (q *BatchProgram) Value(xs, vals []float64) { q.ValueAndGrad(xs, vals, nil) }

// ValueAndGradVecs is ValueAndGrad with the vectors as slices: xs[i] and,
// when grads is not nil, grads[i] (each of length n) for i < len(xs) ≤ B.
func (q *BatchProgram) ValueAndGradVecs(xs [][]float64, vals []float64, grads [][]float64) {
	n, b := q.n, q.b
	m := len(xs)
	if m > b || len(vals) != m || grads != nil && len(grads) != m {
		panic(fmt.Sprintf("autodiff: BatchProgram.ValueAndGradVecs: batch of %d, got %d vectors, %d values, %d gradients", b, m, len(vals), len(grads)))
	}
	for i, x := range xs {
		if len(x) != n || grads != nil && len(grads[i]) != n {
			panic(fmt.Sprintf("autodiff: BatchProgram.ValueAndGradVecs: vector %d has %d elements, want %d", i, len(x), n))
		}
		toCopy(q.x, b, i, x)
	}
	q.replay(grads != nil)
	for i, g := range grads {
		fromCopy(g, q.g, b, i)
	}
	for i := range m {
		fromCopy(vals[i:i+1], q.y, b, i)
	}
}

// replay runs the steps of the value, and of the gradient when grad.
func (q *BatchProgram) replay(grad bool) {
	if grad {
		q.bt.run(q.steps)
	} else {
		q.bt.run(q.steps[:q.nval])
	}
}

// toCopy writes x into copy i of buf (b copies, element-major).
func toCopy(buf []float64, b, i int, x []float64) {
	for k, v := range x {
		buf[k*b+i] = v
	}
}

// fromCopy reads copy i of buf (b copies, element-major) into dst. A buffer
// of one copy is a constant that every copy shares (the gradient of an
// affine f, the value of a constant one).
func fromCopy(dst, buf []float64, b, i int) {
	if len(buf) == len(dst) {
		copy(dst, buf)
		return
	}
	for k := range dst {
		dst[k] = buf[k*b+i]
	}
}

// batchBudget is the number of values of one buffer's copies that a batch
// keeps in the second-level cache (2 MB): beyond it the batch's buffers
// stream from memory and a larger batch is slower (measured on the W2 net,
// whose largest buffer is 1,024×16).
const batchBudget = 1 << 18

// SuggestedBatch returns a batch size for p: 64, or fewer so that the copies
// of its largest buffer stay within batchBudget values (a multiple of 16,
// the copies of one pass of the vector loops, from 16 up).
func (p *Program) SuggestedBatch() int {
	largest := 1
	for i, w := range p.t.written {
		if w {
			largest = max(largest, p.t.lens[i])
		}
	}
	b := max(1, min(64, batchBudget/largest))
	if b >= 16 {
		b &^= 15 // whole blocks of the vector loops
	}
	return b
}
