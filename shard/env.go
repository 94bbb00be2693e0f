package shard

import (
	"os"
	"strconv"
	"strings"
)

// The environment variables FromEnv reads.
const (
	EnvK8sIndex   = "JOB_COMPLETION_INDEX"   // Kubernetes Indexed Job: 0…completions−1
	EnvSlurmID    = "SLURM_ARRAY_TASK_ID"    // Slurm job array: this task's ID
	EnvSlurmMin   = "SLURM_ARRAY_TASK_MIN"   // Slurm: the smallest ID of the array (0 when unset)
	EnvSlurmCount = "SLURM_ARRAY_TASK_COUNT" // Slurm: the number of tasks of the array
)

// FromEnv reads this run's shard number K of n from the environment:
// JOB_COMPLETION_INDEX (Kubernetes) if set, else SLURM_ARRAY_TASK_ID minus
// SLURM_ARRAY_TASK_MIN (so arrays numbered 1…N work too); when
// SLURM_ARRAY_TASK_COUNT is set it must equal n. Errors are *UsageError
// naming the variable (and n as the command line's --shards).
func FromEnv(n int) (int, error) {
	if k, ok, err := envNum(EnvK8sIndex); err != nil {
		return 0, err
	} else if ok {
		if k >= n {
			return 0, usagef("%s=%d is not below --shards %d (set the Job's completions to %d)", EnvK8sIndex, k, n, n)
		}
		return k, nil
	}
	id, ok, err := envNum(EnvSlurmID)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, usagef("--shards %d without --shard: neither %s nor %s is set (give --shard K/%d)", n, EnvK8sIndex, EnvSlurmID, n)
	}
	lo, _, err := envNum(EnvSlurmMin)
	if err != nil {
		return 0, err
	}
	if count, ok, err := envNum(EnvSlurmCount); err != nil {
		return 0, err
	} else if ok && count != n {
		return 0, usagef("--shards %d but %s=%d: submit the array with as many tasks as shards", n, EnvSlurmCount, count)
	}
	k := id - lo
	if k < 0 || k >= n {
		return 0, usagef("%s=%d − %s=%d = %d is not in 0..%d (use a contiguous array such as --array=0-%d)", EnvSlurmID, id, EnvSlurmMin, lo, k, n-1, n-1)
	}
	return k, nil
}

// envNum reads a whole number ≥ 0 from the variable name; ok is false when
// it is unset or blank.
func envNum(name string) (v int, ok bool, err error) {
	s, set := os.LookupEnv(name)
	if !set || strings.TrimSpace(s) == "" {
		return 0, false, nil
	}
	v, err = strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 0 {
		return 0, true, usagef("%s=%q is not a whole number ≥ 0", name, s)
	}
	return v, true, nil
}
