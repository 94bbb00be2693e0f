package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/landscape"
	"github.com/saddle-dev/saddle/shard"
	"gonum.org/v1/gonum/mat"
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
type landscapeResult struct {
	Mode       string `json:"mode"`
	Net        string `json:"net"`
	FilterNorm bool   `json:"filter_norm"`
	Seed       uint64 `json:"seed"`
	// CenterLoss is the loss at the centre (line, plane, pca) or at the
	// first endpoint (interp).
	CenterLoss jsonFloat `json:"center_loss"`
	// line and interp
	T    []float64   `json:"t,omitempty"`
	Loss []jsonFloat `json:"loss,omitempty"`
	// interp
	Barrier        *jsonFloat  `json:"barrier,omitempty"`
	ArgMaxT        *float64    `json:"argmax_t,omitempty"`
	EndpointLosses []jsonFloat `json:"endpoint_losses,omitempty"`
	// plane and pca: GridLoss[j][i] is the loss at centre + Alpha[i]·d1 + Beta[j]·d2.
	Alpha    []float64     `json:"alpha,omitempty"`
	Beta     []float64     `json:"beta,omitempty"`
	GridLoss [][]jsonFloat `json:"grid_loss,omitempty"`
	// pca
	Explained []float64    `json:"explained,omitempty"`
	Path      [][2]float64 `json:"path,omitempty"`
}

func runLandscape(e *env, args []string) error {
	c := commands["landscape"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	of := addOptFlags(fs, "gd")
	params := fs.String("params", "", "the centre (line, plane) or first endpoint (interp): a checkpoint FILE; default: trained from the preset's start with --opt for --steps. pca: the start of the training run")
	to := fs.String("to", "", "interp: the second endpoint, a checkpoint FILE; default: trained from uniform(±1) with --seed")
	mode := fs.String("mode", "plane", "line, plane, interp (between two solutions) or pca (the training path on its top-2 principal directions)")
	grid := fs.Int("grid", 51, "points per axis (line, plane, pca) or along the segment (interp, at least 25)")
	span := fs.Float64("span", 1, "line and plane: the coordinates run from −span to span")
	filterNorm := fs.Bool("filter-norm", false, "filter-normalised directions (Li et al. 2018): each unit's incoming weights scaled to the norm of the centre's, biases 0")
	seed := fs.Uint64("seed", 1, "seed of the random directions (and of the second endpoint's init)")
	steps := fs.Int("steps", 10000, "training steps when no --params is given (and for pca)")
	workers := addWorkersFlag(fs, "the grid rows")
	csvPath := fs.String("csv", "", "write the samples to FILE.csv (t,loss or alpha,beta,loss)")
	plotPath := fs.String("plot", "", "draw the curve (line, interp) or the contours (plane, pca) to FILE.png or FILE.svg")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	sf := addShardFlags(fs, "landscape", "grid rows (modes plane and pca)")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	shardK, shards, sharded, err := sf.spec(fs)
	if err != nil {
		return err
	}
	if sharded && *mode != "plane" && *mode != "pca" {
		return usagef("--shard splits the rows of a grid: modes plane and pca, not %s", *mode)
	}
	if err := of.check(fs); err != nil {
		return err
	}
	if !slices.Contains([]string{"line", "plane", "interp", "pca"}, *mode) {
		return usagef("--mode must be line, plane, interp or pca, got %q", *mode)
	}
	if *grid < 2 {
		return usagef("--grid must be ≥ 2, got %d", *grid)
	}
	points := float64(*grid)
	if *mode == "plane" || *mode == "pca" {
		points *= float64(*grid)
	}
	if points > maxLandscapePoints {
		return usagef("--grid %d makes %.3g loss evaluations in mode %s; the limit is %d", *grid, points, *mode, maxLandscapePoints)
	}
	if *mode == "interp" && *grid < landscape.MinInterpolationPoints {
		return usagef("--grid must be ≥ %d for interp (the barrier is a maximum over the path)", landscape.MinInterpolationPoints)
	}
	if !(*span > 0) || *span > maxSpan {
		return usagef("--span must be a number in (0, %g], got %v", maxSpan, *span)
	}
	if *steps <= 0 {
		return usagef("--steps must be > 0, got %d", *steps)
	}
	if *workers, err = checkWorkers(*workers); err != nil {
		return err
	}
	if *to != "" && *mode != "interp" {
		return usagef("--to goes with --mode interp")
	}
	if *plotPath != "" {
		if _, err := plotFormat(*plotPath); err != nil {
			return err
		}
	}
	p, err := nf.problem()
	if err != nil {
		return err
	}
	if err := of.checkHessian(p); err != nil {
		return err
	}
	n := p.NumParams()
	f := landscapeLoss(p)
	r := landscapeResult{Mode: *mode, Net: nf.name() + " (" + p.Net.String() + ", " + string(p.Loss) + ")", FilterNorm: *filterNorm, Seed: *seed}

	// The centre, and for pca the trajectory that leads to it.
	var center []float64
	var traj [][]float64
	if *params != "" && *mode != "pca" {
		if center, err = landscapeParams(*params, p); err != nil {
			return err
		}
	} else {
		start := nf.start(p)
		if *params != "" {
			if start, err = landscapeParams(*params, p); err != nil {
				return err
			}
		}
		res, err := landscapeTrain(e, p, of, start, *steps, *seed, *jsonOut)
		if err != nil {
			return err
		}
		center = res.Params
		for _, pt := range res.Trace {
			if pt.Params != nil {
				traj = append(traj, pt.Params)
			}
		}
		if res.Stopped == optim.StopDiverged {
			return fmt.Errorf("training the centre diverged at step %d (%s); lower --lr", res.DivergedAt, res.Detail)
		}
	}
	r.CenterLoss = jsonFloat(f(center))
	fb := landscapeBatch(p, f)

	direction := func(stream uint64) []float64 {
		d := landscape.RandomDirection(n, *seed, stream)
		if *filterNorm {
			return landscape.FilterNormalize(d, center, landscape.MLPFilters(p.Net))
		}
		return d
	}
	// A shard computes the rows first…end−1 of the grid; the centre and the
	// directions are the same in every shard (seeded, deterministic).
	first, end := 0, *grid
	if sharded {
		first, end = shard.Range(shardK, shards, *grid)
	}
	var rows [][]float64
	prog := newProgress(e, "landscape", "rows", end-first, *jsonOut)
	rowProgress := func(done, _ int) { prog.update(done, math.NaN()) }
	switch *mode {
	case "line":
		r.T = landscape.Linspace(-*span, *span, *grid)
		r.Loss = jsonFloats(landscape.LineBatch(fb, center, direction(0), r.T))
	case "plane":
		g := landscape.PlaneRowsBatch(fb, center, direction(0), direction(1), *grid, *span, first, end, *workers, rowProgress)
		r.Alpha, r.Beta, r.GridLoss, rows = g.Alpha, g.Beta, landscapeRows(g.Loss), g.Loss
	case "interp":
		var b []float64
		if *to != "" {
			if b, err = landscapeParams(*to, p); err != nil {
				return err
			}
		} else {
			res, err := landscapeTrain(e, p, of, nn.InitUniform(p.Net, 1, *seed), *steps, *seed, *jsonOut)
			if err != nil {
				return err
			}
			b = res.Params
		}
		in := landscape.Interpolate(f, center, b, *grid)
		r.T, r.Loss = in.T, jsonFloats(in.Loss)
		barrier, argmax := jsonFloat(in.Barrier), in.ArgMax
		r.Barrier, r.ArgMaxT = &barrier, &argmax
		r.EndpointLosses = jsonFloats([]float64{in.Loss[0], in.Loss[len(in.Loss)-1]})
	case "pca":
		tr, err := landscape.PCA(traj)
		if err != nil {
			return fmt.Errorf("pca of the training path: %v", err)
		}
		// Scale the directions so that the grid covers the path with a margin.
		sa, sb := 0.0, 0.0
		for _, q := range tr.Path {
			sa, sb = math.Max(sa, math.Abs(q[0])), math.Max(sb, math.Abs(q[1]))
		}
		sa, sb = 1.25*math.Max(sa, 1e-3), 1.25*math.Max(sb, 1e-3)
		d1, d2 := landscapeScaled(tr.Dirs[0], sa), landscapeScaled(tr.Dirs[1], sb)
		g := landscape.PlaneRowsBatch(fb, center, d1, d2, *grid, 1, first, end, *workers, rowProgress)
		r.Alpha, r.Beta = landscapeScaled(g.Alpha, sa), landscapeScaled(g.Beta, sb)
		r.GridLoss, rows = landscapeRows(g.Loss), g.Loss
		r.Explained = tr.Explained[:]
		r.Path = tr.Path
	}
	prog.done()
	if sharded {
		hdr := landscapeHeader{Mode: r.Mode, Net: r.Net, FilterNorm: r.FilterNorm, Seed: r.Seed, CenterLoss: shard.Float(r.CenterLoss),
			Alpha: r.Alpha, Beta: r.Beta, Explained: r.Explained, Path: r.Path, Data: shard.DataDigest(p.Data)}
		items := make([]any, 0, end-first)
		for _, row := range rows[first:end] {
			items = append(items, shard.Floats(row))
		}
		return writePart(e, sf, fs, "landscape", "row", shardK, shards, *grid, hdr, items, *jsonOut)
	}

	if *csvPath != "" {
		if err := writeLandscapeCSV(*csvPath, r); err != nil {
			return err
		}
	}
	if *plotPath != "" {
		if err := plotLandscape(*plotPath, r); err != nil {
			return err
		}
	}
	if *jsonOut {
		return writeJSON(e, r)
	}
	printLandscape(e, r)
	return nil
}

// landscapeLoss returns the loss of p for the grid workers: a compiled
// autodiff.Program, one clone per concurrent caller (from a pool), or the
// define-by-run p.LossValue if the loss does not compile.
func landscapeLoss(p nn.Problem) landscape.Func {
	prog, err := autodiff.Compile(p.Func(), p.NumParams())
	if err != nil {
		return p.LossValue
	}
	pool := &sync.Pool{New: func() any { return prog.Clone() }}
	return func(params []float64) float64 {
		c := pool.Get().(*autodiff.Program)
		defer pool.Put(c)
		return c.Value(params)
	}
}

// landscapeBatch returns the loss of p batched for the grid workers
// (autodiff.BatchProgram, Program.SuggestedBatch points per evaluation, the
// same values as the compiled Program), or f point by point if the loss
// does not compile.
func landscapeBatch(p nn.Problem, f landscape.Func) landscape.Batch {
	prog, err := autodiff.Compile(p.Func(), p.NumParams())
	if err != nil {
		return landscape.Batch{Size: 1, New: func() func(xs [][]float64, vals []float64) {
			return func(xs [][]float64, vals []float64) { vals[0] = f(xs[0]) }
		}}
	}
	b := prog.SuggestedBatch()
	return landscape.Batch{Size: b, New: func() func(xs [][]float64, vals []float64) {
		q := prog.Batch(b)
		return func(xs [][]float64, vals []float64) { q.ValueAndGradVecs(xs, vals, nil) }
	}}
}

// landscapeParams loads a checkpoint and checks it fits the net.
func landscapeParams(path string, p nn.Problem) ([]float64, error) {
	ck, err := nn.LoadCheckpoint(path)
	if err != nil {
		return nil, err
	}
	if m := ck.Net(); !slices.Equal(m.Sizes, p.Net.Sizes) || m.Hidden != p.Net.Hidden || m.Output != p.Net.Output {
		return nil, usagef("%s holds a %v net, but the flags describe %v (give matching --net or --sizes/--act/--out-act)", path, m, p.Net)
	}
	return ck.Params, nil
}

// landscapeTrain trains p from start and keeps about 200 points of the
// parameter trajectory.
func landscapeTrain(e *env, p nn.Problem, of *optFlags, start []float64, steps int, seed uint64, quiet bool) (optim.Result, error) {
	fn := p.Func()
	prog, err := autodiff.Compile(fn, p.NumParams())
	if err != nil {
		return optim.Result{}, fmt.Errorf("compiling the loss: %v", err)
	}
	hess := func() optim.HessFunc {
		return func(x []float64, dst *mat.SymDense) {
			h := autodiff.Hessian(fn, x)
			for i := range h {
				for j := i; j < len(h); j++ {
					dst.SetSym(i, j, (h[i][j]+h[j][i])/2)
				}
			}
		}
	}
	opt, _, err := of.build(hess, seed)
	if err != nil {
		return optim.Result{}, err
	}
	every := max(1, steps/200)
	bar := newProgress(e, "train", "steps", steps, quiet)
	defer bar.done()
	res := optim.Train(func(x, grad []float64) float64 {
		if grad == nil {
			return prog.Value(x)
		}
		return prog.ValueAndGrad(x, grad)
	}, start, opt, optim.Config{Steps: steps, TraceEvery: every, ParamsEvery: 1, Context: e.ctx,
		Progress: func(step int, loss float64) { bar.update(step, loss) }})
	if e.ctx != nil && e.ctx.Err() != nil {
		return res, fmt.Errorf("interrupted")
	}
	return res, nil
}

func landscapeScaled(v []float64, s float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i] * s
	}
	return out
}

func landscapeRows(rows [][]float64) [][]jsonFloat {
	out := make([][]jsonFloat, len(rows))
	for j, row := range rows {
		out[j] = jsonFloats(row)
	}
	return out
}

func fromJSONFloats(xs []jsonFloat) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// writeLandscapeCSV writes t,loss (line, interp) or alpha,beta,loss rows.
func writeLandscapeCSV(path string, r landscapeResult) error {
	var b strings.Builder
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if r.GridLoss == nil {
		b.WriteString("t,loss\n")
		for k, t := range r.T {
			fmt.Fprintf(&b, "%s,%s\n", num(t), num(float64(r.Loss[k])))
		}
	} else {
		b.WriteString("alpha,beta,loss\n")
		for j, beta := range r.Beta {
			for i, alpha := range r.Alpha {
				fmt.Fprintf(&b, "%s,%s,%s\n", num(alpha), num(beta), num(float64(r.GridLoss[j][i])))
			}
		}
	}
	return atomicfile.WriteBytes(path, []byte(b.String()))
}

func plotLandscape(path string, r landscapeResult) error {
	switch r.Mode {
	case "line", "interp":
		xl, title := "t (distance along a random direction)", "loss along a line through "+r.Net
		if r.Mode == "interp" {
			xl, title = "t ((1−t)·A + t·B)", fmt.Sprintf("loss between two solutions of %s (barrier %.4g)", r.Net, float64(*r.Barrier))
		}
		return plotLines(path, linePlot{Title: title, XLabel: xl, YLabel: "loss",
			Series: []lineSeries{{Label: "loss", X: r.T, Y: fromJSONFloats(r.Loss)}}})
	}
	z := make([][]float64, len(r.GridLoss))
	for j := range r.GridLoss {
		z[j] = fromJSONFloats(r.GridLoss[j])
	}
	cp := contourPlot{Title: "loss around " + r.Net, XLabel: "α (direction 1)", YLabel: "β (direction 2)", X: r.Alpha, Y: r.Beta, Z: z,
		Points: []markedPoint{{X: 0, Y: 0, Label: "centre"}}}
	if r.Mode == "pca" {
		cp.Title = "training path of " + r.Net
		cp.XLabel = fmt.Sprintf("PC1 (%.1f%% of variance)", 100*r.Explained[0])
		cp.YLabel = fmt.Sprintf("PC2 (%.1f%% of variance)", 100*r.Explained[1])
		cp.Paths = []plotPath{{Label: "path", XY: r.Path}}
		cp.Points = []markedPoint{{X: r.Path[0][0], Y: r.Path[0][1], Label: "start"}, {X: 0, Y: 0, Label: "end"}}
	}
	return plotContour(path, cp)
}

func printLandscape(e *env, r landscapeResult) {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "net\t%s\n", r.Net)
	fmt.Fprintf(w, "mode\t%s (filter-normalised: %v, seed %d)\n", r.Mode, r.FilterNorm, r.Seed)
	if r.Mode != "interp" { // interp prints both endpoints' losses below
		fmt.Fprintf(w, "loss at the centre\t%.10g\n", float64(r.CenterLoss))
	}
	switch r.Mode {
	case "line":
		lo, hi := landscapeMinMax(fromJSONFloats(r.Loss))
		fmt.Fprintf(w, "loss along t in [%g, %g]\tmin %.6g, max %.6g (%d points)\n", r.T[0], r.T[len(r.T)-1], lo, hi, len(r.T))
	case "interp":
		fmt.Fprintf(w, "endpoint losses\t%.6g, %.6g\n", float64(r.EndpointLosses[0]), float64(r.EndpointLosses[1]))
		fmt.Fprintf(w, "barrier\t%.6g at t = %.3g (%d points)\n", float64(*r.Barrier), *r.ArgMaxT, len(r.T))
	case "plane", "pca":
		var all []float64
		for _, row := range r.GridLoss {
			all = append(all, fromJSONFloats(row)...)
		}
		lo, hi := landscapeMinMax(all)
		fmt.Fprintf(w, "grid\t%d×%d, α in [%.4g, %.4g], β in [%.4g, %.4g]\n", len(r.Alpha), len(r.Beta), r.Alpha[0], r.Alpha[len(r.Alpha)-1], r.Beta[0], r.Beta[len(r.Beta)-1])
		fmt.Fprintf(w, "loss on the grid\tmin %.6g, max %.6g\n", lo, hi)
		if r.Mode == "pca" {
			fmt.Fprintf(w, "explained variance\tPC1 %.4f, PC2 %.4f (%d path points)\n", r.Explained[0], r.Explained[1], len(r.Path))
		}
	}
	w.Flush()
}

func landscapeMinMax(v []float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if !math.IsNaN(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi
}
