package landscape

import (
	"fmt"
	"sync"

	"github.com/saddle-dev/saddle/internal/parallel"
)

// Line returns f(center + t·dir) for each t in ts.
func Line(f Func, center, dir, ts []float64) []float64 {
	checkLen("Line", center, dir)
	p := make([]float64, len(center))
	out := make([]float64, len(ts))
	for k, t := range ts {
		for i := range p {
			p[i] = center[i] + t*dir[i]
		}
		out[k] = f(p)
	}
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
// shared among workers goroutines (≤ 0 means 1); every value is written to
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
	checkLen("Plane", center, d1)
	checkLen("Plane", center, d2)
	if grid < 1 {
		panic(fmt.Sprintf("landscape: Plane: grid must be ≥ 1, got %d", grid))
	}
	if first < 0 || end > grid || first > end {
		panic(fmt.Sprintf("landscape: PlaneRows: rows %d..%d are not within the %d rows", first, end-1, grid))
	}
	workers = max(1, min(workers, end-first)) // more goroutines than rows would idle
	g := Grid{Alpha: Linspace(-span, span, grid), Beta: Linspace(-span, span, grid), Loss: make([][]float64, grid)}
	var mu sync.Mutex
	done := 0
	parallel.RunOrPanic(workers, func(w int) {
		p := make([]float64, len(center))
		for j := first + w; j < end; j += workers {
			row := make([]float64, grid)
			for i, a := range g.Alpha {
				b := g.Beta[j]
				for k := range p {
					p[k] = center[k] + a*d1[k] + b*d2[k]
				}
				row[i] = f(p)
			}
			g.Loss[j] = row
			if progress != nil {
				mu.Lock()
				done++
				progress(done, end-first)
				mu.Unlock()
			}
		}
	})
	return g
}

func checkLen(op string, x, y []float64) {
	if len(x) != len(y) {
		panic(fmt.Sprintf("landscape: %s: vectors have lengths %d and %d", op, len(x), len(y)))
	}
}
