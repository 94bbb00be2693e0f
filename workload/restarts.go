package workload

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/parallel"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/workload/ref"
)

// runW5 times W5's 1,000 restarts on one goroutine per core (a program
// clone each, restarts handed out by index) and checks the success count.
func runW5(reps int) ([]Line, error) {
	prog, err := w5Program()
	if err != nil {
		return nil, err
	}
	workers := runtime.GOMAXPROCS(0)
	progs := make([]*autodiff.Program, workers)
	for i := range progs {
		progs[i] = prog.Clone()
	}
	final := make([]float64, ref.W5Restarts)
	count, ms, ns, err := timeW5(reps, func() time.Duration { return w5Once(progs, final) }, final)
	if err != nil {
		return nil, err
	}
	med, lo, hi := Stats(ms)
	return []Line{NewLine("W5", ref.W5Steps, ns, nil, count == ref.W5Successes,
		KV{"restarts", ref.W5Restarts}, KV{"count_loss_lt_0.01", count},
		KV{"wall_ms", med}, KV{"wall_ms_min", lo}, KV{"wall_ms_max", hi}, KV{"workers", workers})}, nil
}

// w5Program compiles W5's loss, the XOR net of W1.
func w5Program() (*autodiff.Program, error) {
	f, start, err := problem("xor")
	if err != nil {
		return nil, err
	}
	return autodiff.Compile(f, len(start))
}

// timeW5 runs all restarts once untimed, then reps times timed (run writes
// every restart's final loss to final), checks that the success count never
// changes, and returns it with the wall times in ms and in ns per
// restart-step.
func timeW5(reps int, run func() time.Duration, final []float64) (count int, ms, ns []float64, err error) {
	run()
	count = countBelow(final, ref.W5Threshold)
	ms, ns = make([]float64, reps), make([]float64, reps)
	for r := range ms {
		d := run()
		if c := countBelow(final, ref.W5Threshold); c != count {
			return 0, nil, nil, fmt.Errorf("count changed between runs: %d then %d", count, c)
		}
		ms[r] = float64(d.Nanoseconds()) / 1e6
		ns[r] = ms[r] * 1e6 / (ref.W5Restarts * ref.W5Steps)
	}
	return count, ms, ns, nil
}

// w5Once runs every restart once, writing the final losses to final, and
// returns the wall time.
func w5Once(progs []*autodiff.Program, final []float64) time.Duration {
	var next atomic.Int64
	t0 := time.Now()
	parallel.RunOrPanic(len(progs), func(w int) {
		p := progs[w]
		params := make([]float64, p.N())
		grad := make([]float64, p.N())
		for {
			r := int(next.Add(1) - 1)
			if r >= len(final) {
				return
			}
			copy(params, nn.W5Start(r))
			for range ref.W5Steps {
				p.ValueAndGrad(params, grad)
				for k, g := range grad {
					params[k] -= ref.W5LR * g
				}
			}
			final[r] = p.Value(params)
		}
	})
	return time.Since(t0)
}
