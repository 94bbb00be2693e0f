// Package parallel runs the workers of saddle's studies (critical-point
// starts, restarts, escape runs, landscape rows, benchmarks) so that a panic
// in a worker goroutine reaches the caller as an error instead of killing the
// process with a stack trace: Go's recover only catches panics of its own
// goroutine, so every goroutine a study starts recovers for itself and
// passes what it caught back. This is the one place that does it.
package parallel
