package shard

import (
	"fmt"
	"slices"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim"
)

// Figure is the restarts study's figure: the final losses of res in
// increasing order (plateaus show as flat stretches) and the success
// threshold, on a log scale when every loss is positive. figure.Write draws
// it to a PNG or SVG file.
func (h RestartsHeader) Figure(res optim.RestartResult) figure.Lines {
	sorted := slices.Clone(res.FinalLoss)
	slices.Sort(sorted)
	loss := figure.Series{Label: "final loss"}
	for i, l := range sorted {
		loss.X, loss.Y = append(loss.X, float64(i+1)), append(loss.Y, l)
	}
	below, n := float64(h.SuccessBelow), float64(len(sorted))
	threshold := figure.Series{Label: fmt.Sprintf("success below %g", below), X: []float64{1, n}, Y: []float64{below, below}}
	series := []figure.Series{loss, threshold}
	return figure.Lines{Title: fmt.Sprintf("%d restarts of %s", len(sorted), h.Net),
		XLabel: "restart, by final loss", YLabel: "final loss", LogY: figure.AllPositive(series), Series: series}
}
