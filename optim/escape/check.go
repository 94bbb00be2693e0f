package escape

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/critical"
	"gonum.org/v1/gonum/mat"
)

// CheckSaddle classifies p.Saddle (critical.CheckPoint with gradient
// tolerance gradTol, 0 for critical.DefaultGradTol) and refuses a point that
// is no saddle to escape from: a point that is not critical (every method
// would "escape" in its first step, downhill) and a minimum (there is
// nothing to escape; runs stay). A maximum, a saddle and a degenerate point
// are accepted; the returned Point says which it is, so that a caller can
// say that a maximum is not a saddle.
func CheckSaddle(p Problem, gradTol float64) (critical.Point, error) {
	if gradTol <= 0 {
		gradTol = critical.DefaultGradTol
	}
	obj := p.Objective()
	var hess func(x []float64, dst *mat.SymDense)
	if p.Hess != nil {
		hess = p.Hess()
	}
	cp := critical.Problem{
		Func: func(x []float64) float64 { return obj(x, nil) },
		Grad: func(x, dst []float64) { obj(x, dst) },
		Hess: hess,
	}
	if hess == nil {
		return critical.Point{}, fmt.Errorf("escape: problem %s has no Hessian to check its saddle with", p.Name)
	}
	pt, err := critical.CheckPoint(cp, p.Saddle, gradTol, 0)
	if err != nil {
		return pt, fmt.Errorf("escape: %w", err)
	}
	switch pt.Kind {
	case critical.NotCritical:
		return pt, fmt.Errorf("the point is not critical (gradient norm %.3g, above %.3g): every method would leave it in one step; give a saddle point (saddle critical finds them)",
			pt.GradNorm, gradTol)
	case critical.Minimum:
		return pt, fmt.Errorf("the point is a minimum (all Hessian eigenvalues > 0, smallest %.3g): there is nothing to escape; give a saddle point (saddle critical finds them)",
			pt.Eigenvalues[0])
	}
	return pt, nil
}
