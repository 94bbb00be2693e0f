package explore

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/workload/ref"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docs/WORKLOADS.md's references for the XOR net (W1, W4a).
const (
	w1FinalLoss  = ref.W1FinalLoss // after 10,000 steps of GD, lr 0.5, from W1's start
	w1RelTol     = ref.LossRel     // docs/WORKLOADS.md: agree to 1e-9 relative
	w4aLoss      = ref.W4aLoss
	w4aLambdaMin = ref.W4aEigMin
	w4aLambdaMax = ref.W4aEigMax
	w4aTol       = ref.EigAbs // docs/WORKLOADS.md: 1e-8 absolute
)

func xorRun(steps int) NetRun {
	return NetRun{Method: Method{Name: "gd", LR: 0.5}, Seed: 1, Steps: steps}
}

func TestNetRunW1(t *testing.T) {
	tr, err := NewTraining(xorRun(10000))
	require.NoError(t, err)
	var frames []Frame
	done, err := tr.Run(func(f Frame) error { frames = append(frames, f); return nil })
	require.NoError(t, err)
	assert.InEpsilon(t, w1FinalLoss, float64(done.FinalLoss), w1RelTol)
	require.Len(t, frames, 501, "steps 0, 20, …, 10000")
	assert.Equal(t, 10000, frames[500].Step)
	assert.Equal(t, done.FinalLoss, frames[500].Loss, "the last frame is the final loss")
	// Frame 0 is W1's start: W4a's loss and Hessian spectrum.
	assert.InDelta(t, w4aLoss, float64(frames[0].Loss), w4aTol)
	assert.InDelta(t, w4aLambdaMin, frames[0].Eigenvalues[0], w4aTol)
	assert.InDelta(t, w4aLambdaMax, frames[0].Eigenvalues[8], w4aTol)
	// The output heatmap: 31×31 values of the sigmoid output in (0, 1); at
	// the end the net computes XOR, so the corners (0,0) and (0,1) of the
	// data box read near 0 and near 1.
	require.Len(t, frames[500].Output, 31*31)
	box := tr.Info.Box
	at := func(x, y float64) float32 {
		i := int(math.Round((x - box[0]) / (box[1] - box[0]) * 30))
		j := int(math.Round((y - box[2]) / (box[3] - box[2]) * 30))
		return frames[500].Output[j*31+i]
	}
	assert.Less(t, at(0, 0), float32(0.1))
	assert.Greater(t, at(0, 1), float32(0.9))
}

func TestNetOrigin(t *testing.T) {
	// At θ = 0: L = ¼Σ(½ − y)² = 1/4, ∇L = 0, and the Hessian is ⅛ v vᵀ on
	// the output layer (v = (½, ½, 1)) and 0 elsewhere: eigenvalues 0 ×8 and
	// ⅛‖v‖² = 3/16 = 0.1875 (derived in serve's TestNetHessianAtOrigin).
	pt, err := NetAt(NetPointRequest{Params: make([]float64, 9)})
	require.NoError(t, err)
	const tol = 1e-15 // a few roundings of numbers of order 1
	assert.InDelta(t, 0.25, float64(pt.Loss), tol)
	assert.InDelta(t, 0, float64(pt.GradNorm), tol)
	for _, v := range pt.Eigenvalues[:8] {
		assert.InDelta(t, 0, v, tol)
	}
	assert.InDelta(t, 0.1875, pt.Eigenvalues[8], tol)
}

func TestNetRaceLeavesPlateau(t *testing.T) {
	race, err := RunNetRace(NetRaceRequest{
		Methods: []Method{{Name: "gd", LR: 0.5}, {Name: "adam", LR: 0.01}},
		Init:    "uniform", Scale: 1e-3, Seed: 1, Steps: 2000, Every: 10})
	require.NoError(t, err)
	for _, x := range race.Start {
		assert.LessOrEqual(t, math.Abs(x), 1e-3)
	}
	// GD's gradient at ±1e-3 from the origin is O(1e-7): after 2000 steps
	// of lr 0.5 it has moved O(1e-4), and the loss is still 1/4.
	assert.InDelta(t, 0.25, float64(race.Runs[0].Done.FinalLoss), 1e-6)
	// Adam's steps are of size lr whatever the gradient: it leaves.
	assert.Less(t, float64(race.Runs[1].Done.FinalLoss), 0.2)
}

func TestNetSymmetryKeepsLoss(t *testing.T) {
	x := []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05} // W1's start
	s, err := ApplySymmetry(NetSymmetryRequest{Params: x, Op: "permute", Layer: 1, Perm: []int{1, 0}})
	require.NoError(t, err)
	// Swapped: rows of W1 and b1 and the columns of W2 exchange.
	assert.Equal(t, []float64{-0.3, 0.6, 0.5, -0.4, -0.2, 0.1, -0.5, 0.7, 0.05}, []float64(s.Params))
	const lossTol = 1e-15 // the output sums two terms in the other order
	assert.InDelta(t, w4aLoss, float64(s.At.Loss), w4aTol)
	assert.InDelta(t, float64(s.Before.Loss), float64(s.At.Loss), lossTol)
	// ‖Δθ‖² = 2·((0.5+0.3)² + (0.4+0.6)² + 0.3² + 1.2²) = 2·(0.64 + 1 + 0.09 + 1.44) = 6.34
	assert.InDelta(t, math.Sqrt(6.34), s.Moved, 1e-12)
	f, err := ApplySymmetry(NetSymmetryRequest{Params: x, Op: "flip", Layer: 1, Unit: 0})
	require.NoError(t, err)
	assert.InDelta(t, float64(s.Before.Loss), float64(f.At.Loss), 1e-15)
}

func TestNetPlane(t *testing.T) {
	x := []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05}
	g, err := LossPlane(NetPlaneRequest{Params: x, Path: [][]float64{x}, Seed: 1})
	require.NoError(t, err)
	require.Len(t, g.Loss, 41*41)
	assert.InDelta(t, w4aLoss, g.Loss[20*41+20], 1e-7, "the centre is the point (float32 in JSON)")
	assert.InDelta(t, 0, g.Path[0][0], 1e-12)
	// The PCA plane of a straight path: all of it along d1, the last point at 0.
	path := [][]float64{make([]float64, 9), x}
	for i := range path[0] {
		path[0][i] = 2 * x[i]
	}
	p, err := LossPlane(NetPlaneRequest{Params: x, Path: path, Mode: "pca"})
	require.NoError(t, err)
	assert.InDelta(t, 1, p.Explained[0], 1e-12)
	assert.InDelta(t, 0, p.Path[1][0], 1e-12)
}

func TestNetBadInput(t *testing.T) {
	for _, c := range []struct {
		run   NetRun
		field string
	}{
		{NetRun{Net: NetSpec{Preset: "nope"}, Method: Method{Name: "gd"}, Steps: 1}, "net.preset"},
		{NetRun{Net: NetSpec{Act: "cosh"}, Method: Method{Name: "gd"}, Steps: 1}, "net.act"},
		{NetRun{Net: NetSpec{CSV: "a,b,y\n1,2\n"}, Method: Method{Name: "gd"}, Steps: 1}, "net.csv"},
		{NetRun{Net: NetSpec{Hidden: []int{99}}, Method: Method{Name: "gd"}, Steps: 1}, "net.hidden"},
		{NetRun{Method: Method{Name: "lbfgs"}, Steps: 1}, "methods[0].name"},
		{NetRun{Method: Method{Name: "gd"}, Steps: 0}, "steps"},
		{NetRun{Method: Method{Name: "gd"}, Steps: 1, Init: "zeros"}, "init"},
		{NetRun{Method: Method{Name: "gd"}, Steps: 1, Start: []float64{1}}, "start"},
	} {
		_, err := NewTraining(c.run)
		ie := AsInput(err)
		require.NotNil(t, ie, "%+v", c.run)
		assert.Equal(t, c.field, ie.Field, ie.Error())
	}
}

func TestNetCSV(t *testing.T) {
	// AND as a CSV: the run is the and preset's net on these rows.
	csv := "x1,x2,y\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n"
	tr, err := NewTraining(NetRun{Net: NetSpec{CSV: csv}, Method: Method{Name: "gd", LR: 0.5}, Steps: 2000, Init: "formula"})
	require.NoError(t, err)
	assert.Equal(t, []int{2, 2, 1}, tr.Info.Sizes)
	done, err := tr.Run(func(Frame) error { return nil })
	require.NoError(t, err)
	require.NotNil(t, done.Accuracy)
	assert.Equal(t, 1.0, *done.Accuracy, "AND is learnt")
}

func TestExactJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		A Float
		B Exact
	}{Float(math.NaN()), Exact{0.1, math.Inf(1), 1e-300}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":null,"B":[0.1,null,1e-300]}`, string(b))
}

func TestNetBarrier(t *testing.T) {
	// A trained XOR net and its copy with the hidden units swapped: the same
	// function, so the ends have equal loss; the straight segment between
	// them passes through nets with mixed units (a barrier), and matching
	// recovers A itself (for sigmoid nets up to rounding), so the barrier
	// after matching is 0.
	tr, err := NewTraining(xorRun(10000))
	require.NoError(t, err)
	done, err := tr.Run(func(Frame) error { return nil })
	require.NoError(t, err)
	a := []float64(done.Params)
	s, err := ApplySymmetry(NetSymmetryRequest{Params: a, Op: "permute", Layer: 1, Perm: []int{1, 0}})
	require.NoError(t, err)
	b, err := Barrier(NetBarrierRequest{A: a, B: s.Params})
	require.NoError(t, err)
	// At T = ½ the net's two hidden units are equal (the mean of the two):
	// it computes a function of one hidden unit, which cannot fit XOR.
	assert.Greater(t, float64(b.Before.Barrier), 0.1)
	const matchTol = 1e-12 // rounding of the matched copy
	assert.InDelta(t, 0, float64(b.After.Barrier), matchTol)
	for i := range a {
		assert.InDelta(t, a[i], b.MatchedB[i], matchTol)
	}
}

// The net calls take their cancellation as a Context field (nil: never);
// a context cancelled before the call stops each with its error.
func TestNetCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	run := xorRun(100)
	run.Context = ctx
	tr, err := NewTraining(run)
	require.NoError(t, err)
	_, err = tr.Run(func(Frame) error { return nil })
	assert.ErrorIs(t, err, context.Canceled)
	_, err = RunNetRace(NetRaceRequest{Methods: []Method{{Name: "gd", LR: 0.5}}, Seed: 1, Steps: 100, Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = LossPlane(NetPlaneRequest{Params: w1Start, Seed: 1, Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
}
