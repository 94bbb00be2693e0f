package explore

import (
	"context"
	"math"
	"runtime"
	"strconv"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/limits"
	"github.com/saddle-dev/saddle/internal/parallel"
)

// Grid is a view sampled on a regular grid: for two axes NX×NY values in
// row-major order, row j at Vars[1] = Lo[1] + j·(Hi[1]−Lo[1])/(NY−1) and
// column i at Vars[0] = Lo[0] + i·(Hi[0]−Lo[0])/(NX−1) (both ends
// included); for one axis NY is 1 and the values are a curve.
type Grid struct {
	Expr   string             `json:"expr"`
	Vars   []string           `json:"vars"`
	Fixed  map[string]float64 `json:"fixed,omitempty"`
	Lo     []float64          `json:"lo"`
	Hi     []float64          `json:"hi"`
	NX     int                `json:"nx"`
	NY     int                `json:"ny"`
	Values Floats             `json:"values"`
}

// Floats marshals to a JSON array of numbers at float32 precision (the
// shortest decimal that reads back as the same float32: plenty for a
// picture, half the bytes of float64), with null for a value that is not
// finite.
type Floats []float64

// MarshalJSON implements json.Marshaler.
func (fs Floats) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+10*len(fs))
	b = append(b, '[')
	for i, v := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		if !finite(v) || math.Abs(v) > math.MaxFloat32 {
			b = append(b, "null"...)
			continue
		}
		b = strconv.AppendFloat(b, v, 'g', -1, 32)
	}
	return append(b, ']'), nil
}

// sampleChunk is the number of points evaluated at once by the
// define-by-run fallback: one vectorised pass of the formula over a chunk,
// with a check for cancellation between chunks.
const sampleChunk = 1 << 16

// SampleOptions sizes Sample's grid.
type SampleOptions struct {
	N       int             // points per axis; 0 means 200
	Workers int             // goroutines; 0 means one per core (the values do not depend on it)
	Context context.Context // cancellation; nil means never
}

// Sample resolves v and evaluates it on a grid of o.N points per axis (0
// means 200; N ≥ 2, N^d at most limits.LandscapePoints). The formula is
// compiled (autodiff.Compile) and replayed over batches of points
// (autodiff.Program.Batch, values only) on o.Workers goroutines, each value
// bit for bit the compiled program's at that point whatever the number of
// workers; a formula that does not compile is evaluated define-by-run with
// its variables bound to vectors. It stops with the context's error when
// o.Context is cancelled.
func Sample(v View, o SampleOptions) (Grid, error) {
	ctx, n := orBackground(o.Context), o.N
	r, err := v.Resolve()
	if err != nil {
		return Grid{}, err
	}
	d := len(r.Axes)
	if n == 0 {
		n = 200
	}
	if n < 2 || math.Pow(float64(n), float64(d)) > limits.LandscapePoints {
		return Grid{}, inputErr("n", "%d points per axis in %d dimensions; give 2 … %d", n, d, int(math.Pow(limits.LandscapePoints, 1/float64(d))))
	}
	g := Grid{Expr: r.Expr, Vars: r.Axes, Fixed: r.Fixed, Lo: r.Lo, Hi: r.Hi, NX: n, NY: 1}
	if d == 2 {
		g.NY = n
	}
	g.Values = make(Floats, g.NX*g.NY)
	if prog, cerr := autodiff.Compile(r.Func, d); cerr == nil {
		workers := o.Workers
		if workers <= 0 {
			workers = runtime.NumCPU()
		}
		err = sampleCompiled(ctx, prog, &g, workers)
	} else {
		err = sampleEval(ctx, r, &g)
	}
	if err != nil {
		return Grid{}, err
	}
	return g, nil
}

// point writes the coordinates of grid point k of g into x.
func (g *Grid) point(k int, x []float64) {
	x[0] = axisValue(g.Lo[0], g.Hi[0], k%g.NX, g.NX)
	if len(x) == 2 {
		x[1] = axisValue(g.Lo[1], g.Hi[1], k/g.NX, g.NY)
	}
}

// sampleCompiled fills g.Values with prog's values on workers goroutines:
// batch c (points c·B … (c+1)·B − 1) on worker c mod workers.
func sampleCompiled(ctx context.Context, prog *autodiff.Program, g *Grid, workers int) error {
	total, d := len(g.Values), prog.N()
	b := prog.SuggestedBatch()
	batches := (total + b - 1) / b
	workers = max(1, min(workers, batches))
	qs := make([]*autodiff.BatchProgram, workers)
	for w := range qs {
		qs[w] = prog.Batch(b)
	}
	err := parallel.Run(workers, func(w int) {
		xs := make([]float64, b*d)
		for c := w; c < batches && ctx.Err() == nil; c += workers {
			lo, hi := c*b, min((c+1)*b, total)
			for k := lo; k < hi; k++ {
				g.point(k, xs[(k-lo)*d:(k-lo+1)*d])
			}
			qs[w].Value(xs[:(hi-lo)*d], g.Values[lo:hi])
		}
	})
	if err != nil {
		return err
	}
	return ctx.Err()
}

// sampleEval fills g.Values define-by-run, a chunk of points at a time with
// the formula's variables bound to vectors (autodiff ops broadcast).
func sampleEval(ctx context.Context, r *Resolved, g *Grid) error {
	d, total := len(r.Axes), len(g.Values)
	xs := make([][]float64, d)
	x := make([]float64, d)
	for start := 0; start < total; start += sampleChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+sampleChunk, total)
		for a := range xs {
			xs[a] = xs[a][:0]
		}
		for k := start; k < end; k++ {
			g.point(k, x)
			for a := range xs {
				xs[a] = append(xs[a], x[a])
			}
		}
		vals := make(map[string]*autodiff.Node, d+len(r.Fixed))
		for a, name := range r.Axes {
			vals[name] = autodiff.Const(xs[a], end-start)
		}
		for name, v := range r.Fixed {
			vals[name] = autodiff.Scalar(v)
		}
		out := r.Formula.Eval(vals).Data()
		for k := start; k < end; k++ {
			g.Values[k] = out[(k-start)%len(out)]
		}
	}
	return nil
}

// axisValue returns the i-th of n points from lo to hi, both included.
func axisValue(lo, hi float64, i, n int) float64 {
	if i == n-1 {
		return hi
	}
	return lo + (hi-lo)*float64(i)/float64(n-1)
}
