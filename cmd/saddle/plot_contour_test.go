package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func contourTestAxis(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return v
}

func TestPlotContourPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	// x² − y² sampled on a symmetric odd grid: the grid saddle at (0, 0) has
	// value exactly 0, the case that makes gonum's contour tracer panic when
	// a level equals it.
	c := contourPlot{
		Title: "x^2 - y^2", X: contourTestAxis(-1, 1, 21), Y: contourTestAxis(-1, 1, 21),
		F:      func(x, y float64) float64 { return x*x - y*y },
		Points: []markedPoint{{0, 0, "saddle"}, {0.5, 0.5, "minimum"}},
		Paths:  []plotPath{{Label: "gd", XY: [][2]float64{{1, 0.01}, {0.5, 0.02}, {0, 0.1}}}},
	}
	png := filepath.Join(dir, "c.png")
	require.NoError(t, plotContour(png, c))
	data, err := os.ReadFile(png)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("\x89PNG")), "PNG signature")
	svg := filepath.Join(dir, "c.svg")
	require.NoError(t, plotContour(svg, c))
	data, err = os.ReadFile(svg)
	require.NoError(t, err)
	assert.Contains(t, string(data), "<svg")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary files left behind")
}

func TestContourLevelsAvoidGridValues(t *testing.T) {
	vals := []float64{-1, 0, 0, 0, 1}
	for _, l := range contourLevels(vals, 5) {
		for _, v := range vals {
			assert.NotEqual(t, v, l)
		}
	}
	assert.Empty(t, contourLevels([]float64{2, 2}, 5), "a constant grid has no contours")
}

func TestPlotContourBadInput(t *testing.T) {
	dir := t.TempDir()
	err := plotContour(filepath.Join(dir, "c.jpg"), contourPlot{})
	require.ErrorContains(t, err, ".png or .svg")
	err = plotContour(filepath.Join(dir, "c.png"), contourPlot{X: []float64{0, 1}, Y: []float64{0, 1}, Z: [][]float64{{1, 2}}})
	require.ErrorContains(t, err, "rows")
	_, err = os.Stat(filepath.Join(dir, "c.png"))
	assert.True(t, os.IsNotExist(err))
}

func TestPlotLinesWithPoints(t *testing.T) {
	dir := t.TempDir()
	x := contourTestAxis(-2, 2, 41)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = (1 - v*v) * (1 - v*v)
	}
	c := linePlot{Series: []lineSeries{{Label: "f", X: x, Y: y}}, Points: []markedPoint{{-1, 0, "minimum"}, {0, 1, "maximum"}}}
	path := filepath.Join(dir, "c.svg")
	require.NoError(t, plotLines(path, c))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), "<svg")
	c.LogY = true // the zeros of the minima are dropped, not an error
	require.NoError(t, plotLines(filepath.Join(dir, "log.png"), c))
	err = plotLines(filepath.Join(dir, "e.png"), linePlot{Series: []lineSeries{{X: []float64{0}, Y: []float64{math.NaN()}}}})
	require.ErrorContains(t, err, "no finite point")
}
