package landscape

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim"
)

// Document is a study's result as `saddle landscape --json` writes it:
// the study's settings beside its losses, which are null where not finite.
type Document struct {
	Mode       string `json:"mode"`
	Net        string `json:"net"`
	FilterNorm bool   `json:"filter_norm"`
	Seed       uint64 `json:"seed"`
	// CenterLoss is the loss at the centre (line, plane, pca) or at the
	// first endpoint (interp).
	CenterLoss optim.JSONFloat `json:"center_loss"`
	// line and interp
	T    []float64         `json:"t,omitempty"`
	Loss []optim.JSONFloat `json:"loss,omitempty"`
	// interp
	Barrier        *optim.JSONFloat  `json:"barrier,omitempty"`
	ArgMaxT        *float64          `json:"argmax_t,omitempty"`
	EndpointLosses []optim.JSONFloat `json:"endpoint_losses,omitempty"`
	// plane and pca: GridLoss[j][i] is the loss at centre + Alpha[i]·d1 + Beta[j]·d2.
	Alpha    []float64           `json:"alpha,omitempty"`
	Beta     []float64           `json:"beta,omitempty"`
	GridLoss [][]optim.JSONFloat `json:"grid_loss,omitempty"`
	// pca
	Explained []float64    `json:"explained,omitempty"`
	Path      [][2]float64 `json:"path,omitempty"`
}

// NewDocument is the document of the study res of the net described by
// net, with the directions' settings filterNorm and seed. The grid rows of
// res must all be there (a whole study, or the rows of its parts joined).
func NewDocument(net string, filterNorm bool, seed uint64, res Result) Document {
	d := Document{Mode: string(res.Mode), Net: net, FilterNorm: filterNorm, Seed: seed, CenterLoss: optim.JSONFloat(res.CenterLoss),
		T: res.T, Loss: optim.JSONFloats(res.Loss), Alpha: res.Alpha, Beta: res.Beta}
	if res.Grid != nil {
		d.GridLoss = make([][]optim.JSONFloat, len(res.Grid))
		for j, row := range res.Grid {
			d.GridLoss[j] = optim.JSONFloats(row)
		}
	}
	switch res.Mode {
	case ModeInterp:
		barrier, argmax := optim.JSONFloat(res.Barrier), res.ArgMax
		d.Barrier, d.ArgMaxT = &barrier, &argmax
		d.EndpointLosses = optim.JSONFloats([]float64{res.Loss[0], res.Loss[len(res.Loss)-1]})
	case ModePCA:
		d.Explained, d.Path = res.Explained[:], res.PathXY
	}
	return d
}

// WriteCSV writes the samples as CSV: t,loss rows (line, interp) or
// alpha,beta,loss rows (plane, pca), every number in the shortest form that
// reads back to the same float64.
func (d Document) WriteCSV(w io.Writer) error {
	var b strings.Builder
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if d.GridLoss == nil {
		b.WriteString("t,loss\n")
		for k, t := range d.T {
			fmt.Fprintf(&b, "%s,%s\n", num(t), num(float64(d.Loss[k])))
		}
	} else {
		b.WriteString("alpha,beta,loss\n")
		for j, beta := range d.Beta {
			for i, alpha := range d.Alpha {
				fmt.Fprintf(&b, "%s,%s,%s\n", num(alpha), num(beta), num(float64(d.GridLoss[j][i])))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Figure is the study's figure: the loss curve (line, interp), or the
// contours of the loss on the plane with the centre marked (plane), or
// with the training path from its start to its end, the centre (pca).
func (d Document) Figure() figure.Figure {
	switch d.Mode {
	case "line", "interp":
		xl, title := "t (distance along a random direction)", "loss along a line through "+d.Net
		if d.Mode == "interp" {
			xl, title = "t ((1−t)·A + t·B)", fmt.Sprintf("loss between two solutions of %s (barrier %.4g)", d.Net, float64(*d.Barrier))
		}
		return figure.Lines{Title: title, XLabel: xl, YLabel: "loss",
			Series: []figure.Series{{Label: "loss", X: d.T, Y: values(d.Loss)}}}
	}
	z := make([][]float64, len(d.GridLoss))
	for j := range d.GridLoss {
		z[j] = values(d.GridLoss[j])
	}
	c := figure.Contour{Title: "loss around " + d.Net, XLabel: "α (direction 1)", YLabel: "β (direction 2)", X: d.Alpha, Y: d.Beta, Z: z,
		Points: []figure.Point{{X: 0, Y: 0, Label: "centre"}}}
	if d.Mode == "pca" {
		c.Title = "training path of " + d.Net
		c.XLabel = fmt.Sprintf("PC1 (%.1f%% of variance)", 100*d.Explained[0])
		c.YLabel = fmt.Sprintf("PC2 (%.1f%% of variance)", 100*d.Explained[1])
		c.Paths = []figure.Path{{Label: "path", XY: d.Path}}
		c.Points = []figure.Point{{X: d.Path[0][0], Y: d.Path[0][1], Label: "start"}, {X: 0, Y: 0, Label: "end"}}
	}
	return c
}

// WriteText writes the document as `saddle landscape` prints it: the net,
// the mode and the range of the losses (the barrier for interp, the
// explained variance for pca).
func (d Document) WriteText(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "net\t%s\n", d.Net)
	fmt.Fprintf(w, "mode\t%s (filter-normalised: %v, seed %d)\n", d.Mode, d.FilterNorm, d.Seed)
	if d.Mode != "interp" { // interp prints both endpoints' losses below
		fmt.Fprintf(w, "loss at the centre\t%.10g\n", float64(d.CenterLoss))
	}
	switch d.Mode {
	case "line":
		lo, hi := minMax(values(d.Loss))
		fmt.Fprintf(w, "loss along t in [%g, %g]\tmin %.6g, max %.6g (%d points)\n", d.T[0], d.T[len(d.T)-1], lo, hi, len(d.T))
	case "interp":
		fmt.Fprintf(w, "endpoint losses\t%.6g, %.6g\n", float64(d.EndpointLosses[0]), float64(d.EndpointLosses[1]))
		fmt.Fprintf(w, "barrier\t%.6g at t = %.3g (%d points)\n", float64(*d.Barrier), *d.ArgMaxT, len(d.T))
	case "plane", "pca":
		var all []float64
		for _, row := range d.GridLoss {
			all = append(all, values(row)...)
		}
		lo, hi := minMax(all)
		fmt.Fprintf(w, "grid\t%d×%d, α in [%.4g, %.4g], β in [%.4g, %.4g]\n", len(d.Alpha), len(d.Beta), d.Alpha[0], d.Alpha[len(d.Alpha)-1], d.Beta[0], d.Beta[len(d.Beta)-1])
		fmt.Fprintf(w, "loss on the grid\tmin %.6g, max %.6g\n", lo, hi)
		if d.Mode == "pca" {
			fmt.Fprintf(w, "explained variance\tPC1 %.4f, PC2 %.4f (%d path points)\n", d.Explained[0], d.Explained[1], len(d.Path))
		}
	}
	return w.Flush()
}

func values(xs []optim.JSONFloat) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// minMax returns the smallest and largest value that is not NaN.
func minMax(v []float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if !math.IsNaN(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi
}
