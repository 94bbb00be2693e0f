package parallel

import (
	"fmt"
	"sync"
)

// PanicError is a panic recovered in a worker goroutine.
type PanicError struct {
	Worker int // the index of the worker that panicked
	Value  any // the value passed to panic
}

// Error says that this is a bug of saddle, not of the input: a library
// refuses bad input with an error, it panics only on a programmer error.
func (p *PanicError) Error() string {
	return "internal error (please report): " + fmt.Sprint(p.Value)
}

// Unwrap returns the panic value when it is an error, so that errors.Is and
// errors.As see through the worker.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// Run calls work(w) for w = 0…n−1, each on its own goroutine, and waits for
// all of them. A panic in work is recovered on its goroutine; Run returns the
// one of the lowest worker index as a *PanicError (the others still finish),
// so the error does not depend on scheduling. n ≤ 0 runs nothing.
func Run(n int, work func(w int)) error {
	panics := make([]*PanicError, max(n, 0))
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			panics[w] = Protect(w, func() { work(w) })
		}()
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			return p
		}
	}
	return nil
}

// Protect calls fn on the caller's goroutine and returns a panic in it as a
// *PanicError of worker w (nil when fn returns normally). Long-lived worker
// goroutines (a pool) use it to hand a panic to the goroutine that waits.
func Protect(w int, fn func()) (p *PanicError) {
	defer func() {
		if r := recover(); r != nil {
			p = &PanicError{Worker: w, Value: r}
		}
	}()
	fn()
	return nil
}

// RunOrPanic is Run for callers that return no error: a worker's panic is
// raised again, with its value, on the caller's goroutine, where a recover
// (the CLI's) can catch it.
func RunOrPanic(n int, work func(w int)) {
	if err := Run(n, work); err != nil {
		panic(err.(*PanicError).Value)
	}
}
