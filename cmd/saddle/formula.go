package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

// formulaAt parses a formula and a point "--at x=…,y=…" and returns the
// formula as a function of the point's vector, the variable names in --at
// order and the values. Missing or extra variables are usage errors.
func formulaAt(src, at string) (autodiff.Func, []string, []float64, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil, nil, usagef("-f is required: give a formula like \"x^2 - y^2\"")
	}
	f, err := expr.Parse(src)
	if err != nil {
		return nil, nil, nil, usagef("formula %s: %v", quoteFormula(src), err)
	}
	var names []string
	var vals []float64
	if at != "" || len(f.Vars()) > 0 {
		if at == "" {
			return nil, nil, nil, usagef("--at is required: give a value for %s", strings.Join(f.Vars(), ", "))
		}
		if names, vals, err = parseAt(at); err != nil {
			return nil, nil, nil, err
		}
	}
	fn, err := f.Func(names)
	if err != nil {
		return nil, nil, nil, usagef("--at: %v", err)
	}
	return fn, names, vals, nil
}

// finiteOrCulprit returns an error naming the op that first produced a
// non-finite value when evaluating fn at x, or nil if f(x) is finite.
func finiteOrCulprit(fn autodiff.Func, names []string, x []float64) error {
	y := fn(autodiff.Variable(x))
	if v := y.Item(); !math.IsNaN(v) && !math.IsInf(v, 0) {
		return nil
	}
	where := pointString(names, x)
	if bad := autodiff.FirstNonFinite(y); bad != nil {
		return fmt.Errorf("the formula is %v at %s: %s produced %v", y.Item(), where, bad.Op(), firstBad(bad.Data()))
	}
	return fmt.Errorf("the formula is %v at %s", y.Item(), where)
}

func firstBad(xs []float64) float64 {
	for _, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return v
		}
	}
	return 0
}

// pointString formats a point as "x=0.3, y=-1.2".
func pointString(names []string, x []float64) string {
	parts := make([]string, len(x))
	for i := range x {
		name := fmt.Sprintf("x%d", i)
		if i < len(names) {
			name = names[i]
		}
		parts[i] = fmt.Sprintf("%s=%g", name, x[i])
	}
	return strings.Join(parts, ", ")
}

// allFinite reports whether every value is finite.
func allFinite(rows ...[]float64) bool {
	for _, r := range rows {
		if slices.ContainsFunc(r, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
			return false
		}
	}
	return true
}

// quoteFormula quotes a formula for an error message; a long one is cut
// to its first 60 characters and its length, so that the message stays
// one readable line (the error's column still locates the culprit).
func quoteFormula(src string) string {
	const keep = 60
	r := []rune(src)
	if len(r) <= keep+20 {
		return strconv.Quote(src)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(string(r[:keep])), len(r))
}
