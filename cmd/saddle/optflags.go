package main

import (
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

// optFlags are the flags that choose and tune an optimizer of optim.New,
// shared by train, restarts and landscape.
type optFlags struct {
	name     *string
	lr       *float64
	momentum *float64
	damping  *float64
	sched    *string
}

func addOptFlags(fs *flag.FlagSet, def string) *optFlags {
	var lrs []string
	for _, n := range optim.Names() {
		lrs = append(lrs, fmt.Sprintf("%s %g", n, optim.DefaultSettings(n).LR))
	}
	return &optFlags{
		name:     fs.String("opt", def, "optimizer: "+strings.Join(optim.Names(), ", ")+" (sgd is gd on mini-batches; sfn is saddle-free Newton; pgd perturbed gd)"),
		lr:       fs.Float64("lr", 0, "learning rate (default per optimizer: "+strings.Join(lrs, ", ")+")"),
		momentum: fs.Float64("momentum", 0.9, "momentum μ of momentum and nesterov"),
		damping:  fs.Float64("damping", 0, "newton: δ added to the Hessian's diagonal; sfn: floor on |λ| (0: 1e-4)"),
		sched:    fs.String("schedule", "constant", "learning-rate schedule: "+optim.ScheduleSyntax),
	}
}

// unknownOpt is the usage error of an --opt that optim.New does not know.
func unknownOpt(name string) error {
	return usagef("--opt: unknown optimizer %q (known: %s)", name, strings.Join(optim.Names(), ", "))
}

// check validates the optimizer flags (usage errors).
func (of *optFlags) check(fs *flag.FlagSet) error {
	if optim.About(*of.name) == "" {
		return unknownOpt(*of.name)
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
	return optim.DefaultSettings(*of.name).LR
}

// build makes a fresh optimizer with optim.New; hess is called only for
// newton and sfn; seed seeds pgd.
func (of *optFlags) build(hess func() optim.HessFunc, seed uint64) (optim.Optimizer, float64, error) {
	s := optim.Settings{LR: of.rate(), Momentum: *of.momentum, Damping: *of.damping, Seed: seed}
	if optim.NeedsHessian(*of.name) {
		s.Hess = hess()
	}
	opt, err := optim.New(*of.name, s)
	if err != nil {
		return nil, 0, usagef("--opt %s: %s", *of.name, strings.TrimPrefix(err.Error(), "optim: "))
	}
	return opt, s.LR, nil
}

// checkHessian refuses --opt newton and sfn on nets too large to form the
// Hessian of.
func (of *optFlags) checkHessian(p nn.Problem) error {
	if optim.NeedsHessian(*of.name) {
		return checkHessianSize(p, "--opt "+*of.name)
	}
	return nil
}

// schedule parses --schedule (optim.ParseSchedule) for a run of steps steps
// from lr; nil means constant.
func (of *optFlags) schedule(lr float64, steps int) (optim.Schedule, error) {
	s, err := optim.ParseSchedule(*of.sched, lr, steps)
	if se, ok := err.(*optim.ScheduleError); ok {
		return nil, usagef("--schedule %q: %s", se.Spec, se.Reason)
	}
	return s, err
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
