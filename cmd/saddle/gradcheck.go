package main

import (
	"errors"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

func init() {
	register(&command{
		name:    "gradcheck",
		summary: "check the engine's gradient and Hessian of a formula against finite differences",
		usage:   "saddle gradcheck -f EXPR --at x=0.3,y=-1.2 [--atol 1e-5] [--rtol 1e-3] [--json]",
		example: `saddle gradcheck -f "sin(x)*exp(y) + x^3" --at x=0.3,y=-1.2`,
		run:     runGradcheck,
	})
}

// gradcheckResult is the document of `saddle gradcheck --json`.
type gradcheckResult = expr.Check

// errCheckFailed makes gradcheck exit 1 after printing its report.
var errCheckFailed = errors.New("derivative check failed")

func runGradcheck(e *env, args []string) error {
	c := commands["gradcheck"]
	fs := newFlags(c)
	src := fs.String("f", "", "the formula, e.g. \"x^2 - y^2\"")
	at := fs.String("at", "", "the point, NAME=VALUE pairs separated by commas")
	atol := fs.Float64("atol", 1e-5, "absolute tolerance (PyTorch gradcheck default)")
	rtol := fs.Float64("rtol", 1e-3, "relative tolerance (PyTorch gradcheck default)")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	if !(*atol > 0) || !(*rtol > 0) {
		return usagef("--atol and --rtol must be > 0")
	}
	fn, names, x, err := formulaAt(*src, *at)
	if err != nil {
		return err
	}
	if len(x) == 0 {
		return usagef("the formula has no variables: nothing to check")
	}
	if err := finiteOrCulprit(fn, names, x); err != nil {
		return err
	}
	r := expr.CheckAt(*src, fn, names, x, autodiff.CheckOptions{Atol: *atol, Rtol: *rtol})
	if *jsonOut {
		if err := writeJSON(e, r); err != nil {
			return err
		}
	} else if err := r.WriteText(e.stdout); err != nil {
		return err
	}
	if !r.OK {
		return errCheckFailed
	}
	return nil
}
