package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlotLines(t *testing.T) {
	dir := t.TempDir()
	series := []lineSeries{
		{Label: "a", X: []float64{0, 1, 2}, Y: []float64{1, 0.1, 0.01}},
		{Label: "b", X: []float64{0, 1, 2}, Y: []float64{2, 0.5, 0}}, // 0 is dropped on a log axis
	}
	for _, name := range []string{"f.png", "f.svg"} {
		path := filepath.Join(dir, name)
		require.NoError(t, plotLines(path, linePlot{Title: "t", LogY: true, Series: series}))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Greater(t, info.Size(), int64(100))
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestPlotLinesErrors(t *testing.T) {
	dir := t.TempDir()
	err := plotLines(filepath.Join(dir, "f.gif"), linePlot{})
	var u *usageError
	assert.ErrorAs(t, err, &u, "a bad extension is the user's mistake")
	err = plotLines(filepath.Join(dir, "f.png"), linePlot{Title: "empty", LogY: true,
		Series: []lineSeries{{X: []float64{0}, Y: []float64{-1}}}})
	assert.ErrorContains(t, err, "no finite point")
	err = plotLines(filepath.Join(dir, "f.png"), linePlot{Series: []lineSeries{{Label: "bad", X: []float64{0}, Y: nil}}})
	assert.ErrorContains(t, err, `"bad"`)
	assert.NoFileExists(t, filepath.Join(dir, "f.png"))
	assert.False(t, allPositive([]lineSeries{{Y: []float64{1, 0}}}))
	assert.True(t, allPositive([]lineSeries{{Y: []float64{1, 2}}}))
}
