package workload

import (
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/workload/ref"
)

// allocMeter counts heap allocations between start and perStep.
type allocMeter struct{ before runtime.MemStats }

func (a *allocMeter) start() { runtime.ReadMemStats(&a.before) }

// perStep returns the allocations since start divided by steps.
func (a *allocMeter) perStep(steps int) float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.Mallocs-a.before.Mallocs) / float64(steps)
}

// Train times reps+1 training runs of steps (the first untimed), each from
// start with a fresh optimizer, and returns the ns per step of the timed
// ones, the final loss (checked identical across runs) and the largest
// allocations per step.
func Train(prog *autodiff.Program, start []float64, steps, reps int, newOpt func() optim.Optimizer) (ns []float64, loss, allocs float64, err error) {
	params := make([]float64, len(start))
	grad := make([]float64, len(start))
	for r := 0; r <= reps; r++ {
		copy(params, start)
		opt := newOpt()
		var am allocMeter
		am.start()
		t0 := time.Now()
		for range steps {
			prog.ValueAndGrad(params, grad)
			opt.Step(params, grad)
		}
		d := time.Since(t0)
		a := am.perStep(steps)
		l := prog.Value(params)
		if r == 0 {
			loss = l
			continue
		}
		if l != loss {
			return nil, 0, 0, fmt.Errorf("final loss changed between runs: %.17g then %.17g", loss, l)
		}
		ns = append(ns, float64(d.Nanoseconds())/float64(steps))
		allocs = max(allocs, a)
	}
	return ns, loss, allocs, nil
}

// problem returns the loss of an nn preset (xor is W1, moons W2, w3 W3,
// w4b W4b) and its start.
func problem(name string) (autodiff.Func, []float64, error) {
	p, err := nn.Preset(name)
	if err != nil {
		return nil, nil, err
	}
	start, err := nn.PresetStart(name)
	if err != nil {
		return nil, nil, err
	}
	return p.Func(), start, nil
}

// trainCase is one of the training workloads W1–W3.
type trainCase struct {
	name, preset string
	steps        int
	ref          float64
	opt          func() optim.Optimizer
}

var (
	w1 = trainCase{"W1", "xor", ref.W1Steps, ref.W1FinalLoss, func() optim.Optimizer { return &optim.GD{LR: ref.W1LR} }}
	w2 = trainCase{"W2", "moons", ref.W2Steps, ref.W2FinalLoss, func() optim.Optimizer { return &optim.Adam{LR: ref.W2LR} }}
	w3 = trainCase{"W3", "w3", ref.W3Steps, ref.W3FinalLoss, func() optim.Optimizer { return &optim.GD{LR: ref.W3LR, Momentum: ref.W3Momentum} }}
)

func runW1(reps int) ([]Line, error) { return runTrain(w1, reps, 0) }
func runW2(reps int) ([]Line, error) { return runTrain(w2, reps, 0) }

// runW3 runs W3 on one thread and, with more than one core, on all.
func runW3(reps int) ([]Line, error) {
	lines, err := runTrain(w3, reps, 1)
	if n := runtime.GOMAXPROCS(0); n > 1 && err == nil {
		var more []Line
		more, err = runTrain(w3, reps, n)
		lines = append(lines, more...)
	}
	return lines, err
}

// runTrain times c; threads > 0 sets the program's workers and adds a
// threads extra (W3).
func runTrain(c trainCase, reps, threads int) ([]Line, error) {
	f, start, err := problem(c.preset)
	if err != nil {
		return nil, err
	}
	prog, err := autodiff.Compile(f, len(start))
	if err != nil {
		return nil, err
	}
	var extra []KV
	if threads > 0 {
		prog.SetWorkers(threads)
		defer prog.SetWorkers(1)
		extra = append(extra, KV{"threads", threads})
	}
	ns, loss, allocs, err := Train(prog, start, c.steps, reps, c.opt)
	if err != nil {
		return nil, err
	}
	ok := math.Abs(loss-c.ref) <= ref.LossRel*math.Abs(c.ref)
	extra = append(extra, KV{"allocs_per_step", allocs}, KV{"num_ops", prog.NumOps()},
		KV{"rel_err_vs_ref", math.Abs(loss-c.ref) / c.ref})
	return []Line{NewLine(c.name, c.steps, ns, &loss, ok, extra...)}, nil
}
