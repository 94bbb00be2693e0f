package expr

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/autodiff"
)

// WriteText writes d as `saddle grad` prints it: the value, the gradient
// and the Hessian as tables (a non-finite derivative as "not finite
// (+Inf)"), the eigenvalues, and the names of the non-finite derivatives.
func (d Derivatives) WriteText(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "f(%s) = %s\n", PointString(d.Vars, d.At), d.Expr)
	fmt.Fprintf(w, "value\t%.12g\n", d.Value)
	for i, v := range d.Vars {
		fmt.Fprintf(w, "df/d%s\t%s\n", v, derivString(d.Gradient[i], "%.12g"))
	}
	if len(d.Vars) > 0 {
		fmt.Fprintf(w, "\nHessian\t%s\n", strings.Join(d.Vars, "\t"))
		for i, v := range d.Vars {
			row := make([]string, len(d.Hessian[i]))
			for j, h := range d.Hessian[i] {
				row[j] = derivString(h, "%.10g")
			}
			fmt.Fprintf(w, "%s\t%s\n", v, strings.Join(row, "\t"))
		}
		eig := make([]string, len(d.Eigenvalues))
		for i, l := range d.Eigenvalues {
			eig[i] = fmt.Sprintf("%.10g", l)
		}
		if d.Eigenvalues == nil {
			eig = []string{"not computed: the Hessian is not finite"}
		}
		fmt.Fprintf(w, "\neigenvalues\t%s\n", strings.Join(eig, "  "))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(d.NotFinite) > 0 {
		_, err := fmt.Fprintf(out, "\nnot finite (overflow or a singularity): %s\n", strings.Join(d.NotFinite, ", "))
		return err
	}
	return nil
}

// derivString prints a finite derivative with format and a non-finite one
// as "not finite (+Inf)".
func derivString(v float64, format string) string {
	if !isFinite(v) {
		return fmt.Sprintf("not finite (%v)", v)
	}
	return fmt.Sprintf(format, v)
}

// WriteText writes c as `saddle gradcheck` prints it: the point and the
// tolerances, then the worst entry of the gradient and of the Hessian,
// each "ok" or "FAIL", with the suspect op of a failure.
func (c Check) WriteText(out io.Writer) error {
	fmt.Fprintf(out, "f(%s) = %s   (atol %g, rtol %g)\n", PointString(c.Vars, c.At), c.Expr, c.Atol, c.Rtol)
	writeCheck(out, "gradient", c.Vars, c.Gradient, false)
	return writeCheck(out, "Hessian ", c.Vars, c.Hessian, true)
}

func writeCheck(out io.Writer, what string, names []string, r autodiff.CheckReport, matrix bool) error {
	status := "ok  "
	if !r.OK {
		status = "FAIL"
	}
	where := "d/d" + names[r.Col]
	if matrix {
		where = fmt.Sprintf("d²/d%s d%s", names[r.Row], names[r.Col])
	}
	_, err := fmt.Fprintf(out, "%s %s worst at %s: engine %.10g, numeric %.10g, abs err %.2g, rel err %.2g\n",
		status, what, where, r.Engine, r.Numeric, r.AbsErr, r.RelErr)
	if r.Op != "" {
		_, err = fmt.Fprintf(out, "     suspect op: %s\n", r.Op)
	}
	return err
}
