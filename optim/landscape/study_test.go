package landscape

import (
	"context"
	"github.com/saddle-dev/saddle/workload/ref"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// studyTol: the closed forms below and the sampled values are the same
// sums of a few float64 products in another order.
const studyTol = 1e-12

// halfSquare is f(x) = ½‖x‖².
func halfSquare(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s / 2
}

// along returns c + a·d1 + b·d2.
func along(c, d1, d2 []float64, a, b float64) []float64 {
	out := make([]float64, len(c))
	for i := range c {
		out[i] = c[i] + a*d1[i] + b*d2[i]
	}
	return out
}

func TestStudyLineAndPlane(t *testing.T) {
	c := []float64{0.5, -1, 2}
	d0, d1 := RandomDirection(3, 7, 0), RandomDirection(3, 7, 1)
	line, err := Study(halfSquare, Config{Mode: ModeLine, Grid: 5, Span: 2, Seed: 7, Center: c})
	require.NoError(t, err)
	assert.Equal(t, []float64{-2, -1, 0, 1, 2}, line.T)
	assert.InDelta(t, halfSquare(c), line.CenterLoss, studyTol)
	for k, tt := range line.T {
		assert.InDelta(t, halfSquare(along(c, d0, d1, tt, 0)), line.Loss[k], studyTol, "t=%g", tt)
	}
	plane, err := Study(halfSquare, Config{Mode: ModePlane, Grid: 3, Seed: 7, Center: c, Workers: 2})
	require.NoError(t, err)
	require.Len(t, plane.Grid, 3)
	for j, b := range plane.Beta {
		for i, a := range plane.Alpha {
			assert.InDelta(t, halfSquare(along(c, d0, d1, a, b)), plane.Grid[j][i], studyTol)
		}
	}
}

func TestStudyPlaneRowsJoinAndWorkers(t *testing.T) {
	c := []float64{1, 2, 3, 4}
	cfg := Config{Mode: ModePlane, Grid: 7, Seed: 3, Center: c, Filters: []Filter{{0, 2}, {2, 4}}, Workers: 1}
	whole, err := Study(halfSquare, cfg)
	require.NoError(t, err)
	cfg.Workers = 3
	again, err := Study(halfSquare, cfg)
	require.NoError(t, err)
	assert.Equal(t, whole, again, "any number of workers gives the same grid")
	joined := make([][]float64, 7)
	for _, rows := range [][2]int{{0, 3}, {3, 5}, {5, 7}} {
		cfg.First, cfg.End = rows[0], rows[1]
		part, err := Study(halfSquare, cfg)
		require.NoError(t, err)
		for j := range part.Grid {
			if j < rows[0] || j >= rows[1] {
				assert.Nil(t, part.Grid[j])
			} else {
				joined[j] = part.Grid[j]
			}
		}
	}
	assert.Equal(t, whole.Grid, joined, "shards join into the whole grid bit for bit")
}

func TestStudyInterp(t *testing.T) {
	// From (1, 0) to (−1, 0): f = ½(1 − 2t)², highest at the ends, so the
	// barrier max − (f(a) + f(b))/2 is 0.
	r, err := Study(halfSquare, Config{Mode: ModeInterp, Grid: 25, Center: []float64{1, 0}, To: []float64{-1, 0}})
	require.NoError(t, err)
	for k, tt := range r.T {
		assert.InDelta(t, 0.5*(1-2*tt)*(1-2*tt), r.Loss[k], studyTol)
	}
	assert.InDelta(t, 0, r.Barrier, studyTol)
	assert.Equal(t, 0.5, r.CenterLoss)
}

func TestStudyPCA(t *testing.T) {
	// A path in the plane x₃ = 0 ending at the centre 0: the top-2
	// directions explain all of its variance, and the grid spans 1.25 times
	// the path's extent along each.
	var path [][]float64
	for k := -4; k <= 0; k++ {
		path = append(path, []float64{float64(k), float64(k * k), 0})
	}
	r, err := Study(halfSquare, Config{Mode: ModePCA, Grid: 5, Center: []float64{0, 0, 0}, Path: path})
	require.NoError(t, err)
	assert.InDelta(t, 1, r.Explained[0]+r.Explained[1], studyTol)
	require.Len(t, r.PathXY, 5)
	ma, mb := 0.0, 0.0
	for _, q := range r.PathXY {
		ma, mb = max(ma, abs(q[0])), max(mb, abs(q[1]))
	}
	assert.InDelta(t, 1.25*ma, r.Alpha[4], studyTol)
	assert.InDelta(t, 1.25*mb, r.Beta[4], studyTol)
	// The path's points are at their loss on the plane: the corner of the
	// grid (α, β) is ½(α² + β²) since the directions are orthonormal.
	assert.InDelta(t, 0.5*(r.Alpha[0]*r.Alpha[0]+r.Beta[0]*r.Beta[0]), r.Grid[0][0], studyTol)
}

func abs(x float64) float64 { return max(x, -x) }

func TestStudyStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	rows := 0
	f := func(x []float64) float64 { return halfSquare(x) }
	_, err := Study(f, Config{Mode: ModePlane, Grid: 50, Center: []float64{0, 0}, Workers: 1, Context: ctx,
		Progress: func(done, total int) {
			rows = done
			if done == 3 {
				cancel()
			}
		}})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 3, rows, "no row starts after the cancel")
}

func TestStudyRefusesBadConfig(t *testing.T) {
	c := []float64{0, 0}
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Mode: "cube", Center: c}, `unknown mode "cube"`},
		{Config{Mode: ModeLine}, "centre is not set"},
		{Config{Mode: ModeLine, Center: c, Grid: 1}, "grid must be ≥ 2"},
		{Config{Mode: ModeLine, Center: c, Span: -1}, "span"},
		{Config{Mode: ModeInterp, Center: c}, "second endpoint"},
		{Config{Mode: ModePCA, Center: c}, "path of at least 2"},
		{Config{Mode: ModePlane, Center: c, Grid: 5, First: 3, End: 9}, "rows 3..8"},
		{Config{Mode: ModePCA, Center: c, Path: [][]float64{{1, 1}, {1, 1}}}, "pca of the training path"},
	} {
		_, err := Study(halfSquare, tc.cfg)
		assert.ErrorContains(t, err, tc.want)
	}
}

func TestMatchedBarrierOfAPermutedCopy(t *testing.T) {
	// b is a with its two tanh hidden units swapped: the same function.
	// Matching undoes the swap, so the matched segment is the single point
	// a: the loss is constant (barrier 0) and the distance 0.
	m := nn.MLP{Sizes: []int{2, 2, 1}, Hidden: nn.Tanh, Output: nn.Identity}
	a := nn.InitUniform(m, 1, 5)
	b, err := nn.PermuteHidden(m, a, 1, []int{1, 0})
	require.NoError(t, err)
	f := func(p []float64) float64 { // the net's output at (1, −2), squared
		out := m.Predict(p, []float64{1, -2})
		return out[0] * out[0]
	}
	r, err := MatchedBarrier(f, m, a, b, 25)
	require.NoError(t, err)
	assert.Equal(t, a, r.Matched)
	assert.Equal(t, 0.0, r.DistanceAfter)
	assert.InDelta(t, 0, r.After.Barrier, studyTol)
	assert.Greater(t, r.DistanceBefore, 0.0)
	assert.InDelta(t, f(a), r.Before.Loss[24], studyTol, "the endpoint b computes a's function")
}

// landscapeW1Final is docs/WORKLOADS.md W1's reference loss after 10,000 GD
// steps (lr 0.5) from the W1 start; W1Tol its agreement, 1e-9 relative.
const (
	landscapeW1Final = ref.W1FinalLoss
	landscapeW1Tol   = ref.LossRel
)

func TestStudyXORAroundW1Solution(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	obj := optim.FromProblem(p)
	f := func(x []float64) float64 { return obj(x, nil) }
	tr := optim.Train(obj, nn.W1Start(), &optim.GD{LR: 0.5}, optim.Config{Steps: 10000, TraceEvery: 50, ParamsEvery: 1})
	// Plane, filter-normalised: index 10 of the 21-point grid on [−1, 1]
	// is α = β = 0, the centre, whose loss is W1's.
	plane, err := Study(f, Config{Mode: ModePlane, Grid: 21, Center: tr.Params, Filters: MLPFilters(p.Net)})
	require.NoError(t, err)
	assert.InEpsilon(t, landscapeW1Final, plane.CenterLoss, landscapeW1Tol)
	assert.Equal(t, 0.0, plane.Alpha[10])
	assert.InEpsilon(t, landscapeW1Final, plane.Grid[10][10], landscapeW1Tol)
	// PCA of the path: the shares of variance are ordered and sum to at
	// most 1, and the path ends at the centre (0, 0).
	var path [][]float64
	for _, pt := range tr.Trace {
		path = append(path, pt.Params)
	}
	pca, err := Study(f, Config{Mode: ModePCA, Grid: 11, Center: tr.Params, Path: path})
	require.NoError(t, err)
	assert.LessOrEqual(t, pca.Explained[0]+pca.Explained[1], 1+1e-12)
	assert.GreaterOrEqual(t, pca.Explained[0], pca.Explained[1])
	assert.Equal(t, [2]float64{0, 0}, pca.PathXY[len(pca.PathXY)-1])
	// Interp between the solution and its hidden-unit swap: the same
	// function at both ends, a positive barrier between.
	swapped, err := nn.PermuteHidden(p.Net, tr.Params, 1, []int{1, 0})
	require.NoError(t, err)
	in, err := Study(f, Config{Mode: ModeInterp, Grid: 25, Center: tr.Params, To: swapped})
	require.NoError(t, err)
	assert.InDelta(t, in.Loss[0], in.Loss[24], studyTol)
	assert.Greater(t, in.Barrier, 0.01)
}
