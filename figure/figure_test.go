package figure

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func axis(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return v
}

func TestFormat(t *testing.T) {
	for path, want := range map[string]string{"a.png": "png", "b.SVG": "svg", "dir.x/c.Png": "png"} {
		got, err := Format(path)
		require.NoError(t, err, path)
		assert.Equal(t, want, got, path)
	}
	for _, path := range []string{"a.jpg", "png", "a.png.gz"} {
		_, err := Format(path)
		assert.ErrorContains(t, err, ".png or .svg", path)
	}
}

func TestWriteLinesPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	series := []Series{
		{Label: "a", X: []float64{0, 1, 2}, Y: []float64{1, 0.1, 0.01}},
		{Label: "b", X: []float64{0, 1, 2}, Y: []float64{2, 0.5, 0}}, // 0 is dropped on a log axis
	}
	require.NoError(t, Write(filepath.Join(dir, "f.png"), Lines{Title: "t", LogY: true, Series: series}))
	require.NoError(t, Write(filepath.Join(dir, "f.svg"), Lines{Title: "t", LogY: true, Series: series}))
	data, err := os.ReadFile(filepath.Join(dir, "f.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), "PNG signature")
	data, err = os.ReadFile(filepath.Join(dir, "f.svg"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "<svg")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestLinesErrors(t *testing.T) {
	dir := t.TempDir()
	assert.ErrorContains(t, Write(filepath.Join(dir, "f.gif"), Lines{}), ".png or .svg")
	_, err := Lines{Title: "empty", LogY: true, Series: []Series{{X: []float64{0}, Y: []float64{-1}}}}.Render("png")
	assert.ErrorContains(t, err, "no finite point")
	_, err = Lines{Series: []Series{{X: []float64{0}, Y: []float64{math.NaN()}}}}.Render("png")
	assert.ErrorContains(t, err, "no finite point")
	err = Write(filepath.Join(dir, "f.png"), Lines{Series: []Series{{Label: "bad", X: []float64{0}, Y: nil}}})
	assert.ErrorContains(t, err, `"bad"`)
	assert.NoFileExists(t, filepath.Join(dir, "f.png"))
	assert.False(t, AllPositive([]Series{{Y: []float64{1, 0}}}))
	assert.True(t, AllPositive([]Series{{Y: []float64{1, 2, math.NaN()}}}))
}

func TestLinesWithPointsOnLogAxis(t *testing.T) {
	x := axis(-2, 2, 41)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = (1 - v*v) * (1 - v*v)
	}
	l := Lines{Series: []Series{{Label: "f", X: x, Y: y}}, Points: []Point{{-1, 0, "minimum"}, {0, 1, "maximum"}}}
	_, err := l.Render("svg")
	require.NoError(t, err)
	l.LogY = true // the zeros of the minima are dropped, not an error
	_, err = l.Render("png")
	require.NoError(t, err)
}

// legendFor builds l's plot and places its legend on a 6×4 in canvas.
func legendFor(t *testing.T, l Lines) (top, left bool, yMax float64) {
	t.Helper()
	p, curves, err := l.plot()
	require.NoError(t, err)
	c, err := draw.NewFormattedCanvas(6*vg.Inch, 4*vg.Inch, "png")
	require.NoError(t, err)
	placeLegend(p, p.DataCanvas(draw.New(c)), curves, l.LogX, l.LogY)
	return p.Legend.Top, p.Legend.Left, p.Y.Max
}

func TestLegendAvoidsData(t *testing.T) {
	x := axis(0, 1, 50)
	// y = x rises to the top right: the top left corner is free.
	top, left, _ := legendFor(t, Lines{Series: []Series{{Label: "rising", X: x, Y: x}}})
	assert.True(t, top)
	assert.True(t, left)
	// y = 1 − x leaves the top right free, the first choice.
	down := make([]float64, len(x))
	for i, v := range x {
		down[i] = 1 - v
	}
	top, left, _ = legendFor(t, Lines{Series: []Series{{Label: "falling", X: x, Y: down}}})
	assert.True(t, top)
	assert.False(t, left)
	// y = 1 and y = 0 fill every corner: the Y axis grows above 1 so that
	// the top right box is clear of the line y = 1.
	one, zero := make([]float64, len(x)), make([]float64, len(x))
	for i := range one {
		one[i] = 1
	}
	top, left, yMax := legendFor(t, Lines{Series: []Series{{Label: "one", X: x, Y: one}, {Label: "zero", X: x, Y: zero}}})
	assert.True(t, top)
	assert.False(t, left)
	assert.Greater(t, yMax, 1.0)
	// The same on a log axis (y = 10 and y = 1): the axis grows in log10.
	ten, one1 := make([]float64, len(x)), make([]float64, len(x))
	for i := range ten {
		ten[i], one1[i] = 10, 1
	}
	_, _, yMax = legendFor(t, Lines{LogY: true, Series: []Series{{Label: "ten", X: x, Y: ten}, {Label: "one", X: x, Y: one1}}})
	assert.Greater(t, yMax, 10.0)
	assert.Less(t, yMax, 100.0, "a legend of two entries needs far less than a decade")
}

func TestContourPNGAndSVG(t *testing.T) {
	// x² − y² sampled on a symmetric odd grid: the grid saddle at (0, 0) has
	// value exactly 0, the case that makes gonum's contour tracer panic when
	// a level equals it.
	c := Contour{
		Title: "x^2 - y^2", X: axis(-1, 1, 21), Y: axis(-1, 1, 21),
		F:      func(x, y float64) float64 { return x*x - y*y },
		Points: []Point{{0, 0, "saddle"}, {0.5, 0.5, "minimum"}},
		Paths:  []Path{{Label: "gd", XY: [][2]float64{{1, 0.01}, {0.5, 0.02}, {0, 0.1}}}},
	}
	data, err := c.Render("png")
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("\x89PNG")), "PNG signature")
	data, err = c.Render("svg")
	require.NoError(t, err)
	assert.Contains(t, string(data), "<svg")
	c.F = func(x, y float64) float64 { return 3 } // constant: no levels, no colour bar, still a figure
	_, err = c.Render("png")
	require.NoError(t, err)
}

func TestLevelsAvoidGridValues(t *testing.T) {
	vals := []float64{-1, 0, 0, 0, 1}
	levels := Levels(vals, 5)
	require.NotEmpty(t, levels)
	for _, l := range levels {
		for _, v := range vals {
			assert.NotEqual(t, v, l)
		}
	}
	assert.Empty(t, Levels([]float64{2, 2}, 5), "a constant grid has no contours")
	assert.Empty(t, Levels(nil, 5))
	// Quantiles of 0..100 at (k − ½)/4, k = 1..4: 12.5, 37.5, 62.5, 87.5 (+ the 1e-7 nudge).
	const nudgeTol = 1e-6
	for i, want := range []float64{12.5, 37.5, 62.5, 87.5} {
		assert.InDelta(t, want, Levels(axis(0, 100, 101), 4)[i], nudgeTol)
	}
}

func TestContourBadInput(t *testing.T) {
	dir := t.TempDir()
	assert.ErrorContains(t, Write(filepath.Join(dir, "c.jpg"), Contour{}), ".png or .svg")
	err := Write(filepath.Join(dir, "c.png"), Contour{X: []float64{0, 1}, Y: []float64{0, 1}, Z: [][]float64{{1, 2}}})
	assert.ErrorContains(t, err, "rows")
	_, err = Contour{X: []float64{0, 1}, Y: []float64{0, 1}, Z: [][]float64{{1, 2}, {3}}}.Render("png")
	assert.ErrorContains(t, err, "row 1")
	_, err = Contour{X: []float64{0}, Y: []float64{0, 1}}.Render("png")
	assert.ErrorContains(t, err, "2×2")
	_, err = Contour{X: []float64{0, 1}, Y: []float64{0, 1}}.Render("png")
	assert.ErrorContains(t, err, "neither Z nor F")
	inf := math.Inf(1)
	_, err = Contour{X: []float64{0, 1}, Y: []float64{0, 1}, Z: [][]float64{{inf, inf}, {math.NaN(), inf}}}.Render("png")
	assert.ErrorContains(t, err, "no finite value")
	assert.NoFileExists(t, filepath.Join(dir, "c.png"))
}

func TestContourLegendBesideData(t *testing.T) {
	// The data area stays 6 in wide; the legend and colour bar add a column
	// at least as wide as the longest legend entry.
	c := Contour{X: axis(-1, 1, 11), Y: axis(-1, 1, 11), F: func(x, y float64) float64 { return x * y }}
	width := func(c Contour) int {
		data, err := c.Render("png")
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		return img.Bounds().Dx()
	}
	plain := width(c)
	c.Paths = []Path{{Label: "a path with a rather long label, to be read beside the data", XY: [][2]float64{{0, 0}, {1, 1}}}}
	long := width(c)
	assert.Greater(t, long, plain)
	assert.Equal(t, 682, plain, "6 in of data + 1.1 in of colour bar at 96 dpi")
}
