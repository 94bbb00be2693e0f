package explore

import (
	"context"
	"math"
	"strconv"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/limits"
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

// sampleChunk is the number of points evaluated at once: one vectorised
// pass of the formula over a chunk, with a check for cancellation between
// chunks.
const sampleChunk = 1 << 16

// SampleOptions sizes Sample's grid.
type SampleOptions struct {
	N       int             // points per axis; 0 means 200
	Context context.Context // cancellation; nil means never
}

// Sample resolves v and evaluates it on a grid of o.N points per axis (0
// means 200; N ≥ 2, N^d at most limits.LandscapePoints). The formula is
// evaluated once per chunk of points with its variables bound to vectors
// (autodiff ops broadcast), not once per point. It stops with the context's
// error when o.Context is cancelled.
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
	total := g.NX * g.NY
	g.Values = make(Floats, total)
	xs := make([][]float64, d)
	for start := 0; start < total; start += sampleChunk {
		if err := ctx.Err(); err != nil {
			return Grid{}, err
		}
		end := min(start+sampleChunk, total)
		for a := range xs {
			xs[a] = xs[a][:0]
		}
		for k := start; k < end; k++ {
			xs[0] = append(xs[0], axisValue(r.Lo[0], r.Hi[0], k%g.NX, g.NX))
			if d == 2 {
				xs[1] = append(xs[1], axisValue(r.Lo[1], r.Hi[1], k/g.NX, g.NY))
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
	return g, nil
}

// axisValue returns the i-th of n points from lo to hi, both included.
func axisValue(lo, hi float64, i, n int) float64 {
	if i == n-1 {
		return hi
	}
	return lo + (hi-lo)*float64(i)/float64(n-1)
}
