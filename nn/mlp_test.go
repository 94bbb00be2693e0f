package nn

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refTol: docs/WORKLOADS.md requires agreement with its references to 1e-8 absolute.
const refTol = ref.EigAbs

// The reference values of docs/WORKLOADS.md W4: loss of the XOR net at W1's start
// and of the 2-16-1 tanh net (W4b) on the moons at formula init.
const (
	refW1Loss  = ref.W4aLoss
	refW4bLoss = ref.W4bLoss
)

var (
	xorNet = MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}
	w4bNet = MLP{Sizes: []int{2, 16, 1}, Hidden: Tanh, Output: Identity}
)

func TestNumParams(t *testing.T) {
	// Σ out·in + out, counted by hand.
	for _, tc := range []struct {
		sizes []int
		want  int
	}{
		{[]int{2, 2, 1}, 2*2 + 2 + 1*2 + 1},                             // 9, W1
		{[]int{2, 16, 1}, 16*2 + 16 + 16 + 1},                           // 65, W4b
		{[]int{2, 16, 16, 1}, 32 + 16 + 256 + 16 + 16 + 1},              // 337, W2
		{[]int{64, 128, 128, 10}, 8192 + 128 + 16384 + 128 + 1280 + 10}, // W3
		{[]int{1, 1}, 2}, // linear regression
	} {
		m := MLP{Sizes: tc.sizes, Hidden: Tanh, Output: Identity}
		assert.Equal(t, tc.want, m.NumParams(), "%v", tc.sizes)
		offs := m.LayerOffsets()
		assert.Equal(t, tc.want, offs[len(offs)-1])
	}
}

func TestLayersView(t *testing.T) {
	params := W1Start()
	ls := xorNet.Layers(params)
	require.Len(t, ls, 2)
	// W1 = [[0.5, −0.4], [−0.3, 0.6]]: W[o][j] maps input j to unit o.
	assert.Equal(t, -0.3, ls[0].At(1, 0))
	assert.Equal(t, -0.4, ls[0].At(0, 1))
	assert.Equal(t, []float64{-0.3, 0.6}, ls[0].Row(1))
	assert.Equal(t, []float64{0.1, -0.2}, ls[0].B)
	assert.Equal(t, []float64{0.7, -0.5}, ls[1].W)
	assert.Equal(t, []float64{0.05}, ls[1].B)
	assert.Equal(t, 6, ls[1].Offset)
	// The view aliases the vector.
	ls[1].B[0] = 9
	assert.Equal(t, 9.0, params[8])
	assert.Panics(t, func() { xorNet.Layers(params[:8]) })
}

func TestMLPValidate(t *testing.T) {
	for _, tc := range []struct {
		m    MLP
		want string
	}{
		{MLP{Sizes: []int{2}, Hidden: Tanh, Output: Identity}, "at least 2 sizes"},
		{MLP{Sizes: []int{2, 0, 1}, Hidden: Tanh, Output: Identity}, "layer 1 has 0 units"},
		{MLP{Sizes: []int{2, 3, 1}, Hidden: "swish", Output: Identity}, `hidden activation: unknown activation "swish"`},
		{MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: ""}, `output activation: unknown activation ""`},
	} {
		err := tc.m.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
		assert.Contains(t, err.Error(), "nn: ")
	}
	assert.NoError(t, MLP{Sizes: []int{1, 1}, Output: Identity}.Validate(), "no hidden layer: Hidden unused")
	assert.Equal(t, "2-2-1 sigmoid/sigmoid", xorNet.String())
}

// TestPredictMatchesWorkloadReferences: the plain-float forward pass, the
// datasets and the initialisers reproduce the losses docs/WORKLOADS.md gives
// (from four independent implementations).
func TestPredictMatchesWorkloadReferences(t *testing.T) {
	d := XOR()
	out := xorNet.Predict(W1Start(), d.X)
	mse := 0.0
	for i, y := range out {
		mse += (y - d.Y[i]) * (y - d.Y[i])
	}
	assert.InDelta(t, refW1Loss, mse/4, refTol)

	moons := Moons()
	z := w4bNet.Predict(InitFormula(w4bNet), moons.X)
	bce := 0.0
	for i, zi := range z {
		y := moons.Y[i]
		bce += math.Max(zi, 0) - zi*y + math.Log1p(math.Exp(-math.Abs(zi)))
	}
	assert.InDelta(t, refW4bLoss, bce/float64(moons.N), refTol)
}

func TestActivations(t *testing.T) {
	// Closed forms at z = ±2 and far out, where a naive sigmoid/softplus would overflow.
	const actTol = 1e-15 // one rounding of values of order 1
	assert.InDelta(t, 1/(1+math.Exp(-2)), Sigmoid.Apply(2), actTol)
	assert.InDelta(t, math.Exp(-2)/(1+math.Exp(-2)), Sigmoid.Apply(-2), actTol)
	assert.Equal(t, 0.0, Sigmoid.Apply(-1000))
	assert.InDelta(t, math.Log(1+math.Exp(2)), Softplus.Apply(2), actTol)
	assert.Equal(t, 1000.0, Softplus.Apply(1000))
	assert.Equal(t, 0.0, ReLU.Apply(-3))
	assert.Equal(t, math.Tanh(0.3), Tanh.Apply(0.3))
	_, err := ParseActivation("gelu")
	assert.ErrorContains(t, err, `unknown activation "gelu" (known: identity, relu, sigmoid, softplus, tanh)`)
}

func TestMLPValidateHuge(t *testing.T) {
	// 2³³·2³³ weights would overflow an int64 product check done naively.
	m := MLP{Sizes: []int{1 << 33, 1 << 33}, Output: Identity}
	assert.ErrorContains(t, m.Validate(), "need more than 68719476736 parameters")
	m = MLP{Sizes: []int{1 << 20, 1 << 16, 1}, Hidden: Tanh, Output: Identity}
	assert.ErrorContains(t, m.Validate(), "need more than")
	assert.NoError(t, MLP{Sizes: []int{1 << 10, 1 << 10, 1}, Hidden: Tanh, Output: Identity}.Validate())
}
