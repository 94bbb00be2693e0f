package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim/critical"
)

func init() {
	register(&command{
		name:    "critical",
		summary: "find and classify every critical point of a formula in a box, or classify a point of a net",
		usage: "saddle critical -f EXPR --box x=-5:5,y=-5:5 [--grid N] [--starts N] [--seed S] [--workers W] [--json] [--plot F.png|.svg]\n" +
			"       saddle critical --net xor (--at origin|start|v1,…,vn | --at-zero | --params FILE) [--radius R --starts N] [--json]",
		example: `saddle critical -f "(x^2+y-11)^2 + (x+y^2-7)^2" --box x=-5:5,y=-5:5`,
		run:     runCritical,
	})
}

// criticalResult is the JSON contract of `saddle critical --json` (DESIGN §5).
type criticalResult = critical.Report

func runCritical(e *env, args []string) error {
	c := commands["critical"]
	fs := newFlags(c)
	src := fs.String("f", "", "the formula, e.g. \"x^2 - y^2\" (syntax: saddle help grad)")
	box := fs.String("box", "", "the search box, NAME=MIN:MAX for every variable, e.g. x=-5:5,y=-5:5; sets the variable order")
	grid := fs.Int("grid", 0, "grid starts per axis (0: 101 in 1-D, 31 in 2-D, 11 in 3-D, none above)")
	starts := fs.Int("starts", 0, "seeded random starts in the box (or ball), added to the grid (0: none up to 3-D, 1024 in 4-D, ×4 per further dimension up to 65536)")
	gradTol := fs.Float64("grad-tol", critical.DefaultGradTol, "a point is critical when its gradient norm is at most this")
	seed := fs.Uint64("seed", 1, "seed of the random starts")
	pro := addPrologue(fs, "the starts", "draw the contours (2-D) or the curve (1-D) with the points to FILE.png or FILE.svg")
	nf := addNetFlags(fs)
	at := fs.String("at", "", "with --net: the point to classify: origin (all parameters 0), start (the preset's start) or the parameter values v1,v2,…")
	atZero := fs.Bool("at-zero", false, "with --net: the same as --at origin")
	params := fs.String("params", "", "with --net: classify the parameters of this checkpoint (saddle train --save)")
	radius := fs.Float64("radius", 0, "with --net: also search the cube of this half-width around the point (--starts random starts, default 64)")
	if _, err := pro.parse(e, c, fs, args, false); err != nil {
		return err
	}
	if *grid < 0 || *starts < 0 {
		return usagef("--grid and --starts must be ≥ 0")
	}
	if !(*gradTol > 0) {
		return usagef("--grad-tol must be a finite number > 0, got %v", *gradTol)
	}
	if *atZero {
		if *at != "" && *at != "origin" && *at != "zero" {
			return usagef("--at-zero and --at %s contradict each other", *at)
		}
		*at = "origin"
	}
	opts := critical.Options{Grid: *grid, Starts: *starts, Seed: *seed, Workers: *pro.workers, MaxStarts: maxCriticalStarts, GradTol: *gradTol, Context: e.ctx}
	if nf.set("net") || nf.custom() {
		if *src != "" || *box != "" {
			return usagef("give either -f/--box or --net, not both")
		}
		if *pro.plot != "" {
			return usagef("--plot draws formulas of 1 or 2 variables, not nets")
		}
		return runCriticalNet(e, nf, *at, *params, *radius, opts, *pro.json)
	}
	if *at != "" || *params != "" || *radius != 0 {
		return usagef("--at, --params and --radius go with --net")
	}
	fn, names, lo, hi, err := criticalBox(*src, *box)
	if err != nil {
		return err
	}
	g, total := opts.StartCount(len(names))
	if total > maxCriticalStarts && g == 0 {
		return usagef("--starts %d exceeds the limit of %d", *starts, maxCriticalStarts)
	} else if total > maxCriticalStarts {
		return usagef("--grid %d in %d dimensions makes %.3g starts; the limit is %d", g, len(names), total, maxCriticalStarts)
	}
	prog := newProgress(e, "critical", "starts", int(total), *pro.json)
	opts.Progress = prog.Count
	points, err := critical.Find(critical.FromFunc(fn), lo, hi, opts)
	prog.Done()
	if err != nil {
		return criticalErr(err)
	}
	r := criticalResult{Expr: *src, Vars: names, Points: points, Note: critical.IncompleteNote(points, opts, len(names))}
	if *pro.plot != "" {
		fig, err := r.Figure(fn, lo, hi)
		if err != nil {
			return usagef("--plot %v", err)
		}
		if err := plotWrite(*pro.plot, fig); err != nil {
			return err
		}
	}
	if *pro.json {
		return writeJSON(e, r)
	}
	return r.WriteText(e.stdout)
}

// criticalErr says "interrupted" for a cancelled search.
func criticalErr(err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted")
	}
	return err
}

// criticalBox parses -f and --box: the formula as a function of the box's
// variables, in the box's order, and the box's bounds.
func criticalBox(src, box string) (fn autodiff.Func, names []string, lo, hi []float64, err error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil, nil, nil, usagef("-f is required: give a formula like \"x^2 - y^2\" (or --net)")
	}
	f, err := expr.Parse(src)
	if err != nil {
		return nil, nil, nil, nil, usagef("formula %s: %v", quoteFormula(src), err)
	}
	if box == "" {
		return nil, nil, nil, nil, usagef("--box is required: give a range for %s, e.g. %s=-5:5", strings.Join(f.Vars(), ", "), critFirstOr(f.Vars(), "x"))
	}
	if names, lo, hi, err = expr.ParseBox("--box", box); err != nil {
		return nil, nil, nil, nil, usage(err)
	}
	if len(f.Vars()) == 0 {
		return nil, nil, nil, nil, usagef("formula %s has no variables", quoteFormula(src))
	}
	for _, v := range f.Vars() {
		if !slices.Contains(names, v) {
			return nil, nil, nil, nil, usagef("--box: no range for variable %q of the formula", v)
		}
	}
	for _, v := range names {
		if !slices.Contains(f.Vars(), v) {
			return nil, nil, nil, nil, usagef("--box: unknown variable %q: the formula's variables are %s", v, strings.Join(f.Vars(), ", "))
		}
	}
	if fn, err = f.Func(names); err != nil {
		return nil, nil, nil, nil, usagef("--box: %v", err)
	}
	return fn, names, lo, hi, nil
}

func critFirstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}

// runCriticalNet classifies a point of a net's parameter space and, with
// radius > 0, searches the cube of that half-width around it with
// opts.Starts random starts (default 64; the grid is not used).
func runCriticalNet(e *env, nf *netFlags, at, params string, radius float64, opts critical.Options, jsonOut bool) error {
	p, err := nf.problem()
	if err != nil {
		return err
	}
	if err := checkHessianSize(p, "classifying a critical point"); err != nil {
		return err
	}
	x, err := criticalNetPoint(nf, p, at, params)
	if err != nil {
		return err
	}
	if !(radius >= 0) || math.IsInf(radius, 0) {
		return usagef("--radius must be a finite number ≥ 0, got %v", radius)
	}
	prob := critical.FromFunc(p.Func())
	center, err := critical.CheckPoint(prob, x, opts.GradTol, 0)
	if err != nil {
		return err
	}
	r := criticalResult{Net: nf.name() + " (" + p.Net.String() + ", " + string(p.Loss) + ")", Vars: p.Net.ParamNames(),
		Points: []critical.Point{center}, GradTol: opts.GradTol, Radius: radius}
	if radius > 0 {
		if opts.Starts == 0 {
			opts.Starts = critical.AroundStarts
		}
		if opts.Starts > maxCriticalStarts {
			return usagef("--starts %d exceeds the limit of %d", opts.Starts, maxCriticalStarts)
		}
		// Each start ends at a point with its Hessian eigenvalues.
		if err := checkHeld(fmt.Sprintf("--starts %d × %d parameters", opts.Starts, len(x)), 2*float64(opts.Starts)*float64(len(x)), "use fewer --starts"); err != nil {
			return err
		}
		prog := newProgress(e, "critical", "starts", opts.Starts, jsonOut)
		opts.Progress = prog.Count
		found, err := critical.Around(prob, x, radius, opts)
		prog.Done()
		if err != nil {
			return criticalErr(err)
		}
		r.Center, r.Points = &center, found
	}
	if jsonOut {
		return writeJSON(e, r)
	}
	return r.WriteText(e.stdout)
}

// criticalNetPoint returns the point --at or --params names.
func criticalNetPoint(nf *netFlags, p nn.Problem, at, params string) ([]float64, error) {
	n := p.NumParams()
	switch {
	case at != "" && params != "":
		return nil, usagef("give either --at or --params, not both")
	case params != "":
		return checkpointParams("params", params, p.Net)
	case at == "origin" || at == "zero":
		return make([]float64, n), nil
	case at == "start":
		return nf.start(p), nil
	case at != "":
		x, err := parseFloats("--at", at)
		if err != nil {
			return nil, err
		}
		if len(x) != n {
			return nil, usagef("--at: %d values given, the %v net has %d parameters", len(x), p.Net, n)
		}
		return x, nil
	}
	return nil, usagef("with --net, give the point: --at origin|start|v1,v2,… or --params FILE")
}
