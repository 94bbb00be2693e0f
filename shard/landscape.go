package shard

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// LandscapeHeader is what a part of a sharded landscape grid (a plane or
// pca study of optim/landscape) records besides the grid rows: everything
// of the result but the losses — the mode, the net, the directions'
// settings, the loss at the centre, the grid's coordinates, the explained
// variance and the projected path of a pca study — and a digest of the
// dataset (DataDigest).
type LandscapeHeader struct {
	Mode       string       `json:"mode"`
	Net        string       `json:"net"`
	FilterNorm bool         `json:"filter_norm"`
	Seed       uint64       `json:"seed"`
	CenterLoss Float        `json:"center_loss"`
	Alpha      []float64    `json:"alpha"`
	Beta       []float64    `json:"beta"`
	Explained  []float64    `json:"explained,omitempty"`
	Path       [][2]float64 `json:"path,omitempty"`
	Data       string       `json:"data_sha256"`
}

// LandscapeHeaderOf is the header of the parts of d's grid (a plane or pca
// landscape.Document), for the dataset with digest data (DataDigest).
func LandscapeHeaderOf(d landscape.Document, data string) LandscapeHeader {
	return LandscapeHeader{Mode: d.Mode, Net: d.Net, FilterNorm: d.FilterNorm, Seed: d.Seed, CenterLoss: Float(d.CenterLoss),
		Alpha: d.Alpha, Beta: d.Beta, Explained: d.Explained, Path: d.Path, Data: data}
}

// Document is the landscape document of grid, the merged rows of the
// study this header describes: LandscapeHeaderOf's inverse.
func (h LandscapeHeader) Document(grid [][]float64) landscape.Document {
	d := landscape.Document{Mode: h.Mode, Net: h.Net, FilterNorm: h.FilterNorm, Seed: h.Seed, CenterLoss: optim.JSONFloat(h.CenterLoss),
		Alpha: h.Alpha, Beta: h.Beta, GridLoss: make([][]optim.JSONFloat, len(grid)), Explained: h.Explained, Path: h.Path}
	for j, row := range grid {
		d.GridLoss[j] = optim.JSONFloats(row)
	}
	return d
}

// Landscape is the landscape-grid study: item j is row j of the grid (the
// losses at Beta[j] for every Alpha), and its parts merge into the grid
// [j][i] one unsharded run computes.
func Landscape() Study[LandscapeHeader, []Float, [][]float64] {
	return Study[LandscapeHeader, []Float, [][]float64]{Name: "landscape", Index: "row", Summarize: landscapeGrid}
}

// landscapeGrid checks the rows against the grid's size and converts them.
func landscapeGrid(h LandscapeHeader, rows [][]Float) ([][]float64, error) {
	if len(rows) != len(h.Beta) {
		return nil, fmt.Errorf("%d rows in the parts, the grid has %d", len(rows), len(h.Beta))
	}
	grid := make([][]float64, len(rows))
	for j, row := range rows {
		if len(row) != len(h.Alpha) {
			return nil, &ItemError{Index: j, Msg: fmt.Sprintf("row %d has %d values, the grid has %d columns", j, len(row), len(h.Alpha))}
		}
		grid[j] = FromFloats(row)
	}
	return grid, nil
}
