package figure

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is a figure that renders itself in a format ("png" or "svg"):
// [Lines] and [Contour].
type Figure interface {
	Render(format string) ([]byte, error)
}

// Series is one curve of a [Lines] figure.
type Series struct {
	Label string // legend entry; "" for none
	X, Y  []float64
}

// Point is a marked point. Points with the same Label share a marker and
// one legend entry; the labels "minimum", "maximum", "saddle" and
// "degenerate" (the kinds of critical point) have fixed markers.
type Point struct {
	X, Y  float64
	Label string
}

// Path is a polyline drawn over a [Contour] figure (e.g. an optimizer's path).
type Path struct {
	Label string
	XY    [][2]float64
}

// Format returns "png" or "svg" from the extension of path (any case); any
// other extension is an error.
func Format(path string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch ext {
	case "png", "svg":
		return ext, nil
	}
	return "", fmt.Errorf("figure %q: the extension must be .png or .svg", path)
}

// Write renders f in the format of path's extension and writes it
// atomically to path: on any error no file is left behind.
func Write(path string, f Figure) error {
	format, err := Format(path)
	if err != nil {
		return err
	}
	data, err := f.Render(format)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

// colors is the one set of colours of curves, paths and marked points
// (matplotlib's "tab10", whose colours stay distinct for colour-blind readers).
var colors = [...]color.RGBA{
	{R: 31, G: 119, B: 180, A: 255},
	{R: 214, G: 39, B: 40, A: 255},
	{R: 44, G: 160, B: 44, A: 255},
	{R: 148, G: 103, B: 189, A: 255},
	{R: 140, G: 86, B: 75, A: 255},
	{R: 227, G: 119, B: 194, A: 255},
	{R: 127, G: 127, B: 127, A: 255},
	{R: 188, G: 189, B: 34, A: 255},
}

// Color returns the k-th colour of the palette (cycling), the colour of the
// k-th series or path of a figure.
func Color(k int) color.Color { return colors[k%len(colors)] }

// AllPositive reports whether every finite value of every series is > 0,
// so that a log scale (Lines.LogY) can show them all.
func AllPositive(series []Series) bool {
	for _, s := range series {
		for _, y := range s.Y {
			if finite(y) && y <= 0 {
				return false
			}
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// encode draws into a new canvas of the given size and format and returns
// its bytes; draw's panics (gonum/plot panics on some degenerate inputs)
// become errors naming what was drawn.
func encode(what string, w, h vg.Length, format string, drawFn func(dc draw.Canvas) error) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("drawing %s: %v", what, r)
		}
	}()
	c, err := draw.NewFormattedCanvas(w, h, format)
	if err != nil {
		return nil, err
	}
	if err := drawFn(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
