package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/saddle-dev/saddle/internal/atomicfile"
)

// newFlags returns a FlagSet for subcommand c that reports errors instead of
// exiting and prints nothing by itself.
func newFlags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args into fs. -h prints the usage of c to stdout and
// returns errHelp; any other parse error is a one-line usage error.
// Positional arguments are returned; they are an error unless allowed.
func parseFlags(e *env, c *command, fs *flag.FlagSet, args []string, positional bool) ([]string, error) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(e.stdout, c, fs)
		return nil, errHelp
	}
	if err != nil {
		return nil, usagef("%v (see 'saddle %s -h')", err, c.name)
	}
	rest := fs.Args()
	if !positional && len(rest) > 0 {
		return nil, usagef("unexpected argument %q (see 'saddle %s -h')", rest[0], c.name)
	}
	return rest, checkOutputs(fs)
}

// outputFlags are the flags that name a file a subcommand writes.
var outputFlags = []string{"plot", "csv", "save", "trace", "part"}

// checkOutputs fails at once, before any work, when a file named by an
// output flag cannot be written (a missing or read-only directory): a long
// study must not end by losing its result.
func checkOutputs(fs *flag.FlagSet) error {
	for _, name := range outputFlags {
		if f := fs.Lookup(name); f != nil && f.Value.String() != "" {
			if err := atomicfile.CheckWritable(f.Value.String()); err != nil {
				return err
			}
		}
	}
	return nil
}

// printCommandHelp prints the usage, example and flags of c.
func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nUsage: %s\n", c.summary, c.usage)
	if c.example != "" {
		fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
