package shard

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim"
)

// SweepHeader is what a part of a learning-rate sweep (optim.Sweep) records
// besides the runs: the problem, its start, the Hessian's thresholds there
// and the whole list of learning rates. Data is a digest of a net's dataset
// (DataDigest; empty for a formula).
type SweepHeader struct {
	Problem      string    `json:"problem"`
	Vars         []string  `json:"vars,omitempty"`
	Start        []float64 `json:"start"`
	Steps        int       `json:"steps"`
	Eigenvalues  []Float   `json:"eigenvalues"`
	LambdaMax    Float     `json:"lambda_max"`
	ZigzagAbove  Float     `json:"zigzag_above"`
	DivergeAbove Float     `json:"diverge_above"`
	LRs          []float64 `json:"lrs"`
	Data         string    `json:"data_sha256,omitempty"`
}

// SweepItem is the run of one learning rate: its loss after every step.
type SweepItem struct {
	LR         float64 `json:"lr"`
	Regime     string  `json:"regime"`
	Why        string  `json:"why,omitempty"` // the rule that decided the regime
	FinalLoss  Float   `json:"final_loss"`
	Stopped    string  `json:"stopped"`
	DivergedAt *int    `json:"diverged_at,omitempty"`
	Losses     []Float `json:"losses"`
}

// SetThresholds copies the Hessian's eigenvalues and thresholds at the
// start from res into h.
func (h *SweepHeader) SetThresholds(res optim.SweepResult) {
	h.Eigenvalues, h.LambdaMax = Floats(res.Eigenvalues), Float(res.LambdaMax)
	h.ZigzagAbove, h.DivergeAbove = Float(res.ZigzagAbove), Float(res.DivergeAbove)
}

// SweepItems are the items of the runs of res (optim.Sweep with a trace of
// every step).
func SweepItems(res optim.SweepResult) []SweepItem {
	items := make([]SweepItem, len(res.Runs))
	for i, run := range res.Runs {
		it := SweepItem{LR: run.LR, Regime: string(run.Regime), Why: run.Why, FinalLoss: Float(run.Result.FinalLoss),
			Stopped: string(run.Result.Stopped)}
		if run.Result.Stopped == optim.StopDiverged {
			k := run.Result.DivergedAt
			it.DivergedAt = &k
		}
		for _, pt := range run.Result.Trace {
			it.Losses = append(it.Losses, Float(pt.Loss))
		}
		items[i] = it
	}
	return items
}

// Sweep is the learning-rate sweep: its parts merge into the result one
// optim.Sweep call over all learning rates gives, except for the paths
// (parts keep the losses, not the points).
func Sweep() Study[SweepHeader, SweepItem, optim.SweepResult] {
	return Study[SweepHeader, SweepItem, optim.SweepResult]{Name: "sweep", Index: "lr", Summarize: summarizeSweep}
}

func summarizeSweep(h SweepHeader, items []SweepItem) (optim.SweepResult, error) {
	if len(items) != len(h.LRs) {
		return optim.SweepResult{}, fmt.Errorf("%d runs in the parts, the sweep has %d learning rates", len(items), len(h.LRs))
	}
	res := optim.SweepResult{Eigenvalues: FromFloats(h.Eigenvalues), LambdaMax: float64(h.LambdaMax),
		ZigzagAbove: float64(h.ZigzagAbove), DivergeAbove: float64(h.DivergeAbove)}
	for i, it := range items {
		if it.LR != h.LRs[i] {
			return optim.SweepResult{}, &ItemError{Index: i, Msg: fmt.Sprintf("lr %d: the run is of lr %v, the sweep's lr %d is %v", i, it.LR, i, h.LRs[i])}
		}
		run := optim.SweepRun{LR: it.LR, Regime: optim.Regime(it.Regime), Why: it.Why}
		run.Result.FinalLoss, run.Result.Stopped = float64(it.FinalLoss), optim.Stop(it.Stopped)
		if it.DivergedAt != nil {
			run.Result.DivergedAt = *it.DivergedAt
		}
		for k, l := range it.Losses {
			run.Result.Trace = append(run.Result.Trace, optim.Point{Step: k, Loss: float64(l)})
		}
		res.Runs = append(res.Runs, run)
	}
	return res, nil
}
