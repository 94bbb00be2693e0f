package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/eigen"
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
// A second derivative that is not finite (an overflow, log of 0) is null in
// JSON, listed by name in not_finite; the eigenvalues are null then.
type gradResult struct {
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
func (r gradResult) MarshalJSON() ([]byte, error) {
	type plain gradResult
	h := make([][]jsonFloat, len(r.Hessian))
	for i, row := range r.Hessian {
		h[i] = jsonFloats(row)
	}
	return json.Marshal(struct {
		plain
		Hessian [][]jsonFloat `json:"hessian"`
	}{plain(r), h})
}

// notFinite names the derivatives that are NaN or ±Inf: df/dx, d2f/dxdy.
func notFinite(names []string, grad []float64, hess [][]float64) []string {
	var bad []string
	for i, g := range grad {
		if !allFinite([]float64{g}) {
			bad = append(bad, fmt.Sprintf("df/d%s = %v", names[i], g))
		}
	}
	for i, row := range hess {
		for j := i; j < len(row); j++ {
			if !allFinite(row[j : j+1]) {
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
	value, grad := autodiff.ValueAndGrad(fn, x)
	hess := autodiff.Hessian(fn, x)
	// A gradient that is not finite is an error; a Hessian that is not (a
	// higher derivative overflowing) is printed beside the finite gradient.
	if bad := notFinite(names, grad, nil); len(bad) > 0 {
		return fmt.Errorf("the derivatives of the formula are not finite at %s: %s", pointString(names, x), strings.Join(bad, ", "))
	}
	for _, row := range append(hess, grad) {
		noNegZero(row)
	}
	r := gradResult{Expr: *src, Vars: nonNil(names), At: nonNilF(x), Value: value + 0, Gradient: grad,
		Hessian: hess, NotFinite: notFinite(names, grad, hess)}
	if allFinite(hess...) {
		r.Eigenvalues = noNegZero(eigen.Sym(hess))
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilF(s []float64) []float64 {
	if s == nil {
		return []float64{}
	}
	return s
}

// noNegZero turns −0 into 0 in place (x + 0 is +0 for x = −0), so that
// printed derivatives do not show a sign that means nothing.
func noNegZero(xs []float64) []float64 {
	for i := range xs {
		xs[i] += 0
	}
	return xs
}
