package workload

import (
	"runtime"
	"sync/atomic"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/vmath"
	"github.com/saddle-dev/saddle/internal/parallel"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/workload/ref"
)

// runW5Batched times W5 on the batched replay (autodiff.BatchProgram):
// each worker takes optim.DefaultBatch restarts at a time and runs their
// 2,000 steps in lockstep. Its limit line is the time of the
// transcendental calls alone: W5's 1,000·2,000·12 sigmoids, through the
// same vmath kernel in arrays of the batch's shapes, on the same workers.
func runW5Batched(reps int) ([]Line, error) {
	prog, err := w5Program()
	if err != nil {
		return nil, err
	}
	b, n := optim.DefaultBatch, prog.N()
	workers := runtime.GOMAXPROCS(0)
	qs := make([]*autodiff.BatchProgram, workers)
	for i := range qs {
		qs[i] = prog.Batch(b)
	}
	final := make([]float64, ref.W5Restarts)
	run := func() time.Duration {
		var next atomic.Int64
		t0 := time.Now()
		eachProgram(qs, func(q *autodiff.BatchProgram) {
			xs, gs, vals := make([]float64, b*n), make([]float64, b*n), make([]float64, b)
			for {
				lo := int(next.Add(int64(b))) - b
				if lo >= len(final) {
					return
				}
				m := min(b, len(final)-lo)
				for i := range m {
					copy(xs[i*n:], nn.W5Start(lo+i))
				}
				x, g, v := xs[:m*n], gs[:m*n], vals[:m]
				for range ref.W5Steps {
					q.ValueAndGrad(x, v, g)
					for k, gk := range g {
						x[k] -= ref.W5LR * gk
					}
				}
				q.Value(x, v)
				copy(final[lo:lo+m], v)
			}
		})
		return time.Since(t0)
	}
	c0, ms, ns, err := timeW5(reps, run, final)
	if err != nil {
		return nil, err
	}
	limit := sigmoidLimit(ref.W5Restarts*ref.W5Steps, b, workers)
	med, lo, hi := Stats(ms)
	return []Line{NewLine("W5-batched", ref.W5Steps, ns, nil, c0 == ref.W5Successes,
		KV{"restarts", ref.W5Restarts}, KV{"count_loss_lt_0.01", c0}, KV{"batch", b},
		KV{"wall_ms", med}, KV{"wall_ms_min", lo}, KV{"wall_ms_max", hi}, KV{"workers", workers},
		KV{"limit", "transcendental calls alone (12 sigmoids per restart-step, vmath.Sigmoid)"},
		KV{"limit_wall_ms", limit}, KV{"x_limit", med / limit})}, nil
}

// countBelow returns how many losses are below threshold.
func countBelow(losses []float64, threshold float64) int {
	c := 0
	for _, l := range losses {
		if l < threshold {
			c++
		}
	}
	return c
}

// eachProgram runs work once per program, each on its own goroutine; a
// panic in one reaches the caller (internal/parallel).
func eachProgram[T any](progs []T, work func(T)) {
	parallel.RunOrPanic(len(progs), func(w int) { work(progs[w]) })
}

// sigmoidLimit returns the wall time in ms of W5's sigmoids alone: for
// each of evals batched evaluations of the XOR net (b restarts each), the
// hidden layer's 8·b and the output's 4·b sigmoids, shared by workers
// goroutines; the median of three.
func sigmoidLimit(evals, b, workers int) float64 {
	calls := evals / b
	ms := make([]float64, 3)
	for r := range ms {
		var next atomic.Int64
		t0 := time.Now()
		eachProgram(make([]int, workers), func(int) {
			h, o := preActivations(8*b), preActivations(4*b)
			hd, od := make([]float64, len(h)), make([]float64, len(o))
			for next.Add(1) <= int64(calls) {
				vmath.Sigmoid(hd, h)
				vmath.Sigmoid(od, o)
			}
		})
		ms[r] = float64(time.Since(t0).Nanoseconds()) / 1e6
	}
	med, _, _ := Stats(ms)
	return med
}

// preActivations returns n pre-activations of the magnitudes of a trained
// XOR net.
func preActivations(n int) []float64 {
	z := make([]float64, n)
	for i := range z {
		z[i] = 6 * float64(i%13-6) / 6.5
	}
	return z
}
