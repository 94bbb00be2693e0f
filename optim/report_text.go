package optim

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/nn"
)

// WriteText writes r, a run on prob, for a reader: the net, the optimizer
// and why it stopped, the final loss and gradient norm, the accuracy as a
// count of rows, the net's output for every row of a dataset of at most 16
// rows, and the parameters when there are at most 32 — in one write.
func (r TrainReport) WriteText(w io.Writer, prob nn.Problem) error {
	m, n := prob.Net, prob.Data.N
	var b strings.Builder
	fmt.Fprintf(&b, "net       %s: %v, loss %s, %d samples, %d parameters\n", r.Net, m, prob.Loss, n, m.NumParams())
	fmt.Fprintf(&b, "optimizer %s, lr %g, %d steps", r.Optimizer, r.LR, r.Steps)
	if r.ResumedAt > 0 {
		fmt.Fprintf(&b, " (resumed at step %d)", r.ResumedAt)
	}
	fmt.Fprintf(&b, ", stopped: %s\n", Stop(r.Stopped).Text())
	fmt.Fprintf(&b, "loss      %.6g (gradient norm %.3g)\n", float64(r.FinalLoss), float64(r.GradNorm))
	if r.Accuracy != nil {
		acc := float64(*r.Accuracy)
		fmt.Fprintf(&b, "accuracy  %.1f%% (%d of %d)\n", 100*acc, int(math.Round(acc*float64(n))), n)
	}
	params := make([]float64, len(r.Params))
	for i, p := range r.Params {
		params[i] = float64(p)
	}
	if n <= 16 {
		out := m.Predict(params, prob.Data.X)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\ninput\ttarget\toutput")
		for i := 0; i < n; i++ {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", row(prob.Data.Row(i), "%g"), row(prob.Data.Target(i), "%g"),
				row(out[i*m.Out():(i+1)*m.Out()], "%.4f"))
		}
		tw.Flush()
	}
	if len(params) <= 32 {
		fmt.Fprintf(&b, "\nparameters (%s)\n  %s\n", m.Layout(), row(params, "%.6g"))
	} else {
		fmt.Fprintf(&b, "\n%d parameters (use --json or --save to get them)\n", len(params))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// row formats xs with format, separated by spaces.
func row(xs []float64, format string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(parts, " ")
}
