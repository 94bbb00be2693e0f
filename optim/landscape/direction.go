package landscape

import (
	"fmt"
	"github.com/saddle-dev/saddle/nn"
	"math"
	"math/rand/v2"
)

// RandomDirection returns a vector of n independent standard normal samples
// from a PCG generator seeded with (seed, stream): the random direction of
// Goodfellow et al. 2015 and, before normalisation, of Li et al. 2018.
// Different streams give independent directions for one seed.
func RandomDirection(n int, seed, stream uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, stream))
	d := make([]float64, n)
	for i := range d {
		d[i] = rng.NormFloat64()
	}
	return d
}

// Filter is the index range [Lo, Hi) of one filter in a flat parameter
// vector; for an MLP, the incoming weight row of one unit.
type Filter struct{ Lo, Hi int }

// MLPFilters returns the filters of an MLP, one per unit: its incoming
// weight row W_l[o][·], located with nn.MLP.Layers (the layout of package nn).
// The biases belong to no filter.
func MLPFilters(m nn.MLP) []Filter {
	var fs []Filter
	for _, l := range m.Layers(make([]float64, m.NumParams())) {
		for o := 0; o < l.Out; o++ {
			fs = append(fs, Filter{l.Offset + o*l.In, l.Offset + (o+1)*l.In})
		}
	}
	return fs
}

// FilterNormalize returns dir with each filter rescaled to the norm of the
// same filter in params, and every entry outside the filters (the biases)
// set to 0: the filter normalisation of Li, Xu, Taylor, Studer & Goldstein
// (NeurIPS 2018, §4), d_f ← d_f·‖θ_f‖/‖d_f‖. It removes the scale
// invariance of a net's weights from the picture, so that planes of
// different nets (or of sharp and flat minima) can be compared. A filter
// whose direction part is zero stays zero.
func FilterNormalize(dir, params []float64, filters []Filter) []float64 {
	checkLen("FilterNormalize", dir, params)
	out := make([]float64, len(dir))
	for _, f := range filters {
		if f.Lo < 0 || f.Hi > len(dir) || f.Lo > f.Hi {
			panic(fmt.Sprintf("landscape: FilterNormalize: filter [%d,%d) outside a vector of length %d", f.Lo, f.Hi, len(dir)))
		}
		nd, np := norm(dir[f.Lo:f.Hi]), norm(params[f.Lo:f.Hi])
		if nd == 0 {
			continue
		}
		for i := f.Lo; i < f.Hi; i++ {
			out[i] = dir[i] * np / nd
		}
	}
	return out
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
