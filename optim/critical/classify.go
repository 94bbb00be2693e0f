package critical

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Kind is the type of a critical point by the second-order test.
type Kind string

// The kinds of critical points.
const (
	Minimum    Kind = "minimum"    // all Hessian eigenvalues > τ
	Maximum    Kind = "maximum"    // all Hessian eigenvalues < −τ
	Saddle     Kind = "saddle"     // eigenvalues of both signs, none near zero
	Degenerate Kind = "degenerate" // some |λ| ≤ τ: the second-order test is silent
	// NotCritical is the kind CheckPoint gives a point whose gradient norm is
	// above the tolerance: its eigenvalues describe the curvature there, but
	// it is no critical point.
	NotCritical Kind = "not critical"
)

// DefaultGradTol is Find's default tolerance: a point is critical when
// ‖∇f‖₂ ≤ DefaultGradTol.
const DefaultGradTol = 1e-8

// CheckPoint is Classify for a point given by a user: when ‖∇f(x)‖₂ is above
// gradTol (0 means DefaultGradTol) x is no critical point and its Kind is
// NotCritical, whatever its eigenvalues.
func CheckPoint(p Problem, x []float64, gradTol, eigTol float64) (Point, error) {
	if gradTol <= 0 {
		gradTol = DefaultGradTol
	}
	pt, err := Classify(p, x, eigTol)
	if err == nil && !(pt.GradNorm <= gradTol) {
		pt.Kind = NotCritical
	}
	return pt, err
}

// DefaultEigTol is the default relative threshold for a zero eigenvalue:
// |λ| ≤ DefaultEigTol·max(1, max|λ|) counts as zero. 1e-6 is far above the
// rounding error of a Hessian computed by automatic differentiation (~1e-15
// relative) and below the smallest curvature of the test functions we study
// (their eigenvalues are O(1e-2) or more).
const DefaultEigTol = 1e-6

// Point is a classified point of a function. No coordinate, value or
// eigenvalue is −0 (x + 0 is +0 for x = −0), so that a printed point does
// not show a sign that means nothing. A Point marshals to the points of
// `saddle critical --json`.
// Its JSON form uses the names of the `saddle critical --json` contract.
type Point struct {
	X           []float64 `json:"at"`            // coordinates
	Value       float64   `json:"value"`         // f(X)
	GradNorm    float64   `json:"gradient_norm"` // ‖∇f(X)‖₂
	Kind        Kind      `json:"kind"`
	Index       int       `json:"index"`       // number of eigenvalues < −τ
	Eigenvalues []float64 `json:"eigenvalues"` // Hessian eigenvalues, ascending
	// FlatDirections holds, for a Degenerate point, the unit eigenvectors of
	// the eigenvalues with |λ| ≤ τ (one per zero eigenvalue); nil otherwise.
	FlatDirections [][]float64 `json:"flat_directions,omitempty"`
	// Flat is set when Find found a connected set of critical points of
	// this value (a continuum) and reports it as this one Point.
	Flat *FlatSet `json:"flat_set,omitempty"`
	// Hits is the number of Find's starts that ended at this point (or set).
	Hits int `json:"-"`
}

// Classify evaluates f, ∇f and the Hessian at x and classifies x by the
// eigenvalues of the Hessian with the relative threshold eigTol (0 means
// DefaultEigTol); see the package documentation. Classify does not check
// that ∇f(x) is small: GradNorm says how critical x is.
// It returns an error when the function or the Hessian is not finite at x,
// or the eigen-decomposition fails.
func Classify(p Problem, x []float64, eigTol float64) (Point, error) {
	if eigTol <= 0 {
		eigTol = DefaultEigTol
	}
	n := len(x)
	pt := Point{X: append([]float64(nil), x...), Value: p.Func(x)}
	g := make([]float64, n)
	p.Grad(x, g)
	pt.GradNorm = norm(g)
	if math.IsNaN(pt.Value) || math.IsInf(pt.Value, 0) || math.IsNaN(pt.GradNorm) || math.IsInf(pt.GradNorm, 0) {
		return pt, fmt.Errorf("critical: function or gradient not finite at %v", x)
	}
	h := mat.NewSymDense(n, nil)
	p.Hess(x, h)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			if v := h.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return pt, fmt.Errorf("critical: Hessian entry (%d,%d) not finite at %v", i, j, x)
			}
		}
	}
	var es mat.EigenSym
	if !es.Factorize(h, true) {
		return pt, fmt.Errorf("critical: eigen-decomposition of the Hessian failed at %v", x)
	}
	pt.Eigenvalues = es.Values(nil)
	var q mat.Dense
	es.VectorsTo(&q)
	tau := zeroThreshold(pt.Eigenvalues, eigTol)
	neg, zero := 0, 0
	for i, l := range pt.Eigenvalues {
		switch {
		case math.Abs(l) <= tau:
			zero++
			v := make([]float64, n)
			mat.Col(v, i, &q)
			canonicalSign(v)
			pt.FlatDirections = append(pt.FlatDirections, v)
		case l < 0:
			neg++
		}
	}
	pt.Index = neg
	noNegZero(pt.X)
	noNegZero(pt.Eigenvalues)
	pt.Value += 0
	switch {
	case zero > 0:
		pt.Kind = Degenerate
	case neg == 0:
		pt.Kind = Minimum
	case neg == n:
		pt.Kind = Maximum
	default:
		pt.Kind = Saddle
	}
	return pt, nil
}

// zeroThreshold returns τ = eigTol·max(1, max|λ|).
func zeroThreshold(eig []float64, eigTol float64) float64 {
	m := 1.0
	for _, l := range eig {
		m = math.Max(m, math.Abs(l))
	}
	return eigTol * m
}

// canonicalSign flips v so that its largest-magnitude component is positive
// (an eigenvector is defined up to sign; this makes output reproducible).
func canonicalSign(v []float64) {
	k := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[k])+1e-12 {
			k = i
		}
	}
	if v[k] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// noNegZero turns −0 into +0 in place.
func noNegZero(xs []float64) {
	for i := range xs {
		xs[i] += 0
	}
}
