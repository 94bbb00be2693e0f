package optim

import (
	"fmt"
	"io"
	"math"

	"github.com/saddle-dev/saddle/nn"
)

// TrainReport is the result document of one training run (`saddle train
// --json`): the final loss, steps, stop reason and parameters of
// docs/DESIGN.md §5, with the accuracy and the recorded trace. Steps of
// the trace and DivergedAt count from the start of the whole run, so a
// run resumed from a checkpoint at step ResumedAt reads as the
// uninterrupted one.
type TrainReport struct {
	Net        string       `json:"net"`
	Optimizer  string       `json:"optimizer"`
	LR         float64      `json:"lr"`
	FinalLoss  JSONFloat    `json:"final_loss"`
	GradNorm   JSONFloat    `json:"grad_norm"`
	Steps      int          `json:"steps"`
	Stopped    string       `json:"stopped"`
	DivergedAt *int         `json:"diverged_at,omitempty"`
	ResumedAt  int          `json:"resumed_at,omitempty"`
	Params     []JSONFloat  `json:"params"`
	Accuracy   *JSONFloat   `json:"accuracy"` // nil for a diverged run or a problem without classes
	Trace      []TracePoint `json:"trace"`
}

// TracePoint is one recorded step of a TrainReport.
type TracePoint struct {
	Step     int       `json:"step"`
	Loss     JSONFloat `json:"loss"`
	GradNorm JSONFloat `json:"grad_norm"`
	LR       JSONFloat `json:"lr"`
}

// NewTrainReport is the report of res, a run of the optimizer optName at
// learning rate lr on prob (named net), resumed at step offset (0 for a
// fresh run; res.Trace's steps already count from the run's start).
func NewTrainReport(net, optName string, lr float64, prob nn.Problem, res Result, offset int) TrainReport {
	tr := TrainReport{Net: net, Optimizer: optName, LR: lr, FinalLoss: JSONFloat(res.FinalLoss),
		GradNorm: JSONFloat(res.FinalGradNorm), Steps: res.Steps, Stopped: string(res.Stopped),
		ResumedAt: offset, Params: JSONFloats(res.Params), Trace: make([]TracePoint, len(res.Trace))}
	for i, pt := range res.Trace {
		tr.Trace[i] = TracePoint{Step: pt.Step, Loss: JSONFloat(pt.Loss), GradNorm: JSONFloat(pt.GradNorm), LR: JSONFloat(pt.LR)}
	}
	if res.Stopped == StopDiverged {
		k := offset + res.DivergedAt
		tr.DivergedAt = &k
	} else if acc := prob.Accuracy(res.Params); !math.IsNaN(acc) {
		a := JSONFloat(acc)
		tr.Accuracy = &a
	}
	return tr
}

// Text explains a stop reason in words ("all steps done"); the reasons
// without a phrase are returned as they are.
func (s Stop) Text() string {
	switch s {
	case StopSteps:
		return "all steps done"
	case StopLossTol:
		return "loss tolerance met"
	case StopGradTol:
		return "gradient tolerance met"
	}
	return string(s)
}

// WriteTraceCSV writes trace as CSV with the header step,loss,grad_norm,lr
// (each number in Go's %g form).
func WriteTraceCSV(w io.Writer, trace []Point) error {
	if _, err := fmt.Fprintln(w, "step,loss,grad_norm,lr"); err != nil {
		return err
	}
	for _, pt := range trace {
		if _, err := fmt.Fprintf(w, "%d,%g,%g,%g\n", pt.Step, pt.Loss, pt.GradNorm, pt.LR); err != nil {
			return err
		}
	}
	return nil
}
