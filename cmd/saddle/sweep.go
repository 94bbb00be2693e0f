package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

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
	if lrs == nil {
		if lrs, err = optim.AutoLRs(obj, sp.start, cfg); err != nil {
			return fmt.Errorf("--lrs auto: %v; give --lrs", err)
		}
	}
	// Each learning rate is a run of its own from the same start: a shard
	// runs its block of the list.
	first, end := 0, len(lrs)
	if sharded {
		first, end = shard.Range(shardK, shards, len(lrs))
	}
	if err := sp.checkSize(*steps, end-first, cfg.Paths); err != nil {
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
	out := hdr.Report(res)
	if *pro.plot != "" {
		if err := plotSweep(*pro.plot, sp.fn, sp.names, res); err != nil {
			return err
		}
	}
	if *pro.json {
		return writeJSON(e, out)
	}
	_ = out.WriteText(e.stdout) // e.stdout keeps a failed write for run to report
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

// checkSize refuses runs of steps steps that would keep too many values
// (the loss, and with paths the point, of every step) or take too long.
func (sp sweepProblem) checkSize(steps, runs int, paths bool) error {
	perStep := 1.0
	if paths {
		perStep += float64(len(sp.start))
	}
	if err := checkHeld(fmt.Sprintf("--steps %d × %d learning rates", steps, runs), float64(runs)*float64(steps+1)*perStep,
		"use fewer steps or split the learning rates with --shards"); err != nil {
		return err
	}
	return checkSteps(steps, runs, len(sp.start), sp.samples)
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

// plotSweep draws the loss traces (shard.SweepFigure), and for two
// variables with fn known the paths over fn's contours
// (shard.SweepPathsFigure) to FILE-paths.EXT.
func plotSweep(path string, fn autodiff.Func, names []string, res optim.SweepResult) error {
	if err := plotLines(path, shard.SweepFigure(res)); err != nil {
		return err
	}
	f := func(x, y float64) float64 { return autodiff.Value(fn, []float64{x, y}) }
	if c, ok := shard.SweepPathsFigure(f, names, res); ok && fn != nil {
		ext := filepath.Ext(path)
		return plotContour(strings.TrimSuffix(path, ext)+"-paths"+ext, c)
	}
	return nil
}
