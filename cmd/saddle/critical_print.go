package main

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
)

// printCritical prints the points of r as a table, then each flat set and
// flat direction, then the search's note.
func printCritical(e *env, r criticalResult) {
	what := r.Expr
	if r.Net != "" {
		what = r.Net
	}
	if len(r.Points) == 0 {
		fmt.Fprintf(e.stdout, "no critical point found for %s\n", what)
		printNote(e, r.Note)
		return
	}
	fmt.Fprintf(e.stdout, "%d critical point(s) of %s, sorted by value:\n\n", len(r.Points), what)
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "kind\tindex\tvalue\t|grad|\tat\teigenvalues")
	for _, p := range r.Points {
		eig := make([]string, len(p.Eigenvalues))
		for i, l := range p.Eigenvalues {
			eig[i] = fmt.Sprintf("%.6g", l)
		}
		fmt.Fprintf(w, "%s\t%d\t%.10g\t%.2g\t%s\t%s\n", p.Kind, p.Index, p.Value, p.GradNorm,
			pointString(r.Vars, critRounded(p.X)), strings.Join(eig, " "))
	}
	w.Flush()
	for k, p := range r.Points {
		if s := p.Flat; s != nil {
			fmt.Fprintf(e.stdout, "\npoint %d stands for a flat set of critical points of value %.10g: %d found, within %s\n",
				k+1, p.Value, s.Found, boxString(r.Vars, critRounded(s.Lo), critRounded(s.Hi)))
		}
		if len(p.FlatDirections) == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "\npoint %d (%s) is flat (zero curvature) along %d direction(s):\n", k+1, p.Kind, len(p.FlatDirections))
		for _, d := range p.FlatDirections {
			fmt.Fprintf(e.stdout, "  %s\n", pointString(r.Vars, critRounded(d)))
		}
	}
	printNote(e, r.Note)
}

func printNote(e *env, note string) {
	if note != "" {
		fmt.Fprintf(e.stdout, "\nnote: %s\n", note)
	}
}

// boxString writes the box lo ≤ x ≤ hi as x=LO:HI,y=LO:HI (the --box syntax).
func boxString(names []string, lo, hi []float64) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%g:%g", n, lo[i], hi[i])
	}
	return strings.Join(parts, ",")
}

// critRounded rounds to 10 significant digits for display.
func critRounded(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			out[i] = v + 0
			continue
		}
		if math.Abs(v) < 1e-12 {
			out[i] = 0
			continue
		}
		d := math.Pow(10, 9-math.Floor(math.Log10(math.Abs(v))))
		out[i] = math.Round(v*d)/d + 0
	}
	return out
}
