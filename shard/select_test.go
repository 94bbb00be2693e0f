package shard

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelect(t *testing.T) {
	clearEnv(t)
	_, _, sharded, err := Select("", 0, false)
	require.NoError(t, err)
	assert.False(t, sharded, "neither flag: not sharded")
	k, n, sharded, err := Select("2/5", 5, true)
	require.NoError(t, err)
	assert.Equal(t, []any{2, 5, true}, []any{k, n, sharded})
	_, _, _, err = Select("2/5", 4, true)
	var u *UsageError
	require.ErrorAs(t, err, &u)
	assert.EqualError(t, err, "--shard 2/5 and --shards 4 disagree on the number of shards")
	_, _, _, err = Select("5/5", 0, false)
	require.ErrorAs(t, err, &u)
	assert.ErrorContains(t, err, `--shard "5/5": want K/N`)
	_, _, _, err = Select("", 0, true)
	assert.EqualError(t, err, "--shards must be in 1..1000000, got 0")
	t.Setenv(EnvK8sIndex, "3")
	k, n, sharded, err = Select("", 4, true)
	require.NoError(t, err)
	assert.Equal(t, []any{3, 4, true}, []any{k, n, sharded}, "K from the Indexed Job")
}

// TestFlagParams: the flags that change results are kept by value, the
// skipped ones left out, and a file flag naming a file gets the SHA-256 of
// its content (of "a,b\n": coreutils sha256sum gives 5be08c96…).
func TestFlagParams(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d.csv")
	require.NoError(t, os.WriteFile(data, []byte("a,b\n"), 0o644))
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Int("n", 100, "")
	fs.Int("workers", 0, "")
	fs.String("data", "", "")
	fs.String("init", "", "")
	require.NoError(t, fs.Parse([]string{"--n", "7", "--data", data, "--workers", "3"}))
	got := FlagParams(fs, map[string]bool{"workers": true}, map[string]bool{"data": true, "init": true})
	assert.Equal(t, map[string]string{"n": "7", "data": data, "init": "",
		"data (file sha256)": "5be08c9684a1d25efcee09318204824278b08bbfb4aef973ffefd0b9d7478313"}, got)
}

func TestPartSummaryAndString(t *testing.T) {
	p, err := New(Meta{Study: "restarts", Index: "restart", Params: map[string]string{}, Shard: 1, Shards: 3, Total: 12}, 0, make([]int, 4))
	require.NoError(t, err)
	assert.Equal(t, Summary{Part: "p.json", Study: "restarts", Shard: 1, Shards: 3, Total: 12, First: 4, End: 8}, p.Summary("p.json"))
	assert.Equal(t, "shard 1 of 3 (restart 4..7 of 12)", p.String())
	empty, err := New(Meta{Study: "restarts", Index: "restart", Params: map[string]string{}, Shard: 0, Shards: 3, Total: 2}, 0, []int{})
	require.NoError(t, err)
	assert.Equal(t, "shard 0 of 3 (empty: 2 restarts over 3 shards)", empty.String(), "⌊0·2/3⌋ = ⌊1·2/3⌋ = 0")
}

func TestIndexes(t *testing.T) {
	assert.Equal(t, map[string]string{"restarts": "restart", "sweep": "lr", "landscape": "row", "escape": "run"}, Indexes())
}
