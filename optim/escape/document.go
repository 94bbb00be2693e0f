package escape

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim"
)

// Document is a summarised study as `saddle escape --json` writes it: the
// study's settings and one summary per method, with the losses null where
// not finite (a diverged run).
type Document struct {
	Saddle      string          `json:"saddle"`
	Vars        []string        `json:"vars,omitempty"`
	Start       []float64       `json:"start"`
	SaddleValue float64         `json:"saddle_value"`
	Threshold   float64         `json:"threshold"`
	Eps         float64         `json:"eps"`
	Steps       int             `json:"steps"`
	N           int             `json:"n"`
	Seed        uint64          `json:"seed"`
	Methods     []MethodSummary `json:"methods"`
}

// MethodSummary is a MethodResult in a Document.
type MethodSummary struct {
	Method      string            `json:"method"`
	LR          float64           `json:"lr"`
	Escaped     int               `json:"escaped"`
	Rate        float64           `json:"rate"`
	MedianSteps int               `json:"median_steps"` // −1 when no run escaped
	MedianFinal optim.JSONFloat   `json:"median_final_loss"`
	Diverged    int               `json:"diverged"`
	EscapeSteps []int             `json:"escape_steps"` // per run, −1 for no escape
	FinalLosses []optim.JSONFloat `json:"final_losses"`
	CurveSteps  []int             `json:"curve_steps"`
	Curve       []optim.JSONFloat `json:"median_loss_curve"`
}

// Summaries converts the methods' results of a report for a Document.
func Summaries(results []MethodResult) []MethodSummary {
	out := make([]MethodSummary, 0, len(results))
	for _, m := range results {
		out = append(out, MethodSummary{Method: m.Method, LR: m.LR, Escaped: m.Escaped, Rate: m.Rate,
			MedianSteps: m.MedianSteps, MedianFinal: optim.JSONFloat(m.MedianFinal), Diverged: m.Diverged,
			EscapeSteps: m.EscapeStep, FinalLosses: optim.JSONFloats(m.FinalLoss), CurveSteps: m.CurveSteps, Curve: optim.JSONFloats(m.Curve)})
	}
	return out
}

// WriteText writes the document as `saddle escape` prints it: the study in
// one line, then a table of the methods.
func (d Document) WriteText(out io.Writer) error {
	fmt.Fprintf(out, "escape from the %s saddle (value %.6g): %d runs per method from start ± %g, %d steps; escaped = loss ≤ %.6g\n\n",
		d.Saddle, d.SaddleValue, d.N, d.Eps, d.Steps, d.Threshold)
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "method\tlr\tescaped\tmedian steps\tmedian final loss\tdiverged")
	for _, m := range d.Methods {
		med := "-"
		if m.MedianSteps >= 0 {
			med = fmt.Sprint(m.MedianSteps)
		}
		fmt.Fprintf(w, "%s\t%g\t%d/%d (%.0f%%)\t%s\t%.6g\t%d\n", m.Method, m.LR, m.Escaped, d.N, 100*m.Rate, med, float64(m.MedianFinal), m.Diverged)
	}
	return w.Flush()
}

// Figure is the median loss curve of every method.
func (d Document) Figure() figure.Lines {
	fig := figure.Lines{Title: fmt.Sprintf("escape from the %s saddle (median of %d runs)", d.Saddle, d.N), XLabel: "step", YLabel: "loss"}
	for _, m := range d.Methods {
		xs, ys := make([]float64, len(m.CurveSteps)), make([]float64, len(m.Curve))
		for i, s := range m.CurveSteps {
			xs[i] = float64(s)
		}
		for i, v := range m.Curve {
			ys[i] = float64(v)
		}
		fig.Series = append(fig.Series, figure.Series{Label: m.Method, X: xs, Y: ys})
	}
	return fig
}
