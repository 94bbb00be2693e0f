package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/vmath"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

// benchW5Batched times W5 on the batched replay (autodiff.BatchProgram):
// each worker takes optim.DefaultBatch restarts at a time and runs their
// 2,000 steps in lockstep. Its limit line is the time of the
// transcendental calls alone: W5's 1,000·2,000·12 sigmoids, through the
// same vmath kernel in arrays of the batch's shapes, on the same workers.
func benchW5Batched(reps int) ([]benchLine, error) {
	const restarts, steps = 1000, 2000
	prog, err := benchXOR()
	if err != nil {
		return nil, err
	}
	b := optim.DefaultBatch
	workers := runtime.GOMAXPROCS(0)
	qs := make([]*autodiff.BatchProgram, workers)
	for i := range qs {
		qs[i] = prog.Batch(b)
	}
	final := make([]float64, restarts)
	run := func() time.Duration {
		var next atomic.Int64
		t0 := time.Now()
		benchParallel(qs, func(q *autodiff.BatchProgram) {
			xs, gs, vals := make([]float64, b*9), make([]float64, b*9), make([]float64, b)
			for {
				lo := int(next.Add(int64(b))) - b
				if lo >= restarts {
					return
				}
				m := min(b, restarts-lo)
				for i := range m {
					copy(xs[i*9:], nn.W5Start(lo+i))
				}
				x, g, v := xs[:m*9], gs[:m*9], vals[:m]
				for range steps {
					q.ValueAndGrad(x, v, g)
					for k, gk := range g {
						x[k] -= 0.5 * gk
					}
				}
				q.Value(x, v)
				copy(final[lo:lo+m], v)
			}
		})
		return time.Since(t0)
	}
	count := func() int {
		c := 0
		for _, l := range final {
			if l < benchW5Thresh {
				c++
			}
		}
		return c
	}
	run()
	c0 := count()
	ms := make([]float64, reps)
	for r := range ms {
		d := run()
		if c := count(); c != c0 {
			return nil, fmt.Errorf("batched count changed between runs: %d then %d", c0, c)
		}
		ms[r] = float64(d.Nanoseconds()) / 1e6
	}
	limit := benchSigmoidLimit(restarts*steps, b, workers)
	med, lo, hi := benchStats(ms)
	ns := make([]float64, len(ms))
	for i, m := range ms {
		ns[i] = m * 1e6 / (restarts * steps)
	}
	return []benchLine{newBenchLine("W5-batched", steps, ns, nil, c0 == benchW5Count,
		benchKV{"restarts", restarts}, benchKV{"count_loss_lt_0.01", c0}, benchKV{"batch", b},
		benchKV{"wall_ms", med}, benchKV{"wall_ms_min", lo}, benchKV{"wall_ms_max", hi}, benchKV{"workers", workers},
		benchKV{"limit", "transcendental calls alone (12 sigmoids per restart-step, vmath.Sigmoid)"},
		benchKV{"limit_wall_ms", limit}, benchKV{"x_limit", med / limit})}, nil
}

// benchXOR compiles the loss of W1 and W5, the XOR net of 9 parameters.
func benchXOR() (*autodiff.Program, error) {
	f, _, err := benchProblem("xor")
	if err != nil {
		return nil, err
	}
	return autodiff.Compile(f, 9)
}

// benchParallel runs work once per program, each on its own goroutine.
func benchParallel[T any](progs []T, work func(T)) {
	var wg sync.WaitGroup
	for _, p := range progs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(p)
		}()
	}
	wg.Wait()
}

// benchSigmoidLimit returns the wall time in ms of W5's sigmoids alone:
// for each of evals batched evaluations of the XOR net (b restarts each),
// the hidden layer's 8·b and the output's 4·b sigmoids, shared by workers
// goroutines; the median of three.
func benchSigmoidLimit(evals, b, workers int) float64 {
	calls := evals / b
	ms := make([]float64, 3)
	for r := range ms {
		var next atomic.Int64
		t0 := time.Now()
		benchParallel(make([]int, workers), func(int) {
			h, o := benchZ(8*b), benchZ(4*b)
			hd, od := make([]float64, len(h)), make([]float64, len(o))
			for next.Add(1) <= int64(calls) {
				vmath.Sigmoid(hd, h)
				vmath.Sigmoid(od, o)
			}
		})
		ms[r] = float64(time.Since(t0).Nanoseconds()) / 1e6
	}
	return median(ms)
}

// benchZ returns n pre-activations of the magnitudes of a trained XOR net.
func benchZ(n int) []float64 {
	z := make([]float64, n)
	for i := range z {
		z[i] = 6 * float64(i%13-6) / 6.5
	}
	return z
}
