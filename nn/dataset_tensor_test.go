package nn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorgonia.org/tensor"
)

// TestDatasetTensorsRoundTrip: a built-in dataset read back as tensors and
// built again is the same dataset (the tensors share its memory).
func TestDatasetTensorsRoundTrip(t *testing.T) {
	d := Moons()
	x, y := d.Tensors()
	assert.Equal(t, []int{MoonsSize, 2}, []int(x.Shape()))
	assert.Equal(t, []int{MoonsSize, 1}, []int(y.Shape()))
	assert.Same(t, &d.X[0], &x.Float64s()[0], "X is shared, not copied")
	back, err := DatasetFromTensors("moons", x, y)
	require.NoError(t, err)
	assert.Equal(t, d, back)
}

// TestDatasetFromFloat32Tensors: float32 features widen exactly (0.1f =
// 13421773·2⁻²⁷), a 1-D target tensor is one column, and the loss of W1's
// start on XOR given as float32 tensors is the reference loss of nn.XOR
// (0 and 1 are float32 values).
func TestDatasetFromFloat32Tensors(t *testing.T) {
	x := tensor.New(tensor.WithShape(2, 1), tensor.WithBacking([]float32{0.1, -3}))
	y := tensor.New(tensor.WithShape(2), tensor.WithBacking([]float32{1, 0}))
	d, err := DatasetFromTensors("tiny", x, y)
	require.NoError(t, err)
	assert.Equal(t, Dataset{Name: "tiny", X: []float64{13421773.0 / (1 << 27), -3}, Y: []float64{1, 0}, N: 2, In: 1, Out: 1}, d)

	xor := XOR()
	x32 := make([]float32, len(xor.X))
	for i, v := range xor.X {
		x32[i] = float32(v)
	}
	p, err := Preset("xor")
	require.NoError(t, err)
	want := p.LossValue(W1Start())
	p.Data, err = DatasetFromTensors("xor", tensor.New(tensor.WithShape(4, 2), tensor.WithBacking(x32)),
		tensor.New(tensor.WithShape(4), tensor.WithBacking([]float32{0, 1, 1, 0})))
	require.NoError(t, err)
	assert.Equal(t, want, p.LossValue(W1Start()))
}

// TestDatasetFromTensorsErrors: tensors from the world that cannot be a
// dataset are errors naming the dataset, the tensor and what is wrong.
func TestDatasetFromTensorsErrors(t *testing.T) {
	x := tensor.New(tensor.WithShape(3, 2), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6}))
	y := tensor.New(tensor.WithShape(3), tensor.WithBacking([]float64{0, 1, 0}))
	cases := []struct {
		name string
		x, y *tensor.Dense
		want string
	}{
		{"int dtype", tensor.New(tensor.Of(tensor.Int), tensor.WithShape(3, 2)), y,
			`nn: dataset "d": X: tensor of dtype int and shape (3, 2), want float64 or float32`},
		{"nil targets", x, nil, `nn: dataset "d": Y: nil tensor`},
		{"rank 3", tensor.New(tensor.WithShape(3, 1, 2), tensor.WithBacking(make([]float64, 6))), y,
			`nn: dataset "d": X has shape (3, 1, 2), want (N, columns) or (N)`},
		{"rows differ", x, tensor.New(tensor.WithShape(2), tensor.WithBacking([]float64{0, 1})),
			`nn: dataset "d": X has shape (3, 2) and Y has shape (2), want as many rows`},
		{"not finite", tensor.New(tensor.WithShape(3, 2), tensor.WithBacking([]float64{1, 2, math.NaN(), 4, 5, 6})), y,
			`nn: dataset "d": X[1][0] = NaN is not finite`},
	}
	for _, c := range cases {
		_, err := DatasetFromTensors("d", c.x, c.y)
		assert.EqualError(t, err, c.want, c.name)
	}
}

// TestDatasetTensorsPanics: a Dataset whose dimensions do not fit its data
// is a programmer error.
func TestDatasetTensorsPanics(t *testing.T) {
	d := Dataset{Name: "bad", X: []float64{1, 2, 3}, Y: []float64{0}, N: 1, In: 2, Out: 1}
	assert.PanicsWithValue(t, `nn: Dataset.Tensors: dataset "bad" has N = 1, In = 2, Out = 1, and 3 values of X and 1 of Y`, func() { d.Tensors() })
}
