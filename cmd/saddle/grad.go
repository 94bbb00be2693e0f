package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

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
	printGrad(e, r)
	return nil
}
func printGrad(e *env, r gradResult) {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "f(%s) = %s\n", pointString(r.Vars, r.At), r.Expr)
	fmt.Fprintf(w, "value\t%.12g\n", r.Value)
	for i, v := range r.Vars {
		fmt.Fprintf(w, "df/d%s\t%s\n", v, derivString(r.Gradient[i], "%.12g"))
	}
	if len(r.Vars) > 0 {
		fmt.Fprintf(w, "\nHessian\t%s\n", strings.Join(r.Vars, "\t"))
		for i, v := range r.Vars {
			row := make([]string, len(r.Hessian[i]))
			for j, h := range r.Hessian[i] {
				row[j] = derivString(h, "%.10g")
			}
			fmt.Fprintf(w, "%s\t%s\n", v, strings.Join(row, "\t"))
		}
		eig := make([]string, len(r.Eigenvalues))
		for i, l := range r.Eigenvalues {
			eig[i] = fmt.Sprintf("%.10g", l)
		}
		if r.Eigenvalues == nil {
			eig = []string{"not computed: the Hessian is not finite"}
		}
		fmt.Fprintf(w, "\neigenvalues\t%s\n", strings.Join(eig, "  "))
	}
	w.Flush()
	if len(r.NotFinite) > 0 {
		fmt.Fprintf(e.stdout, "\nnot finite (overflow or a singularity): %s\n", strings.Join(r.NotFinite, ", "))
	}
}

// derivString prints a finite derivative with format and a non-finite one
// as "not finite (+Inf)".
func derivString(v float64, format string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("not finite (%v)", v)
	}
	return fmt.Sprintf(format, v)
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
