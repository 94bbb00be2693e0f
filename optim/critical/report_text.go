package critical

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/autodiff/expr"
)

// WriteText writes r as `saddle critical` prints it: what the given point
// is (Center, or a single NotCritical point), the points as a table
// (coordinates rounded to 10 significant digits), then each flat set and
// flat direction, then the note.
func (r Report) WriteText(out io.Writer) error {
	if c := r.Center; c != nil {
		fmt.Fprintf(out, "the given point %s (|grad| %.2g, loss %.10g); searching the cube of half-width %g around it:\n\n",
			c.given(r.GradTol), c.GradNorm, c.Value, r.Radius)
	} else if len(r.Points) == 1 && r.Points[0].Kind == NotCritical {
		c := r.Points[0]
		_, err := fmt.Fprintf(out, "the given point of %s is not critical: its gradient norm %.3g is above --grad-tol %g (loss %.10g)\n",
			r.Net, c.GradNorm, r.GradTol, c.Value)
		return err
	}
	what := r.Expr
	if r.Net != "" {
		what = r.Net
	}
	if len(r.Points) == 0 {
		fmt.Fprintf(out, "no critical point found for %s\n", what)
		return writeNote(out, r.Note)
	}
	fmt.Fprintf(out, "%d critical point(s) of %s, sorted by value:\n\n", len(r.Points), what)
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "kind\tindex\tvalue\t|grad|\tat\teigenvalues")
	for _, p := range r.Points {
		eig := make([]string, len(p.Eigenvalues))
		for i, l := range p.Eigenvalues {
			eig[i] = fmt.Sprintf("%.6g", l)
		}
		fmt.Fprintf(w, "%s\t%d\t%.10g\t%.2g\t%s\t%s\n", p.Kind, p.Index, p.Value, p.GradNorm,
			expr.PointString(r.Vars, rounded(p.X)), strings.Join(eig, " "))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for k, p := range r.Points {
		if s := p.Flat; s != nil {
			fmt.Fprintf(out, "\npoint %d stands for a flat set of critical points of value %.10g: %d found, within %s\n",
				k+1, p.Value, s.Found, boxString(r.Vars, rounded(s.Lo), rounded(s.Hi)))
		}
		if len(p.FlatDirections) == 0 {
			continue
		}
		fmt.Fprintf(out, "\npoint %d (%s) is flat (zero curvature) along %d direction(s):\n", k+1, p.Kind, len(p.FlatDirections))
		for _, d := range p.FlatDirections {
			fmt.Fprintf(out, "  %s\n", expr.PointString(r.Vars, rounded(d)))
		}
	}
	return writeNote(out, r.Note)
}

func writeNote(out io.Writer, note string) error {
	if note != "" {
		_, err := fmt.Fprintf(out, "\nnote: %s\n", note)
		return err
	}
	return nil
}

// boxString writes the box lo ≤ x ≤ hi as x=LO:HI,y=LO:HI (the --box syntax).
func boxString(names []string, lo, hi []float64) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%g:%g", n, lo[i], hi[i])
	}
	return strings.Join(parts, ",")
}

// rounded rounds to 10 significant digits for display.
func rounded(x []float64) []float64 {
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

// given says what a given point is: "is a saddle point (index 1)" or "is
// not critical (…)".
func (p *Point) given(gradTol float64) string {
	if p.Kind == NotCritical {
		return fmt.Sprintf("is not critical (|grad| above --grad-tol %g)", gradTol)
	}
	return fmt.Sprintf("is a %s point (index %d)", p.Kind, p.Index)
}
