package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/saddle-dev/saddle/optim/critical"
	"github.com/saddle-dev/saddle/optim/escape"
	"github.com/saddle-dev/saddle/shard"
)

func init() {
	register(&command{
		name:    "escape",
		summary: "how GD, momentum, adaptive methods, perturbed GD and saddle-free Newton leave a saddle point",
		usage: "saddle escape (--saddle xor|xy | -f EXPR --at x=0,y=0) [--at POINT] [--methods gd,momentum,nesterov,rmsprop,adam,pgd,sfn] " +
			"[--lr adam=0.01,…] [--n 100] [--eps 1e-3] [--perturb x,…] [--steps N] [--drop D] [--seed S] [--workers W] [--shard K/N | --shards N] [--part FILE] [--json] [--plot F.png|.svg]",
		example: "saddle escape --saddle xor --methods gd,momentum,adam,pgd --n 50 --steps 20000",
		run:     runEscape,
	})
}

// escapeResult is the JSON document of `saddle escape --json`.
type escapeResult = escape.Document

// escapeFlags are the flags of saddle escape besides the common ones.
type escapeFlags struct {
	saddle, src, at, methods, lrs, perturb *string
	n, steps                               *int
	eps, drop                              *float64
	seed                                   *uint64
}

func addEscapeFlags(fs *flag.FlagSet) *escapeFlags {
	return &escapeFlags{
		saddle:  fs.String("saddle", "", "a built-in saddle: xy (x²−y² at the origin) or xor (the XOR 2-2-1 net at the all-zero point)"),
		src:     fs.String("f", "", "a formula instead of a built-in saddle (with --at, the saddle point)"),
		at:      fs.String("at", "", "the point the runs start near: NAME=VALUE pairs (xy, -f), or origin|v1,…,v9 (xor); default the saddle"),
		methods: fs.String("methods", "gd,momentum,nesterov,rmsprop,adam,pgd,sfn", "methods to compare: "+strings.Join(escape.Methods(), ", ")),
		lrs:     fs.String("lr", "", "learning rates per method, e.g. gd=0.2,adam=0.01 (defaults: xy and -f: "+escape.LRText(escape.Hyperbolic().LR)+"; xor: "+escape.LRText(escape.XORLR())+")"),
		n:       fs.Int("n", 100, "runs per method"),
		eps:     fs.Float64("eps", 1e-3, "perturbation: each coordinate of a start is the point plus uniform(−eps, eps); 0 means start exactly at the point"),
		perturb: fs.String("perturb", "", "perturb only these variables (xy, -f), e.g. x: the stable manifold of x²−y²"),
		steps:   fs.Int("steps", 0, "step budget per run (0: 1000 for xy and -f, 10000 for xor); with -f and xy a run stops when it escapes"),
		drop:    fs.Float64("drop", 0, "a run escaped when the loss is ≤ the saddle's value − drop (0: 0.01)"),
		seed:    fs.Uint64("seed", 1, "seed of the perturbations (and of perturbed GD)"),
	}
}

// check validates the numbers of the escape flags (usage errors).
func (ef *escapeFlags) check() error {
	switch {
	case *ef.n < 1:
		return usagef("--n must be ≥ 1, got %d", *ef.n)
	case *ef.steps < 0:
		return usagef("--steps must be ≥ 0, got %d", *ef.steps)
	case !(*ef.eps >= 0) || math.IsInf(*ef.eps, 0):
		return usagef("--eps must be a finite number ≥ 0, got %v", *ef.eps)
	case !(*ef.drop >= 0) || math.IsInf(*ef.drop, 0):
		return usagef("--drop must be a finite number ≥ 0, got %v", *ef.drop)
	}
	return nil
}

func runEscape(e *env, args []string) error {
	c := commands["escape"]
	fs := newFlags(c)
	ef := addEscapeFlags(fs)
	pro := addPrologue(fs, "the runs", "draw each method's median loss curve to FILE.png or FILE.svg")
	sf := addShardFlags(fs, "escape", "runs (run r of every method)")
	if _, err := pro.parse(e, c, fs, args, false); err != nil {
		return err
	}
	shardK, shards, sharded, err := sf.spec(fs)
	if err != nil {
		return err
	}
	if err := ef.check(); err != nil {
		return err
	}
	methods, err := escape.ParseMethods(*ef.methods, *ef.lrs)
	if err != nil {
		return usage(err)
	}
	p, vars, start, err := escapeProblem(*ef.saddle, *ef.src, *ef.at)
	if err != nil {
		return err
	}
	sp, err := escape.CheckSaddle(p, 0)
	if err != nil {
		return usagef("--at: %v", err)
	}
	if sp.Kind == critical.Maximum && !*pro.json {
		fmt.Fprintf(e.stdout, "note: the point is a maximum (all Hessian eigenvalues < 0), not a saddle\n")
	}
	cfg, err := escapeConfig(e, ef, p, vars, len(methods), *pro.workers)
	if err != nil {
		return err
	}
	// A shard runs the runs first…end−1 of every method; run r starts from
	// the perturbation seeded by (--seed, r) whichever shard runs it.
	first, end := 0, cfg.N
	if sharded {
		first, end = shard.Range(shardK, shards, cfg.N)
	}
	// Each run keeps its loss curve (up to 101 points), escape step and final loss.
	held := float64(end-first) * float64(len(methods))
	if err := checkHeld(fmt.Sprintf("%d runs × %d methods", end-first, len(methods)), held*float64(min(cfg.Steps+1, 101)+2),
		"split the runs with --shards"); err != nil {
		return err
	}
	prog := newProgress(e, "escape", "runs", (end-first)*len(methods), *pro.json)
	cfg.Progress = prog.Count
	rep, runs, err := escape.Runs(p, start, methods, cfg, first, end)
	prog.Done()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted (an escape study keeps no partial results; split a long one with --shards)")
	}
	if err != nil {
		return err
	}
	hdr := shard.EscapeHeaderOf(rep, vars, *ef.eps, cfg.Steps, cfg.N, *ef.seed)
	if sharded {
		return writePart(e, sf, fs, "escape", "run", shardK, shards, cfg.N, hdr, shard.EscapeItems(runs), *pro.json)
	}
	escape.Summarize(&rep, runs)
	r := hdr.Document(rep)
	if *pro.plot != "" {
		if err := plotEscape(*pro.plot, r); err != nil {
			return err
		}
	}
	if *pro.json {
		return writeJSON(e, r)
	}
	printEscape(e, r)
	return nil
}

// escapeConfig is the study's configuration from the flags: the step
// budget (default by problem), the perturbation and its mask.
func escapeConfig(e *env, ef *escapeFlags, p escape.Problem, vars []string, methods, workers int) (escape.Config, error) {
	steps := *ef.steps
	if steps == 0 {
		steps = 1000
		if p.Name == "xor" {
			steps = 10000
		}
	}
	if float64(*ef.n)*float64(steps)*float64(methods) > maxEscapeWork {
		return escape.Config{}, usagef("--n %d × --steps %d × %d methods is more than %.0g steps in all; the limit is there to keep runs finite", *ef.n, steps, methods, maxEscapeWork)
	}
	cfg := escape.Config{N: *ef.n, Eps: *ef.eps, Steps: steps, Seed: *ef.seed, Drop: *ef.drop, Workers: workers, Context: e.ctx}
	if *ef.eps == 0 {
		cfg.Eps = -1 // the library's "no perturbation"
	}
	var err error
	if *ef.perturb != "" {
		cfg.Mask, err = escape.Mask(vars, *ef.perturb)
	}
	return cfg, usage(err)
}

// escapeProblem builds the problem of --saddle or -f and the start point.
func escapeProblem(saddle, src, at string) (escape.Problem, []string, []float64, error) {
	switch {
	case saddle != "" && src != "":
		return escape.Problem{}, nil, nil, usagef("give either --saddle or -f, not both")
	case saddle == "" && src == "":
		return escape.Problem{}, nil, nil, usagef("give --saddle xy|xor or -f EXPR --at POINT")
	case src != "":
		if at == "" {
			return escape.Problem{}, nil, nil, usagef("-f needs --at, the saddle point, e.g. --at x=0,y=0")
		}
		fn, names, vals, err := formulaAt(src, at)
		if err != nil {
			return escape.Problem{}, nil, nil, err
		}
		if err := finiteOrCulprit(fn, names, vals); err != nil {
			return escape.Problem{}, nil, nil, err
		}
		p := escape.FromFunc(src, fn, vals)
		p.Drop, p.Unbounded, p.LR = 0.01, true, escape.Hyperbolic().LR
		return p, names, vals, nil
	}
	p, vars, start, err := escape.BuiltinAt(saddle, at)
	return p, vars, start, usage(err)
}

// printEscape prints r as text (run reports a failed write).
func printEscape(e *env, r escapeResult) { _ = r.WriteText(e.stdout) }

// plotEscape draws the median loss curve of every method.
func plotEscape(path string, r escapeResult) error { return plotLines(path, r.Figure()) }
