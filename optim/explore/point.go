package explore

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/autodiff"
)

// PointResult is the value, gradient, Hessian and Hessian eigenvalues of a
// view's function at a point, in the shape of `saddle grad --json`, with
// the eigenvectors added (eigenvectors[i] belongs to eigenvalues[i]).
type PointResult struct {
	Expr         string             `json:"expr"`
	Vars         []string           `json:"vars"`
	Fixed        map[string]float64 `json:"fixed,omitempty"`
	At           []float64          `json:"at"`
	Value        float64            `json:"value"`
	Gradient     []float64          `json:"gradient"`
	Hessian      [][]float64        `json:"hessian"`
	Eigenvalues  []float64          `json:"eigenvalues"`
	Eigenvectors [][]float64        `json:"eigenvectors"`
}

// At resolves v and evaluates the view's function at x (one value per axis): an
// *InputError on field "at" when x has the wrong length or the function or
// its derivatives are not finite there.
func At(v View, x []float64) (PointResult, error) {
	r, err := v.Resolve()
	if err != nil {
		return PointResult{}, err
	}
	if len(x) != len(r.Axes) {
		return PointResult{}, inputErr("at", "%d values for %d variables (%v)", len(x), len(r.Axes), r.Axes)
	}
	for i, v := range x {
		if !finite(v) {
			return PointResult{}, inputErr("at", "%s = %v is not a finite number", r.Axes[i], v)
		}
	}
	value, grad := autodiff.ValueAndGrad(r.Func, x)
	hess := autodiff.Hessian(r.Func, x)
	d := len(x)
	h := mat.NewSymDense(d, nil)
	for i := range d {
		for j := i; j < d; j++ {
			h.SetSym(i, j, (hess[i][j]+hess[j][i])/2)
		}
	}
	vals, vecs, ok := eigen(h)
	if !finite(value) || !allFinite(grad) || !ok {
		return PointResult{}, inputErr("at", "the formula or its derivatives are not finite at %s (value %v, gradient %v)", pointString(r.Axes, x), value, grad)
	}
	for _, row := range append(hess, grad) {
		for i := range row {
			row[i] += 0
		}
	}
	return PointResult{Expr: r.Expr, Vars: r.Axes, Fixed: r.Fixed, At: x, Value: value + 0, Gradient: grad,
		Hessian: hess, Eigenvalues: vals, Eigenvectors: vecs}, nil
}

func allFinite(xs []float64) bool {
	for _, v := range xs {
		if !finite(v) {
			return false
		}
	}
	return true
}

func pointString(names []string, x []float64) string {
	s := ""
	for i := range x {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s=%g", names[i], x[i])
	}
	return s
}
