package main

import (
	"flag"
	"io"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseInit(t *testing.T, args ...string) *initFlags {
	t.Helper()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := addInitFlags(fs, "xavier")
	require.NoError(t, fs.Parse(args))
	return f
}

func TestInitFlags(t *testing.T) {
	m := nn.MLP{Sizes: []int{2, 2, 1}, Hidden: nn.Sigmoid, Output: nn.Sigmoid}
	p, err := parseInit(t, "--init", "workload-w5").start(m, 7)
	require.NoError(t, err)
	assert.Equal(t, nn.W5Start(7), p)

	// uniform(−a, a) with a = --init-scale; restarts get their own seeds.
	f := parseInit(t, "--init", "uniform", "--init-scale", "0.25", "--seed", "3")
	p0, _ := f.start(m, 0)
	p1, _ := f.start(m, 1)
	assert.NotEqual(t, p0, p1)
	for _, v := range append(p0, p1...) {
		assert.LessOrEqual(t, v, 0.25)
		assert.GreaterOrEqual(t, v, -0.25)
	}
	assert.Equal(t, nn.InitUniform(m, 0.25, 3), p0, "restart 0 uses --seed itself")

	// A factor on the formula init.
	p, _ = parseInit(t, "--init", "formula", "--init-scale", "2").start(m, 0)
	ref := nn.InitFormula(m)
	for i := range p {
		assert.Equal(t, 2*ref[i], p[i])
	}

	assert.Error(t, parseInit(t, "--init-scale", "-1").check())
	_, err = parseInit(t, "--init", "workload-w1").start(nn.MLP{Sizes: []int{2, 3, 1}, Hidden: nn.Tanh, Output: nn.Sigmoid}, 0)
	var u *usageError
	assert.ErrorAs(t, err, &u)
}
