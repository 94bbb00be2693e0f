package main

import (
	"fmt"
	"math/big"
	"strings"
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

// symmetryResult is the JSON document of `saddle symmetry --json`.
type symmetryResult struct {
	Net          string    `json:"net"`
	Sizes        []int     `json:"sizes"`
	Hidden       string    `json:"hidden"`
	Output       string    `json:"output"`
	Loss         string    `json:"loss"`
	Data         string    `json:"data"`
	ParamsSource string    `json:"params_source"`
	Params       []float64 `json:"params"`
	// OrbitSize is Π over hidden layers of n!·2ⁿ (n! without flips).
	OrbitSize *big.Int `json:"orbit_size"`
	// OrbitSizeLog10 is log₁₀ of OrbitSize, for readers whose JSON numbers are float64.
	OrbitSizeLog10 float64 `json:"orbit_size_log10"`
	// Enumerated: the whole orbit was evaluated; otherwise Evaluated random
	// members (seeded) were.
	Enumerated bool `json:"enumerated"`
	Evaluated  int  `json:"evaluated"`
	// Distinct counts the different parameter vectors among those evaluated.
	Distinct   int       `json:"distinct"`
	LossAt     float64   `json:"loss_at_params"`
	Losses     []float64 `json:"losses"`
	LossMin    float64   `json:"loss_min"`
	LossMax    float64   `json:"loss_max"`
	Canonical  []float64 `json:"canonical"`
	CanonLoss  float64   `json:"canonical_loss"`
	Permuted   []float64 `json:"permuted"`
	PermutedBy [][]int   `json:"permutation"` // per hidden layer: new unit i is old unit p[i]
	// Eigenvalues of the Hessian at the point and at the permuted point,
	// ascending; omitted (with HessianSkipped saying why) for large nets.
	Eigenvalues         []float64 `json:"eigenvalues,omitempty"`
	EigenvaluesPermuted []float64 `json:"eigenvalues_permuted,omitempty"`
	EigenvalueMaxDiff   float64   `json:"eigenvalue_max_diff"`
	HessianSkipped      string    `json:"hessian_skipped,omitempty"`
}

// barrierResult is the JSON document of `saddle symmetry --barrier A B --json`.
type barrierResult struct {
	Net            string    `json:"net"`
	A              string    `json:"a"`
	B              string    `json:"b"`
	LossA          float64   `json:"loss_a"`
	LossB          float64   `json:"loss_b"`
	T              []float64 `json:"t"`
	LossBefore     []float64 `json:"loss_before"`
	LossAfter      []float64 `json:"loss_after"`
	BarrierBefore  float64   `json:"barrier_before"`
	BarrierAfter   float64   `json:"barrier_after"`
	DistanceBefore float64   `json:"distance_before"`
	DistanceAfter  float64   `json:"distance_after"`
	Matched        []float64 `json:"matched_b"`
}

// orbitShown is the number of orbit members listed in text mode.
const orbitShown = 8

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
	r := symmetryResult{
		Net: nf.name(), Sizes: p.Net.Sizes, Hidden: string(p.Net.Hidden), Output: string(p.Net.Output),
		Loss: string(p.Loss), Data: p.Data.Name,
	}
	if paramsPath != "" {
		params, err := checkpointParams("params", paramsPath, p.Net)
		if err != nil {
			return err
		}
		r.Params, r.ParamsSource = params, "checkpoint "+paramsPath
	} else {
		r.Params = nn.InitUniform(p.Net, 1, cfg.Seed)
		r.ParamsSource = fmt.Sprintf("generic point: uniform(-1, 1), seed %d (no --params)", cfg.Seed)
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}
	count, _ := cfg.Members(p.Net)
	if err := checkHeld(fmt.Sprintf("%s orbit members × %d parameters", shortCount(count), p.NumParams()), count*float64(p.NumParams()),
		"lower --samples or --max-orbit"); err != nil {
		return err
	}
	st, err := nn.StudyOrbit(p, r.Params, cfg)
	if err != nil {
		return err
	}
	r.fill(st)
	if st.HessianSkipped {
		r.HessianSkipped = fmt.Sprintf("%d parameters > --max-hessian %d", p.NumParams(), max(cfg.MaxHessian, 0))
	}
	if jsonOut {
		return writeJSON(e, r)
	}
	printSymmetry(e, r)
	return nil
}

// fill copies an orbit study into the output document.
func (r *symmetryResult) fill(st nn.OrbitStudy) {
	r.OrbitSize, r.OrbitSizeLog10, r.Enumerated, r.Evaluated, r.Distinct = st.OrbitSize, st.OrbitSizeLog10, st.Enumerated, st.Evaluated, st.Distinct
	r.Losses, r.LossAt, r.LossMin, r.LossMax = st.Losses, st.Losses[0], st.LossMin, st.LossMax
	r.Canonical, r.CanonLoss, r.Permuted, r.PermutedBy = st.Canonical, st.CanonicalLoss, st.Permuted, st.Permutation
	r.Eigenvalues, r.EigenvaluesPermuted, r.EigenvalueMaxDiff = st.Eigenvalues, st.EigenvaluesPermuted, st.EigenvalueMaxDiff
}

func printSymmetry(e *env, r symmetryResult) {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "net\t%s: %s, %s on %s\n", r.Net, nn.MLP{Sizes: r.Sizes, Hidden: nn.Activation(r.Hidden), Output: nn.Activation(r.Output)}, r.Loss, r.Data)
	fmt.Fprintf(w, "params\t%s\n", r.ParamsSource)
	if r.Enumerated {
		fmt.Fprintf(w, "orbit\t%s equivalent points, %d distinct\n", bigString(r.OrbitSize), r.Distinct)
	} else {
		fmt.Fprintf(w, "orbit\t%s equivalent points; %d random members evaluated (%d distinct)\n", bigString(r.OrbitSize), r.Evaluated, r.Distinct)
	}
	fmt.Fprintf(w, "loss\t%.15g at the point; over the orbit min %.15g, max %.15g (spread %.2g)\n",
		r.LossAt, r.LossMin, r.LossMax, r.LossMax-r.LossMin)
	shown := min(len(r.Losses), orbitShown)
	for i := range shown {
		fmt.Fprintf(w, "  #%d\t%.15g\n", i, r.Losses[i])
	}
	if shown < len(r.Losses) {
		fmt.Fprintf(w, "  …\t%d more (see --json)\n", len(r.Losses)-shown)
	}
	fmt.Fprintf(w, "canonical\t%s (loss %.15g)\n", shortFloats(r.Canonical, 12), r.CanonLoss)
	if r.HessianSkipped != "" {
		fmt.Fprintf(w, "hessian\tskipped: %s\n", r.HessianSkipped)
	} else {
		fmt.Fprintf(w, "hessian eigenvalues\t%s\n", shortFloats(r.Eigenvalues, 12))
		fmt.Fprintf(w, "  at a permuted point\t%s\n", shortFloats(r.EigenvaluesPermuted, 12))
		fmt.Fprintf(w, "  permutation\t%v per hidden layer (new unit i is old unit p[i])\n", r.PermutedBy)
		fmt.Fprintf(w, "  max difference\t%.2g\n", r.EigenvalueMaxDiff)
	}
	w.Flush()
}

// bigString writes n in full up to 15 digits, else as "1.487e+410".
func bigString(n *big.Int) string {
	s := n.String()
	if len(s) <= 15 {
		return s
	}
	return fmt.Sprintf("%s.%se+%d", s[:1], s[1:4], len(s)-1)
}

// shortFloats formats xs with 6 significant digits; beyond limit values it
// shows the first and last limit/2 (the extremes of a sorted spectrum).
func shortFloats(xs []float64, limit int) string {
	format := func(vs []float64) string {
		parts := make([]string, len(vs))
		for i, x := range vs {
			parts[i] = fmt.Sprintf("%.6g", x)
		}
		return strings.Join(parts, " ")
	}
	if len(xs) <= limit {
		return "[" + format(xs) + "]"
	}
	k := limit / 2
	return fmt.Sprintf("[%s … (%d more) … %s]", format(xs[:k]), len(xs)-2*k, format(xs[len(xs)-k:]))
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
	before, after := mb.Before, mb.After
	r := barrierResult{
		Net: nf.name(), A: aPath, B: bPath,
		LossA: before.Loss[0], LossB: before.Loss[len(before.Loss)-1],
		T: before.T, LossBefore: before.Loss, LossAfter: after.Loss,
		BarrierBefore: before.Barrier, BarrierAfter: after.Barrier,
		DistanceBefore: mb.DistanceBefore, DistanceAfter: mb.DistanceAfter,
		Matched: mb.Matched,
	}
	if plotPath != "" {
		err := plotLines(plotPath, linePlot{
			Title:  fmt.Sprintf("loss from A to B (%s)", p.Net),
			XLabel: "t: (1−t)·A + t·B", YLabel: "loss",
			Series: []lineSeries{
				{Label: fmt.Sprintf("before matching (barrier %.3g)", r.BarrierBefore), X: r.T, Y: r.LossBefore},
				{Label: fmt.Sprintf("after matching (barrier %.3g)", r.BarrierAfter), X: r.T, Y: r.LossAfter},
			},
		})
		if err != nil {
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
