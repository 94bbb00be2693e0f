// Package inputfile opens the files saddle reads (datasets, checkpoints,
// part files) so that a path of another kind cannot hang or exhaust a run:
// a device such as /dev/zero or /dev/full never ends, so only regular files
// and named pipes are read, and a read stops with an error past a size
// limit.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxBytes is the largest input read: 2 GiB, beyond the largest file saddle
// writes (a part file of 5·10⁷ numbers is about 1.3 GB).
const MaxBytes = 2 << 30

// Open opens path for reading when it is a regular file or a named pipe.
// Errors name the path once: "cannot read /dev/full: a device, not a file".
func Open(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrap(err))
	}
	m := st.Mode()
	switch {
	case m.IsDir():
		return nil, fmt.Errorf("cannot read %s: is a directory", path)
	case !m.IsRegular() && m&os.ModeNamedPipe == 0:
		return nil, fmt.Errorf("cannot read %s: a device or socket, not a file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrap(err))
	}
	return f, nil
}

// ReadFile reads the whole of path (as Open allows) up to MaxBytes.
func ReadFile(path string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrap(err))
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("cannot read %s: larger than %d bytes", path, MaxBytes)
	}
	return data, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
