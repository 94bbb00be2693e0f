package shard

import "fmt"

// UsageError is a mistake of the caller rather than a failure of the run:
// a malformed shard, an environment that does not match the requested
// split, a file to resume from that belongs to another run. A command line
// reports it as a usage error.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{fmt.Sprintf(format, args...)}
}

// ItemError is a bad item: Index is its index in the whole study.
type ItemError struct {
	Index int
	Msg   string
}

func (e *ItemError) Error() string { return e.Msg }
