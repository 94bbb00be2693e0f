package shard

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes r for a reader, in one write: the problem and its
// start (NAME=VALUE for a formula's variables), the Hessian's λmax and
// λmin there with the thresholds 1/λmax and 2/λmax, and a table of the
// runs — learning rate, lr·λmax, final loss (with the step of a
// divergence), regime and the rule that decided it.
func (r SweepReport) WriteText(w io.Writer) error {
	from := fmt.Sprintf("its start (%d parameters)", len(r.Start))
	if len(r.Vars) > 0 {
		at := make([]string, len(r.Start))
		for i, v := range r.Start {
			at[i] = fmt.Sprintf("%s=%g", r.Vars[i], v)
		}
		from = strings.Join(at, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "sweep of %s from %s, %d gradient-descent steps per lr\n", r.Problem, from, r.Steps)
	lmax := float64(r.LambdaMax)
	fmt.Fprintf(&b, "Hessian at the start: λmax = %.6g", lmax)
	if len(r.Eigenvalues) > 0 {
		fmt.Fprintf(&b, ", λmin = %.6g", float64(r.Eigenvalues[0]))
	}
	if lmax > 0 {
		fmt.Fprintf(&b, "\non a quadratic: zigzag above 1/λmax = %.6g, diverge above 2/λmax = %.6g\n\n",
			float64(r.ZigzagAbove), float64(r.DivergeAbove))
	} else {
		fmt.Fprintf(&b, "\nno positive curvature at the start: no 1/λmax, 2/λmax thresholds\n\n")
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "lr\tlr·λmax\tfinal loss\tregime\tbecause")
	for _, run := range r.Runs {
		final := fmt.Sprintf("%.6g", float64(run.FinalLoss))
		if run.DivergedAt != nil {
			final += fmt.Sprintf(" (step %d)", *run.DivergedAt)
		}
		fmt.Fprintf(tw, "%.6g\t%.3g\t%s\t%s\t%s\n", run.LR, run.LR*lmax, final, run.Regime, run.Why)
	}
	tw.Flush()
	_, err := io.WriteString(w, b.String())
	return err
}
