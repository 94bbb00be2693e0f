package landscape

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/saddle-dev/saddle/internal/parallel"
)

// Line returns f(center + t·dir) for each t in ts.
func Line(f Func, center, dir, ts []float64) []float64 {
	return line(loop(f)(), center, dir, ts)
}

// LineBatch is Line with a batched loss: the same values, Size points per
// evaluation.
func LineBatch(b Batch, center, dir, ts []float64) []float64 {
	return line(b.eval(), center, dir, ts)
}

func line(eval func(xs [][]float64, vals []float64), center, dir, ts []float64) []float64 {
	checkLen("Line", center, dir)
	ps := make([][]float64, len(ts))
	for k, t := range ts {
		p := make([]float64, len(center))
		for i := range p {
			p[i] = center[i] + t*dir[i]
		}
		ps[k] = p
	}
	out := make([]float64, len(ts))
	eval(ps, out)
	return out
}

// Grid is a loss sampled on a plane: Loss[j][i] = f(center + Alpha[i]·d1 + Beta[j]·d2).
type Grid struct {
	Alpha, Beta []float64
	Loss        [][]float64
}

// Linspace returns n evenly spaced values from lo to hi inclusive (n ≥ 2),
// or the midpoint for n == 1.
func Linspace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		if n == 1 {
			v[i] = (lo + hi) / 2
		} else {
			v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
		}
	}
	return v
}

// Plane samples f on the grid×grid points center + α·d1 + β·d2 with α, β in
// Linspace(−span, span, grid) (Li et al. 2018 use a 51×51 grid). The rows are
// shared among workers goroutines (0 means one per core); every value is written to
// its own slot, so the result does not depend on workers. progress, if not
// nil, is called after each row with the number of rows done (from the
// workers, one call at a time).
func Plane(f Func, center, d1, d2 []float64, grid int, span float64, workers int, progress func(done, total int)) Grid {
	return PlaneRows(f, center, d1, d2, grid, span, 0, grid, workers, progress)
}

// PlaneRows is Plane restricted to the rows first…end−1 (β = Beta[j] for j
// in that range): those rows of Loss are filled, the others are nil. Each
// value is computed exactly as Plane computes it, so the rows of several
// PlaneRows calls that cover 0…grid−1 (shards of a grid on several
// machines) join into Plane's grid bit for bit. progress counts the rows of
// the range.
func PlaneRows(f Func, center, d1, d2 []float64, grid int, span float64, first, end, workers int, progress func(done, total int)) Grid {
	g, _ := planeRows(context.Background(), loop(f), center, d1, d2, grid, span, first, end, workers, progress)
	return g
}

// PlaneRowsBatch is PlaneRows with a batched loss: each worker evaluates a
// row's points b.Size at a time. The values are those of PlaneRows with the
// loss b batches (bit for bit for autodiff's batched replay on amd64).
func PlaneRowsBatch(b Batch, center, d1, d2 []float64, grid int, span float64, first, end, workers int, progress func(done, total int)) Grid {
	g, _ := planeRows(context.Background(), b.eval, center, d1, d2, grid, span, first, end, workers, progress)
	return g
}

// planeRows is PlaneRows with an evaluator maker (one evaluator per worker)
// that stops between rows when ctx is cancelled (returning its error and
// the rows done).
func planeRows(ctx context.Context, newEval func() func(xs [][]float64, vals []float64), center, d1, d2 []float64, grid int, span float64, first, end, workers int, progress func(done, total int)) (Grid, error) {
	checkLen("Plane", center, d1)
	checkLen("Plane", center, d2)
	if grid < 1 {
		panic(fmt.Sprintf("landscape: Plane: grid must be ≥ 1, got %d", grid))
	}
	if first < 0 || end > grid || first > end {
		panic(fmt.Sprintf("landscape: PlaneRows: rows %d..%d are not within the %d rows", first, end-1, grid))
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = max(1, min(workers, end-first)) // more goroutines than rows would idle
	g := Grid{Alpha: Linspace(-span, span, grid), Beta: Linspace(-span, span, grid), Loss: make([][]float64, grid)}
	var mu sync.Mutex
	done := 0
	parallel.RunOrPanic(workers, func(w int) {
		eval := newEval()
		ps := make([][]float64, grid)
		for i := range ps {
			ps[i] = make([]float64, len(center))
		}
		for j := first + w; j < end && ctx.Err() == nil; j += workers {
			row := make([]float64, grid)
			b := g.Beta[j]
			for i, a := range g.Alpha {
				p := ps[i]
				for k := range p {
					p[k] = center[k] + a*d1[k] + b*d2[k]
				}
			}
			eval(ps, row)
			g.Loss[j] = row
			if progress != nil {
				mu.Lock()
				done++
				progress(done, end-first)
				mu.Unlock()
			}
		}
	})
	return g, ctx.Err()
}

// Batch is a loss evaluated at up to Size points at once (the batched replay
// of autodiff.BatchProgram): New returns an evaluator for one goroutine,
// which sets vals[i] = f(xs[i]) for len(xs) ≤ Size points.
type Batch struct {
	Size int
	New  func() func(xs [][]float64, vals []float64)
}

// eval returns an evaluator of b that takes any number of points, Size at a
// time.
func (b Batch) eval() func(xs [][]float64, vals []float64) {
	if b.Size < 1 || b.New == nil {
		panic(fmt.Sprintf("landscape: Batch: need Size ≥ 1 (got %d) and New", b.Size))
	}
	e := b.New()
	return func(xs [][]float64, vals []float64) {
		for lo := 0; lo < len(xs); lo += b.Size {
			hi := min(lo+b.Size, len(xs))
			e(xs[lo:hi], vals[lo:hi])
		}
	}
}

// loop returns f as an evaluator maker: one call per point.
func loop(f Func) func() func(xs [][]float64, vals []float64) {
	return func() func(xs [][]float64, vals []float64) {
		return func(xs [][]float64, vals []float64) {
			for i, x := range xs {
				vals[i] = f(x)
			}
		}
	}
}

func checkLen(op string, x, y []float64) {
	if len(x) != len(y) {
		panic(fmt.Sprintf("landscape: %s: vectors have lengths %d and %d", op, len(x), len(y)))
	}
}
