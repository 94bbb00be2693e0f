package figure

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Lines is a figure of one or more curves y(x) with a legend, such as loss
// curves, and marked points (the critical points of a 1-D function). It is
// drawn 6×4 inches.
type Lines struct {
	Title, XLabel, YLabel string
	// LogX and LogY draw an axis on a log scale; points with a value ≤ 0
	// on it are then left out (a log axis cannot show them).
	LogX, LogY bool
	Markers    bool // a marker on every point of every series, too
	Series     []Series
	Points     []Point // one scatter and legend entry per label
}

// Render draws l as an image of the given format ("png" or "svg").
func (l Lines) Render(format string) ([]byte, error) {
	p, curves, err := l.plot()
	if err != nil {
		return nil, err
	}
	return encode(fmt.Sprintf("%q", l.Title), 6*vg.Inch, 4*vg.Inch, format, func(dc draw.Canvas) error {
		placeLegend(p, p.DataCanvas(dc), curves, l.LogX, l.LogY)
		p.Draw(dc)
		return nil
	})
}

// plot builds the gonum plot of l and returns it with the drawn points of
// every curve and marked point (for placing the legend).
func (l Lines) plot() (p *plot.Plot, curves []plotter.XYs, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, curves, err = nil, nil, fmt.Errorf("drawing %q: %v", l.Title, r)
		}
	}()
	p = newPlot(l.Title, l.XLabel, l.YLabel)
	if l.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if l.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	for k, s := range l.Series {
		if len(s.X) != len(s.Y) {
			return nil, nil, fmt.Errorf("plot series %q: %d x values, %d y values", s.Label, len(s.X), len(s.Y))
		}
		xys := make(plotter.XYs, 0, len(s.X))
		for i := range s.X {
			if l.shown(s.X[i], s.Y[i]) {
				xys = append(xys, plotter.XY{X: s.X[i], Y: s.Y[i]})
			}
		}
		if len(xys) == 0 {
			continue
		}
		if err := addLine(p, xys, s.Label, k, l.Markers); err != nil {
			return nil, nil, fmt.Errorf("plot series %q: %v", s.Label, err)
		}
		curves = append(curves, xys)
	}
	if len(curves) == 0 {
		return nil, nil, fmt.Errorf("plot %q: no finite point to draw", l.Title)
	}
	var pts []Point
	for _, m := range l.Points {
		if l.shown(m.X, m.Y) {
			pts = append(pts, m)
			curves = append(curves, plotter.XYs{{X: m.X, Y: m.Y}})
		}
	}
	if err := addPoints(p, pts, len(l.Series)); err != nil {
		return nil, nil, err
	}
	return p, curves, nil
}

// shown reports whether (x, y) can be drawn on l's axes.
func (l Lines) shown(x, y float64) bool {
	return finite(x) && finite(y) && (!l.LogX || x > 0) && (!l.LogY || y > 0)
}

// newPlot returns an empty plot with the title, axis labels and the
// legend's text style of every figure.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xLabel, yLabel
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	return p
}

// addLine adds the k-th curve (palette colour k) with its legend entry.
func addLine(p *plot.Plot, xys plotter.XYs, label string, k int, markers bool) error {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return err
	}
	l.Color, l.Width = Color(k), vg.Points(1.4)
	p.Add(l)
	thumbs := []plot.Thumbnailer{l}
	if markers {
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		sc.Color = Color(k)
		p.Add(sc)
		thumbs = append(thumbs, sc)
	}
	if label != "" {
		p.Legend.Add(label, thumbs...)
	}
	return nil
}
