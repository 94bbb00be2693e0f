package shard

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRangeCoversOnce: the blocks of shards 0…N−1 follow each other from 0
// to T with sizes ⌊T/N⌋ or ⌈T/N⌉ (the definition of a balanced contiguous
// split), also when N > T.
func TestRangeCoversOnce(t *testing.T) {
	for _, total := range []int{0, 1, 5, 7, 100, 1000003} {
		for _, n := range []int{1, 2, 3, 7, 8, 64} {
			next := 0
			for k := range n {
				first, end := Range(k, n, total)
				require.Equal(t, next, first, "T=%d N=%d K=%d starts where K−1 ended", total, n, k)
				size := end - first
				assert.True(t, size == total/n || size == (total+n-1)/n, "T=%d N=%d K=%d: size %d", total, n, k, size)
				next = end
			}
			assert.Equal(t, total, next, "T=%d N=%d: the last block ends at T", total, n)
		}
	}
}

func TestParse(t *testing.T) {
	k, n, err := Parse("2/7")
	require.NoError(t, err)
	assert.Equal(t, [2]int{2, 7}, [2]int{k, n})
	k, n, err = Parse(" 0 / 1 ")
	require.NoError(t, err)
	assert.Equal(t, [2]int{0, 1}, [2]int{k, n})
	for _, bad := range []string{"7/7", "-1/3", "3", "a/b", "0/0", "1/2/3", "0/1000001"} {
		_, _, err := Parse(bad)
		var u *UsageError
		require.ErrorAs(t, err, &u, bad)
		assert.Contains(t, err.Error(), `"`+bad+`"`)
	}
}

// The variables Slurm sets in every array task besides SLURM_ARRAY_TASK_ID;
// FromEnv must not read them (a resubmitted task is a one-task array).
const (
	slurmArrayMin   = "SLURM_ARRAY_TASK_MIN"
	slurmArrayCount = "SLURM_ARRAY_TASK_COUNT"
)

// setSlurmArrayEnv sets what Slurm sets in the task with ID id of an array
// whose smallest ID is lo and whose size is count.
func setSlurmArrayEnv(t *testing.T, id, lo, count int) {
	t.Setenv(EnvSlurmID, fmt.Sprint(id))
	t.Setenv(slurmArrayMin, fmt.Sprint(lo))
	t.Setenv(slurmArrayCount, fmt.Sprint(count))
}

// clearEnv unsets the scheduler variables for the test (t.Setenv restores
// them afterwards).
func clearEnv(t *testing.T) {
	for _, name := range []string{EnvK8sIndex, EnvSlurmID, slurmArrayMin, slurmArrayCount} {
		t.Setenv(name, "")
		require.NoError(t, os.Unsetenv(name))
	}
}

func TestFromEnvKubernetesIndex(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvK8sIndex, "4")
	k, err := FromEnv(5)
	require.NoError(t, err)
	assert.Equal(t, 4, k)

	_, err = FromEnv(4)
	assert.ErrorContains(t, err, EnvK8sIndex+"=4 is not below --shards 4")
	t.Setenv(EnvK8sIndex, "x")
	_, err = FromEnv(4)
	var u *UsageError
	require.ErrorAs(t, err, &u)
	assert.ErrorContains(t, err, EnvK8sIndex)
}

func TestFromEnvSlurmArray(t *testing.T) {
	clearEnv(t)
	// --array=0-6: task 6 is shard 6 of the study's 7.
	setSlurmArrayEnv(t, 6, 0, 7)
	k, err := FromEnv(7)
	require.NoError(t, err)
	assert.Equal(t, 6, k)

	// The failed task resubmitted on its own (sbatch --array=5): a one-task
	// array whose MIN is 5 and COUNT 1 is still shard 5 of 7, not 0 of 1.
	setSlurmArrayEnv(t, 5, 5, 1)
	k, err = FromEnv(7)
	require.NoError(t, err)
	assert.Equal(t, 5, k)

	// An array larger than the study: the surplus task stops with a usage
	// error naming the variable and the array to submit.
	setSlurmArrayEnv(t, 7, 0, 8)
	_, err = FromEnv(7)
	var u *UsageError
	require.ErrorAs(t, err, &u)
	assert.ErrorContains(t, err, EnvSlurmID+"=7 is not below --shards 7")
	assert.ErrorContains(t, err, "--array=0-6")

	t.Setenv(EnvSlurmID, "x")
	_, err = FromEnv(7)
	assert.ErrorContains(t, err, EnvSlurmID+`="x"`)

	clearEnv(t)
	_, err = FromEnv(3)
	assert.ErrorContains(t, err, "neither "+EnvK8sIndex+" nor "+EnvSlurmID)
}

// TestFloatRoundTrip: a part keeps every float64 bit for bit, also the
// values JSON numbers cannot hold.
func TestFloatRoundTrip(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1.0 / 3, -2.5e-310, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.NaN(), math.Inf(1), math.Inf(-1), 0.1 + 0.2}
	b, err := json.Marshal(Floats(values))
	require.NoError(t, err)
	var back []Float
	require.NoError(t, json.Unmarshal(b, &back))
	require.Len(t, back, len(values))
	for i, v := range values {
		assert.Equal(t, math.Float64bits(v), math.Float64bits(float64(back[i])), "value %d (%v) from %s", i, v, b)
	}
	var f Float
	assert.Error(t, json.Unmarshal([]byte(`"inf"`), &f), "only NaN, +Inf and -Inf are strings")
	assert.Nil(t, FromFloats(nil), "nil stays nil (a restart without parameters)")
}

func TestPartNameSortsInOrder(t *testing.T) {
	assert.Equal(t, "restarts.part-0-of-1.json", PartName("restarts", 0, 1))
	assert.Equal(t, "sweep.part-03-of-12.json", PartName("sweep", 3, 12))
	assert.Equal(t, "escape.part-05-of-100.json", PartName("escape", 5, 100), "K runs to 99: two digits")
	assert.Equal(t, "escape.part-099-of-101.json", PartName("escape", 99, 101))
}
