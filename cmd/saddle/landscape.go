package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/landscape"
	"github.com/saddle-dev/saddle/shard"
)

func init() {
	register(&command{
		name:    "landscape",
		summary: "the loss of a net along a line, on a plane, between two solutions, or around a training path (PCA)",
		usage: "saddle landscape [--net xor] [--params FILE] [--mode line|plane|interp|pca] [--grid 51] [--span 1] " +
			"[--filter-norm] [--seed S] [--to FILE] [--opt gd --lr LR --steps 10000] [--workers W] [--shard K/N | --shards N] [--part FILE] [--json] [--csv FILE] [--plot F.png|.svg]",
		example: "saddle landscape --net xor --mode plane --filter-norm --plot xor-plane.png",
		run:     runLandscape,
	})
}

// landscapeResult is the JSON document of `saddle landscape --json`.
type landscapeResult = landscape.Document

// landscapeFlags are the flags of saddle landscape besides the net, the
// optimizer and the common ones.
type landscapeFlags struct {
	params, to, mode *string
	grid, steps      *int
	span             *float64
	filterNorm       *bool
	seed             *uint64
	csv              *string
}

func addLandscapeFlags(fs *flag.FlagSet) *landscapeFlags {
	return &landscapeFlags{
		params:     fs.String("params", "", "the centre (line, plane) or first endpoint (interp): a checkpoint FILE; default: trained from the preset's start with --opt for --steps. pca: the start of the training run"),
		to:         fs.String("to", "", "interp: the second endpoint, a checkpoint FILE; default: trained from uniform(±1) with --seed"),
		mode:       fs.String("mode", "plane", "line, plane, interp (between two solutions) or pca (the training path on its top-2 principal directions)"),
		grid:       fs.Int("grid", 51, "points per axis (line, plane, pca) or along the segment (interp, at least 25)"),
		span:       fs.Float64("span", 1, "line and plane: the coordinates run from −span to span"),
		filterNorm: fs.Bool("filter-norm", false, "filter-normalised directions (Li et al. 2018): each unit's incoming weights scaled to the norm of the centre's, biases 0"),
		seed:       fs.Uint64("seed", 1, "seed of the random directions (and of the second endpoint's init)"),
		steps:      fs.Int("steps", 10000, "training steps when no --params is given (and for pca)"),
		csv:        fs.String("csv", "", "write the samples to FILE.csv (t,loss or alpha,beta,loss)"),
	}
}

// check validates the landscape flags (usage errors).
func (lf *landscapeFlags) check(sharded bool) error {
	mode := *lf.mode
	if sharded && mode != "plane" && mode != "pca" {
		return usagef("--shard splits the rows of a grid: modes plane and pca, not %s", mode)
	}
	if !slices.Contains(landscape.Modes(), landscape.Mode(mode)) {
		return usagef("--mode must be line, plane, interp or pca, got %q", mode)
	}
	if *lf.grid < 2 {
		return usagef("--grid must be ≥ 2, got %d", *lf.grid)
	}
	points := float64(*lf.grid)
	if mode == "plane" || mode == "pca" {
		points *= float64(*lf.grid)
	}
	switch {
	case points > maxLandscapePoints:
		return usagef("--grid %d makes %.3g loss evaluations in mode %s; the limit is %d", *lf.grid, points, mode, maxLandscapePoints)
	case mode == "interp" && *lf.grid < landscape.MinInterpolationPoints:
		return usagef("--grid must be ≥ %d for interp (the barrier is a maximum over the path)", landscape.MinInterpolationPoints)
	case !(*lf.span > 0) || *lf.span > maxSpan:
		return usagef("--span must be a number in (0, %g], got %v", maxSpan, *lf.span)
	case *lf.steps <= 0:
		return usagef("--steps must be > 0, got %d", *lf.steps)
	case *lf.to != "" && mode != "interp":
		return usagef("--to goes with --mode interp")
	}
	return nil
}

func runLandscape(e *env, args []string) error {
	c := commands["landscape"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	of := addOptFlags(fs, "gd")
	lf := addLandscapeFlags(fs)
	pro := addPrologue(fs, "the grid rows", "draw the curve (line, interp) or the contours (plane, pca) to FILE.png or FILE.svg")
	sf := addShardFlags(fs, "landscape", "grid rows (modes plane and pca)")
	if _, err := pro.parse(e, c, fs, args, false); err != nil {
		return err
	}
	shardK, shards, sharded, err := sf.spec(fs)
	if err != nil {
		return err
	}
	if err := of.check(fs); err != nil {
		return err
	}
	if err := lf.check(sharded); err != nil {
		return err
	}
	p, err := nf.problem()
	if err != nil {
		return err
	}
	if err := of.checkHessian(p); err != nil {
		return err
	}
	cfg, err := landscapeConfig(e, nf, of, lf, p, *pro.json)
	if err != nil {
		return err
	}
	// A shard computes the rows First…End−1 of the grid; the centre and the
	// directions are the same in every shard (seeded, deterministic).
	cfg.First, cfg.End = 0, *lf.grid
	if sharded {
		cfg.First, cfg.End = shard.Range(shardK, shards, *lf.grid)
	}
	cfg.Workers, cfg.Context, cfg.Batch = *pro.workers, e.ctx, landscape.BatchFromProblem(p)
	prog := newProgress(e, "landscape", "rows", cfg.End-cfg.First, *pro.json)
	cfg.Progress = prog.Count
	loss := optim.FromProblem(p) // compiled, safe for concurrent use
	res, err := landscape.Study(func(x []float64) float64 { return loss(x, nil) }, cfg)
	prog.Done()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted")
	} else if err != nil {
		return err
	}
	r := landscape.NewDocument(nf.name()+" ("+p.Net.String()+", "+string(p.Loss)+")", *lf.filterNorm, *lf.seed, res)
	if sharded {
		hdr := shard.LandscapeHeaderOf(r, shard.DataDigest(p.Data))
		items := make([]any, 0, cfg.End-cfg.First)
		for _, row := range res.Grid[cfg.First:cfg.End] {
			items = append(items, shard.Floats(row))
		}
		return writePart(e, sf, fs, "landscape", "row", shardK, shards, *lf.grid, hdr, items, *pro.json)
	}
	return landscapeOutput(e, r, *lf.csv, *pro.plot, *pro.json)
}

// landscapeConfig makes the study's configuration from the flags: the
// centre (a checkpoint, or trained with --opt), for interp the second
// endpoint, for pca the training path.
func landscapeConfig(e *env, nf *netFlags, of *optFlags, lf *landscapeFlags, p nn.Problem, quiet bool) (landscape.Config, error) {
	cfg := landscape.Config{Mode: landscape.Mode(*lf.mode), Grid: *lf.grid, Span: *lf.span, Seed: *lf.seed}
	var err error
	if *lf.params != "" && cfg.Mode != landscape.ModePCA {
		if cfg.Center, err = checkpointParams("params", *lf.params, p.Net); err != nil {
			return cfg, err
		}
	} else {
		start := nf.start(p)
		if *lf.params != "" {
			if start, err = checkpointParams("params", *lf.params, p.Net); err != nil {
				return cfg, err
			}
		}
		res, err := landscapeTrain(e, p, of, start, *lf.steps, *lf.seed, quiet)
		if err != nil {
			return cfg, err
		}
		cfg.Center = res.Params
		for _, pt := range res.Trace {
			if pt.Params != nil {
				cfg.Path = append(cfg.Path, pt.Params)
			}
		}
		if res.Stopped == optim.StopDiverged {
			return cfg, fmt.Errorf("training the centre diverged at step %d (%s); lower --lr", res.DivergedAt, res.Detail)
		}
	}
	if *lf.filterNorm {
		cfg.Filters = landscape.MLPFilters(p.Net)
	}
	if cfg.Mode == landscape.ModeInterp {
		if *lf.to != "" {
			cfg.To, err = checkpointParams("to", *lf.to, p.Net)
			return cfg, err
		}
		res, err := landscapeTrain(e, p, of, nn.InitUniform(p.Net, 1, *lf.seed), *lf.steps, *lf.seed, quiet)
		cfg.To = res.Params
		return cfg, err
	}
	return cfg, nil
}

// landscapeTrain trains p from start with the --opt optimizer and keeps
// about 200 points of the parameter trajectory.
func landscapeTrain(e *env, p nn.Problem, of *optFlags, start []float64, steps int, seed uint64, quiet bool) (optim.Result, error) {
	opt, _, err := of.build(func() optim.HessFunc { return optim.HessianFromProblem(p) }, seed)
	if err != nil {
		return optim.Result{}, err
	}
	bar := newProgress(e, "train", "steps", steps, quiet)
	defer bar.Done()
	res := optim.Train(optim.FromProblem(p), start, opt, optim.Config{Steps: steps, TraceEvery: max(1, steps/200), ParamsEvery: 1, Context: e.ctx,
		OnStep: func(step int, loss float64) { bar.Update(step, loss) }})
	if e.ctx != nil && e.ctx.Err() != nil {
		return res, fmt.Errorf("interrupted")
	}
	return res, nil
}

// landscapeOutput writes the CSV and the plot and prints the document.
func landscapeOutput(e *env, r landscapeResult, csvPath, plotPath string, jsonOut bool) error {
	if csvPath != "" {
		if err := writeLandscapeCSV(csvPath, r); err != nil {
			return err
		}
	}
	if plotPath != "" {
		if err := plotLandscape(plotPath, r); err != nil {
			return err
		}
	}
	if jsonOut {
		return writeJSON(e, r)
	}
	printLandscape(e, r)
	return nil
}

// writeLandscapeCSV writes the samples of r to path atomically.
func writeLandscapeCSV(path string, r landscapeResult) error {
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, b.Bytes())
}

// plotLandscape draws r's figure to path.
func plotLandscape(path string, r landscapeResult) error { return plotWrite(path, r.Figure()) }

// printLandscape prints r as text (run reports a failed write).
func printLandscape(e *env, r landscapeResult) { _ = r.WriteText(e.stdout) }
