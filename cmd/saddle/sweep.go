package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
)

func init() {
	register(&command{
		name:    "sweep",
		summary: "learning-rate sweep of gradient descent: too slow, converges, zigzags or diverges, beside 1/λmax and 2/λmax",
		usage: "saddle sweep (-f EXPR --at x=0,y=0 | --net xor [--init …]) [--lrs auto|0.01,0.05,0.1|LO:HI:N] " +
			"[--steps 100] [--shard K/N | --shards N] [--part FILE] [--plot FILE.png|.svg] [--json]",
		example: `saddle sweep -f "(1-b0)^2 + (2-b0-b1)^2 + (3-b0-3*b1)^2" --at b0=0,b1=0 --lrs 0.01,0.04,0.06,0.09`,
		run:     runSweep,
	})
}

// sweepResult is the JSON document of `saddle sweep --json`.
type sweepResult struct {
	Problem      string      `json:"problem"`
	Vars         []string    `json:"vars,omitempty"`
	Start        []float64   `json:"start"`
	Steps        int         `json:"steps"`
	Eigenvalues  []jsonFloat `json:"eigenvalues"`
	LambdaMax    jsonFloat   `json:"lambda_max"`
	ZigzagAbove  jsonFloat   `json:"zigzag_above"`
	DivergeAbove jsonFloat   `json:"diverge_above"`
	Runs         []sweepRun  `json:"runs"`
}

type sweepRun struct {
	LR         float64     `json:"lr"`
	Regime     string      `json:"regime"`
	Why        string      `json:"why,omitempty"` // the rule that decided the regime
	FinalLoss  jsonFloat   `json:"final_loss"`
	Stopped    string      `json:"stopped"`
	DivergedAt *int        `json:"diverged_at,omitempty"`
	Losses     []jsonFloat `json:"losses"`
}

// sweepAuto are the multiples of 1/λmax tried by --lrs auto: two on each
// side of both thresholds.
var sweepAuto = []float64{0.1, 0.5, 0.9, 1.2, 1.8, 2.2, 3}

func runSweep(e *env, args []string) error {
	c := commands["sweep"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	inf := addInitFlags(fs, "preset")
	src := fs.String("f", "", "a formula to sweep on instead of a net, e.g. \"x^2 + 10*y^2\"")
	at := fs.String("at", "", "the start for -f: NAME=VALUE pairs, e.g. x=1,y=1")
	lrsFlag := fs.String("lrs", "auto", "learning rates: a comma list, LO:HI:N (N evenly spaced), or auto (multiples 0.1…3 of 1/λmax)")
	steps := fs.Int("steps", 100, "gradient-descent steps per learning rate")
	pro := addPrologue(fs, "", "draw the loss traces to FILE.png|.svg; for 2-variable formulas also the paths over contours to FILE-paths.png|.svg")
	sf := addShardFlags(fs, "sweep", "learning rates")
	if _, err := pro.parse(e, c, fs, args, false); err != nil {
		return err
	}
	shardK, shards, sharded, err := sf.spec(fs)
	if err != nil {
		return err
	}
	if *steps <= 0 {
		return usagef("--steps must be > 0, got %d", *steps)
	}
	if err := inf.check(); err != nil {
		return err
	}
	lrs, err := parseLRs(*lrsFlag)
	if err != nil {
		return err
	}
	sp, err := sweepProblemOf(fs, nf, inf, *src, *at)
	if err != nil {
		return err
	}
	obj := optim.FromFunc(sp.fn)
	cfg := optim.SweepConfig{Steps: *steps, Hess: optim.HessianFromFunc(sp.fn), Context: e.ctx, Paths: len(sp.start) == 2,
		Batch: optim.BatchFromFunc(sp.fn, len(sp.start), 0)}
	if lrs, err = sweepLRs(obj, sp.start, lrs, cfg); err != nil {
		return err
	}
	// Each learning rate is a run of its own from the same start: a shard
	// runs its block of the list.
	first, end := 0, len(lrs)
	if sharded {
		first, end = shard.Range(shardK, shards, len(lrs))
	}
	perStep := 1.0 // the loss, and with Paths the point
	if cfg.Paths {
		perStep += float64(len(sp.start))
	}
	if err := checkHeld(fmt.Sprintf("--steps %d × %d learning rates", *steps, end-first), float64(end-first)*float64(*steps+1)*perStep,
		"use fewer steps or split the learning rates with --shards"); err != nil {
		return err
	}
	if err := checkSteps(*steps, end-first, len(sp.start), sp.samples); err != nil {
		return err
	}
	res := optim.Sweep(obj, sp.start, lrs[first:end], cfg)
	if e.ctx.Err() != nil {
		return fmt.Errorf("interrupted")
	}
	hdr := shard.SweepHeader{Problem: sp.name, Vars: sp.names, Start: sp.start, Steps: *steps, LRs: lrs, Data: sp.digest}
	hdr.SetThresholds(res)
	if sharded {
		return writePart(e, sf, fs, "sweep", "lr", shardK, shards, len(lrs), hdr, shard.SweepItems(res), *pro.json)
	}
	out := sweepDoc(hdr, res)
	if *pro.plot != "" {
		if err := plotSweep(*pro.plot, sp.fn, sp.names, res); err != nil {
			return err
		}
	}
	if *pro.json {
		return writeJSON(e, out)
	}
	printSweep(e.stdout, out, sp.names)
	return nil
}

// sweepProblem is what a sweep runs on: a formula at a point, or a net
// from its start.
type sweepProblem struct {
	fn           autodiff.Func
	names        []string // the formula's variables (nil for a net)
	start        []float64
	name, digest string // the problem's name; a digest of a net's dataset
	samples      int    // data rows per step (a formula: one evaluation)
}

// sweepProblemOf builds the problem of -f/--at or of the net flags.
func sweepProblemOf(fs *flag.FlagSet, nf *netFlags, inf *initFlags, src, at string) (sweepProblem, error) {
	sp := sweepProblem{samples: 1}
	var err error
	if src != "" || at != "" {
		if nf.custom() || flagSet(fs, "net") || flagSet(fs, "init") {
			return sp, usagef("-f sweeps a formula: do not combine it with --net, --sizes, --data or --init")
		}
		if sp.fn, sp.names, sp.start, err = formulaAt(src, at); err != nil {
			return sp, err
		}
		if len(sp.start) == 0 {
			return sp, usagef("formula %s has no variables: there is nothing to sweep", quoteFormula(src))
		}
		sp.name = src
		return sp, finiteOrCulprit(sp.fn, sp.names, sp.start)
	}
	prob, err := nf.problem()
	if err != nil {
		return sp, err
	}
	if err := checkHessianSize(prob, "the sweep (its λmax at the start)"); err != nil {
		return sp, err
	}
	if *inf.init == "preset" {
		sp.start = nf.start(prob)
	} else if sp.start, err = inf.start(prob.Net, 0); err != nil {
		return sp, err
	}
	sp.fn, sp.name, sp.digest, sp.samples = prob.Func(), nf.name(), shard.DataDigest(prob.Data), prob.Data.N
	return sp, nil
}

// sweepLRs returns lrs, or for --lrs auto (nil) the multiples sweepAuto
// of 1/λmax at the start.
func sweepLRs(obj optim.Objective, start, lrs []float64, cfg optim.SweepConfig) ([]float64, error) {
	if lrs != nil {
		return lrs, nil
	}
	th := optim.Sweep(obj, start, nil, cfg)
	if !(th.LambdaMax > 0) {
		return nil, fmt.Errorf("--lrs auto: the Hessian at the start has no positive eigenvalue (λmax = %.6g), so there is no 1/λmax scale; give --lrs", th.LambdaMax)
	}
	for _, k := range sweepAuto {
		lrs = append(lrs, k/th.LambdaMax)
	}
	return lrs, nil
}

// sweepDoc is the output document of the sweep res (its runs in --lrs
// order) of the study h.
func sweepDoc(h shard.SweepHeader, res optim.SweepResult) sweepResult {
	out := sweepResult{Problem: h.Problem, Vars: h.Vars, Start: h.Start, Steps: h.Steps,
		Eigenvalues: jsonFloats(shard.FromFloats(h.Eigenvalues)), LambdaMax: jsonFloat(h.LambdaMax),
		ZigzagAbove: jsonFloat(h.ZigzagAbove), DivergeAbove: jsonFloat(h.DivergeAbove)}
	for _, run := range res.Runs {
		sr := sweepRun{LR: run.LR, Regime: string(run.Regime), Why: run.Why, FinalLoss: jsonFloat(run.Result.FinalLoss), Stopped: string(run.Result.Stopped)}
		if run.Result.Stopped == optim.StopDiverged {
			k := run.Result.DivergedAt
			sr.DivergedAt = &k
		}
		for _, pt := range run.Result.Trace {
			sr.Losses = append(sr.Losses, jsonFloat(pt.Loss))
		}
		out.Runs = append(out.Runs, sr)
	}
	return out
}

// parseLRs parses --lrs; nil means auto.
func parseLRs(s string) ([]float64, error) {
	if s == "auto" {
		return nil, nil
	}
	var lrs []float64
	if parts := strings.Split(s, ":"); len(parts) == 3 {
		lo, err1 := parseFinite(parts[0])
		hi, err2 := parseFinite(parts[1])
		n, err3 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || err3 != nil || n < 2 || n > 1000 || !(lo < hi) {
			return nil, usagef("--lrs %q: LO:HI:N needs numbers LO < HI and a whole N in 2..1000", s)
		}
		for i := 0; i < n; i++ {
			lrs = append(lrs, lo+(hi-lo)*float64(i)/float64(n-1))
		}
	} else {
		v, err := parseFloats("--lrs", s)
		if err != nil {
			return nil, err
		}
		lrs = v
	}
	for _, lr := range lrs {
		if !(lr > 0) {
			return nil, usagef("--lrs: every learning rate must be > 0, got %v", lr)
		}
	}
	return lrs, nil
}

// printSweep prints the thresholds and one line per learning rate.
func printSweep(w io.Writer, r sweepResult, names []string) {
	from := pointString(names, r.Start)
	if len(names) == 0 {
		from = fmt.Sprintf("its start (%d parameters)", len(r.Start))
	}
	fmt.Fprintf(w, "sweep of %s from %s, %d gradient-descent steps per lr\n", r.Problem, from, r.Steps)
	lmax := float64(r.LambdaMax)
	fmt.Fprintf(w, "Hessian at the start: λmax = %.6g", lmax)
	if len(r.Eigenvalues) > 0 {
		fmt.Fprintf(w, ", λmin = %.6g", float64(r.Eigenvalues[0]))
	}
	fmt.Fprintln(w)
	if lmax > 0 {
		fmt.Fprintf(w, "on a quadratic: zigzag above 1/λmax = %.6g, diverge above 2/λmax = %.6g\n\n",
			float64(r.ZigzagAbove), float64(r.DivergeAbove))
	} else {
		fmt.Fprintf(w, "no positive curvature at the start: no 1/λmax, 2/λmax thresholds\n\n")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "lr\tlr·λmax\tfinal loss\tregime\tbecause")
	for _, run := range r.Runs {
		final := fmt.Sprintf("%.6g", float64(run.FinalLoss))
		if run.DivergedAt != nil {
			final += fmt.Sprintf(" (step %d)", *run.DivergedAt)
		}
		fmt.Fprintf(tw, "%.6g\t%.3g\t%s\t%s\t%s\n", run.LR, run.LR*lmax, final, run.Regime, run.Why)
	}
	tw.Flush()
}

// plotSweep draws the loss traces, and for two variables the paths over a
// contour plot of the function.
func plotSweep(path string, fn autodiff.Func, names []string, res optim.SweepResult) error {
	var series []lineSeries
	for _, run := range res.Runs {
		s := lineSeries{Label: fmt.Sprintf("lr %.4g (%s)", run.LR, run.Regime)}
		for _, pt := range run.Result.Trace {
			s.X, s.Y = append(s.X, float64(pt.Step)), append(s.Y, pt.Loss)
		}
		series = append(series, s)
	}
	if err := plotLines(path, linePlot{Title: "gradient descent, one curve per learning rate", XLabel: "step",
		YLabel: "loss", LogY: allPositive(series), Series: series}); err != nil {
		return err
	}
	if len(res.Runs) == 0 || len(res.Runs[0].Result.Trace) == 0 || len(res.Runs[0].Result.Trace[0].Params) != 2 {
		return nil
	}
	return plotSweepPaths(pathsFile(path), fn, names, res)
}

// pathsFile is FILE-paths.EXT for FILE.EXT.
func pathsFile(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-paths" + ext
}

// plotSweepPaths draws the paths of the runs over the contours of fn. The
// box is that of the paths that did not diverge (with a margin); diverging
// paths are drawn until they leave it.
func plotSweepPaths(path string, fn autodiff.Func, names []string, res optim.SweepResult) error {
	start := res.Runs[0].Result.Trace[0].Params
	lo, hi := []float64{start[0], start[1]}, []float64{start[0], start[1]}
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
	inside := func(p []float64) bool {
		return p[0] >= lo[0] && p[0] <= hi[0] && p[1] >= lo[1] && p[1] <= hi[1]
	}
	var paths []plotPath
	for _, run := range res.Runs {
		pp := plotPath{Label: fmt.Sprintf("lr %.4g (%s)", run.LR, run.Regime)}
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
	return plotContour(path, contourPlot{
		Title: "gradient-descent paths", XLabel: xl, YLabel: yl, X: xs, Y: ys,
		F:      func(x, y float64) float64 { return autodiff.Value(fn, []float64{x, y}) },
		Points: []markedPoint{{X: start[0], Y: start[1], Label: "start"}},
		Paths:  paths,
	})
}
