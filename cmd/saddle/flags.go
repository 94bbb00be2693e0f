package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
	return rest, nil
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
