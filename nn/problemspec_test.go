package nn_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/nn"
)

func TestProblemSpec(t *testing.T) {
	p, err := nn.ProblemSpec{Preset: "xor"}.Problem()
	require.NoError(t, err)
	pre, _ := nn.Preset("xor")
	assert.Equal(t, pre.Net, p.Net)

	// A new loss sets the output activation: bce takes logits (identity).
	p, err = nn.ProblemSpec{Preset: "xor", Sizes: []int{2, 4, 1}, Hidden: nn.Tanh, Loss: nn.BCE}.Problem()
	require.NoError(t, err)
	assert.Equal(t, nn.MLP{Sizes: []int{2, 4, 1}, Hidden: nn.Tanh, Output: nn.Identity}, p.Net)
	// unless the output is given.
	p, err = nn.ProblemSpec{Preset: "xor", Loss: nn.MSE, Output: nn.Tanh}.Problem()
	require.NoError(t, err)
	assert.Equal(t, nn.Tanh, p.Net.Output)

	// softmax over 2 outputs one-hot encodes xor's 0/1 labels: 4 rows × 2.
	p, err = nn.ProblemSpec{Preset: "xor", Sizes: []int{2, 2, 2}, Loss: nn.SoftmaxCE}.Problem()
	require.NoError(t, err)
	assert.Equal(t, 2, p.Data.Out)
	assert.Equal(t, []float64{1, 0, 0, 1, 0, 1, 1, 0}, p.Data.Y)

	var se *nn.SpecError
	_, err = nn.ProblemSpec{Preset: "xor", Sizes: []int{3, 1}}.Problem()
	require.True(t, errors.As(err, &se), "%v", err)
	assert.True(t, se.Mismatch, "3 inputs for 2 feature columns")
	_, err = nn.ProblemSpec{Preset: "nope"}.Problem()
	require.True(t, errors.As(err, &se))
	assert.Equal(t, "preset", se.Part)
}

func TestPresetStartFor(t *testing.T) {
	pre, _ := nn.Preset("xor")
	start, _ := nn.PresetStart("xor")
	assert.Equal(t, start, nn.PresetStartFor("xor", pre.Net))
	other := nn.MLP{Sizes: []int{2, 3, 1}, Hidden: nn.Sigmoid, Output: nn.Sigmoid}
	assert.Equal(t, nn.InitFormula(other), nn.PresetStartFor("xor", other))
}

func ExampleProblemSpec() {
	p, err := nn.ProblemSpec{Preset: "xor", Sizes: []int{2, 4, 1}, Hidden: nn.Tanh}.Problem()
	fmt.Println(p.Net, p.Loss, p.Data.Name, p.NumParams(), err)
	// Output: 2-4-1 tanh/sigmoid mse xor 17 <nil>
}
