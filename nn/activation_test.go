package nn

import (
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
)

func TestActivationTable(t *testing.T) {
	// Closed forms at z = −1.5, 0, 2: identity z, σ(z) = 1/(1+e^−z), tanh,
	// max(z, 0), log(1+e^z); the table's float and node functions both give them.
	const tol = 1e-15 // one or two roundings of the same formula
	want := map[Activation]func(float64) float64{
		Identity: func(z float64) float64 { return z },
		Sigmoid:  func(z float64) float64 { return 1 / (1 + math.Exp(-z)) },
		Tanh:     math.Tanh,
		ReLU:     func(z float64) float64 { return math.Max(z, 0) },
		Softplus: func(z float64) float64 { return math.Log(1 + math.Exp(z)) },
	}
	assert.Equal(t, []string{"identity", "relu", "sigmoid", "softplus", "tanh"}, Activations())
	zs := []float64{-1.5, 0, 2}
	for a, f := range want {
		node := a.Node(autodiff.Variable(zs, 3)).Data()
		for k, z := range zs {
			assert.InDelta(t, f(z), a.Apply(z), tol, "%s(%g) float", a, z)
			assert.InDelta(t, f(z), node[k], tol, "%s(%g) node", a, z)
		}
	}
	for a, flip := range map[Activation]bool{Identity: true, Sigmoid: true, Tanh: true, ReLU: false, Softplus: false, "cube": false} {
		assert.Equal(t, flip, Flippable(a), a)
	}
	assert.PanicsWithValue(t, `nn: Apply: unknown activation "cube"`, func() { Activation("cube").Apply(1) })
}
