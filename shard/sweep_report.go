package shard

import (
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim"
)

// SweepReport is the result document of a learning-rate sweep (`saddle
// sweep --json`, and `saddle merge` of its parts): the problem, the
// Hessian's thresholds at the start and one run per learning rate, in the
// order of the header's learning rates.
type SweepReport struct {
	Problem      string            `json:"problem"`
	Vars         []string          `json:"vars,omitempty"`
	Start        []float64         `json:"start"`
	Steps        int               `json:"steps"`
	Eigenvalues  []optim.JSONFloat `json:"eigenvalues"`
	LambdaMax    optim.JSONFloat   `json:"lambda_max"`
	ZigzagAbove  optim.JSONFloat   `json:"zigzag_above"`
	DivergeAbove optim.JSONFloat   `json:"diverge_above"`
	Runs         []SweepReportRun  `json:"runs"`
}

// SweepReportRun is the run of one learning rate in a SweepReport: its
// regime, the rule that decided it, and the loss after every step.
type SweepReportRun struct {
	LR         float64           `json:"lr"`
	Regime     string            `json:"regime"`
	Why        string            `json:"why,omitempty"`
	FinalLoss  optim.JSONFloat   `json:"final_loss"`
	Stopped    string            `json:"stopped"`
	DivergedAt *int              `json:"diverged_at,omitempty"` // the step that diverged
	Losses     []optim.JSONFloat `json:"losses"`
}

// Report is the document of the sweep res (its runs in the order of
// h.LRs) of the study h.
func (h SweepHeader) Report(res optim.SweepResult) SweepReport {
	out := SweepReport{Problem: h.Problem, Vars: h.Vars, Start: h.Start, Steps: h.Steps,
		Eigenvalues: optim.JSONFloats(FromFloats(h.Eigenvalues)), LambdaMax: optim.JSONFloat(h.LambdaMax),
		ZigzagAbove: optim.JSONFloat(h.ZigzagAbove), DivergeAbove: optim.JSONFloat(h.DivergeAbove)}
	for _, run := range res.Runs {
		sr := SweepReportRun{LR: run.LR, Regime: string(run.Regime), Why: run.Why,
			FinalLoss: optim.JSONFloat(run.Result.FinalLoss), Stopped: string(run.Result.Stopped)}
		if run.Result.Stopped == optim.StopDiverged {
			k := run.Result.DivergedAt
			sr.DivergedAt = &k
		}
		for _, pt := range run.Result.Trace {
			sr.Losses = append(sr.Losses, optim.JSONFloat(pt.Loss))
		}
		out.Runs = append(out.Runs, sr)
	}
	return out
}

// runLabel is the legend of a sweep's run: "lr 0.05 (converges)".
func runLabel(run optim.SweepRun) string { return fmt.Sprintf("lr %.4g (%s)", run.LR, run.Regime) }

// SweepFigure is the figure of the sweep res: the loss per step, one curve
// per learning rate, on a log scale when every loss is positive.
func SweepFigure(res optim.SweepResult) figure.Lines {
	var series []figure.Series
	for _, run := range res.Runs {
		s := figure.Series{Label: runLabel(run)}
		for _, pt := range run.Result.Trace {
			s.X, s.Y = append(s.X, float64(pt.Step)), append(s.Y, pt.Loss)
		}
		series = append(series, s)
	}
	return figure.Lines{Title: "gradient descent, one curve per learning rate", XLabel: "step",
		YLabel: "loss", LogY: figure.AllPositive(series), Series: series}
}

// SweepPathsFigure draws the paths of the runs of res, a sweep of a
// function f of two variables with optim.SweepConfig.Paths set, over f's
// contours on a 60×60 grid. The box is that of the paths that did not
// diverge, widened by 15 % and 0.1 on each side; diverging paths are drawn
// until they leave it. names label the axes (x₁, x₂ unless two are given).
// ok is false when res has no 2-D paths.
func SweepPathsFigure(f func(x, y float64) float64, names []string, res optim.SweepResult) (c figure.Contour, ok bool) {
	if len(res.Runs) == 0 || len(res.Runs[0].Result.Trace) == 0 || len(res.Runs[0].Result.Trace[0].Params) != 2 {
		return c, false
	}
	start := res.Runs[0].Result.Trace[0].Params
	lo, hi := pathsBox(start, res)
	inside := func(p []float64) bool {
		return p[0] >= lo[0] && p[0] <= hi[0] && p[1] >= lo[1] && p[1] <= hi[1]
	}
	var paths []figure.Path
	for _, run := range res.Runs {
		pp := figure.Path{Label: runLabel(run)}
		for _, pt := range run.Result.Trace {
			if !inside(pt.Params) {
				break
			}
			pp.XY = append(pp.XY, [2]float64{pt.Params[0], pt.Params[1]})
		}
		paths = append(paths, pp)
	}
	const grid = 60
	xs, ys := make([]float64, grid), make([]float64, grid)
	for i := range grid {
		xs[i] = lo[0] + (hi[0]-lo[0])*float64(i)/(grid-1)
		ys[i] = lo[1] + (hi[1]-lo[1])*float64(i)/(grid-1)
	}
	xl, yl := "x₁", "x₂"
	if len(names) == 2 {
		xl, yl = names[0], names[1]
	}
	return figure.Contour{Title: "gradient-descent paths", XLabel: xl, YLabel: yl, X: xs, Y: ys, F: f,
		Points: []figure.Point{{X: start[0], Y: start[1], Label: "start"}}, Paths: paths}, true
}

// pathsBox is the box of the paths of res that did not diverge and of
// start, with a margin of 15 % and 0.1 on each side.
func pathsBox(start []float64, res optim.SweepResult) (lo, hi [2]float64) {
	lo, hi = [2]float64{start[0], start[1]}, [2]float64{start[0], start[1]}
	for _, run := range res.Runs {
		if run.Regime == optim.Diverges {
			continue
		}
		for _, pt := range run.Result.Trace {
			for k := 0; k < 2; k++ {
				lo[k], hi[k] = math.Min(lo[k], pt.Params[k]), math.Max(hi[k], pt.Params[k])
			}
		}
	}
	for k := 0; k < 2; k++ {
		pad := 0.15*(hi[k]-lo[k]) + 0.1
		lo[k], hi[k] = lo[k]-pad, hi[k]+pad
	}
	return lo, hi
}
