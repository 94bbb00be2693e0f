package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The logic of shards (ranges, the environment, the part format) is tested
// in the shard package; these tests are of the flags and the files the
// command writes.

// shardSpecOf parses args with the shard flags as a study would.
func shardSpecOf(t *testing.T, args ...string) (int, int, bool, error) {
	t.Helper()
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	sf := addShardFlags(fs, "x", "items")
	require.NoError(t, fs.Parse(args))
	return sf.spec(fs)
}

// The variables Slurm sets in every array task besides SLURM_ARRAY_TASK_ID;
// saddle must not read them (a resubmitted task is a one-task array).
const (
	slurmArrayMin   = "SLURM_ARRAY_TASK_MIN"
	slurmArrayCount = "SLURM_ARRAY_TASK_COUNT"
)

// setSlurmArrayEnv sets what Slurm sets in the task with ID id of an array
// whose smallest ID is lo and whose size is count.
func setSlurmArrayEnv(t *testing.T, id, lo, count int) {
	t.Setenv(shard.EnvSlurmID, fmt.Sprint(id))
	t.Setenv(slurmArrayMin, fmt.Sprint(lo))
	t.Setenv(slurmArrayCount, fmt.Sprint(count))
}

// clearShardEnv unsets the scheduler variables for the test (t.Setenv
// restores them afterwards).
func clearShardEnv(t *testing.T) {
	for _, name := range []string{shard.EnvK8sIndex, shard.EnvSlurmID, slurmArrayMin, slurmArrayCount} {
		t.Setenv(name, "")
		os.Unsetenv(name)
	}
}

func TestShardSpecFromFlag(t *testing.T) {
	clearShardEnv(t)
	k, n, sharded, err := shardSpecOf(t, "--shard", "2/7")
	require.NoError(t, err)
	assert.True(t, sharded)
	assert.Equal(t, [2]int{2, 7}, [2]int{k, n})

	_, _, sharded, err = shardSpecOf(t)
	require.NoError(t, err)
	assert.False(t, sharded, "no --shard, no --shards: not sharded, even inside a job array")

	t.Setenv(shard.EnvSlurmID, "3")
	k, n, _, err = shardSpecOf(t, "--shard", "1/4")
	require.NoError(t, err)
	assert.Equal(t, [2]int{1, 4}, [2]int{k, n}, "--shard wins over the environment")

	for _, bad := range []string{"7/7", "-1/3", "3", "a/b", "0/0", "1/2/3"} {
		_, _, _, err := shardSpecOf(t, "--shard", bad)
		var u *usageError
		require.ErrorAs(t, err, &u, "--shard %s", bad)
		assert.Contains(t, err.Error(), "--shard")
	}
	_, _, _, err = shardSpecOf(t, "--shard", "1/4", "--shards", "5")
	assert.ErrorContains(t, err, "disagree")
	_, _, _, err = shardSpecOf(t, "--part", "x.json")
	assert.ErrorContains(t, err, "--part goes with")

	// --shards takes K from the environment (shard.FromEnv); its mistakes
	// are usage errors too.
	clearShardEnv(t)
	t.Setenv(shard.EnvK8sIndex, "4")
	k, n, sharded, err = shardSpecOf(t, "--shards", "5")
	require.NoError(t, err)
	assert.True(t, sharded)
	assert.Equal(t, [2]int{4, 5}, [2]int{k, n})
	_, _, _, err = shardSpecOf(t, "--shards", "4")
	var u *usageError
	require.ErrorAs(t, err, &u)
	assert.ErrorContains(t, err, shard.EnvK8sIndex+"=4 is not below --shards 4")
	clearShardEnv(t)
	setSlurmArrayEnv(t, 5, 5, 1) // a one-task array: still shard 5
	k, n, _, err = shardSpecOf(t, "--shards", "7")
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 7}, [2]int{k, n})
}

// TestShardedRunWritesPartWithDefaultName runs a shard in a temporary
// directory without --part and reads the part it wrote.
func TestShardedRunWritesPartWithDefaultName(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	setSlurmArrayEnv(t, 1, 0, 2)
	code, out, stderr := runCLI(t, "restarts", "--net", "xor", "--n", "5", "--steps", "10", "--shards", "2")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "restarts.part-1-of-2.json")
	pf, err := shard.Read(filepath.Join(dir, "restarts.part-1-of-2.json"), nil)
	require.NoError(t, err)
	assert.Equal(t, "restarts", pf.Study)
	assert.Equal(t, [5]int{1, 2, 5, 2, 5}, [5]int{pf.Shard, pf.Shards, pf.Total, pf.First, pf.End}, "shard 1 of 2 over 5: indices 2..4")
	assert.Len(t, pf.Items, 3)
	assert.Equal(t, "10", pf.Params["steps"])
	assert.NotContains(t, pf.Params, "shards", "sharding flags are not parameters of the study")
	assert.NotContains(t, pf.Params, "workers")
	assert.True(t, strings.HasSuffix(strings.TrimSpace(out), "'saddle merge'"))
}
