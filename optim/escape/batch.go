package escape

import (
	"context"

	"github.com/saddle-dev/saddle/optim"
)

// batchWorker runs a worker's share of the runs in lockstep batches of the
// problem's batched objective (Problem.Batch): every run in flight takes its
// step, then one batched evaluation gives all their losses and gradients; a
// run that ends hands its slot to the worker's next run. Each run's result
// is run.drive's with the same objective values, whatever else is in its
// batch. The worker's runs are first, first+stride, … below total.
type batchWorker struct {
	bo                   optim.BatchObjective
	ctx                  context.Context
	first, stride, total int
	start                func(i int) *run // a fresh run i
	done                 func(i int, res RunResult)
}

// slot is a run in flight in a batch; begun: its start was evaluated.
type slot struct {
	i     int
	e     *run
	begun bool
}

func (b *batchWorker) run() {
	var slots []slot
	i := b.first
	take := func() bool {
		if i >= b.total {
			return false
		}
		slots = append(slots, slot{i: i, e: b.start(i)})
		i += b.stride
		return true
	}
	for len(slots) < b.bo.Size && take() {
	}
	xs := make([][]float64, 0, b.bo.Size)
	gs := make([][]float64, 0, b.bo.Size)
	vals := make([]float64, b.bo.Size)
	for len(slots) > 0 {
		if b.ctx.Err() != nil {
			return
		}
		xs, gs = xs[:0], gs[:0]
		for _, s := range slots {
			if s.begun {
				s.e.opt.Step(s.e.x, s.e.grad)
			}
			xs, gs = append(xs, s.e.x), append(gs, s.e.grad)
		}
		b.bo.Eval(xs, vals[:len(slots)], gs)
		n := len(slots)
		kept := slots[:0]
		for k := range n {
			s := slots[k]
			if s.begun {
				s.e.observe(vals[k])
			} else {
				s.e.begin(vals[k])
				s.begun = true
			}
			if s.e.more() {
				kept = append(kept, s)
				continue
			}
			b.done(s.i, s.e.finish())
		}
		slots = kept
		for len(slots) < b.bo.Size && take() {
		}
	}
}
