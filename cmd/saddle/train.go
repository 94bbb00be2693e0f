package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

func init() {
	register(&command{
		name:    "train",
		summary: "train a net with one optimizer: final loss, accuracy, loss curve, checkpoints",
		usage: "saddle train [--net xor | --sizes 2,4,1 --act tanh --loss bce --data FILE.csv] " +
			"[--opt " + strings.Join(optNames, "|") + "] [--lr LR] [--steps N] [--batch B] [--seed S] " +
			"[--init preset|formula|uniform|xavier|he|workload-w1|workload-w5|FILE] [--save FILE] [--resume FILE] " +
			"[--plot loss.png|.svg] [--trace FILE.csv] [--json]",
		example: "saddle train --net xor",
		run:     runTrain,
	})
}

// trainResult is the JSON document of `saddle train --json`: the DESIGN §5
// contract (final_loss, steps, stopped, params) plus accuracy and the trace.
type trainResult struct {
	Net        string       `json:"net"`
	Optimizer  string       `json:"optimizer"`
	LR         float64      `json:"lr"`
	FinalLoss  jsonFloat    `json:"final_loss"`
	GradNorm   jsonFloat    `json:"grad_norm"`
	Steps      int          `json:"steps"`
	Stopped    string       `json:"stopped"`
	DivergedAt *int         `json:"diverged_at,omitempty"`
	ResumedAt  int          `json:"resumed_at,omitempty"`
	Params     []jsonFloat  `json:"params"`
	Accuracy   *jsonFloat   `json:"accuracy"`
	Trace      []tracePoint `json:"trace"`
}

// tracePoint is one recorded step in JSON.
type tracePoint struct {
	Step     int       `json:"step"`
	Loss     jsonFloat `json:"loss"`
	GradNorm jsonFloat `json:"grad_norm"`
	LR       jsonFloat `json:"lr"`
}

// jsonFloat is a float64 that encodes NaN and ±Inf as null (JSON has no
// such numbers; a diverged run has them).
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(v, 'g', -1, 64)), nil
}

func jsonFloats(xs []float64) []jsonFloat {
	out := make([]jsonFloat, len(xs))
	for i, x := range xs {
		out[i] = jsonFloat(x)
	}
	return out
}

func runTrain(e *env, args []string) (err error) {
	c := commands["train"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	of := addOptFlags(fs, "gd")
	inf := addInitFlags(fs, "preset")
	steps := fs.Int("steps", 10000, "number of optimizer steps (presets linreg and w3 have their own defaults: saddle help train)")
	batch := fs.Int("batch", 0, "mini-batch size (rows per step, reshuffled every epoch with --seed); 0 means the whole dataset (sgd: 1)")
	lossTol := fs.Float64("loss-tol", 0, "stop when the loss is at most this (0: off)")
	gradTol := fs.Float64("grad-tol", 0, "stop when the gradient norm is at most this (0: off)")
	traceEvery := fs.Int("trace-every", 0, "record the trace every K steps (0: about 1,000 points)")
	save := fs.String("save", "", "write a checkpoint (net, parameters, optimizer state) to FILE at the end")
	resume := fs.String("resume", "", "continue from a checkpoint FILE (its parameters and, for the same --opt, optimizer state)")
	plotPath := fs.String("plot", "", "draw the loss and gradient norm per step to FILE.png or FILE.svg")
	tracePath := fs.String("trace", "", "write the trace to FILE.csv (step,loss,grad_norm,lr)")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	presetTraining(fs, nf, of, steps)
	if err := of.check(fs); err != nil {
		return err
	}
	if err := inf.check(); err != nil {
		return err
	}
	if *steps <= 0 {
		return usagef("--steps must be > 0, got %d", *steps)
	}
	if *batch < 0 {
		return usagef("--batch must be ≥ 0, got %d", *batch)
	}
	if *lossTol < 0 || *gradTol < 0 {
		return usagef("--loss-tol and --grad-tol must be ≥ 0")
	}
	if *traceEvery < 0 {
		return usagef("--trace-every must be ≥ 0, got %d", *traceEvery)
	}
	if *plotPath != "" {
		if _, err := plotFormat(*plotPath); err != nil {
			return err
		}
	}
	if *resume != "" && flagSet(fs, "init") {
		return usagef("--init and --resume exclude each other (a resumed run starts from the checkpoint)")
	}
	prob, err := nf.problem()
	if err != nil {
		return err
	}
	if err := of.checkHessian(prob); err != nil {
		return err
	}
	m := prob.Net

	// The start: a checkpoint, the preset's start or an --init.
	var params []float64
	var ck *nn.Checkpoint
	switch {
	case *resume != "":
		ck, err = loadResume(*resume, m)
		if err != nil {
			return err
		}
		if ck.Loss != "" && ck.Loss != prob.Loss {
			return fmt.Errorf("--resume %s: the checkpoint was trained with loss %s, the flags give %s", *resume, ck.Loss, prob.Loss)
		}
		params = ck.Params
	case *inf.init == "preset":
		params = nf.start(prob)
	default:
		if params, err = inf.start(m, 0); err != nil {
			return err
		}
	}

	opt, lr, err := of.build(func() optim.HessFunc { return optim.HessianFromProblem(prob) }, *inf.seed)
	if err != nil {
		return err
	}
	offset := 0
	if ck != nil {
		offset = ck.Step
		if ck.Optimizer == *of.name && len(ck.State) > 0 {
			if st, ok := opt.(optim.Stateful); ok {
				if err := st.SetState(optim.State{Step: ck.Step, Vectors: ck.State}); err != nil {
					return fmt.Errorf("--resume %s: %v", *resume, err)
				}
			}
		}
	}

	every := *traceEvery
	if every == 0 {
		every = max(1, *steps/1000)
	}
	if err := checkHeld(fmt.Sprintf("--steps %d with --trace-every %d", *steps, every), 5*float64(*steps/every+1),
		"record the trace less often with --trace-every"); err != nil {
		return err
	}
	rows := prob.Data.N
	if *batch > 0 {
		rows = min(*batch, rows)
	}
	if err := checkSteps(*steps, 1, prob.NumParams(), rows); err != nil {
		return err
	}
	cfg := optim.Config{Steps: *steps, LossTol: *lossTol, GradTol: *gradTol, TraceEvery: every,
		Context: e.ctx, Anomaly: optim.AnomalyFromFunc(prob.Func())}
	if sched, err := of.schedule(lr, *steps); err != nil {
		return err
	} else if sched != nil {
		cfg.Schedule = func(step int) float64 { return sched(step + offset) }
	}
	if b := *batch; b > 0 || *of.name == "sgd" {
		if b == 0 {
			b = 1
		}
		cfg.MiniBatch = &optim.MiniBatch{Rows: prob.Data.N, Size: min(b, prob.Data.N), Seed: *inf.seed,
			Objective: optim.FromProblemRows(prob)}
	}
	prog := newProgress(e, "train", "steps", *steps, *jsonOut)
	cfg.Progress = func(step int, loss float64) { prog.update(step, loss) }
	res := optim.Train(optim.FromProblem(prob), params, opt, cfg)
	prog.done()
	for i := range res.Trace {
		res.Trace[i].Step += offset
	}

	// Outputs that are wanted even from a diverged or interrupted run:
	// trace and plot (an interruption's message says they were written).
	var written []string
	if *tracePath != "" {
		if err := writeTraceCSV(*tracePath, res.Trace); err != nil {
			return err
		}
		written = append(written, "the trace to "+*tracePath)
	}
	if *plotPath != "" {
		if err := plotTrain(*plotPath, nf.name(), *of.name, lr, res.Trace); err != nil {
			return err
		}
		written = append(written, "the plot to "+*plotPath)
	}
	diverged := res.Err()
	if *save != "" && diverged == nil {
		out := nn.NewCheckpoint(m, prob.Loss, res.Params)
		out.Step = offset + res.Steps
		if st, ok := opt.(optim.Stateful); ok {
			s := st.State()
			out.Optimizer, out.State = *of.name, s.Vectors
		}
		if err := nn.SaveCheckpoint(*save, out); err != nil {
			return err
		}
	}
	if res.Stopped == optim.StopCancelled {
		at := offset + res.Steps
		if len(written) > 0 {
			at0 := at
			defer func() {
				err = fmt.Errorf("%v; wrote %s for the steps %d to %d", err, strings.Join(written, " and "), offset, at0)
			}()
		}
		if *save == "" {
			return fmt.Errorf("interrupted at step %d (loss %.6g); the parameters are not saved (give --save FILE to keep an interrupted run)", at, res.FinalLoss)
		}
		return fmt.Errorf("interrupted at step %d (loss %.6g); saved to %s: continue with the same flags and --resume %s --steps %d",
			at, res.FinalLoss, *save, *save, *steps-res.Steps)
	}

	tr := trainResult{Net: nf.name(), Optimizer: *of.name, LR: lr, FinalLoss: jsonFloat(res.FinalLoss),
		GradNorm: jsonFloat(res.FinalGradNorm), Steps: res.Steps, Stopped: string(res.Stopped),
		ResumedAt: offset, Params: jsonFloats(res.Params), Trace: make([]tracePoint, len(res.Trace))}
	for i, pt := range res.Trace {
		tr.Trace[i] = tracePoint{Step: pt.Step, Loss: jsonFloat(pt.Loss), GradNorm: jsonFloat(pt.GradNorm), LR: jsonFloat(pt.LR)}
	}
	if res.Stopped == optim.StopDiverged {
		k := offset + res.DivergedAt
		tr.DivergedAt = &k
	} else if acc := prob.Accuracy(res.Params); !math.IsNaN(acc) {
		a := jsonFloat(acc)
		tr.Accuracy = &a
	}
	if *jsonOut {
		if err := writeJSON(e, tr); err != nil {
			return err
		}
	} else if diverged == nil {
		printTrain(e.stdout, prob, tr, res)
	}
	if diverged != nil {
		return fmt.Errorf("%v (lr %v is too large for this start; try a smaller --lr)", diverged, lr)
	}
	return nil
}

// presetTraining applies the training defaults of the preset
// (nn.PresetTraining) to the flags not given: --opt with --lr (only
// together: the preset's rate is for its optimizer) and --steps.
func presetTraining(fs *flag.FlagSet, nf *netFlags, of *optFlags, steps *int) {
	d, ok := nn.PresetTraining(*nf.net)
	if !ok || nf.custom() {
		return
	}
	if !flagSet(fs, "opt") && !flagSet(fs, "lr") {
		*of.name, *of.lr = d.Opt, d.LR
	}
	if !flagSet(fs, "steps") {
		*steps = d.Steps
	}
}

// loadResume reads a checkpoint for --resume and checks it holds net m.
func loadResume(path string, m nn.MLP) (*nn.Checkpoint, error) {
	ck, err := loadNetCheckpoint("resume", path, m)
	if err != nil {
		return nil, err
	}
	return &ck, nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// printTrain prints a readable summary of a finished run.
func printTrain(w io.Writer, prob nn.Problem, tr trainResult, res optim.Result) {
	m := prob.Net
	fmt.Fprintf(w, "net       %s: %v, loss %s, %d samples, %d parameters\n", tr.Net, m, prob.Loss, prob.Data.N, m.NumParams())
	fmt.Fprintf(w, "optimizer %s, lr %g, %d steps", tr.Optimizer, tr.LR, tr.Steps)
	if tr.ResumedAt > 0 {
		fmt.Fprintf(w, " (resumed at step %d)", tr.ResumedAt)
	}
	fmt.Fprintf(w, ", stopped: %s\n", stopText(res.Stopped))
	fmt.Fprintf(w, "loss      %.6g (gradient norm %.3g)\n", res.FinalLoss, res.FinalGradNorm)
	if tr.Accuracy != nil {
		acc := float64(*tr.Accuracy)
		fmt.Fprintf(w, "accuracy  %.1f%% (%d of %d)\n", 100*acc, int(math.Round(acc*float64(prob.Data.N))), prob.Data.N)
	}
	if prob.Data.N <= 16 {
		out := m.Predict(res.Params, prob.Data.X)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\ninput\ttarget\toutput")
		for i := 0; i < prob.Data.N; i++ {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", fmtRow(prob.Data.Row(i), "%g"), fmtRow(prob.Data.Target(i), "%g"),
				fmtRow(out[i*m.Out():(i+1)*m.Out()], "%.4f"))
		}
		tw.Flush()
	}
	if len(res.Params) <= 32 {
		fmt.Fprintf(w, "\nparameters (%s)\n  %s\n", layoutText(m), fmtRow(res.Params, "%.6g"))
	} else {
		fmt.Fprintf(w, "\n%d parameters (use --json or --save to get them)\n", len(res.Params))
	}
}

func fmtRow(xs []float64, format string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(parts, " ")
}

// layoutText describes the parameter layout: "W1 2×2, b1 2, W2 1×2, b2 1".
func layoutText(m nn.MLP) string {
	var parts []string
	for l := 1; l < len(m.Sizes); l++ {
		parts = append(parts, fmt.Sprintf("W%d %d×%d, b%d %d", l, m.Sizes[l], m.Sizes[l-1], l, m.Sizes[l]))
	}
	return strings.Join(parts, ", ")
}

// stopText explains a stop reason in words.
func stopText(s optim.Stop) string {
	switch s {
	case optim.StopSteps:
		return "all steps done"
	case optim.StopLossTol:
		return "loss tolerance met"
	case optim.StopGradTol:
		return "gradient tolerance met"
	}
	return string(s)
}

// writeTraceCSV writes the trace as CSV, atomically.
func writeTraceCSV(path string, trace []optim.Point) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		if _, err := fmt.Fprintln(w, "step,loss,grad_norm,lr"); err != nil {
			return err
		}
		for _, pt := range trace {
			if _, err := fmt.Fprintf(w, "%d,%g,%g,%g\n", pt.Step, pt.Loss, pt.GradNorm, pt.LR); err != nil {
				return err
			}
		}
		return nil
	})
}

// plotTrain draws the loss and the gradient norm per step.
func plotTrain(path, net, opt string, lr float64, trace []optim.Point) error {
	loss := lineSeries{Label: "loss"}
	grad := lineSeries{Label: "gradient norm"}
	for _, pt := range trace {
		loss.X, loss.Y = append(loss.X, float64(pt.Step)), append(loss.Y, pt.Loss)
		grad.X, grad.Y = append(grad.X, float64(pt.Step)), append(grad.Y, pt.GradNorm)
	}
	series := []lineSeries{loss, grad}
	return plotLines(path, linePlot{
		Title:  fmt.Sprintf("%s, %s lr %g", net, opt, lr),
		XLabel: "step", YLabel: "loss, ‖gradient‖",
		LogY: allPositive(series), Series: series,
	})
}

// optNames are the optimizers of --opt.
var optNames = []string{"gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton", "sfn", "pgd"}

// defaultLR is each optimizer's learning rate when --lr is not given.
var defaultLR = map[string]float64{
	"gd": 0.5, "sgd": 0.5, "momentum": 0.05, "nesterov": 0.05, "adagrad": 0.5,
	"rmsprop": 0.01, "adam": 0.01, "newton": 1, "sfn": 1, "pgd": 0.5,
}

// optFlags are the flags that choose and tune an optimizer, shared by
// train and restarts.
type optFlags struct {
	name     *string
	lr       *float64
	momentum *float64
	damping  *float64
	sched    *string
}

func addOptFlags(fs *flag.FlagSet, def string) *optFlags {
	var lrs []string
	for _, n := range optNames {
		lrs = append(lrs, fmt.Sprintf("%s %g", n, defaultLR[n]))
	}
	return &optFlags{
		name:     fs.String("opt", def, "optimizer: "+strings.Join(optNames, ", ")+" (sgd is gd on mini-batches; sfn is saddle-free Newton; pgd perturbed gd)"),
		lr:       fs.Float64("lr", 0, "learning rate (default per optimizer: "+strings.Join(lrs, ", ")+")"),
		momentum: fs.Float64("momentum", 0.9, "momentum μ of momentum and nesterov"),
		damping:  fs.Float64("damping", 0, "newton: δ added to the Hessian's diagonal; sfn: floor on |λ| (0: 1e-4)"),
		sched:    fs.String("schedule", "constant", "learning-rate schedule: constant, step:FACTOR:EVERY, exp:GAMMA, cosine or cosine:LRMIN"),
	}
}

// check validates the optimizer flags (usage errors).
func (of *optFlags) check(fs *flag.FlagSet) error {
	if !slices.Contains(optNames, *of.name) {
		return usagef("--opt: unknown optimizer %q (known: %s)", *of.name, strings.Join(optNames, ", "))
	}
	if flagSet(fs, "lr") && !(*of.lr > 0) || math.IsInf(*of.lr, 0) {
		return usagef("--lr must be a finite number > 0, got %v", *of.lr)
	}
	if *of.momentum < 0 || *of.momentum >= 1 {
		return usagef("--momentum must be in [0, 1), got %v", *of.momentum)
	}
	if *of.damping < 0 {
		return usagef("--damping must be ≥ 0, got %v", *of.damping)
	}
	if _, err := of.schedule(1, 1); err != nil {
		return err
	}
	return nil
}

// rate returns the learning rate: --lr or the optimizer's default.
func (of *optFlags) rate() float64 {
	if *of.lr > 0 {
		return *of.lr
	}
	return defaultLR[*of.name]
}

// build makes a fresh optimizer; hess is called only for newton and sfn.
func (of *optFlags) build(hess func() optim.HessFunc, seed uint64) (optim.Optimizer, float64, error) {
	lr := of.rate()
	switch *of.name {
	case "gd", "sgd":
		return &optim.GD{LR: lr}, lr, nil
	case "momentum":
		return &optim.GD{LR: lr, Momentum: *of.momentum}, lr, nil
	case "nesterov":
		return &optim.GD{LR: lr, Momentum: *of.momentum, Nesterov: true}, lr, nil
	case "adagrad":
		return &optim.Adagrad{LR: lr}, lr, nil
	case "rmsprop":
		return &optim.RMSprop{LR: lr}, lr, nil
	case "adam":
		return &optim.Adam{LR: lr}, lr, nil
	case "newton":
		return &optim.Newton{LR: lr, Damping: *of.damping, Hess: hess()}, lr, nil
	case "sfn":
		return &optim.SaddleFreeNewton{LR: lr, Damping: *of.damping, Hess: hess()}, lr, nil
	case "pgd":
		return &optim.PerturbedGD{LR: lr, Seed: seed}, lr, nil
	}
	return nil, 0, usagef("--opt: unknown optimizer %q (known: %s)", *of.name, strings.Join(optNames, ", "))
}

// checkHessian refuses --opt newton and sfn on nets too large to form the
// Hessian of.
func (of *optFlags) checkHessian(p nn.Problem) error {
	if *of.name == "newton" || *of.name == "sfn" {
		return checkHessianSize(p, "--opt "+*of.name)
	}
	return nil
}

// schedule parses --schedule for a run of steps steps from lr; nil means
// constant.
func (of *optFlags) schedule(lr float64, steps int) (optim.Schedule, error) {
	spec := *of.sched
	parts := strings.Split(spec, ":")
	num := func(i int) (float64, error) {
		v, err := strconv.ParseFloat(parts[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return 0, usagef("--schedule %q: %q is not a number ≥ 0", spec, parts[i])
		}
		return v, nil
	}
	bad := usagef("--schedule %q: want constant, step:FACTOR:EVERY, exp:GAMMA, cosine or cosine:LRMIN", spec)
	switch parts[0] {
	case "constant", "":
		if len(parts) != 1 {
			return nil, bad
		}
		return nil, nil
	case "step":
		if len(parts) != 3 {
			return nil, bad
		}
		f, err := num(1)
		if err != nil {
			return nil, err
		}
		every, err := strconv.Atoi(parts[2])
		if err != nil || every <= 0 {
			return nil, usagef("--schedule %q: EVERY must be a whole number > 0", spec)
		}
		return optim.StepDecay(lr, f, every), nil
	case "exp":
		if len(parts) != 2 {
			return nil, bad
		}
		g, err := num(1)
		if err != nil {
			return nil, err
		}
		return optim.Exponential(lr, g), nil
	case "cosine":
		lrMin := 0.0
		switch len(parts) {
		case 1:
		case 2:
			v, err := num(1)
			if err != nil {
				return nil, err
			}
			lrMin = v
		default:
			return nil, bad
		}
		return optim.Cosine(lr, lrMin, steps), nil
	}
	return nil, bad
}
