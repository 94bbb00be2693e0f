package figure_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"

	"github.com/saddle-dev/saddle/figure"
)

// A loss curve as PNG, and the level sets of the saddle x² − y² with its
// critical point, as PNG and SVG. A figure is a value; Render returns its
// bytes (figure.Write puts them in a file, choosing the format by extension).
func Example() {
	steps := make([]float64, 50)
	loss := make([]float64, 50)
	for i := range steps {
		steps[i], loss[i] = float64(i), math.Pow(0.9, float64(i))
	}
	lines := figure.Lines{Title: "GD on a quadratic", XLabel: "step", YLabel: "loss", LogY: true,
		Series: []figure.Series{{Label: "lr 0.05", X: steps, Y: loss}}}
	data, err := lines.Render("png")
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("lines: png", img.Bounds().Dx(), "×", img.Bounds().Dy())

	axis := make([]float64, 41)
	for i := range axis {
		axis[i] = -1 + float64(i)/20
	}
	saddle := figure.Contour{Title: "x² − y²", X: axis, Y: axis, ZLabel: "f",
		F:      func(x, y float64) float64 { return x*x - y*y },
		Points: []figure.Point{{X: 0, Y: 0, Label: "saddle"}}}
	data, err = saddle.Render("png")
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err = png.Decode(bytes.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("contour: png", img.Bounds().Dx(), "×", img.Bounds().Dy(), "(the colour bar and legend add a column)")
	svg, err := saddle.Render("svg")
	fmt.Println("contour: svg", bytes.Contains(svg, []byte("<svg")), err)
	fmt.Println(len(figure.Levels([]float64{0, 1, 2, 3, 4}, 4)), "levels")
	// PNGs are drawn at 96 dpi: a line plot is 6×4 in = 576×384 px; a contour
	// plot's data area is 6×5 in, plus a column of 1.1 in for the colour bar
	// (the one-word legend fits in it): 7.1 in = 681.6 px, rounded up.
	//
	// Output:
	// lines: png 576 × 384
	// contour: png 682 × 480 (the colour bar and legend add a column)
	// contour: svg true <nil>
	// 4 levels
}
