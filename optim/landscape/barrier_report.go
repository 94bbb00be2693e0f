package landscape

import (
	"fmt"

	"github.com/saddle-dev/saddle/figure"
)

// BarrierReport is a MatchedBarrier study as `saddle symmetry --barrier
// --json` writes it: the losses along the segment from A to B before and
// after matching B's hidden units to A's.
type BarrierReport struct {
	Net            string    `json:"net"`
	A              string    `json:"a"`
	B              string    `json:"b"`
	LossA          float64   `json:"loss_a"`
	LossB          float64   `json:"loss_b"`
	T              []float64 `json:"t"`
	LossBefore     []float64 `json:"loss_before"`
	LossAfter      []float64 `json:"loss_after"`
	BarrierBefore  float64   `json:"barrier_before"`
	BarrierAfter   float64   `json:"barrier_after"`
	DistanceBefore float64   `json:"distance_before"`
	DistanceAfter  float64   `json:"distance_after"`
	Matched        []float64 `json:"matched_b"`
}

// Report is the report of mb for the net named net, between the solutions
// named a and b (their files).
func (mb Barrier) Report(net, a, b string) BarrierReport {
	before, after := mb.Before, mb.After
	return BarrierReport{Net: net, A: a, B: b, LossA: before.Loss[0], LossB: before.Loss[len(before.Loss)-1],
		T: before.T, LossBefore: before.Loss, LossAfter: after.Loss, BarrierBefore: before.Barrier, BarrierAfter: after.Barrier,
		DistanceBefore: mb.DistanceBefore, DistanceAfter: mb.DistanceAfter, Matched: mb.Matched}
}

// Figure draws both loss curves; what names the net in the title.
func (r BarrierReport) Figure(what string) figure.Lines {
	return figure.Lines{
		Title:  fmt.Sprintf("loss from A to B (%s)", what),
		XLabel: "t: (1−t)·A + t·B", YLabel: "loss",
		Series: []figure.Series{
			{Label: fmt.Sprintf("before matching (barrier %.3g)", r.BarrierBefore), X: r.T, Y: r.LossBefore},
			{Label: fmt.Sprintf("after matching (barrier %.3g)", r.BarrierAfter), X: r.T, Y: r.LossAfter},
		},
	}
}
