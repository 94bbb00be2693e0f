package lessons

import (
	"fmt"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/figure"
)

// lesson7 is the report of RestartStudy: the success table, the failures
// followed, and three figures.
func lesson7(rn *runner) (any, []Claim, error) {
	cfg := DefaultRestartStudy()
	cfg.Context = rn.ctx
	r, err := RestartStudy(cfg)
	if err != nil {
		return nil, nil, err
	}
	if err := restartTables(rn, cfg, r); err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson7-success.png", func() figure.Figure {
		f := figure.Lines{Title: "Lesson 7: XOR success rate vs initialisation radius", XLabel: "radius a of uniform(±a) init", YLabel: "success rate"}
		for _, h := range cfg.Widths {
			var ys []float64
			for _, a := range cfg.Radii {
				ys = append(ys, r.Rate(h, a))
			}
			f.Series = append(f.Series, figure.Series{Label: fmt.Sprintf("2-%d-1 (this run)", h), X: cfg.Radii, Y: ys})
		}
		var lx, ly []float64
		for _, a := range cfg.Radii {
			if v, ok := LiteratureRates()[a]; ok {
				lx, ly = append(lx, a), append(ly, v)
			}
		}
		f.Series = append(f.Series, figure.Series{Label: "2-2-1, docs/LITERATURE.md", X: lx, Y: ly})
		return f
	})
	if len(r.Failures) == 0 {
		return r, r.Claims, err
	}
	g := figure.Lines{Title: "Lesson 7: failed 2-2-1 runs continued: gradient norm", XLabel: "step", YLabel: "gradient norm ‖g‖"}
	wn := figure.Lines{Title: "Lesson 7: failed 2-2-1 runs continued: weight norm", XLabel: "step (log scale)", YLabel: "weight norm ‖θ‖", LogX: true}
	for _, f := range r.Failures {
		var xs, gs, ws []float64
		for _, q := range f.Trace {
			xs, gs, ws = append(xs, float64(q.Step)), append(gs, q.GradNorm), append(ws, q.WeightNorm)
		}
		label := fmt.Sprintf("restart %d (MSE → %.3g)", f.Restart, f.Plateau)
		g.Series = append(g.Series, figure.Series{Label: label, X: xs, Y: gs})
		wn.Series = append(wn.Series, figure.Series{Label: label, X: xs, Y: ws})
	}
	err = rn.draw(err, "lesson7-gradnorm.png", func() figure.Figure { return g })
	err = rn.draw(err, "lesson7-weightnorm.png", func() figure.Figure { return wn })
	return r, r.Claims, err
}

// restartTables writes lesson 7's settings, success table and failure table.
func restartTables(rn *runner, cfg RestartStudyConfig, r RestartStudyResult) error {
	fmt.Fprintf(&rn.text, "  settings: 2-H-1 sigmoid/sigmoid, MSE, full-batch GD lr %g (= half-SSE lr %g), %d steps, %d restarts per cell,\n"+
		"  start nn.InitUniform(net, a, seed r) for r = 0..%d, success: final MSE < %g\n", cfg.LR, cfg.LR/2, cfg.Steps, cfg.N, cfg.N-1, cfg.Success)
	w := tabwriter.NewWriter(&rn.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "  width\tradius\tsuccess\tfail@1/8\tfail@1/6\tfail@1/4\tother\t")
	for _, c := range r.Cells {
		fmt.Fprintf(w, "  %d\t±%g\t%.1f%%\t%d\t%d\t%d\t%d\t\n", c.Width, c.Radius, 100*c.Rate, c.AtPlateau[0], c.AtPlateau[1], c.AtPlateau[2], c.OtherFail)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(&rn.text, "  failures followed (2-2-1, largest radius): MSE, ‖∇L‖, ‖θ‖ at steps T, 2T, 4T; Hessian eigenvalues at 4T")
	w = tabwriter.NewWriter(&rn.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "  restart\tMSE\t‖∇L‖\t‖θ‖\tλmin\tλ2\tλmax\t")
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  %d\t%.5f → %.5f → %.5f\t%.2e → %.2e → %.2e\t%.2f → %.2f → %.2f\t%.1e\t%.1e\t%.3f\t\n", f.Restart,
			f.Loss[0], f.Loss[1], f.Loss[2], f.GradNorm[0], f.GradNorm[1], f.GradNorm[2], f.WeightNorm[0], f.WeightNorm[1], f.WeightNorm[2],
			f.Eigen[0], f.Eigen[1], f.Eigen[len(f.Eigen)-1])
	}
	return w.Flush()
}
