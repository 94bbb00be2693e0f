package shard

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/escape"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// A plane document split into a header and its rows and put back together
// is the document again: the header keeps everything but the losses, and
// a NaN loss (a diverged point) stays null.
func TestLandscapeHeaderDocumentRoundTrip(t *testing.T) {
	doc := landscape.Document{Mode: "pca", Net: "xor", FilterNorm: true, Seed: 3, CenterLoss: 0.25,
		Alpha: []float64{-1, 0, 1}, Beta: []float64{-1, 1}, Explained: []float64{0.9, 0.05},
		Path:     [][2]float64{{0, 0}, {0.5, -0.5}},
		GridLoss: [][]optim.JSONFloat{{1, 2, 3}, {4, optim.JSONFloat(math.NaN()), 6}}}
	h := LandscapeHeaderOf(doc, "digest")
	assert.Equal(t, "digest", h.Data)
	grid := [][]float64{{1, 2, 3}, {4, math.NaN(), 6}}
	got := h.Document(grid)
	assert.True(t, math.IsNaN(float64(got.GridLoss[1][1])))
	got.GridLoss[1][1], doc.GridLoss[1][1] = 0, 0 // NaN ≠ NaN; checked above
	assert.Equal(t, doc, got)
}

// An escape header with a summarised report gives the document saddle
// escape prints: the header's settings and one summary per method, in the
// report's order.
func TestEscapeHeaderDocument(t *testing.T) {
	rep := escape.Report{Problem: "xy", Start: []float64{0, 0}, SaddleValue: 0, Threshold: -1,
		Results: []escape.MethodResult{{Method: "gd", LR: 0.1, Escaped: 3, Rate: 0.75, MedianSteps: 40},
			{Method: "pgd", LR: 0.1, Escaped: 4, Rate: 1, MedianSteps: 12}}}
	h := EscapeHeaderOf(rep, []string{"x", "y"}, 1e-3, 100, 4, 7)
	d := h.Document(rep)
	assert.Equal(t, "xy", d.Saddle)
	assert.Equal(t, []string{"x", "y"}, d.Vars)
	assert.Equal(t, -1.0, d.Threshold)
	assert.Equal(t, 1e-3, d.Eps)
	assert.Equal(t, 100, d.Steps)
	assert.Equal(t, 4, d.N)
	assert.Equal(t, uint64(7), d.Seed)
	if assert.Len(t, d.Methods, 2) {
		assert.Equal(t, "gd", d.Methods[0].Method)
		assert.Equal(t, 3, d.Methods[0].Escaped)
		assert.Equal(t, "pgd", d.Methods[1].Method)
		assert.Equal(t, 12, d.Methods[1].MedianSteps)
	}
}
