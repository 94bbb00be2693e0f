package explore

import (
	"context"
	"math"
	"strconv"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/optim/landscape"
)

// maxPath bounds the points of a path sent to be projected.
const maxPath = 2_000

// NetPlaneRequest asks for the loss on a plane through a net's parameters:
// Mode "random" spans it with two filter-normalised random directions
// around Params (Li, Xu, Taylor, Studer & Goldstein, NeurIPS 2018, §4),
// "pca" with the top-2 principal directions of Path around its last point
// (ibid. §7). Path, if given, is projected onto the plane.
type NetPlaneRequest struct {
	Net    NetSpec     `json:"net"`
	Params []float64   `json:"params"`
	Path   [][]float64 `json:"path,omitempty"`
	Mode   string      `json:"mode,omitempty"` // "random" (default) or "pca"
	Grid   int         `json:"grid,omitempty"` // points per axis; 0: 41
	Span   float64     `json:"span,omitempty"` // α, β in [−Span, Span]; 0: 1 (random) or the path's extent (pca)
	Seed   uint64      `json:"seed"`

	Context context.Context `json:"-"` // cancellation; nil means never
}

// NetPlane is the loss on Grid×Grid points center + α·d1 + β·d2 (Loss row
// j is β = Beta[j]) and the path's coordinates (α, β) in that plane (the
// least-squares projection: the random directions are not orthogonal).
type NetPlane struct {
	Mode      string       `json:"mode"`
	Center    Exact        `json:"center"`
	Alpha     Floats       `json:"alpha"`
	Beta      Floats       `json:"beta"`
	Loss      Floats       `json:"loss"`
	Path      [][2]float64 `json:"path,omitempty"`
	Explained []float64    `json:"explained,omitempty"` // pca: the share of the path's variance along d1, d2
	Min       Float        `json:"min"`
	Max       Float        `json:"max"`
}

// LossPlane samples the loss of r's net on its plane. The grid is shared
// by two workers (landscape.Plane; the values do not depend on them). It
// stops with the context's error when r.Context is cancelled.
func LossPlane(r NetPlaneRequest) (NetPlane, error) {
	ctx := orBackground(r.Context)
	p, err := r.Net.problemAt(r.Params, "params")
	if err != nil {
		return NetPlane{}, err
	}
	if len(r.Path) > maxPath {
		return NetPlane{}, inputErr("path", "%d points; the limit is %d", len(r.Path), maxPath)
	}
	for k, x := range r.Path {
		if err := checkParams(p, x, "path["+strconv.Itoa(k)+"]"); err != nil {
			return NetPlane{}, err
		}
	}
	if r.Grid == 0 {
		r.Grid = 41
	}
	if r.Grid < 2 || r.Grid > 201 {
		return NetPlane{}, inputErr("grid", "%d points per axis; give 2 … 201", r.Grid)
	}
	if !(r.Span >= 0 && r.Span <= 1e6) {
		return NetPlane{}, inputErr("span", "%v must be ≥ 0 and at most 1e6", r.Span)
	}
	res := NetPlane{Mode: r.Mode}
	var d1, d2, center []float64
	switch r.Mode {
	case "random", "":
		res.Mode, center = "random", r.Params
		filters := landscape.MLPFilters(p.Net)
		dir := func(stream uint64) []float64 {
			d := landscape.RandomDirection(len(center), r.Seed, stream)
			if n := landscape.FilterNormalize(d, center, filters); floats.Norm(n, 2) > 0 {
				return n
			}
			return floats.ScaleTo(make([]float64, len(d)), 1/floats.Norm(d, 2), d) // at the origin every filter has norm 0: a unit direction instead
		}
		d1, d2 = dir(0), dir(1)
		if r.Span == 0 {
			r.Span = 1
		}
		res.Path = project(r.Path, center, d1, d2)
	case "pca":
		if len(r.Path) < 2 {
			return NetPlane{}, inputErr("path", "the PCA plane needs a path of at least 2 points, got %d", len(r.Path))
		}
		tr, err := landscape.PCA(r.Path)
		if err != nil {
			return NetPlane{}, inputErr("path", "%s", err)
		}
		center, d1, d2 = r.Path[len(r.Path)-1], tr.Dirs[0], tr.Dirs[1]
		res.Path, res.Explained = tr.Path, tr.Explained[:]
		if r.Span == 0 {
			for _, q := range tr.Path {
				r.Span = math.Max(r.Span, 1.25*math.Max(math.Abs(q[0]), math.Abs(q[1])))
			}
			r.Span = math.Max(r.Span, 1e-3)
		}
	default:
		return NetPlane{}, inputErr("mode", "unknown plane %q (known: random, pca)", r.Mode)
	}
	if err := ctx.Err(); err != nil {
		return NetPlane{}, err
	}
	g := landscape.Plane(lossFunc(p), center, d1, d2, r.Grid, r.Span, 2, nil)
	res.Center, res.Alpha, res.Beta = center, g.Alpha, g.Beta
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range g.Loss {
		for _, v := range row {
			res.Loss = append(res.Loss, v)
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	res.Min, res.Max = Float(lo), Float(hi)
	return res, nil
}

// project returns the least-squares coordinates (α, β) of x − c in the
// span of d1, d2 for every x of path.
func project(path [][]float64, c, d1, d2 []float64) [][2]float64 {
	if len(path) == 0 {
		return nil
	}
	g := mat.NewSymDense(2, []float64{floats.Dot(d1, d1), floats.Dot(d1, d2), floats.Dot(d1, d2), floats.Dot(d2, d2)})
	var ch mat.Cholesky
	if !ch.Factorize(g) {
		return nil
	}
	out := make([][2]float64, len(path))
	diff := make([]float64, len(c))
	for k, x := range path {
		for i := range x {
			diff[i] = x[i] - c[i]
		}
		var ab mat.VecDense
		if err := ch.SolveVecTo(&ab, mat.NewVecDense(2, []float64{floats.Dot(diff, d1), floats.Dot(diff, d2)})); err != nil {
			return nil
		}
		out[k] = [2]float64{ab.AtVec(0), ab.AtVec(1)}
	}
	return out
}
