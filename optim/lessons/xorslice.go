package lessons

import (
	"fmt"
	"github.com/saddle-dev/saddle/workload/ref"
	"math"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// The Hessian of workload W4a (the XOR 2-2-1 MSE loss at the W1 start):
// reference extreme eigenvalues from docs/WORKLOADS.md, agreed by four
// independent implementations.
const (
	W4aLambdaMin = ref.W4aEigMin
	W4aLambdaMax = ref.W4aEigMax
)

// NotParabolaResult is the outcome of NotParabola.
type NotParabolaResult struct {
	Start     []float64 `json:"start"`
	Loss0     float64   `json:"loss_at_start"`
	Eigen     []float64 `json:"eigenvalues"`
	MinVector []float64 `json:"min_eigenvector"`
	// Slices: along the random unit direction and along the eigenvector of
	// λmin, the loss at T and the exact curvature dᵀH(θ + t·d)d.
	T           []float64      `json:"-"`
	RandomLoss  []float64      `json:"-"`
	RandomCurv  []float64      `json:"-"`
	EigenLoss   []float64      `json:"-"`
	CurvMin     float64        `json:"random_curvature_min"`
	CurvMinAt   float64        `json:"random_curvature_min_at"`
	CurvMax     float64        `json:"random_curvature_max"`
	FDCurvature float64        `json:"eigen_slice_fd_curvature"` // central second difference of the eigenvector slice at 0
	Plane       landscape.Grid `json:"-"`
	PlaneSpan   float64        `json:"plane_span"`
	Claims      []Claim        `json:"claims"`
}

// xorMSE returns the MSE loss of the XOR 2-2-1 preset in plain float64
// (nn.MLP.Predict), safe for concurrent use, for slices and planes.
func xorMSE(p nn.Problem) landscape.Func {
	return func(params []float64) float64 {
		out := p.Net.Predict(params, p.Data.X)
		s := 0.0
		for i, o := range out {
			d := o - p.Data.Y[i]
			s += d * d
		}
		return s / float64(len(out))
	}
}

// NotParabola is lesson 4: the loss of a neural net is not a parabola. At the
// W1 start of the XOR 2-2-1 net (sigmoid, MSE) the Hessian has the negative
// eigenvalue −0.00887508328076912 (docs/WORKLOADS.md, W4a), which a convex
// function cannot have. The loss is sliced along its eigenvector (the slice
// is concave at 0, with second derivative λmin) and along a seeded random
// unit direction on t ∈ [−8, 8], where the exact curvature dᵀH(θ+td)d
// (autodiff.HVP) takes both signs; a parabola's is constant. The plane
// spanned by the two directions (orthogonalised) is sampled on a 41×41 grid.
func NotParabola() (NotParabolaResult, error) {
	prob, err := nn.Preset("xor")
	if err != nil {
		return NotParabolaResult{}, fmt.Errorf("lessons: NotParabola: %v", err)
	}
	start := nn.W1Start()
	f := prob.Func()
	loss := xorMSE(prob)
	res := NotParabolaResult{Start: start, Loss0: loss(start), PlaneSpan: 8}
	var vecs [][]float64
	res.Eigen, vecs, err = eigenvalues(autodiff.Hessian(f, start))
	if err != nil {
		return res, err
	}
	vmin := vecs[0]
	res.MinVector = vmin
	d := landscape.RandomDirection(len(start), 4, 0)
	scale(d, 1/norm2(d))

	res.T = landscape.Linspace(-8, 8, 161)
	res.RandomLoss = landscape.Line(loss, start, d, res.T)
	res.EigenLoss = landscape.Line(loss, start, vmin, res.T)
	res.CurvMin, res.CurvMax = math.Inf(1), math.Inf(-1)
	x := make([]float64, len(start))
	for _, t := range res.T {
		for i := range x {
			x[i] = start[i] + t*d[i]
		}
		hv := autodiff.HVP(f, x, d)
		c := dot(d, hv)
		res.RandomCurv = append(res.RandomCurv, c)
		if c < res.CurvMin {
			res.CurvMin, res.CurvMinAt = c, t
		}
		res.CurvMax = max(res.CurvMax, c)
	}
	const h = 1e-3
	pt := func(t float64) []float64 {
		y := make([]float64, len(start))
		for i := range y {
			y[i] = start[i] + t*vmin[i]
		}
		return y
	}
	res.FDCurvature = (loss(pt(h)) - 2*loss(pt(0)) + loss(pt(-h))) / (h * h)

	// The plane: α along vmin, β along d made orthogonal to vmin.
	d2 := append([]float64(nil), d...)
	c := dot(d2, vmin)
	for i := range d2 {
		d2[i] -= c * vmin[i]
	}
	scale(d2, 1/norm2(d2))
	res.Plane = landscape.Plane(loss, start, vmin, d2, 41, res.PlaneSpan, 2, nil)

	const eigTol = 1e-8 // docs/WORKLOADS.md: the reference agrees to 1e-8 absolute
	res.Claims = []Claim{
		claimf(near(res.Eigen[0], W4aLambdaMin, eigTol) && near(res.Eigen[len(res.Eigen)-1], W4aLambdaMax, eigTol),
			"Hessian of the XOR loss at the W1 start: λmin = %.15f, λmax = %.15f (docs/WORKLOADS.md W4a: %.15g, %.15g): a negative eigenvalue, so the loss is not convex",
			res.Eigen[0], res.Eigen[len(res.Eigen)-1], W4aLambdaMin, W4aLambdaMax),
		// The second difference has truncation error O(h²·f⁗) ≈ 1e-6 and rounding error ε·f/h² ≈ 1e-10.
		claimf(near(res.FDCurvature, res.Eigen[0], 1e-5) && res.FDCurvature < 0,
			"along its eigenvector the slice bends down: (L(θ+hv) − 2L(θ) + L(θ−hv))/h² = %.8f at h = %g", res.FDCurvature, h),
		claimf(res.CurvMin < 0 && res.CurvMax > 0,
			"along a random unit direction the curvature dᵀH(θ+td)d ranges from %.5f (t = %.1f) to %.5f on t ∈ [−8, 8]: it changes sign, a parabola's would be constant",
			res.CurvMin, res.CurvMinAt, res.CurvMax),
	}
	return res, nil
}

func dot(x, y []float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func norm2(x []float64) float64 { return math.Sqrt(dot(x, x)) }

func scale(x []float64, c float64) {
	for i := range x {
		x[i] *= c
	}
}
