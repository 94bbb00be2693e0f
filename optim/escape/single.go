package escape

import (
	"math"

	"github.com/saddle-dev/saddle/optim"
)

// run is one escape run between its evaluations (drive runs one to its
// end, the batched workers many in lockstep).
type run struct {
	x, grad    []float64
	opt        optim.Optimizer
	unbounded  bool
	steps      int
	threshold  float64
	curveSteps []int
	res        RunResult
	loss       float64
	step, next int
}

func newRun(unbounded bool, x []float64, opt optim.Optimizer, steps int, threshold float64, curveSteps []int) *run {
	return &run{x: x, grad: make([]float64, len(x)), opt: opt, unbounded: unbounded, steps: steps, threshold: threshold,
		curveSteps: curveSteps, res: RunResult{EscapeStep: -1, Curve: make([]float64, len(curveSteps))}}
}

// drive runs e with obj: at most e.steps steps of its optimizer.
func (e *run) drive(obj optim.Objective) RunResult {
	e.begin(obj(e.x, e.grad))
	for e.more() {
		e.opt.Step(e.x, e.grad)
		e.observe(obj(e.x, e.grad))
	}
	return e.finish()
}

// begin takes the loss at the start (step 0).
func (e *run) begin(loss float64) {
	e.loss = loss
	if loss <= e.threshold {
		e.res.EscapeStep = 0
	}
	e.record()
}

// more reports whether the run takes another step.
func (e *run) more() bool {
	return !e.res.Diverged && e.step < e.steps && !(e.res.EscapeStep >= 0 && e.unbounded)
}

// observe takes the loss after the next step.
func (e *run) observe(loss float64) {
	e.step++
	e.loss = loss
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		e.res.Diverged = true
		return
	}
	if e.res.EscapeStep < 0 && loss <= e.threshold {
		e.res.EscapeStep = e.step
	}
	e.record()
}

// record stores the loss at the curve steps up to the current one.
func (e *run) record() {
	for e.next < len(e.curveSteps) && e.curveSteps[e.next] <= e.step {
		e.res.Curve[e.next] = e.loss
		e.next++
	}
}

// finish returns the result; a run that ended early keeps its last loss on
// the rest of the curve.
func (e *run) finish() RunResult {
	for ; e.next < len(e.curveSteps); e.next++ {
		e.res.Curve[e.next] = e.loss
	}
	e.res.Final = e.loss
	return e.res
}
