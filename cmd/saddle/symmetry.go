package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim/landscape"
)

func init() {
	register(&command{
		name:    "symmetry",
		summary: "show that equivalent nets (permuted or sign-flipped hidden units) have the same loss, and permuted ones the same Hessian spectrum",
		usage: "saddle symmetry [--net xor | --sizes 2,4,1 --act tanh --loss bce --data FILE.csv] [--params FILE] [--seed S] [--json]\n" +
			"       saddle symmetry --barrier A.json B.json [--points N] [--plot FILE.png|.svg] [--json]",
		example: "saddle symmetry --net xor",
		run:     runSymmetry,
	})
}

// symmetryResult and barrierResult are the JSON documents of `saddle
// symmetry --json` and `saddle symmetry --barrier A B --json`.
type (
	symmetryResult = nn.OrbitReport
	barrierResult  = landscape.BarrierReport
)

func runSymmetry(e *env, args []string) error {
	c := commands["symmetry"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	def := nn.DefaultOrbitConfig()
	paramsPath := fs.String("params", "", "study the parameters of this checkpoint (default: a seeded generic point, uniform(−1, 1))")
	seed := fs.Uint64("seed", 1, "seed of the generic point and of the sampled orbit members")
	maxOrbit := fs.Int("max-orbit", def.MaxOrbit, "evaluate the whole orbit up to this size, else --samples random members")
	samples := fs.Int("samples", def.Samples, "random orbit members evaluated when the orbit is larger than --max-orbit")
	maxHessian := fs.Int("max-hessian", def.MaxHessian, "skip the Hessian spectra for nets with more parameters")
	barrier := fs.String("barrier", "", "A.json: with a second checkpoint B.json after it, the loss along the line A→B before and after matching B's hidden units to A's")
	points := fs.Int("points", landscape.MinInterpolationPoints, "with --barrier: evenly spaced points on the line (at least 25)")
	pro := addPrologue(fs, "", "")
	plotPath := fs.String("plot", "", "with --barrier: draw both loss curves to FILE.png or FILE.svg")
	rest, err := pro.parse(e, c, fs, args, true)
	if err != nil {
		return err
	}
	var bPath string
	if *barrier != "" {
		if len(rest) == 0 {
			return usagef("--barrier needs two checkpoints: --barrier A.json B.json")
		}
		bPath = rest[0]
		if _, err := parseFlags(e, c, fs, rest[1:], false); err != nil {
			return err
		}
	} else if len(rest) > 0 {
		return usagef("unexpected argument %q (see 'saddle symmetry -h')", rest[0])
	}
	switch {
	case *maxOrbit < 1:
		return usagef("--max-orbit must be ≥ 1, got %d", *maxOrbit)
	case *samples < 1:
		return usagef("--samples must be ≥ 1, got %d", *samples)
	case *maxHessian < 0 || *maxHessian > maxHessianParams:
		return usagef("--max-hessian must be in 0..%d, got %d", maxHessianParams, *maxHessian)
	case *points < landscape.MinInterpolationPoints || *points > 100000:
		return usagef("--points must be in %d..100000, got %d", landscape.MinInterpolationPoints, *points)
	}
	if *plotPath != "" {
		if *barrier == "" {
			return usagef("--plot draws the --barrier curves; give --barrier A.json B.json")
		}
		if _, err := plotFormat(*plotPath); err != nil {
			return err
		}
	}
	if *barrier != "" && *paramsPath != "" {
		return usagef("--params and --barrier do not go together")
	}
	p, err := nf.problem()
	if err != nil {
		return err
	}
	if *barrier != "" {
		return runBarrier(e, nf, p, *barrier, bPath, *points, *plotPath, *pro.json)
	}
	cfg := nn.OrbitConfig{MaxOrbit: *maxOrbit, Samples: *samples, Seed: *seed, MaxHessian: *maxHessian, Context: e.ctx}
	if *maxHessian == 0 {
		cfg.MaxHessian = -1 // --max-hessian 0: never
	}
	return runOrbit(e, nf, p, *paramsPath, cfg, *pro.json)
}

// runOrbit studies the orbit of a checkpoint's parameters or of a seeded
// generic point (nn.StudyOrbit).
func runOrbit(e *env, nf *netFlags, p nn.Problem, paramsPath string, cfg nn.OrbitConfig, jsonOut bool) error {
	params := nn.InitUniform(p.Net, 1, cfg.Seed)
	source := fmt.Sprintf("generic point: uniform(-1, 1), seed %d (no --params)", cfg.Seed)
	if paramsPath != "" {
		var err error
		if params, err = checkpointParams("params", paramsPath, p.Net); err != nil {
			return err
		}
		source = "checkpoint " + paramsPath
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}
	count, _ := cfg.Members(p.Net)
	if err := checkHeld(fmt.Sprintf("%s orbit members × %d parameters", shortCount(count), p.NumParams()), count*float64(p.NumParams()),
		"lower --samples or --max-orbit"); err != nil {
		return err
	}
	st, err := nn.StudyOrbit(p, params, cfg)
	if err != nil {
		return err
	}
	r := nn.NewOrbitReport(nf.name(), p, params, source, st, fmt.Sprintf("%d parameters > --max-hessian %d", p.NumParams(), max(cfg.MaxHessian, 0)))
	if jsonOut {
		return writeJSON(e, r)
	}
	return r.WriteText(e.stdout)
}

// runBarrier compares the straight line between two checkpoints before and
// after weight matching (landscape.MatchedBarrier).
func runBarrier(e *env, nf *netFlags, p nn.Problem, aPath, bPath string, points int, plotPath string, jsonOut bool) error {
	a, err := checkpointParams("barrier", aPath, p.Net)
	if err != nil {
		return err
	}
	b, err := checkpointParams("barrier", bPath, p.Net)
	if err != nil {
		return err
	}
	mb, err := landscape.MatchedBarrier(p.LossValue, p.Net, a, b, points)
	if err != nil {
		return err
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}
	r := mb.Report(nf.name(), aPath, bPath)
	if plotPath != "" {
		if err := plotLines(plotPath, r.Figure(p.Net.String())); err != nil {
			return err
		}
	}
	if jsonOut {
		return writeJSON(e, r)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "net\t%s: %s, %s on %s\n", r.Net, p.Net, p.Loss, p.Data.Name)
	fmt.Fprintf(w, "loss\tA %.6g, B %.6g\n", r.LossA, r.LossB)
	fmt.Fprintf(w, "before matching\tbarrier %.6g, |A−B| %.6g\n", r.BarrierBefore, r.DistanceBefore)
	fmt.Fprintf(w, "after matching\tbarrier %.6g, |A−B'| %.6g\n", r.BarrierAfter, r.DistanceAfter)
	if plotPath != "" {
		fmt.Fprintf(w, "plot\t%s\n", plotPath)
	}
	return w.Flush()
}
