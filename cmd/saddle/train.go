package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

func init() {
	register(&command{
		name:    "train",
		summary: "train a net with one optimizer: final loss, accuracy, loss curve, checkpoints",
		usage: "saddle train [--net xor | --sizes 2,4,1 --act tanh --loss bce --data FILE.csv] " +
			"[--opt " + strings.Join(optim.Names(), "|") + "] [--lr LR] [--steps N] [--batch B] [--seed S] " +
			"[--init preset|formula|uniform|xavier|he|workload-w1|workload-w5|FILE] [--save FILE] [--resume FILE] " +
			"[--plot loss.png|.svg] [--trace FILE.csv] [--json]",
		example: "saddle train --net xor",
		run:     runTrain,
	})
}

// trainFlags are the flags of saddle train besides the net, optimizer,
// init and common ones.
type trainFlags struct {
	steps, batch, traceEvery *int
	lossTol, gradTol         *float64
	save, resume, trace      *string
}

func addTrainFlags(fs *flag.FlagSet) *trainFlags {
	return &trainFlags{
		steps:      fs.Int("steps", 10000, "number of optimizer steps (presets linreg and w3 have their own defaults: saddle help train)"),
		batch:      fs.Int("batch", 0, "mini-batch size (rows per step, reshuffled every epoch with --seed); 0 means the whole dataset (sgd: 1)"),
		lossTol:    fs.Float64("loss-tol", 0, "stop when the loss is at most this (0: off)"),
		gradTol:    fs.Float64("grad-tol", 0, "stop when the gradient norm is at most this (0: off)"),
		traceEvery: fs.Int("trace-every", 0, "record the trace every K steps (0: about 1,000 points)"),
		save:       fs.String("save", "", "write a checkpoint (net, parameters, optimizer state) to FILE at the end"),
		resume:     fs.String("resume", "", "continue from a checkpoint FILE (its parameters and, for the same --opt, optimizer state)"),
		trace:      fs.String("trace", "", "write the trace to FILE.csv (step,loss,grad_norm,lr)"),
	}
}

// check validates the train flags (usage errors).
func (tf *trainFlags) check() error {
	switch {
	case *tf.steps <= 0:
		return usagef("--steps must be > 0, got %d", *tf.steps)
	case *tf.batch < 0:
		return usagef("--batch must be ≥ 0, got %d", *tf.batch)
	case *tf.lossTol < 0 || *tf.gradTol < 0:
		return usagef("--loss-tol and --grad-tol must be ≥ 0")
	case *tf.traceEvery < 0:
		return usagef("--trace-every must be ≥ 0, got %d", *tf.traceEvery)
	}
	return nil
}

func runTrain(e *env, args []string) error {
	c := commands["train"]
	fs := newFlags(c)
	nf := addNetFlags(fs)
	of := addOptFlags(fs, "gd")
	inf := addInitFlags(fs, "preset")
	tf := addTrainFlags(fs)
	pro := addPrologue(fs, "", "draw the loss and gradient norm per step to FILE.png or FILE.svg")
	if _, err := pro.parse(e, c, fs, args, false); err != nil {
		return err
	}
	presetTraining(fs, nf, of, tf.steps)
	if err := firstError(of.check(fs), inf.check(), tf.check()); err != nil {
		return err
	}
	if *tf.resume != "" && flagSet(fs, "init") {
		return usagef("--init and --resume exclude each other (a resumed run starts from the checkpoint)")
	}
	prob, err := nf.problem()
	if err != nil {
		return err
	}
	if err := of.checkHessian(prob); err != nil {
		return err
	}
	params, ck, err := trainStart(nf, inf, tf, prob)
	if err != nil {
		return err
	}
	opt, lr, err := of.build(func() optim.HessFunc { return optim.HessianFromProblem(prob) }, *inf.seed)
	if err != nil {
		return err
	}
	offset := 0
	if ck != nil {
		if offset, err = optim.Resume(opt, *of.name, *ck); err != nil {
			return fmt.Errorf("--resume %s: %v", *tf.resume, err)
		}
	}
	cfg, err := trainConfig(e, of, tf, inf, prob, lr, offset)
	if err != nil {
		return err
	}
	prog := newProgress(e, "train", "steps", *tf.steps, *pro.json)
	cfg.OnStep = func(step int, loss float64) { prog.Update(step, loss) }
	res := optim.Train(optim.FromProblem(prob), params, opt, cfg)
	prog.Done()
	for i := range res.Trace {
		res.Trace[i].Step += offset
	}
	if err := trainFiles(tf, *pro.plot, nf.name(), *of.name, lr, prob, opt, res, offset); err != nil {
		return err
	}
	tr := optim.NewTrainReport(nf.name(), *of.name, lr, prob, res, offset)
	diverged := res.Err()
	if *pro.json {
		if err := writeJSON(e, tr); err != nil {
			return err
		}
	} else if diverged == nil {
		_ = tr.WriteText(e.stdout, prob) // e.stdout keeps a failed write for run to report
	}
	if diverged != nil {
		return fmt.Errorf("%v (lr %v is too large for this start; try a smaller --lr)", diverged, lr)
	}
	return nil
}

// trainStart returns the start: a checkpoint (--resume, also returned),
// the preset's start or an --init.
func trainStart(nf *netFlags, inf *initFlags, tf *trainFlags, prob nn.Problem) ([]float64, *nn.Checkpoint, error) {
	switch {
	case *tf.resume != "":
		ck, err := loadNetCheckpoint("resume", *tf.resume, prob.Net)
		if err != nil {
			return nil, nil, err
		}
		if ck.Loss != "" && ck.Loss != prob.Loss {
			return nil, nil, fmt.Errorf("--resume %s: the checkpoint was trained with loss %s, the flags give %s", *tf.resume, ck.Loss, prob.Loss)
		}
		return ck.Params, &ck, nil
	case *inf.init == "preset":
		return nf.start(prob), nil, nil
	}
	params, err := inf.start(prob.Net, 0)
	return params, nil, err
}

// trainConfig is the training configuration of the flags: steps,
// tolerances, trace, schedule (continued after offset steps), mini-batches.
func trainConfig(e *env, of *optFlags, tf *trainFlags, inf *initFlags, prob nn.Problem, lr float64, offset int) (optim.Config, error) {
	steps, every := *tf.steps, *tf.traceEvery
	if every == 0 {
		every = max(1, steps/1000)
	}
	if err := checkHeld(fmt.Sprintf("--steps %d with --trace-every %d", steps, every), 5*float64(steps/every+1),
		"record the trace less often with --trace-every"); err != nil {
		return optim.Config{}, err
	}
	rows := prob.Data.N
	if *tf.batch > 0 {
		rows = min(*tf.batch, rows)
	}
	if err := checkSteps(steps, 1, prob.NumParams(), rows); err != nil {
		return optim.Config{}, err
	}
	cfg := optim.Config{Steps: steps, LossTol: *tf.lossTol, GradTol: *tf.gradTol, TraceEvery: every,
		Context: e.ctx, Anomaly: optim.AnomalyFromFunc(prob.Func())}
	if sched, err := of.schedule(lr, steps); err != nil {
		return cfg, err
	} else if sched != nil {
		cfg.Schedule = func(step int) float64 { return sched(step + offset) }
	}
	if b := *tf.batch; b > 0 || *of.name == "sgd" {
		if b == 0 {
			b = 1
		}
		cfg.MiniBatch = &optim.MiniBatch{Rows: prob.Data.N, Size: min(b, prob.Data.N), Seed: *inf.seed,
			Objective: optim.FromProblemRows(prob)}
	}
	return cfg, nil
}

// trainFiles writes the trace, the plot and the checkpoint of a run, and
// turns an interrupted run into its error. The trace and the plot are
// written even for a diverged or interrupted run (an interruption's message
// says they were written).
func trainFiles(tf *trainFlags, plotPath, net, optName string, lr float64, prob nn.Problem, opt optim.Optimizer, res optim.Result, offset int) (err error) {
	var written []string
	if *tf.trace != "" {
		if err := atomicfile.Write(*tf.trace, func(w io.Writer) error { return optim.WriteTraceCSV(w, res.Trace) }); err != nil {
			return err
		}
		written = append(written, "the trace to "+*tf.trace)
	}
	if plotPath != "" {
		if err := plotTrain(plotPath, net, optName, lr, res.Trace); err != nil {
			return err
		}
		written = append(written, "the plot to "+plotPath)
	}
	save := *tf.save
	if save != "" && res.Err() == nil {
		if err := nn.SaveCheckpoint(save, optim.Checkpoint(prob, res.Params, offset+res.Steps, opt, optName)); err != nil {
			return err
		}
	}
	if res.Stopped == optim.StopCancelled {
		at := offset + res.Steps
		if len(written) > 0 {
			defer func() {
				err = fmt.Errorf("%v; wrote %s for the steps %d to %d", err, strings.Join(written, " and "), offset, at)
			}()
		}
		if save == "" {
			return fmt.Errorf("interrupted at step %d (loss %.6g); the parameters are not saved (give --save FILE to keep an interrupted run)", at, res.FinalLoss)
		}
		return fmt.Errorf("interrupted at step %d (loss %.6g); saved to %s: continue with the same flags and --resume %s --steps %d",
			at, res.FinalLoss, save, save, *tf.steps-res.Steps)
	}
	return nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
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
