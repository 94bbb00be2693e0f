package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

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
	if err := checkFloatFlags(fs); err != nil {
		return nil, err
	}
	return rest, checkOutputs(fs)
}

// prologue holds the flags most subcommands share, checked once after
// parsing: --workers (0 becomes the number of cores), --plot (its format
// from the extension) and --json. Output paths are checked by parseFlags.
type prologue struct {
	workers *int    // nil when the subcommand has no --workers
	plot    *string // nil when it has no --plot
	json    *bool
}

// addPrologue registers --json and, when workersWhat is not empty,
// --workers (what the goroutines share) and, when plotHelp is not empty,
// --plot.
func addPrologue(fs *flag.FlagSet, workersWhat, plotHelp string) *prologue {
	p := &prologue{json: fs.Bool("json", false, "print one JSON document")}
	if workersWhat != "" {
		p.workers = addWorkersFlag(fs, workersWhat)
	}
	if plotHelp != "" {
		p.plot = fs.String("plot", "", plotHelp)
	}
	return p
}

// parse parses args (parseFlags) and checks --workers and --plot.
func (p *prologue) parse(e *env, c *command, fs *flag.FlagSet, args []string, positional bool) ([]string, error) {
	rest, err := parseFlags(e, c, fs, args, positional)
	if err != nil {
		return nil, err
	}
	if p.workers != nil {
		if *p.workers, err = checkWorkers(*p.workers); err != nil {
			return nil, err
		}
	}
	if p.plot != nil && *p.plot != "" {
		if _, err := plotFormat(*p.plot); err != nil {
			return nil, err
		}
	}
	return rest, nil
}

// firstError returns the first error that is not nil: the checks of a
// subcommand's flag groups, reported one at a time.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkFloatFlags refuses NaN and ±Inf in every float flag given on the
// command line, unless the flag's help says what Inf means (it then
// contains "Inf"): a NaN learning rate or tolerance would run and print
// numbers that mean nothing.
func checkFloatFlags(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || err != nil {
			return
		}
		v, ok := g.Get().(float64)
		if ok && (math.IsNaN(v) || math.IsInf(v, 0)) && !strings.Contains(f.Usage, "Inf") {
			err = usagef("--%s must be a finite number, got %v", f.Name, v)
		}
	})
	return err
}

// outputFlags are the flags that name a file a subcommand writes.
var outputFlags = []string{"plot", "csv", "save", "trace", "part"}

// checkOutputs fails at once, before any work, when a file named by an
// output flag cannot be written (a missing or read-only directory): a long
// study must not end by losing its result.
// Two output flags naming one file are refused: the second write would
// replace the first.
func checkOutputs(fs *flag.FlagSet) error {
	named := map[string]string{} // cleaned path → flag
	for _, name := range outputFlags {
		if f := fs.Lookup(name); f != nil && f.Value.String() != "" {
			path := f.Value.String()
			key := filepath.Clean(path)
			if abs, err := filepath.Abs(path); err == nil {
				key = abs
			}
			if other, dup := named[key]; dup {
				return usagef("--%s and --%s both name %s: give each output its own file", other, name, path)
			}
			named[key] = name
			if err := atomicfile.CheckWritable(path); err != nil {
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
