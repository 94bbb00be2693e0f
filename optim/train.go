package optim

import (
	"context"
	"fmt"
	"math"
)

// Stop says why Train stopped.
type Stop string

// The reasons Train stops.
const (
	StopSteps     Stop = "steps"              // all Config.Steps updates done
	StopLossTol   Stop = "loss-tolerance"     // loss ≤ Config.LossTol
	StopGradTol   Stop = "gradient-tolerance" // ‖grad‖ ≤ Config.GradTol
	StopDiverged  Stop = "diverged"           // non-finite or exploding loss; see Result.DivergedAt
	StopCancelled Stop = "cancelled"          // Config.Context was cancelled
)

// DefaultExplode is the default of Config.Explode.
const DefaultExplode = 1e10

// Config controls Train. Steps must be > 0; every other zero field means
// "off" or the default named beside it.
type Config struct {
	Steps   int     // maximum number of updates
	LossTol float64 // stop when loss ≤ LossTol (if > 0)
	GradTol float64 // stop when ‖grad‖ ≤ GradTol (if > 0)
	// Explode: the run has diverged when |loss| > Explode·max(|loss₀|, 1),
	// loss₀ the first loss; 0 means DefaultExplode.
	Explode float64

	Schedule  Schedule   // learning rate per step; nil keeps the optimizer's
	MiniBatch *MiniBatch // nil: full batch, the Objective given to Train

	// TraceEvery records a trace point every TraceEvery steps (and always
	// the last); 0 means every step, a negative value no trace at all.
	TraceEvery int
	// ParamsEvery also stores the parameters in every ParamsEvery-th trace
	// point that is recorded; 0 means never.
	ParamsEvery int

	// Anomaly, if set, is asked on divergence for the first operation
	// that produced a non-finite value at the diverging parameters
	// (AnomalyFromFunc); its answer is added to Result.Detail.
	Anomaly func(x []float64) string

	Context context.Context // cancellation (Ctrl-C); nil means never cancelled
	// OnStep is called after each loss evaluation with the step and its
	// loss (a monitor of the run; the studies' Progress callbacks count
	// finished items instead); nil means none.
	OnStep func(step int, loss float64)
}

// Point is one recorded step of a run: the loss and gradient norm at the
// parameters after Step updates, and the learning rate of the next update.
type Point struct {
	Step     int       `json:"step"`
	Loss     float64   `json:"loss"`
	GradNorm float64   `json:"grad_norm"`
	LR       float64   `json:"lr"`
	Params   []float64 `json:"params,omitempty"`
}

// Result is the outcome of Train.
type Result struct {
	Params        []float64 // the parameters at the end (a copy)
	FinalLoss     float64   // the loss at Params
	FinalGradNorm float64   // ‖grad‖ at Params (NaN if a cancelled run did not compute it)
	Steps         int       // number of updates done
	Stopped       Stop      // why the run ended
	DivergedAt    int       // the step whose loss was non-finite or exploding; −1 if none
	Detail        string    // for a divergence: what was found ("loss is NaN")
	Trace         []Point   // recorded steps, in order
}

// Err returns nil, or for a diverged run an error naming the step:
// "diverged at step 37: loss is +Inf".
func (r Result) Err() error {
	if r.Stopped != StopDiverged {
		return nil
	}
	return fmt.Errorf("diverged at step %d: %s", r.DivergedAt, r.Detail)
}

// Train runs opt on obj from params (which it does not modify) for at most
// cfg.Steps updates. Step k evaluates the loss and gradient at the
// parameters after k updates, checks the stopping rules in the order
// divergence, loss tolerance, gradient tolerance, then updates. After the
// last update the loss is evaluated once more (the "final loss" of
// docs/WORKLOADS.md). Divergence — a non-finite loss or gradient, or a loss
// beyond cfg.Explode times the start — ends the run with Stopped =
// StopDiverged and the step in DivergedAt: it is a result, never a panic.
//
// With cfg.MiniBatch the updates use mini-batch gradients and the traced
// losses and the tolerances are those of the batch; the final loss is that
// of obj over all the data.
func Train(obj Objective, params []float64, opt Optimizer, cfg Config) Result {
	return newTrainer(obj, params, opt, &cfg).run()
}

// stopRule applies Train's stopping rules, in order divergence, last step,
// loss tolerance, gradient tolerance, to the loss and gradient norm at step
// (loss0 the first loss, x the parameters); it returns "" to go on, and for
// a divergence what was found.
func (cfg *Config) stopRule(step int, loss, gnorm, loss0, explode float64, x []float64) (Stop, string) {
	detail := ""
	switch {
	case math.IsNaN(loss) || math.IsInf(loss, 0):
		detail = fmt.Sprintf("loss is %v", loss)
	case math.IsNaN(gnorm) || math.IsInf(gnorm, 0):
		detail = fmt.Sprintf("gradient norm is %v", gnorm)
	case math.Abs(loss) > explode*math.Max(math.Abs(loss0), 1):
		detail = fmt.Sprintf("loss %.6g exceeds %g times its start %.6g", loss, explode, loss0)
	}
	switch {
	case detail != "":
		if cfg.Anomaly != nil {
			if op := cfg.Anomaly(x); op != "" {
				detail += fmt.Sprintf(" (first non-finite value from op %s)", op)
			}
		}
		return StopDiverged, detail
	case step == cfg.Steps:
		return StopSteps, ""
	case cfg.LossTol > 0 && loss <= cfg.LossTol:
		return StopLossTol, ""
	case cfg.GradTol > 0 && gnorm <= cfg.GradTol:
		return StopGradTol, ""
	}
	return "", ""
}
