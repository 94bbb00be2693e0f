package main

import (
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

// The parsers of points, boxes and numbers are autodiff/expr's; these
// names keep their call sites short.
var (
	parseFinite  = expr.ParseFinite
	quoteFormula = expr.Quote
)

// usage marks a library error about the command line as a usage error
// (exit 2); nil stays nil.
func usage(err error) error {
	if err == nil {
		return nil
	}
	return usagef("%v", err)
}

// parseAt parses --at "x=0.3,y=-1.2" (expr.ParsePoint).
func parseAt(s string) ([]string, []float64, error) {
	names, vals, err := expr.ParsePoint("--at", s)
	return names, vals, usage(err)
}

// parseFloats parses a comma-separated list of finite numbers (expr.ParseFloats).
func parseFloats(flagName, s string) ([]float64, error) {
	v, err := expr.ParseFloats(flagName, s)
	return v, usage(err)
}

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
	return expr.CheckFinite(fn, names, x)
}
