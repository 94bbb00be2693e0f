package main

import (
	"context"
	"flag"
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
)

func init() {
	register(&command{
		name:    "restarts",
		summary: "many seeded training runs over all cores: success rate, final-loss histogram, distinct solutions",
		usage: "saddle restarts [--net xor] [--init uniform|workload-w5|…] [--n 100] [--steps 2000] [--opt gd] [--lr 0.5] " +
			"[--success-below 0.01] [--workers K] [--batch B] [--shard K/N | --shards N] [--part FILE] [--json]",
		example: "saddle restarts --net xor --init workload-w5 --n 1000 --steps 2000 --lr 0.5 --success-below 0.01",
		run:     runRestarts,
	})
}

// restartsFlags are the flags of `saddle restarts`.
type restartsFlags struct {
	nf                 *netFlags
	of                 *optFlags
	inf                *initFlags
	sf                 *shardFlags
	n, steps, bins     *int
	workers, batch     *int
	below, tol         *float64
	plot, save, resume *string
	json               *bool
}

func addRestartsFlags(fs *flag.FlagSet) *restartsFlags {
	f := &restartsFlags{nf: addNetFlags(fs), of: addOptFlags(fs, "gd"), inf: addInitFlags(fs, "uniform")}
	f.n = fs.Int("n", 100, "number of restarts; restart r starts from --init with seed (--seed, r)")
	f.steps = fs.Int("steps", 2000, "optimizer steps per restart")
	f.below = fs.Float64("success-below", 0.01, "a restart succeeds when its final loss is below this")
	f.workers = addWorkersFlag(fs, "the restarts")
	f.batch = fs.Int("batch", 0, "restarts each worker runs in lockstep, one batched evaluation of the compiled loss per step (0: chosen from the net's size, 1: one at a time); the results do not depend on it")
	f.bins = fs.Int("bins", 10, "bins of the final-loss histogram (log scale)")
	f.tol = fs.Float64("distinct-tol", 0.2, "two solutions are the same when, up to symmetry, they differ by at most this times their largest weight")
	f.plot = fs.String("plot", "", "draw the final losses, sorted, with the success threshold to FILE.png|.svg")
	f.json = fs.Bool("json", false, "print one JSON document (with every restart's final loss)")
	f.sf = addShardFlags(fs, "restarts", "restarts")
	f.save = fs.String("save", "", "on Ctrl-C, write the finished restarts to FILE for --resume (default restarts.interrupted.json, or the part's name with .interrupted)")
	f.resume = fs.String("resume", "", "continue an interrupted run from its FILE (same flags): run only the restarts it lacks; the result is the uninterrupted run's")
	return f
}

// check reports the first bad flag (after the shard flags).
func (f *restartsFlags) check(fs *flag.FlagSet) (err error) {
	if err := f.of.check(fs); err != nil {
		return err
	}
	if err := f.inf.check(); err != nil {
		return err
	}
	switch {
	case *f.n <= 0:
		return usagef("--n must be > 0, got %d", *f.n)
	case *f.steps <= 0:
		return usagef("--steps must be > 0, got %d", *f.steps)
	case *f.bins <= 0 || *f.bins > maxBins:
		return usagef("--bins must be in 1..%d, got %d", maxBins, *f.bins)
	case !(*f.below > 0) || math.IsInf(*f.below, 0):
		return usagef("--success-below must be a finite number > 0, got %v", *f.below)
	case !(*f.tol > 0):
		return usagef("--distinct-tol must be > 0, got %v", *f.tol)
	case *f.batch < 0 || *f.batch > maxBatch:
		return usagef("--batch must be between 0 and %d, got %d", maxBatch, *f.batch)
	}
	if *f.workers, err = checkWorkers(*f.workers); err != nil {
		return err
	}
	if *f.plot != "" {
		if _, err := plotFormat(*f.plot); err != nil {
			return err
		}
	}
	if init := *f.inf.init; init == "workload-w1" || init == "formula" || init == "preset" {
		return usagef("--init %s gives the same start to every restart; use uniform, xavier, he or workload-w5", init)
	}
	return nil
}

// study returns the study the flags describe: its header and the
// configuration that runs restart r (by its index in the whole study:
// same start, same optimizer seed in every shard). held is the number of
// restarts this run keeps in memory.
func (f *restartsFlags) study(ctx context.Context, held int) (shard.RestartsHeader, optim.RestartConfig, error) {
	prob, err := f.nf.problem()
	if err != nil {
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	if err := f.of.checkHessian(prob); err != nil {
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	m := prob.Net
	if _, err := f.inf.start(m, 0); err != nil { // report a bad --init once, before the workers
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	hess := func() optim.HessFunc { return optim.HessianFromProblem(prob) }
	_, lr, err := f.of.build(hess, 0)
	if err != nil {
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	if err := checkHeld(fmt.Sprintf("%d restarts × %d parameters", held, m.NumParams()), float64(held)*float64(m.NumParams()+2),
		"split the study with --shards"); err != nil {
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	if err := checkSteps(*f.steps, held, m.NumParams(), prob.Data.N); err != nil {
		return shard.RestartsHeader{}, optim.RestartConfig{}, err
	}
	hdr := shard.RestartsHeader{Net: f.nf.name(), Init: *f.inf.init, Optimizer: *f.of.name, LR: shard.Float(lr), N: *f.n, Steps: *f.steps,
		SuccessBelow: shard.Float(*f.below), DistinctTol: shard.Float(*f.tol), Bins: *f.bins,
		Arch: shard.ArchOf(m), Loss: string(prob.Loss), Data: shard.DataDigest(prob.Data)}
	cfg := optim.RestartConfig{Workers: *f.workers, Train: optim.Config{Steps: *f.steps}, Context: ctx}
	cfg.Start = func(r int) []float64 {
		p, _ := f.inf.start(m, r) // checked above: built-in inits do not fail
		return p
	}
	cfg.Objective = func() optim.Objective { return optim.FromProblem(prob) }
	if *f.batch != 1 {
		cfg.Batch = optim.BatchFromProblem(prob, *f.batch)
	}
	cfg.Optimizer = func(r int) optim.Optimizer {
		o, _, _ := f.of.build(hess, nn.RestartSeed(*f.inf.seed, r))
		return o
	}
	return hdr, cfg, nil
}

func runRestarts(e *env, args []string) error {
	c := commands["restarts"]
	fs := newFlags(c)
	f := addRestartsFlags(fs)
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	shardK, shards, sharded, err := f.sf.spec(fs)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if !sharded {
		shardK, shards = 0, 1
	}
	first, end := shard.Range(shardK, shards, *f.n)
	hdr, cfg, err := f.study(e.ctx, end-first)
	if err != nil {
		return err
	}
	block := shard.NewRestartsBlock(shardK, shards, *f.n)
	if *f.resume != "" {
		if err := block.ResumeFile(*f.resume, shard.Indexes(), hdr, studyParams(fs)); err != nil {
			return asUsage(fmt.Errorf("--resume %w", err))
		}
		if !*f.json {
			size := end - first
			fmt.Fprintf(e.stderr, "restarts: resumed from %s: %d of %d restarts were finished, running the other %d\n",
				*f.resume, size-len(block.Todo), size, len(block.Todo))
		}
	}
	if len(block.Todo) > 0 {
		prog := newProgress(e, "restarts", "restarts", len(block.Todo), *f.json)
		cfg.Progress = prog.Count
		err := block.Run(cfg)
		prog.Done()
		if err != nil {
			path := *f.save
			if path == "" {
				path = interruptedName(f.sf, shardK, shards, sharded)
			}
			return saveInterrupted(path, fs, hdr, block)
		}
	}
	if sharded {
		p, err := block.Part(hdr, studyParams(fs))
		if err != nil {
			return err
		}
		return reportPart(e, p, f.sf.path("restarts", shardK, shards), *f.json)
	}
	res := block.Result
	if err := hdr.Summarize(&res); err != nil {
		return err
	}
	out := hdr.Report(res)
	if *f.plot != "" {
		if err := plotLines(*f.plot, hdr.Figure(res)); err != nil {
			return err
		}
	}
	if *f.json {
		return writeJSON(e, out)
	}
	_ = out.WriteText(e.stdout) // e.stdout keeps a failed write for run to report
	return nil
}
