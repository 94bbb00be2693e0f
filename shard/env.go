package shard

import (
	"os"
	"strconv"
	"strings"
)

// The environment variables FromEnv reads.
const (
	EnvK8sIndex = "JOB_COMPLETION_INDEX" // Kubernetes Indexed Job: 0…completions−1
	EnvSlurmID  = "SLURM_ARRAY_TASK_ID"  // Slurm job array: this task's ID, which is K
)

// FromEnv reads this run's shard number K of n from the environment:
// JOB_COMPLETION_INDEX (Kubernetes) if set, else SLURM_ARRAY_TASK_ID. The
// task's own ID is K and n is the study's shard count, never the array's
// size or first ID: a task resubmitted on its own (sbatch --array=5 …, a
// one-task array) is still shard 5 of n, and an array of any shape (0-15,
// 3,5, 0-15%4) runs the shards it names. Errors are *UsageError naming the
// variable (and n as the command line's --shards).
func FromEnv(n int) (int, error) {
	for _, name := range []string{EnvK8sIndex, EnvSlurmID} {
		s, ok := os.LookupEnv(name)
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		k, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil || k < 0:
			return 0, usagef("%s=%q is not a whole number ≥ 0", name, s)
		case k >= n && name == EnvK8sIndex:
			return 0, usagef("%s=%d is not below --shards %d (set the Job's completions to %d)", name, k, n, n)
		case k >= n:
			return 0, usagef("%s=%d is not below --shards %d (array task IDs are the shards 0…%d: submit --array=0-%d)", name, k, n, n-1, n-1)
		}
		return k, nil
	}
	return 0, usagef("--shards %d without --shard: neither %s nor %s is set (give --shard K/%d)", n, EnvK8sIndex, EnvSlurmID, n)
}
