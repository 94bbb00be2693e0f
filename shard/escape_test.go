package shard

import (
	"fmt"
	"testing"

	"github.com/saddle-dev/saddle/optim/escape"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEscapeInThreeShards: an escape study on x² − y² run as 3 shards and
// merged gives the report of one escape.Run call, bit for bit.
func TestEscapeInThreeShards(t *testing.T) {
	p, start := escape.Hyperbolic(), []float64{0, 0}
	methods := []escape.Method{{Name: "gd"}, {Name: "pgd"}, {Name: "adam"}}
	cfg := escape.Config{N: 10, Steps: 300, Seed: 4, Eps: 1e-3}
	want, err := escape.Run(p, start, methods, cfg)
	require.NoError(t, err)

	var parts []*Part
	var paths []string
	for k := range 3 {
		first, end := Range(k, 3, cfg.N)
		rep, runs, err := escape.Runs(p, start, methods, cfg, first, end)
		require.NoError(t, err)
		h := EscapeHeaderOf(rep, []string{"x", "y"}, cfg.Eps, cfg.Steps, cfg.N, cfg.Seed)
		part, err := New(Meta{Study: "escape", Index: "run", Params: map[string]string{}, Shard: k, Shards: 3, Total: cfg.N}, h, EscapeItems(runs))
		require.NoError(t, err)
		parts, paths = append(parts, part), append(paths, fmt.Sprintf("part%d", k))
	}
	got, h, err := Escape().Merge(paths, parts)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, []string{"x", "y"}, h.Vars)

	parts[1].Items[0] = []byte(`[{"escape_step":1,"final_loss":0,"diverged":false,"curve":[]}]`)
	_, _, err = Escape().Merge(paths, parts)
	assert.EqualError(t, err, "part1: run 3 has results of 1 methods, the study has 3")
}
