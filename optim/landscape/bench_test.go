package landscape

import (
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
)

func BenchmarkPlane51(b *testing.B) {
	center := []float64{0.3, -0.2, 0.1}
	d1, d2 := RandomDirection(3, 1, 0), RandomDirection(3, 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		Plane(quad, center, d1, d2, 51, 1, 1, nil)
	}
}

// BenchmarkPlane201 is a 201×201 filter-normalised plane of the XOR net
// and of the W2 net (moons) on one worker, point by point (the compiled
// program) and batched: the issue-18 target of a 4× faster plane.
func BenchmarkPlane201(b *testing.B) {
	for _, net := range []string{"xor", "moons"} {
		p, _ := nn.Preset(net)
		n := p.Net.NumParams()
		prog, _ := autodiff.Compile(p.Func(), n)
		center := nn.InitFormula(p.Net)
		d1 := FilterNormalize(RandomDirection(n, 7, 0), center, MLPFilters(p.Net))
		d2 := FilterNormalize(RandomDirection(n, 7, 1), center, MLPFilters(p.Net))
		b.Run(net+"/pointwise", func(b *testing.B) {
			c := prog.Clone()
			for b.Loop() {
				Plane(c.Value, center, d1, d2, 201, 1, 1, nil)
			}
		})
		b.Run(net+"/batched", func(b *testing.B) {
			bt := Batch{Size: prog.SuggestedBatch(), New: func() func(xs [][]float64, vals []float64) {
				q := prog.Batch(prog.SuggestedBatch())
				return func(xs [][]float64, vals []float64) { q.ValueAndGradVecs(xs, vals, nil) }
			}}
			for b.Loop() {
				PlaneRowsBatch(bt, center, d1, d2, 201, 1, 0, 201, 1, nil)
			}
		})
	}
}
