package lessons

import (
	"fmt"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/figure"
)

// The report's lessons on nets and saddles: 4, 6, 8 and 9 (7 is in
// report_restarts.go).

func lesson4(rn *runner) (any, []Claim, error) {
	r, err := NotParabola()
	if err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson4-slice.png", func() figure.Figure {
		return figure.Lines{
			Title: "Lesson 4: XOR 2-2-1 MSE along lines through the W1 start", XLabel: "t (distance along the unit direction)", YLabel: "loss (MSE)",
			Series: []figure.Series{
				{Label: "random direction", X: r.T, Y: r.RandomLoss},
				{Label: "eigenvector of λmin = −0.00888", X: r.T, Y: r.EigenLoss},
			},
			Points: []figure.Point{{X: 0, Y: r.Loss0, Label: "W1 start"}},
		}
	})
	err = rn.draw(err, "lesson4-plane.png", func() figure.Figure {
		return figure.Contour{
			Title: "Lesson 4: XOR loss on a plane through the W1 start", XLabel: "α (eigenvector of λmin)", YLabel: "β (random direction, orthogonalised)",
			ZLabel: "loss (MSE)", X: r.Plane.Alpha, Y: r.Plane.Beta, Z: r.Plane.Loss, Levels: 20,
			Points: []figure.Point{{X: 0, Y: 0, Label: "W1 start"}},
		}
	})
	return r, r.Claims, err
}

func lesson6(rn *runner) (any, []Claim, error) {
	cfg := DefaultSymmetryConfig()
	cfg.Context = rn.ctx
	r, err := Symmetry(cfg)
	if err != nil {
		return nil, nil, err
	}
	rn.notes = r.Notes
	fmt.Fprintf(&rn.text, "  net 2-3-1 tanh, linear output, MSE + %g·‖θ‖² on XOR; restart → (solution, orbit member):", SymmetryDecay)
	for i, s := range r.Restarts {
		if i%8 == 0 {
			fmt.Fprint(&rn.text, "\n   ")
		}
		fmt.Fprintf(&rn.text, " %2d→(%d,%2d)", s.Restart, s.Class+1, s.Member)
	}
	fmt.Fprintln(&rn.text)
	err = rn.draw(nil, "lesson6-barrier.png", func() figure.Figure {
		f := figure.Lines{Title: "Lesson 6: loss on the segment from a solution to its copies", XLabel: "t ((1−t)·θ + t·copy)", YLabel: "loss (MSE + weight decay)"}
		for i, in := range r.Interp {
			f.Series = append(f.Series, figure.Series{Label: r.InterpLabels[i], X: in.T, Y: in.Loss})
		}
		return f
	})
	return r, r.Claims, err
}

func lesson8(rn *runner) (any, []Claim, error) {
	cfg := DefaultSaddles()
	cfg.Context = rn.ctx
	r, err := Saddles(cfg)
	if err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson8-paths.png", func() figure.Figure {
		var paths []figure.Path
		for _, q := range r.Paths {
			paths = append(paths, figure.Path{Label: q.Label, XY: pairs(q.X)})
		}
		return figure.Contour{
			Title: "Lesson 8: J = θ1² − θ2²: who escapes the saddle", XLabel: "θ1", YLabel: "θ2", ZLabel: "J",
			X: linspace(-1.5, 3, 181), Y: linspace(-1.5, 1.5, 121), F: hyperbolic, Levels: 16, Paths: paths,
			Points: []figure.Point{{X: 0, Y: 0, Label: "saddle"}},
		}
	})
	err = rn.draw(err, "lesson8-loss.png", func() figure.Figure {
		f := figure.Lines{Title: "Lesson 8: J = θ1² − θ2² along the paths (until |θ2| > 1.5)", XLabel: "step", YLabel: "J"}
		for _, q := range r.Paths {
			f.Series = append(f.Series, figure.Series{Label: q.Label, X: steps(len(q.Loss)), Y: q.Loss})
		}
		return f
	})
	err = rn.draw(err, "lesson8-xor.png", func() figure.Figure {
		f := figure.Lines{Title: fmt.Sprintf("Lesson 8: escape from uniform(±1e-3) around the XOR origin (median of %d runs)", r.XOREscape.Results[0].Runs),
			XLabel: "step", YLabel: "loss (MSE)"}
		for _, m := range r.XOREscape.Results {
			xs := make([]float64, len(m.CurveSteps))
			for i, s := range m.CurveSteps {
				xs[i] = float64(s)
			}
			f.Series = append(f.Series, figure.Series{Label: fmt.Sprintf("%s (lr %g)", m.Method, m.LR), X: xs, Y: m.Curve})
		}
		return f
	})
	return r, r.Claims, err
}

// hyperbolic is x² − y², the saddle of lessons 8 and 9, as a float function.
func hyperbolic(x, y float64) float64 { return x*x - y*y }

func lesson9(rn *runner) (any, []Claim, error) {
	r := NewtonSaddle()
	cost, err := MeasureCost(CostHidden(), rn.benchTime.NsPerOp)
	if err != nil {
		return nil, nil, err
	}
	w := tabwriter.NewWriter(&rn.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(&rn.text, "  measured with BenchTime.NsPerOp (same functions as BenchmarkStepCost), µs per op; nets 2-H-1 tanh on XOR:")
	fmt.Fprintln(w, "  n\tgrad\tHVP\tHessian\tNewton step\tHessian/HVP\t")
	for _, p := range cost.Points {
		fmt.Fprintf(w, "  %d\t%.3g\t%.3g\t%.4g\t%.4g\t%.1f\t\n", p.Params, p.NsPerOp["grad"]/1e3, p.NsPerOp["hvp"]/1e3,
			p.NsPerOp["hessian"]/1e3, p.NsPerOp["newton-step"]/1e3, p.NsPerOp["hessian"]/p.NsPerOp["hvp"])
	}
	if err := w.Flush(); err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson9-paths.png", func() figure.Figure {
		return figure.Contour{
			Title: "Lesson 9: Newton vs saddle-free Newton on x² − y² from (1, 0.5)", XLabel: "x", YLabel: "y", ZLabel: "x² − y²",
			X: linspace(-2, 4, 241), Y: linspace(-1.5, 4.5, 241), F: hyperbolic, Levels: 16,
			Paths:  []figure.Path{{Label: "Newton (to the saddle in 1 step)", XY: pairs(r.Newton.X)}, {Label: "saddle-free Newton (y doubles)", XY: pairs(r.SFN.X)}},
			Points: []figure.Point{{X: 0, Y: 0, Label: "saddle"}, {X: 1, Y: 0.5, Label: "start"}},
		}
	})
	err = rn.draw(err, "lesson9-cost.png", func() figure.Figure {
		f := figure.Lines{Title: "Lesson 9: cost per operation vs parameter count", XLabel: "parameters n", YLabel: "µs per op",
			LogX: true, LogY: true, Markers: true}
		for _, op := range CostOps() {
			var xs, ys []float64
			for _, q := range cost.Points {
				xs, ys = append(xs, float64(q.Params)), append(ys, q.NsPerOp[op]/1e3)
			}
			f.Series = append(f.Series, figure.Series{Label: fmt.Sprintf("%s (slope %.2f)", op, cost.Slope[op]), X: xs, Y: ys})
		}
		return f
	})
	return struct {
		Newton NewtonResult `json:"newton"`
		Cost   CostResult   `json:"cost"`
	}{r, cost}, append(r.Claims, cost.Claims...), err
}
