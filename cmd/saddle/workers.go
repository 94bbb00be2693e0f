package main

import (
	"flag"
	"runtime"
)

// addWorkersFlag registers --workers on fs; what says what the goroutines
// share ("the restarts", "the grid rows").
func addWorkersFlag(fs *flag.FlagSet, what string) *int {
	return fs.Int("workers", 0, "goroutines sharing "+what+" (0: one per core); the results do not depend on it")
}

// checkWorkers validates --workers and returns the number of goroutines to
// use: n, or the number of cores for 0.
func checkWorkers(n int) (int, error) {
	if n < 0 || n > maxWorkers {
		return 0, usagef("--workers must be in 0..%d (0: one per core, here %d), got %d", maxWorkers, runtime.NumCPU(), n)
	}
	if n == 0 {
		return runtime.NumCPU(), nil
	}
	return n, nil
}
