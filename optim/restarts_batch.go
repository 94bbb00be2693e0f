package optim

import "sync/atomic"

// batchRun is one restart in a lane of the batched driver: the state Train
// keeps between its steps.
type batchRun struct {
	r       int
	x, grad []float64
	opt     Optimizer
	lr      LearningRater
	step    int
	loss0   float64
}

// restartsBatched is the worker loop of Restarts with cfg.Batch: it keeps up
// to Size restarts in flight and advances them in lockstep, one batched
// evaluation per step, taking the next restart index as soon as one ends.
// Each restart follows Train's rules (Schedule, stopping rules in Train's
// order, the final evaluation after the last update), so its result is
// Train's with the batched objective, whatever the batch's other members.
// finished is called after each restart ends.
func restartsBatched(cfg *RestartConfig, tcfg Config, res *RestartResult, next *atomic.Int64, finished func()) {
	bo := cfg.Batch()
	explode := or(tcfg.Explode, DefaultExplode)
	runs := make([]*batchRun, 0, bo.Size)
	xs := make([][]float64, 0, bo.Size)
	gs := make([][]float64, 0, bo.Size)
	vals := make([]float64, bo.Size)
	var spare []*batchRun
	take := func() *batchRun {
		r := int(next.Add(1) - 1)
		if r >= cfg.N {
			return nil
		}
		var run *batchRun
		if n := len(spare); n > 0 {
			run, spare = spare[n-1], spare[:n-1]
		} else {
			run = &batchRun{}
		}
		start := cfg.Start(r)
		run.r, run.step = r, 0
		run.x = append(run.x[:0], start...)
		run.grad = resize(run.grad, len(start))
		run.opt = cfg.Optimizer(r)
		run.lr, _ = run.opt.(LearningRater)
		if tcfg.Schedule != nil && run.lr == nil {
			panic("optim: Restarts: a Schedule needs an optimizer with SetLearningRate")
		}
		return run
	}
	for len(runs) < bo.Size {
		run := take()
		if run == nil {
			break
		}
		runs = append(runs, run)
	}
	for len(runs) > 0 {
		if cfg.Context != nil && cfg.Context.Err() != nil {
			return // unfinished runs stay NaN
		}
		xs, gs = xs[:0], gs[:0]
		for _, run := range runs {
			if tcfg.Schedule != nil {
				run.lr.SetLearningRate(tcfg.Schedule(run.step))
			}
			xs, gs = append(xs, run.x), append(gs, run.grad)
		}
		bo.Eval(xs, vals[:len(runs)], gs)
		kept := runs[:0]
		for i, run := range runs {
			loss, gnorm := vals[i], Norm(run.grad)
			if run.step == 0 {
				run.loss0 = loss
			}
			if stop, _ := tcfg.stopRule(run.step, loss, gnorm, run.loss0, explode, run.x); stop != "" {
				res.FinalLoss[run.r], res.Stopped[run.r] = loss, stop
				res.Params[run.r] = append([]float64(nil), run.x...)
				finished()
				spare = append(spare, run)
				if run = take(); run == nil {
					continue
				}
				kept = append(kept, run)
				continue
			}
			run.opt.Step(run.x, run.grad)
			run.step++
			kept = append(kept, run)
		}
		runs = kept
	}
}
