package lessons

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// BenchTime is how long MeasureCost times each operation, in the syntax of
// Go's -test.benchtime: a duration ("50ms": call the operation until a run
// of calls lasts at least D) or a count ("100x": exactly N calls).
type BenchTime struct {
	D time.Duration
	N int
}

// ParseBenchTime parses a positive duration ("50ms") or a positive count
// of calls ("100x").
func ParseBenchTime(s string) (BenchTime, error) {
	if n, ok := strings.CutSuffix(s, "x"); ok {
		if k, err := strconv.Atoi(n); err == nil && k > 0 {
			return BenchTime{N: k}, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return BenchTime{D: d}, nil
	}
	return BenchTime{}, fmt.Errorf("want a duration such as 50ms or an iteration count such as 100x, got %q", s)
}

// defaultBenchTime is lesson 9's time per operation when none is given.
const defaultBenchTime = 50 * time.Millisecond

// maxCalls bounds the calls of one timed run (testing.Benchmark's bound).
const maxCalls = 1_000_000_000

// NsPerOp returns the time per call of op in nanoseconds, measured as Go's
// testing.Benchmark does: with a count, one run of exactly N calls; with a
// duration, one call, then runs of growing counts (predicted from the last
// run, 1.2× the count that would fill D, at most 100× the last count) until
// a run lasts at least D.
func (bt BenchTime) NsPerOp(op func()) float64 {
	if bt.N > 0 {
		return float64(timeCalls(op, bt.N).Nanoseconds()) / float64(bt.N)
	}
	n := 1
	d := timeCalls(op, n)
	for d < bt.D && n < maxCalls {
		per := max(d.Nanoseconds()/int64(n), 1)
		next := int(min(1.2*float64(bt.D.Nanoseconds())/float64(per), 100*float64(n), maxCalls))
		n = max(next, n+1)
		d = timeCalls(op, n)
	}
	return float64(d.Nanoseconds()) / float64(n)
}

// timeCalls returns the wall time of n calls of op.
func timeCalls(op func(), n int) time.Duration {
	t0 := time.Now()
	for range n {
		op()
	}
	return time.Since(t0)
}
