package main

import (
	"encoding/json"
	"fmt"

	"github.com/saddle-dev/saddle/autodiff/expr"
)

func init() {
	register(&command{
		name:    "grad",
		summary: "value, gradient, Hessian and its eigenvalues of a formula at a point",
		usage:   "saddle grad -f EXPR --at x=0.3,y=-1.2 [--json]",
		example: `saddle grad -f "x^2 - y^2" --at x=0.3,y=-1.2`,
		run:     runGrad,
	})
}

// gradResult is the JSON contract of `saddle grad --json` (DESIGN §5).
type gradResult = expr.Derivatives

func runGrad(e *env, args []string) error {
	c := commands["grad"]
	fs := newFlags(c)
	src := fs.String("f", "", "the formula, e.g. \"x^2 - y^2\" (syntax: saddle help grad)")
	at := fs.String("at", "", "the point, NAME=VALUE pairs separated by commas; sets the variable order")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	fn, names, x, err := formulaAt(*src, *at)
	if err != nil {
		return err
	}
	if err := finiteOrCulprit(fn, names, x); err != nil {
		return err
	}
	r, err := expr.DerivativesAt(*src, fn, names, x)
	if err != nil {
		return err
	}
	if *jsonOut {
		return writeJSON(e, r)
	}
	return r.WriteText(e.stdout)
}

// writeJSON prints v as one indented JSON document on stdout.
func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("cannot encode JSON: %v", err)
	}
	return nil
}
