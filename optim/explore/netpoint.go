package explore

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// spectrum returns the eigenvalues of the Hessian at x, ascending, or nil
// when the Hessian is not finite.
func spectrum(hess optim.HessFunc, x []float64) []float64 {
	h := mat.NewSymDense(len(x), nil)
	hess(x, h)
	vals, _, ok := eigen(h)
	if !ok {
		return nil
	}
	return vals
}

// outputGrid evaluates the first output of m at params on grid×grid points
// of box (x0, x1, y0, y1), rows of y from box[2] up; with several outputs,
// the index of the largest (the class).
func outputGrid(m nn.MLP, params, box []float64, grid int) []float32 {
	xs := make([]float64, 0, 2*grid*grid)
	for j := range grid {
		y := box[2] + (box[3]-box[2])*float64(j)/float64(grid-1)
		for i := range grid {
			xs = append(xs, box[0]+(box[1]-box[0])*float64(i)/float64(grid-1), y)
		}
	}
	out := m.Predict(params, xs)
	k := m.Out()
	res := make([]float32, grid*grid)
	for i := range res {
		row := out[i*k : (i+1)*k]
		if k == 1 {
			res[i] = float32(row[0])
			continue
		}
		best := 0
		for c := range row {
			if row[c] > row[best] {
				best = c
			}
		}
		res[i] = float32(best)
	}
	return res
}

// NetPointRequest asks for a net's loss, gradient norm, Hessian spectrum
// and canonical form at Params.
type NetPointRequest struct {
	Net    NetSpec   `json:"net"`
	Params []float64 `json:"params"`
}

// NetPoint is the state of a net at a point: `saddle critical --net … --at`
// in short. Canonical is nn.Canonical's member of the point's symmetry orbit
// (nil when the activation has no canonical form).
type NetPoint struct {
	Loss        Float `json:"loss"`
	GradNorm    Float `json:"grad_norm"`
	Eigenvalues Exact `json:"eigenvalues"`
	Canonical   Exact `json:"canonical,omitempty"`
	IsCanonical bool  `json:"is_canonical"`
}

// NetAt evaluates the net of r at r.Params.
func NetAt(r NetPointRequest) (NetPoint, error) {
	p, err := r.Net.problemAt(r.Params, "params")
	if err != nil {
		return NetPoint{}, err
	}
	return netPoint(p, r.Params), nil
}

func netPoint(p nn.Problem, x []float64) NetPoint {
	grad := make([]float64, len(x))
	loss := optim.FromProblem(p)(x, grad)
	pt := NetPoint{Loss: Float(loss), GradNorm: Float(optim.Norm(grad)), Eigenvalues: spectrum(optim.HessianFromProblem(p), x)}
	if c, err := nn.Canonical(p.Net, x); err == nil {
		pt.Canonical = c
		pt.IsCanonical = maxAbsDiff(c, x) <= 1e-12*math.Max(1, maxAbs(x))
	}
	return pt
}

func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func maxAbs(a []float64) float64 {
	d := 0.0
	for _, v := range a {
		d = math.Max(d, math.Abs(v))
	}
	return d
}

// lossFunc is p's loss through the compiled objective (optim.FromProblem:
// safe for concurrent use, a few microseconds for the XOR net).
func lossFunc(p nn.Problem) landscape.Func {
	obj := optim.FromProblem(p)
	return func(x []float64) float64 { return obj(x, nil) }
}
