package main

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// linePlot is a figure of one or more curves y(x) with a legend, such as
// loss curves, and marked points (the critical points of a 1-D function).
type linePlot struct {
	Title, XLabel, YLabel string
	// LogY draws the Y axis on a log scale; points with y ≤ 0 or non-finite
	// are then left out (a log axis cannot show them).
	LogY   bool
	Series []lineSeries
	Points []markedPoint // one scatter and legend entry per label
}

// lineSeries is one curve of a linePlot.
type lineSeries struct {
	Label string
	X, Y  []float64
}

// plotLines renders lp and writes it atomically to path, as PNG or SVG by
// the extension (anything else is a usage error).
func plotLines(path string, lp linePlot) error {
	format, err := plotFormat(path)
	if err != nil {
		return err
	}
	data, err := renderLines(lp, format)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

// renderLines draws lp into an image of the given format.
func renderLines(lp linePlot, format string) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil { // gonum/plot panics on some degenerate inputs
			data, err = nil, fmt.Errorf("drawing %q: %v", lp.Title, r)
		}
	}()
	p := plot.New()
	p.Title.Text = lp.Title
	p.X.Label.Text = lp.XLabel
	p.Y.Label.Text = lp.YLabel
	p.Legend.Top = true
	if lp.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	drawn := 0
	for k, s := range lp.Series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("plot series %q: %d x values, %d y values", s.Label, len(s.X), len(s.Y))
		}
		xys := make(plotter.XYs, 0, len(s.X))
		for i := range s.X {
			y := s.Y[i]
			if math.IsNaN(y) || math.IsInf(y, 0) || math.IsNaN(s.X[i]) || (lp.LogY && y <= 0) {
				continue
			}
			xys = append(xys, plotter.XY{X: s.X[i], Y: y})
		}
		if len(xys) == 0 {
			continue
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("plot series %q: %v", s.Label, err)
		}
		l.Color = plotutil.Color(k)
		l.Width = vg.Points(1.2)
		p.Add(l)
		if s.Label != "" {
			p.Legend.Add(s.Label, l)
		}
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("plot %q: no finite point to draw", lp.Title)
	}
	if err := contourAddPoints(p, lp.Points, lp.LogY); err != nil {
		return nil, err
	}
	return plotBytes(p, 6*vg.Inch, 4*vg.Inch, format)
}

// plotBytes renders p at the given size to bytes in the given format.
func plotBytes(p *plot.Plot, w, h vg.Length, format string) ([]byte, error) {
	wt, err := p.WriterTo(w, h, format)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// plotFormat returns "png" or "svg" from the extension of path; any other
// extension is a usage error.
func plotFormat(path string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch ext {
	case "png", "svg":
		return ext, nil
	}
	return "", usagef("--plot %q: the extension must be .png or .svg", path)
}

// allPositive reports whether every finite value of every series is > 0, so
// that a log scale can show them all.
func allPositive(series []lineSeries) bool {
	for _, s := range series {
		for _, y := range s.Y {
			if !math.IsNaN(y) && !math.IsInf(y, 0) && y <= 0 {
				return false
			}
		}
	}
	return true
}
