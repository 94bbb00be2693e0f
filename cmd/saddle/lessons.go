package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/lessons"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func init() {
	register(&command{
		name:    "lessons",
		summary: "reproduce the course's claims (convexity, learning rates, symmetry, saddles, Newton) with numbers, verdicts and figures",
		usage:   "saddle lessons [--out DIR] [--only 1,5] [--bench-time 50ms] [--json]",
		example: "saddle lessons --out docs",
		run:     runLessons,
	})
}

// lessonDef is one lesson of `saddle lessons`: its entry in the library's
// catalog (number, title, the course's claim, the functions) and the
// function that runs it.
type lessonDef struct {
	lessons.Lesson
	run func(lc *lessonCtx) (any, []lessons.Claim, error)
}

// lessonCtx is what a lesson's runner may use: where figures go and the text
// it adds under its claims.
type lessonCtx struct {
	ctx       context.Context
	imgDir    string // "" when no figures are written
	benchTime string
	figures   []string // file names under imgDir, in order
	text      strings.Builder
	notes     []string
}

// figure returns the path of a figure named name, or "" when figures are off.
func (lc *lessonCtx) figure(name string) string {
	if lc.imgDir == "" {
		return ""
	}
	lc.figures = append(lc.figures, name)
	return filepath.Join(lc.imgDir, name)
}

// lessonReport is one lesson in the JSON document and in lessons.md.
type lessonReport struct {
	Number  int             `json:"number"`
	Title   string          `json:"title"`
	Command string          `json:"command"`
	Pass    bool            `json:"pass"`
	Claims  []lessons.Claim `json:"claims"`
	Notes   []string        `json:"notes,omitempty"`
	Figures []string        `json:"figures,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	printed string
	intro   string
	fn      string
	explore string // the explorer's URL query (lessons.Lesson.Query)
}

// lessonDefs are the lessons of the catalog with their runners, in order.
var lessonDefs = func() []lessonDef {
	runs := []func(*lessonCtx) (any, []lessons.Claim, error){lesson1, lesson2, lesson3, lesson4, lesson5, lesson6, lesson7, lesson8, lesson9}
	defs := make([]lessonDef, len(lessons.Catalog()))
	for i, l := range lessons.Catalog() {
		defs[i] = lessonDef{l, runs[i]}
	}
	return defs
}()

func runLessons(e *env, args []string) error {
	c := commands["lessons"]
	fs := newFlags(c)
	out := fs.String("out", "", "write the figures to DIR/img/ and the report to DIR/lessons.md (empty: print only)")
	only := fs.String("only", "", "comma-separated lesson numbers to run (default: all, 1–9)")
	benchTime := fs.String("bench-time", "50ms", "time per benchmark of lesson 9 (Go's -test.benchtime)")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	selected, err := parseOnly(*only)
	if err != nil {
		return err
	}
	if err := checkBenchTime(*benchTime); err != nil {
		return err
	}
	imgDir := ""
	if *out != "" {
		imgDir = filepath.Join(*out, "img")
		if err := os.MkdirAll(imgDir, 0o755); err != nil {
			return fmt.Errorf("cannot create %s: %v", imgDir, err)
		}
	}
	var reports []lessonReport
	failed := 0
	for _, d := range lessonDefs {
		if !selected[d.Number] {
			continue
		}
		if err := e.ctx.Err(); err != nil {
			return fmt.Errorf("interrupted before lesson %d", d.Number)
		}
		lc := &lessonCtx{ctx: e.ctx, imgDir: imgDir, benchTime: *benchTime}
		res, claims, err := d.run(lc)
		if err != nil {
			return fmt.Errorf("lesson %d: %v", d.Number, err)
		}
		r := lessonReport{Number: d.Number, Title: d.Title, Command: fmt.Sprintf("go run ./cmd/saddle lessons --only %d", d.Number),
			Pass: lessons.AllPass(claims), Claims: claims, Notes: lc.notes, Figures: lc.figures, intro: d.Claim, fn: d.Funcs, explore: d.Query()}
		if b, err := json.Marshal(res); err == nil {
			r.Result = b
		}
		var buf strings.Builder
		printLesson(&buf, r, lc.text.String())
		r.printed = buf.String()
		if !*jsonOut {
			fmt.Fprint(e.stdout, r.printed)
		}
		for _, cl := range claims {
			if !cl.Pass {
				failed++
			}
		}
		reports = append(reports, r)
	}
	if *out != "" {
		if err := writeLessonsMarkdown(filepath.Join(*out, "lessons.md"), reports); err != nil {
			return err
		}
	}
	if *jsonOut {
		if err := writeJSON(e, struct {
			Lessons []lessonReport `json:"lessons"`
			Failed  int            `json:"failed_claims"`
		}{reports, failed}); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d claim(s) failed (see the FAIL lines)", failed)
	}
	return nil
}

// parseOnly parses --only: comma-separated lesson numbers 1–9.
func parseOnly(s string) (map[int]bool, error) {
	sel := map[int]bool{}
	if strings.TrimSpace(s) == "" {
		for _, d := range lessonDefs {
			sel[d.Number] = true
		}
		return sel, nil
	}
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > len(lessonDefs) {
			return nil, usagef("--only %q: %q is not a lesson number 1–%d", s, strings.TrimSpace(f), len(lessonDefs))
		}
		sel[n] = true
	}
	return sel, nil
}

// printLesson prints a lesson's header, claims with verdicts, and text.
func printLesson(w io.Writer, r lessonReport, text string) {
	fmt.Fprintf(w, "Lesson %d: %s\n", r.Number, r.Title)
	for _, c := range r.Claims {
		v := "PASS"
		if !c.Pass {
			v = "FAIL"
		}
		fmt.Fprintf(w, "  %s  %s\n", v, c.Text)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note  %s\n", n)
	}
	if text != "" {
		fmt.Fprint(w, text)
	}
	fmt.Fprintln(w)
}

// writeLessonsMarkdown writes the generated docs/lessons.md.
func writeLessonsMarkdown(path string, reports []lessonReport) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		fmt.Fprintln(w, "# Lessons: the course's claims, reproduced")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "This file is generated. Regenerate it, and the figures under `img/`, from the repository root with")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "```sh")
		fmt.Fprintln(w, "go run ./cmd/saddle lessons --out docs")
		fmt.Fprintln(w, "```")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Each lesson states a claim of the course material, runs the experiment with the library")
		fmt.Fprintln(w, "(package `optim/lessons`, one function per lesson) and prints every claim with its numbers and a")
		fmt.Fprintln(w, "verdict: PASS when the numbers agree with the closed form or the literature value named in the")
		fmt.Fprintln(w, "claim. Every random thing is seeded, so the numbers repeat (the timings of lesson 9 excepted).")
		fmt.Fprintln(w, "`go test ./optim/lessons` checks the same numbers against independently derived values.")
		fmt.Fprintln(w)
		for _, r := range reports {
			fmt.Fprintf(w, "- [Lesson %d: %s](#lesson-%d)\n", r.Number, r.Title, r.Number)
		}
		for _, r := range reports {
			fmt.Fprintf(w, "\n<a id=\"lesson-%d\"></a>\n## Lesson %d: %s\n\n", r.Number, r.Number, r.Title)
			fmt.Fprintf(w, "**Claim.** %s\n\n", r.intro)
			fmt.Fprintf(w, "Explore: [open this lesson in the explorer](%s/?%s) (start it with `go run ./cmd/saddle serve`; the page shows the claim beside the view).\n\n", explorerBase, r.explore)
			var fns []string
			for _, f := range strings.Split(r.fn, ", ") {
				fns = append(fns, "`lessons."+f+"`")
			}
			fmt.Fprintf(w, "Library: %s (package `optim/lessons`). Re-run:\n\n```sh\n%s\n```\n\n", strings.Join(fns, ", "), r.Command)
			fmt.Fprintf(w, "Output:\n\n```text\n%s\n```\n", strings.TrimRight(r.printed, "\n"))
			for _, f := range r.Figures {
				fmt.Fprintf(w, "\n![lesson %d: %s](img/%s)\n", r.Number, strings.TrimSuffix(f, ".png"), f)
			}
		}
		return nil
	})
}

// explorerBase is the address `saddle serve` listens on by default.
const explorerBase = "http://127.0.0.1:8080"

// ---- the lessons ----

func lesson1(lc *lessonCtx) (any, []lessons.Claim, error) {
	r, err := lessons.Convexity()
	if err != nil {
		return nil, nil, err
	}
	if p := lc.figure("lesson1-convex.png"); p != "" {
		var paths []plotPath
		for _, q := range r.Paths {
			paths = append(paths, plotPath{Label: q.Label, XY: lessonPairs(q.X)})
		}
		err = plotContour(p, contourPlot{
			Title: "Lesson 1: L(b0, b1) = Σ(y − b0 − b1·x)², GD lr 0.02", XLabel: "b0 (intercept)", YLabel: "b1 (slope)",
			X: lessonLinspace(-2.5, 4.5, 141), Y: lessonLinspace(-2, 3, 101),
			F:      func(x, y float64) float64 { return lessons.LinRegValue(x, y) },
			Levels: 16, Paths: paths,
			Points: []markedPoint{{X: lessons.LinRegMin()[0], Y: lessons.LinRegMin()[1], Label: "minimum"}},
		})
	}
	return r, r.Claims, err
}

func lesson2(lc *lessonCtx) (any, []lessons.Claim, error) {
	r := lessons.LearningRates()
	var err error
	if p := lc.figure("lesson2-loss.png"); p != "" {
		cf := linePlot{Title: "Lesson 2: excess loss vs step, GD from (−1, 2)", XLabel: "step",
			YLabel: "log10(L − L*),  L* = 1/14"}
		for _, run := range r.Runs {
			ex := make([]float64, len(run.Path.Loss))
			for i, l := range run.Path.Loss {
				ex[i] = math.Log10(l - 1.0/14) // −Inf once rounding reaches L*: not drawn
			}
			cf.Series = append(cf.Series, lineSeries{Label: run.Path.Label, X: lessonSteps(len(ex)), Y: ex})
		}
		err = plotLines(p, cf)
	}
	if p := lc.figure("lesson2-paths.png"); p != "" && err == nil {
		var paths []plotPath
		for _, run := range r.Runs {
			xy := lessonPairs(run.Path.X)
			keep := 40 // the first 40 steps show each regime
			if run.Regime == optim.Diverges {
				keep = 12 // then it leaves the frame
			}
			xy = xy[:min(keep, len(xy))]
			paths = append(paths, plotPath{Label: run.Path.Label, XY: xy})
		}
		err = plotContour(p, contourPlot{
			Title: "Lesson 2: GD paths from (−1, 2) (40 steps; diverging: 12)", XLabel: "b0 (intercept)", YLabel: "b1 (slope)",
			X: lessonLinspace(-2.5, 5.5, 161), Y: lessonLinspace(-1, 3, 81),
			F:      func(x, y float64) float64 { return lessons.LinRegValue(x, y) },
			Levels: 16, Paths: paths,
			Points: []markedPoint{{X: lessons.LinRegMin()[0], Y: lessons.LinRegMin()[1], Label: "minimum"}},
		})
	}
	return r, r.Claims, err
}

func lesson3(lc *lessonCtx) (any, []lessons.Claim, error) {
	r := lessons.LogisticChain()
	w := tabwriter.NewWriter(&lc.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(&lc.text, "  chain-rule table at w = %g, b = %g (ℓ = −y·log σ − (1−y)·log(1−σ), z = w·x + b):\n", r.W, r.B)
	fmt.Fprintln(w, "x\ty\tz\tσ(z)\t∂ℓ/∂σ\t∂σ/∂z\t∂z/∂w\tproduct\t(σ−y)·x\tengine ∂ℓ/∂w\tengine ∂ℓ/∂b\t")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "%g\t%g\t%.4f\t%.6f\t%.6f\t%.6f\t%g\t%.9f\t%.9f\t%.9f\t%.9f\t\n",
			row.X, row.Y, row.Z, row.Sigma, row.DLdS, row.DSdZ, row.X, row.Chain, row.Closed, row.EngineW, row.EngineB)
	}
	w.Flush()
	return r, r.Claims, nil
}

func lesson4(lc *lessonCtx) (any, []lessons.Claim, error) {
	r, err := lessons.NotParabola()
	if err != nil {
		return nil, nil, err
	}
	if p := lc.figure("lesson4-slice.png"); p != "" {
		err = plotLines(p, linePlot{
			Title: "Lesson 4: XOR 2-2-1 MSE along lines through the W1 start", XLabel: "t (distance along the unit direction)", YLabel: "loss (MSE)",
			Series: []lineSeries{
				{Label: "random direction", X: r.T, Y: r.RandomLoss},
				{Label: "eigenvector of λmin = −0.00888", X: r.T, Y: r.EigenLoss},
			},
			Points: []markedPoint{{X: 0, Y: r.Loss0, Label: "W1 start"}},
		})
	}
	if p := lc.figure("lesson4-plane.png"); p != "" && err == nil {
		err = plotContour(p, contourPlot{
			Title: "Lesson 4: XOR loss on a plane through the W1 start", XLabel: "α (eigenvector of λmin)", YLabel: "β (random direction, orthogonalised)",
			X: r.Plane.Alpha, Y: r.Plane.Beta, Z: r.Plane.Loss, Levels: 20,
			Points: []markedPoint{{X: 0, Y: 0, Label: "W1 start"}},
		})
	}
	return r, r.Claims, err
}

func lesson5(lc *lessonCtx) (any, []lessons.Claim, error) {
	r, err := lessons.QuarticLesson()
	if err != nil {
		return nil, nil, err
	}
	if p := lc.figure("lesson5-quartic.png"); p != "" {
		var pts []markedPoint
		for _, q := range r.Points {
			pts = append(pts, markedPoint{X: q.X[0], Y: q.Value, Label: string(q.Kind)})
		}
		err = plotLines(p, linePlot{
			Title: "Lesson 5: h(x) = (1 − x²)²: minima at ±1, a maximum at 0", XLabel: "x", YLabel: "h(x)",
			Series: []lineSeries{{Label: "h(x)", X: r.Curve[0], Y: r.Curve[1]}},
			Points: pts,
		})
	}
	return r, r.Claims, err
}

func lesson6(lc *lessonCtx) (any, []lessons.Claim, error) {
	r, err := lessons.Symmetry(lessons.DefaultSymmetryConfig())
	if err != nil {
		return nil, nil, err
	}
	lc.notes = r.Notes
	fmt.Fprintf(&lc.text, "  net 2-3-1 tanh, linear output, MSE + %g·‖θ‖² on XOR; restart → (solution, orbit member):", lessons.SymmetryDecay)
	for i, s := range r.Restarts {
		if i%8 == 0 {
			fmt.Fprint(&lc.text, "\n   ")
		}
		fmt.Fprintf(&lc.text, " %2d→(%d,%2d)", s.Restart, s.Class+1, s.Member)
	}
	fmt.Fprintln(&lc.text)
	if p := lc.figure("lesson6-barrier.png"); p != "" {
		lp := linePlot{Title: "Lesson 6: loss on the segment from a solution to its copies", XLabel: "t ((1−t)·θ + t·copy)", YLabel: "loss (MSE + weight decay)"}
		for i, in := range r.Interp {
			lp.Series = append(lp.Series, lineSeries{Label: r.InterpLabels[i], X: in.T, Y: in.Loss})
		}
		err = plotLines(p, lp)
	}
	return r, r.Claims, err
}

func lesson7(lc *lessonCtx) (any, []lessons.Claim, error) {
	cfg := lessons.DefaultRestartStudy()
	cfg.Context = lc.ctx
	r, err := lessons.RestartStudy(cfg)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(&lc.text, "  settings: 2-H-1 sigmoid/sigmoid, MSE, full-batch GD lr %g (= half-SSE lr %g), %d steps, %d restarts per cell,\n"+
		"  start nn.InitUniform(net, a, seed r) for r = 0..%d, success: final MSE < %g\n", cfg.LR, cfg.LR/2, cfg.Steps, cfg.N, cfg.N-1, cfg.Success)
	w := tabwriter.NewWriter(&lc.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "  width\tradius\tsuccess\tfail@1/8\tfail@1/6\tfail@1/4\tother\t")
	for _, c := range r.Cells {
		fmt.Fprintf(w, "  %d\t±%g\t%.1f%%\t%d\t%d\t%d\t%d\t\n", c.Width, c.Radius, 100*c.Rate, c.AtPlateau[0], c.AtPlateau[1], c.AtPlateau[2], c.OtherFail)
	}
	w.Flush()
	fmt.Fprintln(&lc.text, "  failures followed (2-2-1, largest radius): MSE, ‖∇L‖, ‖θ‖ at steps T, 2T, 4T; Hessian eigenvalues at 4T")
	w = tabwriter.NewWriter(&lc.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "  restart\tMSE\t‖∇L‖\t‖θ‖\tλmin\tλ2\tλmax\t")
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  %d\t%.5f → %.5f → %.5f\t%.2e → %.2e → %.2e\t%.2f → %.2f → %.2f\t%.1e\t%.1e\t%.3f\t\n", f.Restart,
			f.Loss[0], f.Loss[1], f.Loss[2], f.GradNorm[0], f.GradNorm[1], f.GradNorm[2], f.WeightNorm[0], f.WeightNorm[1], f.WeightNorm[2],
			f.Eigen[0], f.Eigen[1], f.Eigen[len(f.Eigen)-1])
	}
	w.Flush()
	if p := lc.figure("lesson7-success.png"); p != "" {
		lp := linePlot{Title: "Lesson 7: XOR success rate vs initialisation radius", XLabel: "radius a of uniform(±a) init", YLabel: "success rate"}
		for _, h := range cfg.Widths {
			var ys []float64
			for _, a := range cfg.Radii {
				ys = append(ys, r.Rate(h, a))
			}
			lp.Series = append(lp.Series, lineSeries{Label: fmt.Sprintf("2-%d-1 (this run)", h), X: cfg.Radii, Y: ys})
		}
		var lx, ly []float64
		for _, a := range cfg.Radii {
			if v, ok := lessons.LiteratureRates()[a]; ok {
				lx, ly = append(lx, a), append(ly, v)
			}
		}
		lp.Series = append(lp.Series, lineSeries{Label: "2-2-1, docs/LITERATURE.md", X: lx, Y: ly})
		err = plotLines(p, lp)
	}
	if len(r.Failures) > 0 && err == nil {
		g := linePlot{Title: "Lesson 7: failed 2-2-1 runs continued: gradient norm", XLabel: "step", YLabel: "gradient norm ‖g‖"}
		wn := lessonFigure{Title: "Lesson 7: failed 2-2-1 runs continued: weight norm", XLabel: "step (log scale)", YLabel: "weight norm ‖θ‖",
			LogX: true, LegendBottom: true}
		for _, f := range r.Failures {
			var xs, gs, ws []float64
			for _, q := range f.Trace {
				xs, gs, ws = append(xs, float64(q.Step)), append(gs, q.GradNorm), append(ws, q.WeightNorm)
			}
			label := fmt.Sprintf("restart %d (MSE → %.3g)", f.Restart, f.Plateau)
			g.Series = append(g.Series, lineSeries{Label: label, X: xs, Y: gs})
			wn.Series = append(wn.Series, lineSeries{Label: label, X: xs, Y: ws})
		}
		if p := lc.figure("lesson7-gradnorm.png"); p != "" {
			err = plotLines(p, g)
		}
		if p := lc.figure("lesson7-weightnorm.png"); p != "" && err == nil {
			err = plotLessonFigure(p, wn)
		}
	}
	return r, r.Claims, err
}

func lesson8(lc *lessonCtx) (any, []lessons.Claim, error) {
	r, err := lessons.Saddles(lessons.DefaultSaddles())
	if err != nil {
		return nil, nil, err
	}
	if p := lc.figure("lesson8-paths.png"); p != "" {
		var paths []plotPath
		for _, q := range r.Paths {
			paths = append(paths, plotPath{Label: q.Label, XY: lessonPairs(q.X)})
		}
		err = plotContour(p, contourPlot{
			Title: "Lesson 8: J = θ1² − θ2²: who escapes the saddle", XLabel: "θ1", YLabel: "θ2",
			X: lessonLinspace(-1.5, 3, 181), Y: lessonLinspace(-1.5, 1.5, 121),
			F:      func(x, y float64) float64 { return x*x - y*y },
			Levels: 16, Paths: paths,
			Points: []markedPoint{{X: 0, Y: 0, Label: "saddle"}},
		})
	}
	if p := lc.figure("lesson8-loss.png"); p != "" && err == nil {
		cf := linePlot{Title: "Lesson 8: J = θ1² − θ2² along the paths (until |θ2| > 1.5)", XLabel: "step", YLabel: "J"}
		for _, q := range r.Paths {
			cf.Series = append(cf.Series, lineSeries{Label: q.Label, X: lessonSteps(len(q.Loss)), Y: q.Loss})
		}
		err = plotLines(p, cf)
	}
	if p := lc.figure("lesson8-xor.png"); p != "" && err == nil {
		lp := linePlot{Title: fmt.Sprintf("Lesson 8: escape from uniform(±1e-3) around the XOR origin (median of %d runs)", r.XOREscape.Results[0].Runs), XLabel: "step", YLabel: "loss (MSE)"}
		for _, m := range r.XOREscape.Results {
			xs := make([]float64, len(m.CurveSteps))
			for i, s := range m.CurveSteps {
				xs[i] = float64(s)
			}
			lp.Series = append(lp.Series, lineSeries{Label: fmt.Sprintf("%s (lr %g)", m.Method, m.LR), X: xs, Y: m.Curve})
		}
		err = plotLines(p, lp)
	}
	return r, r.Claims, err
}

func lesson9(lc *lessonCtx) (any, []lessons.Claim, error) {
	r := lessons.NewtonSaddle()
	// testing.Benchmark reads Go's -test.benchtime; register the testing
	// flags (a no-op under go test) and set it.
	testing.Init()
	if err := flag.Set("test.benchtime", lc.benchTime); err != nil {
		return nil, nil, usagef("--bench-time %q: %v", lc.benchTime, err)
	}
	cost, err := lessons.MeasureCost(lessons.CostHidden(), testing.Benchmark)
	if err != nil {
		return nil, nil, err
	}
	w := tabwriter.NewWriter(&lc.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(&lc.text, "  measured with testing.Benchmark (same functions as BenchmarkStepCost), µs per op; nets 2-H-1 tanh on XOR:")
	fmt.Fprintln(w, "  n\tgrad\tHVP\tHessian\tNewton step\tHessian/HVP\t")
	for _, p := range cost.Points {
		fmt.Fprintf(w, "  %d\t%.3g\t%.3g\t%.4g\t%.4g\t%.1f\t\n", p.Params, p.NsPerOp["grad"]/1e3, p.NsPerOp["hvp"]/1e3,
			p.NsPerOp["hessian"]/1e3, p.NsPerOp["newton-step"]/1e3, p.NsPerOp["hessian"]/p.NsPerOp["hvp"])
	}
	w.Flush()
	if p := lc.figure("lesson9-paths.png"); p != "" {
		err = plotContour(p, contourPlot{
			Title: "Lesson 9: Newton vs saddle-free Newton on x² − y² from (1, 0.5)", XLabel: "x", YLabel: "y",
			X: lessonLinspace(-2, 4, 241), Y: lessonLinspace(-1.5, 4.5, 241),
			F:      func(x, y float64) float64 { return x*x - y*y },
			Levels: 16,
			Paths:  []plotPath{{Label: "Newton (to the saddle in 1 step)", XY: lessonPairs(r.Newton.X)}, {Label: "saddle-free Newton (y doubles)", XY: lessonPairs(r.SFN.X)}},
			Points: []markedPoint{{X: 0, Y: 0, Label: "saddle"}, {X: 1, Y: 0.5, Label: "start"}},
		})
	}
	if p := lc.figure("lesson9-cost.png"); p != "" && err == nil {
		err = plotLogLog(p, "Lesson 9: cost per operation vs parameter count (testing.Benchmark)", "parameters n", "µs per op", cost)
	}
	return struct {
		Newton lessons.NewtonResult `json:"newton"`
		Cost   lessons.CostResult   `json:"cost"`
	}{r, cost}, append(r.Claims, cost.Claims...), err
}

// ---- helpers ----

// lessonFigure is a line figure with the legend where the data is not:
// the plot helpers put it at the top right.
type lessonFigure struct {
	Title, XLabel, YLabel string
	LogX, LogY            bool
	LegendBottom, Left    bool
	Markers               bool
	Series                []lineSeries
}

// plotLessonFigure draws f and writes it atomically to path as PNG.
func plotLessonFigure(path string, f lessonFigure) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing %q: %v", f.Title, r)
		}
	}()
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = f.Title, f.XLabel, f.YLabel
	if f.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if f.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	p.Legend.Top, p.Legend.Left = !f.LegendBottom, f.Left
	for k, s := range f.Series {
		var xys plotter.XYs
		for i := range s.X {
			if contourFinite(s.X[i]) && contourFinite(s.Y[i]) && (!f.LogY || s.Y[i] > 0) && (!f.LogX || s.X[i] > 0) {
				xys = append(xys, plotter.XY{X: s.X[i], Y: s.Y[i]})
			}
		}
		if len(xys) == 0 {
			continue
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		l.Color, l.Width = contourColor(k), vg.Points(1.2)
		p.Add(l)
		if f.Markers {
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return err
			}
			sc.Color = contourColor(k)
			p.Add(sc)
			p.Legend.Add(s.Label, l, sc)
		} else if s.Label != "" {
			p.Legend.Add(s.Label, l)
		}
	}
	data, err := contourBytes(p, "png")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

// plotLogLog draws lesson 9's costs on log-log axes.
func plotLogLog(path, title, xl, yl string, cost lessons.CostResult) error {
	f := lessonFigure{Title: title, XLabel: xl, YLabel: yl, LogX: true, LogY: true, Left: true, Markers: true}
	for _, op := range lessons.CostOps() {
		var xs, ys []float64
		for _, q := range cost.Points {
			xs, ys = append(xs, float64(q.Params)), append(ys, q.NsPerOp[op]/1e3)
		}
		f.Series = append(f.Series, lineSeries{Label: fmt.Sprintf("%s (slope %.2f)", op, cost.Slope[op]), X: xs, Y: ys})
	}
	return plotLessonFigure(path, f)
}

// lessonPairs turns 2-D points into the XY pairs of a plotPath.
func lessonPairs(xs [][]float64) [][2]float64 {
	out := make([][2]float64, 0, len(xs))
	for _, x := range xs {
		if len(x) >= 2 && !math.IsNaN(x[0]) && !math.IsNaN(x[1]) {
			out = append(out, [2]float64{x[0], x[1]})
		}
	}
	return out
}

// lessonSteps returns 0, 1, …, n−1 as float64.
func lessonSteps(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i)
	}
	return s
}

// lessonLinspace returns n evenly spaced values from lo to hi inclusive.
func lessonLinspace(lo, hi float64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return s
}

// checkBenchTime validates --bench-time as Go's -test.benchtime reads it: a
// positive duration ("50ms") or a positive count of iterations ("100x").
func checkBenchTime(s string) error {
	if n, ok := strings.CutSuffix(s, "x"); ok {
		if k, err := strconv.Atoi(n); err == nil && k > 0 {
			return nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return nil
	}
	return usagef("--bench-time %q: want a duration such as 50ms or an iteration count such as 100x", s)
}
