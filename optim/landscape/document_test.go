package landscape_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim/landscape"
)

func TestDocumentLineAndInterp(t *testing.T) {
	res := landscape.Result{Mode: landscape.ModeInterp, CenterLoss: 1, T: []float64{0, 0.5, 1}, Loss: []float64{1, 3, 2}, Barrier: 1.5, ArgMax: 0.5}
	d := landscape.NewDocument("xor", false, 7, res)
	require.NotNil(t, d.Barrier)
	assert.Equal(t, 1.5, float64(*d.Barrier))
	assert.Equal(t, 0.5, *d.ArgMaxT)
	assert.Equal(t, []float64{1, 2}, []float64{float64(d.EndpointLosses[0]), float64(d.EndpointLosses[1])}, "the losses at t = 0 and t = 1")
	assert.Nil(t, d.GridLoss)

	var csv bytes.Buffer
	require.NoError(t, d.WriteCSV(&csv))
	assert.Equal(t, "t,loss\n0,1\n0.5,3\n1,2\n", csv.String())
	assert.IsType(t, figure.Lines{}, d.Figure())

	// A diverged point is null in JSON.
	res = landscape.Result{Mode: landscape.ModeLine, CenterLoss: 1, T: []float64{-1, 0, 1}, Loss: []float64{math.Inf(1), 1, 4}}
	b, err := json.Marshal(landscape.NewDocument("xor", true, 1, res))
	require.NoError(t, err)
	assert.JSONEq(t, `{"mode":"line","net":"xor","filter_norm":true,"seed":1,"center_loss":1,"t":[-1,0,1],"loss":[null,1,4]}`, string(b))
}

func TestDocumentPlane(t *testing.T) {
	res := landscape.Result{Mode: landscape.ModePlane, CenterLoss: 0, Alpha: []float64{-1, 1}, Beta: []float64{-2, 2},
		Grid: [][]float64{{1, 2}, {3, math.NaN()}}}
	d := landscape.NewDocument("xor", false, 1, res)
	var csv bytes.Buffer
	require.NoError(t, d.WriteCSV(&csv))
	// Rows of the grid are β, columns α: (α, β) = (1, 2) is Grid[1][1].
	assert.Equal(t, "alpha,beta,loss\n-1,-2,1\n1,-2,2\n-1,2,3\n1,2,NaN\n", csv.String())
	var text bytes.Buffer
	require.NoError(t, d.WriteText(&text))
	assert.Contains(t, text.String(), "min 1, max 3\n", "NaN is left out of the range")
	c, ok := d.Figure().(figure.Contour)
	require.True(t, ok)
	assert.Equal(t, []float64{1, 2}, c.Z[0])
}

// A Document is what `saddle landscape --json` prints; it also writes the
// samples as CSV, draws the figure and prints the text summary.
func ExampleDocument() {
	res := landscape.Result{Mode: landscape.ModeLine, CenterLoss: 0.25, T: []float64{-1, 0, 1}, Loss: []float64{1.25, 0.25, 1.25}}
	d := landscape.NewDocument("xor", false, 1, res)
	_ = d.WriteText(os.Stdout)
	_ = d.WriteCSV(os.Stdout)
	// Output:
	// net                      xor
	// mode                     line (filter-normalised: false, seed 1)
	// loss at the centre       0.25
	// loss along t in [-1, 1]  min 0.25, max 1.25 (3 points)
	// t,loss
	// -1,1.25
	// 0,0.25
	// 1,1.25
}

func TestBarrierReport(t *testing.T) {
	// The double well (1 − x²)² between its minima −1 and 1: barrier 1 at
	// t = ½ (1-D: nothing to match, the "after" segment is the same).
	f := func(p []float64) float64 { u := 1 - p[0]*p[0]; return u * u }
	in := landscape.Interpolate(f, []float64{-1}, []float64{1}, 25)
	mb := landscape.Barrier{Before: in, After: in, Matched: []float64{1}, DistanceBefore: 2, DistanceAfter: 2}
	r := mb.Report("w", "a.json", "b.json")
	assert.Equal(t, 0.0, r.LossA)
	assert.Equal(t, 0.0, r.LossB)
	assert.InDelta(t, 1, r.BarrierBefore, 1e-12, "f(0) = 1 exactly; the barrier is f − max(f(a), f(b))")
	fig := r.Figure("1-D")
	assert.Equal(t, "loss from A to B (1-D)", fig.Title)
	require.Len(t, fig.Series, 2)
}
