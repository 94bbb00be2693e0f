package landscape

import (
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/require"
)

// compiledBatch is the batched replay of a compiled loss as a Batch of size b.
func compiledBatch(t *testing.T, prog *autodiff.Program, b int) Batch {
	t.Helper()
	return Batch{Size: b, New: func() func(xs [][]float64, vals []float64) {
		q := prog.Batch(b)
		return func(xs [][]float64, vals []float64) { q.ValueAndGradVecs(xs, vals, nil) }
	}}
}

// TestPlaneBatchBitIdentical: a filter-normalised plane of the XOR and
// circles nets evaluated in batches equals, bit for bit, the plane of the
// compiled program point by point, for any batch size and worker count;
// the line and the interpolation too.
func TestPlaneBatchBitIdentical(t *testing.T) {
	for _, name := range []string{"xor", "circles"} {
		p, err := nn.Preset(name)
		require.NoError(t, err)
		n := p.Net.NumParams()
		prog, err := autodiff.Compile(p.Func(), n)
		require.NoError(t, err)
		center := nn.InitFormula(p.Net)
		d1 := FilterNormalize(RandomDirection(n, 7, 0), center, MLPFilters(p.Net))
		d2 := FilterNormalize(RandomDirection(n, 7, 1), center, MLPFilters(p.Net))
		f := func(x []float64) float64 { return prog.Clone().Value(x) }
		want := Plane(f, center, d1, d2, 13, 1, 1, nil)
		wantLine := Line(f, center, d1, want.Alpha)
		wantInterp := Interpolate(f, d1, d2, 30)
		for _, c := range []struct{ b, workers int }{{1, 1}, {5, 2}, {16, 3}, {64, 2}} {
			got := PlaneRowsBatch(compiledBatch(t, prog, c.b), center, d1, d2, 13, 1, 0, 13, c.workers, nil)
			for j := range want.Loss {
				for i := range want.Loss[j] {
					require.Equal(t, math.Float64bits(want.Loss[j][i]), math.Float64bits(got.Loss[j][i]),
						"%s batch %d workers %d point (%d,%d)", name, c.b, c.workers, i, j)
				}
			}
			line := LineBatch(compiledBatch(t, prog, c.b), center, d1, want.Alpha)
			require.Equal(t, wantLine, line, "%s line, batch %d", name, c.b)
			in := InterpolateBatch(compiledBatch(t, prog, c.b), d1, d2, 30)
			require.Equal(t, wantInterp, in, "%s interp, batch %d", name, c.b)
		}
	}
}
