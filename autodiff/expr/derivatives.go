package expr

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/eigen"
)

// Derivatives is the value, gradient, Hessian and Hessian eigenvalues
// (ascending) of a formula at a point: the document of `saddle grad
// --json`. A second derivative that is not finite (an overflow, log of 0)
// is null in JSON (written after the eigenvalues) and listed by name in
// NotFinite ("d2f/dx2 = +Inf"); the
// eigenvalues are nil then. No value is −0.
type Derivatives struct {
	Expr        string      `json:"expr"`
	Vars        []string    `json:"vars"`
	At          []float64   `json:"at"`
	Value       float64     `json:"value"`
	Gradient    []float64   `json:"gradient"`
	Hessian     [][]float64 `json:"hessian"`
	Eigenvalues []float64   `json:"eigenvalues"`
	NotFinite   []string    `json:"not_finite,omitempty"`
}

// MarshalJSON writes the Hessian's non-finite entries as null.
func (d Derivatives) MarshalJSON() ([]byte, error) {
	type plain Derivatives
	h := make([][]json.RawMessage, len(d.Hessian))
	for i, row := range d.Hessian {
		h[i] = make([]json.RawMessage, len(row))
		for j, v := range row {
			h[i][j] = json.RawMessage("null")
			if isFinite(v) {
				h[i][j] = strconv.AppendFloat(nil, v, 'g', -1, 64)
			}
		}
	}
	return json.Marshal(struct {
		plain
		Hessian [][]json.RawMessage `json:"hessian"`
	}{plain(d), h})
}

// DerivativesAt differentiates fn (the formula src of the variables names,
// in order) at x, where fn must be finite (CheckFinite). A gradient that is
// not finite is an error naming each culprit; a Hessian that is not (a
// higher derivative overflowing) is reported in NotFinite.
func DerivativesAt(src string, fn autodiff.Func, names []string, x []float64) (Derivatives, error) {
	value, grad := autodiff.ValueAndGrad(fn, x)
	hess := autodiff.Hessian(fn, x)
	if bad := notFinite(names, grad, nil); len(bad) > 0 {
		return Derivatives{}, fmt.Errorf("the derivatives of the formula are not finite at %s: %s", PointString(names, x), strings.Join(bad, ", "))
	}
	for _, row := range append(hess, grad) {
		noNegZero(row)
	}
	d := Derivatives{Expr: src, Vars: names, At: x, Value: value + 0, Gradient: grad, Hessian: hess, NotFinite: notFinite(names, grad, hess)}
	if d.Vars == nil {
		d.Vars = []string{}
	}
	if d.At == nil {
		d.At = []float64{}
	}
	if !slices.ContainsFunc(hess, func(row []float64) bool {
		return slices.ContainsFunc(row, func(v float64) bool { return !isFinite(v) })
	}) {
		d.Eigenvalues = noNegZero(eigen.Sym(hess))
	}
	return d, nil
}

// notFinite names the derivatives that are NaN or ±Inf: df/dx, d2f/dxdy.
func notFinite(names []string, grad []float64, hess [][]float64) []string {
	var bad []string
	for i, g := range grad {
		if !isFinite(g) {
			bad = append(bad, fmt.Sprintf("df/d%s = %v", names[i], g))
		}
	}
	for i, row := range hess {
		for j := i; j < len(row); j++ {
			if !isFinite(row[j]) {
				d := "d" + names[i]
				if j == i {
					d += "2"
				} else {
					d += "d" + names[j]
				}
				bad = append(bad, fmt.Sprintf("d2f/%s = %v", d, row[j]))
			}
		}
	}
	return bad
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// noNegZero turns −0 into 0 in place (x + 0 is +0 for x = −0), so that a
// printed derivative does not show a sign that means nothing.
func noNegZero(xs []float64) []float64 {
	for i := range xs {
		xs[i] += 0
	}
	return xs
}

// Check is the document of `saddle gradcheck --json`: the engine's gradient
// and Hessian of a formula at a point against finite differences
// (autodiff.CheckGrad and autodiff.CheckHessian), OK when both pass.
type Check struct {
	Expr     string               `json:"expr"`
	Vars     []string             `json:"vars"`
	At       []float64            `json:"at"`
	Atol     float64              `json:"atol"`
	Rtol     float64              `json:"rtol"`
	Gradient autodiff.CheckReport `json:"gradient"`
	Hessian  autodiff.CheckReport `json:"hessian"`
	OK       bool                 `json:"ok"`
}

// CheckAt checks the derivatives of fn (the formula src of the variables
// names, in order) at x with the tolerances opts.Atol and opts.Rtol.
func CheckAt(src string, fn autodiff.Func, names []string, x []float64, opts autodiff.CheckOptions) Check {
	g := autodiff.CheckGrad(fn, x, &opts)
	h := autodiff.CheckHessian(fn, x, &opts)
	return Check{Expr: src, Vars: names, At: x, Atol: opts.Atol, Rtol: opts.Rtol, Gradient: g, Hessian: h, OK: g.OK && h.OK}
}
