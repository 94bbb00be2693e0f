package optim

import (
	"fmt"
	"math"
)

// trainer is one run of Train as a state machine, so that a driver can
// advance several runs in lockstep with one batched evaluation per step
// (sweepBatched): begin, then the loss and gradient at t.x into t.grad
// (eval, or a batched evaluation), then end.
type trainer struct {
	obj     Objective
	cfg     *Config
	opt     Optimizer
	lrOpt   LearningRater
	bat     *batcher
	x, grad []float64
	explode float64
	loss0   float64
	step    int
	res     Result
}

// newTrainer starts a run of opt on obj from params (not modified).
func newTrainer(obj Objective, params []float64, opt Optimizer, cfg *Config) *trainer {
	if cfg.Steps <= 0 {
		panic(fmt.Sprintf("optim: Train: Steps must be > 0, got %d", cfg.Steps))
	}
	t := &trainer{obj: obj, cfg: cfg, opt: opt, x: append([]float64(nil), params...),
		grad: make([]float64, len(params)), explode: or(cfg.Explode, DefaultExplode), res: Result{DivergedAt: -1}}
	t.lrOpt, _ = opt.(LearningRater)
	if cfg.Schedule != nil && t.lrOpt == nil {
		panic(fmt.Sprintf("optim: Train: a Schedule needs an optimizer with SetLearningRate, got %T", opt))
	}
	if cfg.MiniBatch != nil {
		t.bat = newBatcher(cfg.MiniBatch)
	}
	return t
}

// run runs the trainer to its end, one evaluation per step, and returns
// the result.
func (t *trainer) run() Result {
	for !t.begin() && !t.end(t.eval()) {
	}
	return t.res
}

// begin prepares the evaluation of the current step: the scheduled
// learning rate, and the end of a cancelled run (it then returns true and
// t.res is the result).
func (t *trainer) begin() bool {
	if t.cfg.Schedule != nil {
		t.lrOpt.SetLearningRate(t.cfg.Schedule(t.step))
	}
	if t.cfg.Context != nil && t.cfg.Context.Err() != nil {
		t.finish(StopCancelled, t.obj(t.x, nil), math.NaN())
		return true
	}
	return false
}

// batched reports whether the step's loss is that of obj at t.x (which a
// batched evaluation can give), not of a mini-batch.
func (t *trainer) batched() bool { return t.step == t.cfg.Steps || t.bat == nil }

// eval returns the loss of the current step and sets t.grad.
func (t *trainer) eval() float64 {
	if t.batched() {
		return t.obj(t.x, t.grad)
	}
	return t.cfg.MiniBatch.Objective(t.bat.next())(t.x, t.grad)
}

// end takes the step's loss (t.grad holding its gradient): the stopping
// rules, the trace, the update. It returns true when the run is over (t.res
// is then the result).
func (t *trainer) end(loss float64) bool {
	gnorm := Norm(t.grad)
	if t.step == 0 {
		t.loss0 = loss
	}
	if t.cfg.OnStep != nil {
		t.cfg.OnStep(t.step, loss)
	}
	if stop, detail := t.cfg.stopRule(t.step, loss, gnorm, t.loss0, t.explode, t.x); stop != "" {
		if stop == StopDiverged {
			t.res.DivergedAt, t.res.Detail = t.step, detail
		}
		t.finish(stop, loss, gnorm)
		return true
	}
	t.record(loss, gnorm, false)
	t.opt.Step(t.x, t.grad)
	t.step++
	return false
}

// record adds the current step to the trace per TraceEvery and ParamsEvery.
func (t *trainer) record(loss, gnorm float64, last bool) {
	cfg, res := t.cfg, &t.res
	if cfg.TraceEvery < 0 {
		return
	}
	every := max(cfg.TraceEvery, 1)
	if t.step%every != 0 && !last {
		return
	}
	pt := Point{Step: t.step, Loss: loss, GradNorm: gnorm, LR: math.NaN()}
	if t.lrOpt != nil {
		pt.LR = t.lrOpt.LearningRate()
	}
	if cfg.ParamsEvery > 0 && (len(res.Trace)%cfg.ParamsEvery == 0 || last) {
		pt.Params = append([]float64(nil), t.x...)
	}
	if len(res.Trace) > 0 && res.Trace[len(res.Trace)-1].Step == t.step {
		res.Trace[len(res.Trace)-1] = pt
		return
	}
	res.Trace = append(res.Trace, pt)
}

// finish ends the run at the current step.
func (t *trainer) finish(stop Stop, loss, gnorm float64) {
	if t.bat != nil && (stop == StopLossTol || stop == StopGradTol) {
		loss = t.obj(t.x, t.grad) // the batch met the tolerance; report all the data
		gnorm = Norm(t.grad)
	}
	t.res.Params, t.res.Steps, t.res.Stopped = t.x, t.step, stop
	t.res.FinalLoss, t.res.FinalGradNorm = loss, gnorm
	t.record(loss, gnorm, true)
}

// trainLockstep runs every trainer of ts to its end, up to bo.Size at a
// time in lockstep: one batched evaluation per step for the runs in
// flight, the next run taken as soon as one ends. Each run's result is
// Train's with an Objective that gives bo's values (bit for bit the
// compiled program's, whatever the batch's other members), so it does not
// depend on bo.Size. The trainers must not use a MiniBatch.
func trainLockstep(ts []*trainer, bo BatchObjective) {
	active := make([]*trainer, 0, bo.Size)
	xs := make([][]float64, 0, bo.Size)
	gs := make([][]float64, 0, bo.Size)
	vals := make([]float64, bo.Size)
	next := 0
	for {
		for len(active) < bo.Size && next < len(ts) {
			if ts[next].bat != nil {
				panic("optim: trainLockstep: a run with a MiniBatch")
			}
			active = append(active, ts[next])
			next++
		}
		if len(active) == 0 {
			return
		}
		xs, gs = xs[:0], gs[:0]
		kept := active[:0]
		for _, t := range active {
			if !t.begin() {
				kept = append(kept, t)
				xs, gs = append(xs, t.x), append(gs, t.grad)
			}
		}
		active = kept
		if len(active) == 0 {
			continue
		}
		bo.Eval(xs, vals[:len(active)], gs)
		kept = active[:0]
		for i, t := range active {
			if !t.end(vals[i]) {
				kept = append(kept, t)
			}
		}
		active = kept
	}
}
