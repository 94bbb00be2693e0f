package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShardRangeCoversOnce: the blocks of shards 0…N−1 follow each other
// from 0 to T with sizes ⌊T/N⌋ or ⌈T/N⌉ (the definition of a balanced
// contiguous split), also when N > T.
func TestShardRangeCoversOnce(t *testing.T) {
	for _, total := range []int{0, 1, 5, 7, 100, 1000003} {
		for _, n := range []int{1, 2, 3, 7, 8, 64} {
			next := 0
			for k := range n {
				first, end := shardRange(k, n, total)
				require.Equal(t, next, first, "T=%d N=%d K=%d starts where K−1 ended", total, n, k)
				size := end - first
				assert.True(t, size == total/n || size == (total+n-1)/n, "T=%d N=%d K=%d: size %d", total, n, k, size)
				next = end
			}
			assert.Equal(t, total, next, "T=%d N=%d: the last block ends at T", total, n)
		}
	}
}

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
	t.Setenv(envSlurmID, fmt.Sprint(id))
	t.Setenv(slurmArrayMin, fmt.Sprint(lo))
	t.Setenv(slurmArrayCount, fmt.Sprint(count))
}

// clearShardEnv unsets the scheduler variables for the test (t.Setenv
// restores them afterwards).
func clearShardEnv(t *testing.T) {
	for _, name := range []string{envK8sIndex, envSlurmID, slurmArrayMin, slurmArrayCount} {
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

	t.Setenv(envSlurmID, "3")
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
}

func TestShardSpecFromKubernetesIndex(t *testing.T) {
	clearShardEnv(t)
	t.Setenv(envK8sIndex, "4")
	k, n, sharded, err := shardSpecOf(t, "--shards", "5")
	require.NoError(t, err)
	assert.True(t, sharded)
	assert.Equal(t, [2]int{4, 5}, [2]int{k, n})

	_, _, _, err = shardSpecOf(t, "--shards", "4")
	assert.ErrorContains(t, err, envK8sIndex+"=4 is not below --shards 4")
	t.Setenv(envK8sIndex, "x")
	_, _, _, err = shardSpecOf(t, "--shards", "4")
	assert.ErrorContains(t, err, envK8sIndex)
}

func TestShardSpecFromSlurmArray(t *testing.T) {
	clearShardEnv(t)
	// --array=0-6: task 6 is shard 6 of the study's 7.
	setSlurmArrayEnv(t, 6, 0, 7)
	k, n, sharded, err := shardSpecOf(t, "--shards", "7")
	require.NoError(t, err)
	assert.True(t, sharded)
	assert.Equal(t, [2]int{6, 7}, [2]int{k, n})

	// The failed task resubmitted on its own (sbatch --array=5): a one-task
	// array whose MIN is 5 and COUNT 1 is still shard 5 of 7, not 0 of 1.
	setSlurmArrayEnv(t, 5, 5, 1)
	k, n, _, err = shardSpecOf(t, "--shards", "7")
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 7}, [2]int{k, n})

	// An array larger than the study: the surplus task stops with a usage
	// error naming the variable and the array to submit.
	setSlurmArrayEnv(t, 7, 0, 8)
	_, _, _, err = shardSpecOf(t, "--shards", "7")
	var u *usageError
	require.ErrorAs(t, err, &u)
	assert.ErrorContains(t, err, envSlurmID+"=7 is not below --shards 7")
	assert.ErrorContains(t, err, "--array=0-6")

	t.Setenv(envSlurmID, "x")
	_, _, _, err = shardSpecOf(t, "--shards", "7")
	assert.ErrorContains(t, err, envSlurmID+`="x"`)

	clearShardEnv(t)
	_, _, _, err = shardSpecOf(t, "--shards", "3")
	assert.ErrorContains(t, err, "neither "+envK8sIndex+" nor "+envSlurmID)
}

// TestPartFloatRoundTrip: a part keeps every float64 bit for bit, also the
// values JSON numbers cannot hold.
func TestPartFloatRoundTrip(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1.0 / 3, -2.5e-310, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.NaN(), math.Inf(1), math.Inf(-1), 0.1 + 0.2}
	b, err := json.Marshal(partFloats(values))
	require.NoError(t, err)
	var back []partFloat
	require.NoError(t, json.Unmarshal(b, &back))
	require.Len(t, back, len(values))
	for i, v := range values {
		assert.Equal(t, math.Float64bits(v), math.Float64bits(float64(back[i])), "value %d (%v) from %s", i, v, b)
	}
	var f partFloat
	assert.Error(t, json.Unmarshal([]byte(`"inf"`), &f), "only NaN, +Inf and -Inf are strings")
}

func TestDefaultPartNameSortsInOrder(t *testing.T) {
	assert.Equal(t, "restarts.part-0-of-1.json", defaultPartName("restarts", 0, 1))
	assert.Equal(t, "sweep.part-03-of-12.json", defaultPartName("sweep", 3, 12))
	assert.Equal(t, "escape.part-05-of-100.json", defaultPartName("escape", 5, 100), "K runs to 99: two digits")
	assert.Equal(t, "escape.part-099-of-101.json", defaultPartName("escape", 99, 101))
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
	pf, err := readPart(filepath.Join(dir, "restarts.part-1-of-2.json"))
	require.NoError(t, err)
	assert.Equal(t, "restarts", pf.Study)
	assert.Equal(t, [5]int{1, 2, 5, 2, 5}, [5]int{pf.Shard, pf.Shards, pf.Total, pf.First, pf.End}, "shard 1 of 2 over 5: indices 2..4")
	assert.Len(t, pf.Items, 3)
	assert.Equal(t, "10", pf.Params["steps"])
	assert.NotContains(t, pf.Params, "shards", "sharding flags are not parameters of the study")
	assert.NotContains(t, pf.Params, "workers")
	assert.True(t, strings.HasSuffix(strings.TrimSpace(out), "'saddle merge'"))
}
