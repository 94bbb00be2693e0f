package shard

import "github.com/saddle-dev/saddle/optim"

// RestartsReport is the result document of a restarts study (`saddle
// restarts --json`, and `saddle merge` of its parts): the settings, the
// success count and rate, the distinct solutions up to symmetry, the
// diverged runs, the final-loss histogram and every restart's final loss.
// It does not depend on the number of workers or shards.
type RestartsReport struct {
	Net          string            `json:"net"`
	Init         string            `json:"init"`
	Optimizer    string            `json:"optimizer"`
	LR           float64           `json:"lr"`
	N            int               `json:"n"`
	Steps        int               `json:"steps"`
	SuccessBelow float64           `json:"success_below"`
	Successes    int               `json:"successes"`
	SuccessRate  float64           `json:"success_rate"`
	Distinct     int               `json:"distinct_solutions"`
	Diverged     int               `json:"diverged"`
	Histogram    optim.Histogram   `json:"histogram"` // Edges and Counts are [] (not null) when empty
	FinalLosses  []optim.JSONFloat `json:"final_losses"`
}

// Report is the document of the summarised restarts res
// (RestartsHeader.Summarize) of the study h.
func (h RestartsHeader) Report(res optim.RestartResult) RestartsReport {
	out := RestartsReport{Net: h.Net, Init: h.Init, Optimizer: h.Optimizer, LR: float64(h.LR), N: h.N, Steps: h.Steps,
		SuccessBelow: float64(h.SuccessBelow), Successes: res.Successes, SuccessRate: res.SuccessRate,
		Distinct: len(res.Solutions), Histogram: res.Histogram, FinalLosses: optim.JSONFloats(res.FinalLoss)}
	for _, s := range res.Stopped {
		if s == optim.StopDiverged {
			out.Diverged++
		}
	}
	if out.Histogram.Edges == nil {
		out.Histogram.Edges, out.Histogram.Counts = []float64{}, []int{}
	}
	return out
}
