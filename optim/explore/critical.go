package explore

import (
	"context"
	"math"
	"runtime"

	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/internal/limits"
	"github.com/saddle-dev/saddle/optim/critical"
)

// CriticalPoint is a critical point of a view in the shape of `saddle
// critical --json` (at, value, gradient_norm, kind, index, eigenvalues,
// flat_directions) with the unit Hessian eigenvectors added, one per
// eigenvalue in the same order, to draw the directions of curvature.
type CriticalPoint struct {
	critical.Point
	Eigenvectors [][]float64 `json:"eigenvectors"`
}

// CriticalResult is the outcome of Critical: the `saddle critical --json`
// document of the view's function (with the fixed values of a slice).
type CriticalResult struct {
	Expr   string             `json:"expr"`
	Vars   []string           `json:"vars"`
	Fixed  map[string]float64 `json:"fixed,omitempty"`
	Points []CriticalPoint    `json:"points"`
}

// CriticalOptions tunes Critical; zero fields take critical.Find's
// defaults (a 101-point grid in 1-D, 31×31 in 2-D), Workers 0 means one
// per core (the result does not depend on it).
type CriticalOptions struct {
	Grid    int
	Seed    uint64
	Workers int
	Context context.Context // cancellation; nil means never
}

// Critical resolves v, then finds and classifies the critical points of the view's function
// in its box with critical.Find (a multistart search; see its
// documentation for what it can and cannot promise), and adds each point's
// Hessian eigenvectors. For a slice these are the critical points of the
// slice, not of the full formula. It stops with the context's error when
// o.Context is cancelled.
func Critical(v View, o CriticalOptions) (CriticalResult, error) {
	ctx := orBackground(o.Context)
	r, err := v.Resolve()
	if err != nil {
		return CriticalResult{}, err
	}
	d := len(r.Axes)
	if o.Grid < 0 || o.Grid == 1 || math.Pow(float64(o.Grid), float64(d)) > limits.CriticalStarts {
		return CriticalResult{}, inputErr("grid", "%d starts per axis in %d dimensions; give 0 (the default) or 2 … %d", o.Grid, d, int(math.Pow(limits.CriticalStarts, 1/float64(d))))
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	p, g := guarded(critical.FromFunc(r.Func))
	pts, err := critical.Find(p, r.Lo, r.Hi, critical.Options{Grid: o.Grid, Seed: o.Seed, Workers: workers,
		MaxStarts: limits.CriticalStarts, Context: ctx})
	if gerr := g.err(); gerr != nil {
		return CriticalResult{}, gerr
	}
	if err != nil {
		if ctx.Err() != nil {
			return CriticalResult{}, ctx.Err()
		}
		return CriticalResult{}, err
	}
	res := CriticalResult{Expr: r.Expr, Vars: r.Axes, Fixed: r.Fixed, Points: make([]CriticalPoint, 0, len(pts))}
	h := mat.NewSymDense(d, nil)
	for _, pt := range pts {
		p.Hess(pt.X, h)
		_, vecs, _ := eigen(h) // finite: Find classified the point (no −0 in pt)
		res.Points = append(res.Points, CriticalPoint{Point: pt, Eigenvectors: vecs})
	}
	return res, nil
}
