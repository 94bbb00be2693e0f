package lessons

import (
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/optim"
	"gonum.org/v1/gonum/mat"
)

// Claim is one statement of a lesson with the numbers that support it and
// the verdict: Pass is true when the measured numbers agree with the
// expected ones (closed forms or literature values).
type Claim struct {
	Text string `json:"claim"`
	Pass bool   `json:"pass"`
}

// claimf builds a Claim.
func claimf(pass bool, format string, args ...any) Claim {
	return Claim{Text: fmt.Sprintf(format, args...), Pass: pass}
}

// AllPass reports whether every claim passed.
func AllPass(claims []Claim) bool {
	for _, c := range claims {
		if !c.Pass {
			return false
		}
	}
	return true
}

// near reports |x − y| ≤ tol.
func near(x, y, tol float64) bool { return math.Abs(x-y) <= tol }

// eigenvalues returns the eigenvalues of the symmetric matrix h, ascending.
func eigenvalues(h [][]float64) ([]float64, [][]float64, error) {
	n := len(h)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(h[i][j]+h[j][i]))
		}
	}
	var e mat.EigenSym
	if !e.Factorize(s, true) {
		return nil, nil, fmt.Errorf("lessons: eigen-decomposition of a %d×%d Hessian failed", n, n)
	}
	var v mat.Dense
	e.VectorsTo(&v)
	vecs := make([][]float64, n)
	for k := range n {
		vecs[k] = mat.Col(nil, k, &v)
	}
	return e.Values(nil), vecs, nil
}

// Path is a run of an optimizer: the points it visited (the start first) and
// the loss and gradient norm at each.
type Path struct {
	Label    string      `json:"label"`
	X        [][]float64 `json:"-"`
	Loss     []float64   `json:"-"`
	GradNorm []float64   `json:"-"`
	Final    []float64   `json:"final"`
	Steps    int         `json:"steps"`
}

// runPath runs opt on obj from start for at most steps updates, recording
// every point. It stops early, after recording, when stop returns true
// (stop may be nil) or the loss is not finite.
func runPath(label string, obj optim.Objective, opt optim.Optimizer, start []float64, steps int, stop func(x []float64, loss float64) bool) Path {
	x := append([]float64(nil), start...)
	grad := make([]float64, len(x))
	p := Path{Label: label}
	for k := 0; ; k++ {
		loss := obj(x, grad)
		p.X = append(p.X, append([]float64(nil), x...))
		p.Loss = append(p.Loss, loss)
		p.GradNorm = append(p.GradNorm, optim.Norm(grad))
		if k == steps || math.IsNaN(loss) || math.IsInf(loss, 0) || (stop != nil && stop(x, loss)) {
			p.Steps = k
			break
		}
		opt.Step(x, grad)
	}
	p.Final = append([]float64(nil), x...)
	return p
}
