package nn

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParamNamesAndLayout(t *testing.T) {
	// The 2-2-1 layout written out by hand: W1 (2×2, row per unit), b1, W2 (1×2), b2.
	m := MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}
	assert.Equal(t, []string{"W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]", "W2[0][0]", "W2[0][1]", "b2[0]"}, m.ParamNames())
	assert.Equal(t, "W1 2×2, b1 2, W2 1×2, b2 1", m.Layout())
	big := MLP{Sizes: []int{3, 4, 2}, Hidden: Tanh, Output: Identity}
	names := big.ParamNames()
	require.Len(t, names, big.NumParams())
	assert.Equal(t, "b1[3]", names[3*4+3])
	assert.Equal(t, "W2[1][3]", names[16+7])
}

func TestSameNet(t *testing.T) {
	a := MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}
	assert.True(t, a.SameNet(a))
	assert.False(t, a.SameNet(MLP{Sizes: []int{2, 3, 1}, Hidden: Sigmoid, Output: Sigmoid}))
	assert.False(t, a.SameNet(MLP{Sizes: []int{2, 2, 1}, Hidden: Tanh, Output: Sigmoid}))
	assert.False(t, a.SameNet(MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Identity}))
	// Without hidden layers the hidden activation is not part of the net.
	lin := MLP{Sizes: []int{2, 1}, Hidden: Sigmoid, Output: Identity}
	assert.True(t, lin.SameNet(MLP{Sizes: []int{2, 1}, Hidden: Tanh, Output: Identity}))
}

func TestLoadCheckpointFor(t *testing.T) {
	m := MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}
	path := filepath.Join(t.TempDir(), "ck.json")
	params := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	require.NoError(t, SaveCheckpoint(path, NewCheckpoint(m, MSE, params)))
	ck, err := LoadCheckpointFor(path, m)
	require.NoError(t, err)
	assert.Equal(t, params, ck.Params)

	other := MLP{Sizes: []int{2, 2, 1}, Hidden: Tanh, Output: Sigmoid}
	_, err = LoadCheckpointFor(path, other)
	var mis *NetMismatchError
	require.ErrorAs(t, err, &mis)
	assert.Equal(t, NetMismatchError{Path: path, Got: m, Want: other}, *mis)
	assert.Equal(t, "checkpoint "+path+" holds the net 2-2-1 sigmoid/sigmoid, not 2-2-1 tanh/sigmoid", err.Error())

	_, err = LoadCheckpointFor(filepath.Join(t.TempDir(), "none.json"), m)
	assert.ErrorContains(t, err, "cannot read checkpoint")
}
