package main

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
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

// restartsResult is the JSON document of `saddle restarts --json`. It does
// not depend on --workers: the runs are the same for any number.
type restartsResult struct {
	Net          string        `json:"net"`
	Init         string        `json:"init"`
	Optimizer    string        `json:"optimizer"`
	LR           float64       `json:"lr"`
	N            int           `json:"n"`
	Steps        int           `json:"steps"`
	SuccessBelow float64       `json:"success_below"`
	Successes    int           `json:"successes"`
	SuccessRate  float64       `json:"success_rate"`
	Distinct     int           `json:"distinct_solutions"`
	Diverged     int           `json:"diverged"`
	Histogram    histogramJSON `json:"histogram"`
	FinalLosses  []jsonFloat   `json:"final_losses"`
}

type histogramJSON struct {
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
	Other  int       `json:"other"`
}

func runRestarts(e *env, args []string) error {
	c := commands["restarts"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	of := addOptFlags(fs, "gd")
	inf := addInitFlags(fs, "uniform")
	n := fs.Int("n", 100, "number of restarts; restart r starts from --init with seed (--seed, r)")
	steps := fs.Int("steps", 2000, "optimizer steps per restart")
	below := fs.Float64("success-below", 0.01, "a restart succeeds when its final loss is below this")
	workers := addWorkersFlag(fs, "the restarts")
	batch := fs.Int("batch", 0, "restarts each worker runs in lockstep, one batched evaluation of the compiled loss per step (0: chosen from the net's size, 1: one at a time); the results do not depend on it")
	bins := fs.Int("bins", 10, "bins of the final-loss histogram (log scale)")
	tol := fs.Float64("distinct-tol", 0.2, "two solutions are the same when, up to symmetry, they differ by at most this times their largest weight")
	plotPath := fs.String("plot", "", "draw the final losses, sorted, with the success threshold to FILE.png|.svg")
	jsonOut := fs.Bool("json", false, "print one JSON document (with every restart's final loss)")
	sf := addShardFlags(fs, "restarts", "restarts")
	save := fs.String("save", "", "on Ctrl-C, write the finished restarts to FILE for --resume (default restarts.interrupted.json, or the part's name with .interrupted)")
	resume := fs.String("resume", "", "continue an interrupted run from its FILE (same flags): run only the restarts it lacks; the result is the uninterrupted run's")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	shard, shards, sharded, err := sf.spec(fs)
	if err != nil {
		return err
	}
	if err := of.check(fs); err != nil {
		return err
	}
	if err := inf.check(); err != nil {
		return err
	}
	switch {
	case *n <= 0:
		return usagef("--n must be > 0, got %d", *n)
	case *steps <= 0:
		return usagef("--steps must be > 0, got %d", *steps)
	case *bins <= 0 || *bins > maxBins:
		return usagef("--bins must be in 1..%d, got %d", maxBins, *bins)
	case !(*below > 0) || math.IsInf(*below, 0):
		return usagef("--success-below must be a finite number > 0, got %v", *below)
	case !(*tol > 0):
		return usagef("--distinct-tol must be > 0, got %v", *tol)
	case *batch < 0 || *batch > maxBatch:
		return usagef("--batch must be between 0 and %d, got %d", maxBatch, *batch)
	}
	if *workers, err = checkWorkers(*workers); err != nil {
		return err
	}
	if *plotPath != "" {
		if _, err := plotFormat(*plotPath); err != nil {
			return err
		}
	}
	if *inf.init == "workload-w1" || *inf.init == "formula" || *inf.init == "preset" {
		return usagef("--init %s gives the same start to every restart; use uniform, xavier, he or workload-w5", *inf.init)
	}
	prob, err := nf.problem()
	if err != nil {
		return err
	}
	if err := of.checkHessian(prob); err != nil {
		return err
	}
	m := prob.Net
	if _, err := inf.start(m, 0); err != nil { // report a bad --init once, before the workers
		return err
	}
	hess := func() optim.HessFunc { return optim.HessianFromProblem(prob) }
	_, lr, err := of.build(hess, 0)
	if err != nil {
		return err
	}
	hdr := restartsHeader{Net: nf.name(), Init: *inf.init, Optimizer: *of.name, LR: partFloat(lr), N: *n, Steps: *steps,
		SuccessBelow: partFloat(*below), DistinctTol: partFloat(*tol), Bins: *bins,
		Arch: archOf(m), Loss: string(prob.Loss), Data: dataDigest(prob.Data)}
	// Restart r of a shard is restart first+r of the study: same start,
	// same optimizer seed, so the shards' results are the full run's.
	first, end := 0, *n
	if sharded {
		first, end = shardRange(shard, shards, *n)
	}
	if err := checkHeld(fmt.Sprintf("%d restarts × %d parameters", end-first, m.NumParams()), float64(end-first)*float64(m.NumParams()+2),
		"split the study with --shards"); err != nil {
		return err
	}
	if err := checkSteps(*steps, end-first, m.NumParams(), prob.Data.N); err != nil {
		return err
	}
	// res holds the restarts first…end−1; todo are those still to run
	// (all, unless --resume supplies some).
	res := newRestartSlots(end - first)
	todo := make([]int, 0, end-first)
	if *resume != "" {
		if todo, err = resumeRestarts(*resume, fs, hdr, shard, shards, sharded, first, &res); err != nil {
			return err
		}
		if !*jsonOut {
			fmt.Fprintf(e.stderr, "restarts: resumed from %s: %d of %d restarts were finished, running the other %d\n",
				*resume, end-first-len(todo), end-first, len(todo))
		}
	} else {
		for r := first; r < end; r++ {
			todo = append(todo, r)
		}
	}
	// The runs; the summary is made below over all restarts (or by merge
	// for a shard).
	cfg := optim.RestartConfig{N: len(todo), Workers: *workers}
	cfg.Start = func(i int) []float64 {
		p, _ := inf.start(m, todo[i]) // checked above: built-in inits do not fail
		return p
	}
	cfg.Objective = func() optim.Objective { return optim.FromProblem(prob) }
	if *batch != 1 {
		cfg.Batch = optim.BatchFromProblem(prob, *batch)
	}
	cfg.Optimizer = func(i int) optim.Optimizer {
		o, _, _ := of.build(hess, restartSeed(*inf.seed, todo[i]))
		return o
	}
	cfg.Train = optim.Config{Steps: *steps}
	cfg.Context = e.ctx
	if len(todo) > 0 {
		prog := newProgress(e, "restarts", "restarts", len(todo), *jsonOut)
		cfg.Progress = func(done, _ int) { prog.update(done, math.NaN()) }
		ran, err := optim.Restarts(cfg)
		prog.done()
		for i, r := range todo {
			res.FinalLoss[r-first], res.Stopped[r-first], res.Params[r-first] = ran.FinalLoss[i], ran.Stopped[i], ran.Params[i]
		}
		if err != nil {
			path := *save
			if path == "" {
				path = interruptedName(sf, shard, shards, sharded)
			}
			return saveInterrupted(path, fs, hdr, shard, shards, sharded, first, res, *below)
		}
	}
	if sharded {
		return writePart(e, sf, fs, "restarts", "restart", shard, shards, *n, first, hdr, restartItems(res, *below), *jsonOut)
	}
	optim.SummarizeRestarts(&res, hdr.summaryConfig(m))
	out := hdr.result(res)
	if *plotPath != "" {
		if err := plotRestarts(*plotPath, out.Net, res.FinalLoss, *below); err != nil {
			return err
		}
	}
	if *jsonOut {
		return writeJSON(e, out)
	}
	printRestarts(e.stdout, out)
	return nil
}

// restartsHeader is what a part of a sharded restarts study records besides
// the per-restart results: the values of the output document and what the
// summary needs (the net for comparing solutions up to symmetry, the
// tolerance, the bins). Loss and Data (a digest of the dataset) make parts
// computed from different data refuse to merge.
type restartsHeader struct {
	Net          string    `json:"net"`
	Init         string    `json:"init"`
	Optimizer    string    `json:"optimizer"`
	LR           partFloat `json:"lr"`
	N            int       `json:"n"`
	Steps        int       `json:"steps"`
	SuccessBelow partFloat `json:"success_below"`
	DistinctTol  partFloat `json:"distinct_tol"`
	Bins         int       `json:"bins"`
	Arch         netArch   `json:"arch"`
	Loss         string    `json:"loss"`
	Data         string    `json:"data_sha256"`
}

// restartItem is the result of one restart in a part; Params only for a
// success (the summary reads no others).
type restartItem struct {
	Loss    partFloat   `json:"loss"`
	Stopped string      `json:"stopped"`
	Params  []partFloat `json:"params,omitempty"`
}

// store puts the restart it into slot i of res; a success (loss below
// below) must carry all numParams parameters of the net.
func (it restartItem) store(res *optim.RestartResult, i int, below float64, numParams int) error {
	if float64(it.Loss) < below && len(it.Params) != numParams {
		return fmt.Errorf("succeeded but has %d parameters, the net has %d", len(it.Params), numParams)
	}
	res.FinalLoss[i], res.Stopped[i], res.Params[i] = float64(it.Loss), optim.Stop(it.Stopped), fromPartFloats(it.Params)
	return nil
}

// summaryConfig is the part of the restarts' configuration that
// optim.SummarizeRestarts reads. Solutions are compared over the whole
// orbit when it is small enough to list (exact), else by canonical forms.
func (h restartsHeader) summaryConfig(m nn.MLP) optim.SummaryConfig {
	cfg := optim.SummaryConfig{SuccessBelow: float64(h.SuccessBelow), DistinctTol: float64(h.DistinctTol), Bins: h.Bins,
		Canonical: func(params []float64) []float64 {
			if c, err := nn.Canonical(m, params); err == nil {
				return c
			}
			return params
		}}
	if nn.OrbitSize(m).Cmp(big.NewInt(maxOrbitCompare)) <= 0 {
		cfg.Orbit = func(params []float64) [][]float64 {
			if o, err := nn.Orbit(m, params); err == nil {
				return o
			}
			return [][]float64{params}
		}
	}
	return cfg
}

// result is the output document of the summarised restarts res.
func (h restartsHeader) result(res optim.RestartResult) restartsResult {
	out := restartsResult{Net: h.Net, Init: h.Init, Optimizer: h.Optimizer, LR: float64(h.LR), N: h.N, Steps: h.Steps,
		SuccessBelow: float64(h.SuccessBelow), Successes: res.Successes, SuccessRate: res.SuccessRate, Distinct: len(res.Solutions),
		Histogram:   histogramJSON{Edges: res.Histogram.Edges, Counts: res.Histogram.Counts, Other: res.Histogram.Other},
		FinalLosses: jsonFloats(res.FinalLoss)}
	for _, s := range res.Stopped {
		if s == optim.StopDiverged {
			out.Diverged++
		}
	}
	if out.Histogram.Edges == nil {
		out.Histogram.Edges, out.Histogram.Counts = []float64{}, []int{}
	}
	return out
}

// maxOrbitCompare bounds the orbit size for which restarts compares
// solutions against every equivalent copy (one hidden layer of 5 flippable
// units: 5!·2⁵ = 3840); larger orbits use canonical forms.
const maxOrbitCompare = 10000

// printRestarts prints the summary and a text histogram.
func printRestarts(w io.Writer, r restartsResult) {
	fmt.Fprintf(w, "%d restarts of %s: %s lr %g, %d steps, init %s\n", r.N, r.Net, r.Optimizer, r.LR, r.Steps, r.Init)
	fmt.Fprintf(w, "success (final loss < %g): %d of %d (%.1f%%)\n", r.SuccessBelow, r.Successes, r.N, 100*r.SuccessRate)
	fmt.Fprintf(w, "distinct solutions up to hidden-unit symmetry: %d\n", r.Distinct)
	if r.Diverged > 0 {
		fmt.Fprintf(w, "diverged: %d\n", r.Diverged)
	}
	if p := r.SuccessRate; p > 0 && p < 1 {
		var parts []string
		for _, k := range []int{2, 5, 10, 20} {
			parts = append(parts, fmt.Sprintf("%d: %.1f%%", k, 100*(1-math.Pow(1-p, float64(k)))))
		}
		fmt.Fprintf(w, "P(some success within k restarts) = 1 − (1 − p)^k, k = %s\n", strings.Join(parts, ", "))
	}
	h := r.Histogram
	if len(h.Counts) == 0 {
		return
	}
	fmt.Fprintln(w, "\nfinal loss (log-scale bins)")
	most := 1
	for _, c := range h.Counts {
		most = max(most, c)
	}
	for i, c := range h.Counts {
		fmt.Fprintf(w, "  [%9.3g, %9.3g) %5d %s\n", h.Edges[i], h.Edges[i+1], c, strings.Repeat("#", (40*c+most-1)/most))
	}
	if h.Other > 0 {
		fmt.Fprintf(w, "  zero or not finite  %5d\n", h.Other)
	}
}

// plotRestarts draws the final losses in increasing order (plateaus show as
// flat stretches) and the success threshold.
func plotRestarts(path, net string, losses []float64, below float64) error {
	sorted := slices.Clone(losses)
	slices.Sort(sorted)
	loss := lineSeries{Label: "final loss"}
	for i, l := range sorted {
		loss.X, loss.Y = append(loss.X, float64(i+1)), append(loss.Y, l)
	}
	n := float64(len(sorted))
	threshold := lineSeries{Label: fmt.Sprintf("success below %g", below), X: []float64{1, n}, Y: []float64{below, below}}
	series := []lineSeries{loss, threshold}
	return plotLines(path, linePlot{Title: fmt.Sprintf("%d restarts of %s", len(losses), net),
		XLabel: "restart, by final loss", YLabel: "final loss", LogY: allPositive(series), Series: series})
}
