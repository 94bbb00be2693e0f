package autodiff

import "fmt"

// BatchHVP computes Hessian-vector products at up to B points at once, the
// batched replay of an HVPProgram (see BatchProgram): pair i's product is
// bit for bit HVPProgram.HVP of that pair alone (on amd64). Not safe for
// concurrent use.
type BatchHVP struct {
	n, b           int
	bt             *batchTape
	x, v, h        []float64
	xsteps, vsteps []bstep
}

// Batch returns a batched replay of h over up to b pairs (b ≥ 1).
func (h *HVPProgram) Batch(b int) *BatchHVP {
	if b < 1 {
		panic(fmt.Sprintf("autodiff: HVPProgram.Batch: batch size %d, want at least 1", b))
	}
	bt := newBatchTape(h.t, b)
	return &BatchHVP{n: h.n, b: b, bt: bt, x: bt.slice(h.xr), v: bt.slice(h.vr), h: bt.slice(h.hr),
		xsteps: bt.batchSteps(h.xsteps), vsteps: bt.batchSteps(h.vsteps)}
}

// N returns the dimension of one point.
func (q *BatchHVP) N() int { return q.n }

// Size returns the largest number of pairs one call takes (B).
func (q *BatchHVP) Size() int { return q.b }

// HVP writes ∇²f(xᵢ)·vᵢ into dst for the m ≤ B pairs of points xs and
// directions vs, all m×n row-major. It does not allocate.
func (q *BatchHVP) HVP(xs, vs, dst []float64) {
	n, b := q.n, q.b
	m := len(xs) / n
	if m > b || len(xs) != m*n || len(vs) != m*n || len(dst) != m*n {
		panic(fmt.Sprintf("autodiff: BatchHVP.HVP: batch of %d pairs of dimension %d, got xs of %d, vs of %d, dst of %d", b, n, len(xs), len(vs), len(dst)))
	}
	for i := range m {
		toCopy(q.x, b, i, xs[i*n:(i+1)*n])
		toCopy(q.v, b, i, vs[i*n:(i+1)*n])
	}
	q.bt.run(q.xsteps)
	q.bt.run(q.vsteps)
	for i := range m {
		fromCopy(dst[i*n:(i+1)*n], q.h, b, i)
	}
}
