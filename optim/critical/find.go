package critical

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/saddle-dev/saddle/internal/parallel"
)

// Options tunes Find. Every zero field means the default named beside it.
type Options struct {
	// Grid is the number of grid starts per axis (the grid includes both
	// ends of each interval). Default: 101 in 1-D, 31 in 2-D, 11 in 3-D and
	// none above 3-D (random starts only).
	Grid int
	// Starts is the number of seeded uniform random starts in the box, added
	// to the grid. Default: 0 up to 3-D, DefaultStarts(n) above.
	Starts int
	// Seed seeds the random starts (with the start's index).
	Seed uint64
	// GradTol: a point is critical when ‖∇f‖₂ ≤ GradTol (absolute).
	// Default 1e-8.
	GradTol float64
	// DistTol: two converged points closer than DistTol·(box diagonal) are
	// the same critical point. Default 1e-4 (degenerate points are found
	// only to ~√GradTol, see the package documentation).
	DistTol float64
	// EigTol: relative zero threshold for eigenvalues (see Classify).
	// Default DefaultEigTol.
	EigTol float64
	// MaxIter bounds the iterations per start. Default 200.
	MaxIter int
	// MaxStarts refuses searches with more starts than this. Default 10⁶.
	MaxStarts int
	// Workers is the number of goroutines. Default one per core. The
	// result does not depend on it.
	Workers int
	// Progress, if not nil, is called after each start with the number of
	// starts done so far and the total. It is called from the workers, one
	// call at a time.
	Progress func(done, total int)
	// Context cancels the search between starts; nil means never.
	Context context.Context
}

// DefaultStarts is the number of random starts of the default search above
// 3-D: 1024 in 4-D, four times more per further dimension (the critical
// points of a separable f multiply by the choices per axis: Σ(xᵢ²−1)² has
// 3ⁿ), at most 65,536 (from 8-D on). MayBeIncomplete says when it was not
// enough.
func DefaultStarts(n int) int {
	if n <= 3 {
		return 0
	}
	return 1024 << min(2*(n-4), 6)
}

func (o Options) withDefaults(n int) Options {
	r := o
	if r.Grid == 0 && r.Starts == 0 {
		switch n {
		case 1:
			r.Grid = 101
		case 2:
			r.Grid = 31
		case 3:
			r.Grid = 11
		default:
			r.Starts = DefaultStarts(n)
		}
	}
	if r.GradTol <= 0 {
		r.GradTol = DefaultGradTol
	}
	if r.DistTol <= 0 {
		r.DistTol = 1e-4
	}
	if r.EigTol <= 0 {
		r.EigTol = DefaultEigTol
	}
	if r.MaxIter <= 0 {
		r.MaxIter = 200
	}
	if r.MaxStarts <= 0 {
		r.MaxStarts = 1_000_000
	}
	if r.Workers <= 0 {
		r.Workers = runtime.NumCPU()
	}
	if r.Context == nil {
		r.Context = context.Background()
	}
	return r
}

// StartCount returns the grid starts per axis Find uses in n dimensions
// and the number of starts in all (the grid's and the random ones).
func (o Options) StartCount(n int) (grid int, total float64) {
	r := o.withDefaults(n)
	total = float64(r.Starts)
	if r.Grid > 0 {
		total += math.Pow(float64(r.Grid), float64(n))
	}
	return r.Grid, total
}

// Find returns every critical point of p in the box [lo, hi] that a
// multistart search finds: Levenberg–Marquardt on ∇f = 0 (see solver) from
// each start of a grid and/or seeded random points, keeping the runs that
// end with ‖∇f‖ ≤ GradTol inside the box, merging runs that end closer than
// DistTol·diagonal (the one with the smallest gradient represents the group),
// and classifying each point (Classify). Points are sorted by value (values
// within 1e-9 relative are tied), then by coordinates.
//
// A multistart search cannot prove that it found all critical points; with
// the default grid it finds all of the classical 1-D and 2-D test functions'
// (Himmelblau, six-hump camel). The result does not depend on Workers.
// It stops between starts when opts.Context is cancelled.
// Errors: a malformed box (lengths differ, lo > hi, not finite), too many
// starts, or the context's error (wrapped) when it was cancelled.
func Find(p Problem, lo, hi []float64, opts Options) ([]Point, error) {
	n := len(lo)
	if n == 0 || len(hi) != n {
		return nil, fmt.Errorf("critical: box has %d lower and %d upper bounds", len(lo), len(hi))
	}
	for i := range lo {
		if !finite(lo[i]) || !finite(hi[i]) || lo[i] > hi[i] || !finite(hi[i]-lo[i]) {
			return nil, fmt.Errorf("critical: box bound %d is [%v, %v]: need finite lo ≤ hi with a finite width", i, lo[i], hi[i])
		}
	}
	o := opts.withDefaults(n)
	starts, err := makeStarts(lo, hi, o)
	if err != nil {
		return nil, err
	}
	results, err := solveAll(p, starts, lo, hi, o)
	if err != nil {
		return nil, err
	}
	reps, hits := group(results, lo, hi, o.DistTol)
	points := make([]Point, 0, len(reps))
	for k, x := range reps {
		pt, err := Classify(p, x, o.EigTol)
		if err != nil {
			return nil, err
		}
		pt.Hits = hits[k]
		points = append(points, pt)
	}
	SortPoints(points)
	return mergeFlatSets(p, points, o.GradTol), nil
}

// solveAll runs the solver from every start on o.Workers goroutines (start
// i on worker i mod workers) and returns the results in start order, or
// the context's error when it was cancelled.
func solveAll(p Problem, starts [][]float64, lo, hi []float64, o Options) ([]result, error) {
	ctx := o.Context
	results := make([]result, len(starts))
	var mu sync.Mutex
	done := 0
	workers := min(o.Workers, len(starts)) // more goroutines than starts would idle
	err := parallel.Run(workers, func(w int) {
		sv := newSolver(p, len(lo))
		for i := w; i < len(starts) && ctx.Err() == nil; i += workers {
			results[i] = sv.solve(starts[i], lo, hi, o.GradTol, o.MaxIter)
			if o.Progress != nil {
				mu.Lock()
				done++
				o.Progress(done, len(starts))
				mu.Unlock()
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("critical: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("critical: %w", err)
	}
	return results, nil
}

// group keeps the converged results inside the box [lo, hi] and merges
// those closer than distTol·(box diagonal): it returns one representative
// per group (the one with the smallest gradient; ties by start index) and
// the number of results in each group.
func group(results []result, lo, hi []float64, distTol float64) (reps [][]float64, hits []int) {
	diag := 0.0
	for i := range lo {
		diag += (hi[i] - lo[i]) * (hi[i] - lo[i])
	}
	diag = math.Sqrt(diag)
	slack := 1e-9 * math.Max(1, diag)
	// Candidates in a deterministic order: best gradient first, then start index.
	var cand []result
	for _, r := range results {
		if r.ok && inBox(r.x, lo, hi, slack) {
			cand = append(cand, r)
		}
	}
	slices.SortStableFunc(cand, func(a, b result) int { return cmp.Compare(a.gradNorm, b.gradNorm) })
	tol := distTol * math.Max(diag, 1e-300)
	for _, c := range cand {
		dup := false
		for k, r := range reps {
			if dist(c.x, r) <= tol {
				dup = true
				hits[k]++
				break
			}
		}
		if !dup {
			reps = append(reps, c.x)
			hits = append(hits, 1)
		}
	}
	return reps, hits
}

// MayBeIncomplete reports whether a search that returned points may have
// missed critical points, by the Good–Turing estimate (Good 1953): the
// probability that one more start would end at a point not yet found is
// about the fraction of converged starts whose point no other start found.
// It returns that fraction when it is above 0, and 0 when every point was
// reached from at least two starts.
func MayBeIncomplete(points []Point) float64 {
	once, total := 0, 0
	for _, p := range points {
		total += p.Hits
		if p.Hits == 1 {
			once++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(once) / float64(total)
}

// SortPoints sorts points by value (values within 1e-9 relative count as
// equal), then by coordinates in order.
func SortPoints(points []Point) {
	slices.SortStableFunc(points, func(a, b Point) int {
		if !tied(a.Value, b.Value) {
			return cmp.Compare(a.Value, b.Value)
		}
		for i := range a.X {
			if c := cmp.Compare(a.X[i], b.X[i]); c != 0 {
				return c
			}
		}
		return 0
	})
}

// makeStarts returns the grid starts followed by the random ones.
func makeStarts(lo, hi []float64, o Options) ([][]float64, error) {
	n := len(lo)
	_, total := o.StartCount(n)
	if total > float64(o.MaxStarts) {
		return nil, fmt.Errorf("critical: %.4g starts (grid %d per axis in %d dimensions + %d random) exceed the limit of %d",
			total, o.Grid, n, o.Starts, o.MaxStarts)
	}
	var starts [][]float64
	if o.Grid > 0 {
		idx := make([]int, n)
		for {
			x := make([]float64, n)
			for i := range x {
				x[i] = gridPoint(lo[i], hi[i], idx[i], o.Grid)
			}
			starts = append(starts, x)
			k := 0
			for k < n {
				idx[k]++
				if idx[k] < o.Grid {
					break
				}
				idx[k] = 0
				k++
			}
			if k == n {
				break
			}
		}
	}
	for s := 0; s < o.Starts; s++ {
		rng := rand.New(rand.NewPCG(o.Seed, uint64(s)))
		x := make([]float64, n)
		for i := range x {
			x[i] = lo[i] + (hi[i]-lo[i])*rng.Float64()
		}
		starts = append(starts, x)
	}
	return starts, nil
}

func gridPoint(lo, hi float64, i, m int) float64 {
	if m == 1 {
		return (lo + hi) / 2
	}
	return lo + (hi-lo)*float64(i)/float64(m-1)
}

func inBox(x, lo, hi []float64, slack float64) bool {
	for i := range x {
		if x[i] < lo[i]-slack || x[i] > hi[i]+slack {
			return false
		}
	}
	return true
}

func dist(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return math.Sqrt(s)
}
