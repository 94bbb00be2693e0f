package main

import (
	"errors"
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseNetFlags(t *testing.T, args ...string) (nn.Problem, *netFlags, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	nf := addNetFlags(fs)
	require.NoError(t, fs.Parse(args))
	p, err := nf.problem()
	return p, nf, err
}

func csvFixture(name string) string { return filepath.Join("..", "..", "testdata", "csv", name) }

func TestNetFlagsPreset(t *testing.T) {
	p, nf, err := parseNetFlags(t)
	require.NoError(t, err)
	want, _ := nn.Preset("xor")
	assert.Equal(t, want, p)
	assert.Equal(t, "xor", nf.name())
	assert.Equal(t, nn.W1Start(), nf.start(p))

	p, nf, err = parseNetFlags(t, "--net", "moons")
	require.NoError(t, err)
	assert.Equal(t, []int{2, 16, 16, 1}, p.Net.Sizes)
	assert.Equal(t, nn.InitFormula(p.Net), nf.start(p))
}

func TestNetFlagsCustom(t *testing.T) {
	p, nf, err := parseNetFlags(t, "--sizes", "2,4,1", "--act", "tanh", "--loss", "bce")
	require.NoError(t, err)
	assert.Equal(t, nn.MLP{Sizes: []int{2, 4, 1}, Hidden: nn.Tanh, Output: nn.Identity}, p.Net, "bce takes logits")
	assert.Equal(t, nn.BCE, p.Loss)
	assert.Equal(t, "xor", p.Data.Name, "the preset's data")
	assert.Equal(t, "custom", nf.name())

	// mse on 0/1 targets: sigmoid output; on regression targets: identity.
	p, _, err = parseNetFlags(t, "--net", "moons", "--sizes", "2,3,1", "--loss", "mse")
	require.NoError(t, err)
	assert.Equal(t, nn.Sigmoid, p.Net.Output)
	p, _, err = parseNetFlags(t, "--data", "linreg", "--sizes", "1,1", "--loss", "mse")
	require.NoError(t, err)
	assert.Equal(t, nn.Identity, p.Net.Output)
	p, _, err = parseNetFlags(t, "--data", "linreg", "--sizes", "1,3,1", "--loss", "mse", "--out-act", "softplus")
	require.NoError(t, err)
	assert.Equal(t, nn.Softplus, p.Net.Output)

	// A CSV file, and class labels made one-hot for softmax.
	p, _, err = parseNetFlags(t, "--data", csvFixture("xor.csv"), "--sizes", "2,3,1", "--act", "tanh")
	require.NoError(t, err)
	assert.Equal(t, nn.XOR().Y, p.Data.Y)
	p, _, err = parseNetFlags(t, "--data", csvFixture("classes.csv"), "--sizes", "2,5,3", "--act", "relu", "--loss", "softmax")
	require.NoError(t, err)
	assert.Equal(t, 3, p.Data.Out)
	assert.Equal(t, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0}, p.Data.Y)
}

func TestNetFlagsErrors(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"--net", "mnist"}, true, `--net: unknown preset "mnist" (known: and, blobs`},
		{[]string{"--sizes", "2,x,1"}, true, `--sizes "2,x,1": "x" is not a whole number`},
		{[]string{"--sizes", "2"}, true, "want at least 2 comma-separated sizes"},
		{[]string{"--sizes", "2,0,1"}, true, "size 2 is 0"},
		{[]string{"--sizes", "3,2,1"}, true, `dataset "xor" has 2 feature columns, net [3 2 1] has 3 inputs (set --sizes to match the data)`},
		{[]string{"--act", "swish"}, true, `--act: unknown activation "swish"`},
		{[]string{"--loss", "hinge"}, true, `--loss: unknown loss "hinge"`},
		{[]string{"--loss", "bce", "--out-act", "sigmoid"}, true, "loss bce takes logits"},
		{[]string{"--data", "mnist"}, true, `--data: unknown dataset "mnist"`},
		{[]string{"--data", "blobs"}, true, "3 target columns"},
		{[]string{"--data", csvFixture("text_in_number.csv")}, false, `text_in_number.csv:4:3: "abc" in column "x2" is not a number`},
		{[]string{"--data", "no_such.csv"}, false, "no_such.csv: no such file"},
	} {
		_, _, err := parseNetFlags(t, tc.args...)
		require.Error(t, err, "%v", tc.args)
		assert.Contains(t, err.Error(), tc.want, "%v", tc.args)
		var u *usageError
		assert.Equal(t, tc.usage, errors.As(err, &u), "%v: usage error", tc.args)
	}
}
