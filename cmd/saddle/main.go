// Command saddle trains tiny neural nets and studies their loss surfaces:
// gradients and Hessians of typed formulas, training runs, critical points,
// landscapes, learning-rate sweeps, restarts, saddle escape and symmetries.
//
// Each subcommand lives in its own file and registers itself in init with
// register. A subcommand parses its flags, calls one library function and
// prints; it holds no logic of its own.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/saddle-dev/saddle/internal/progress"
)

// command is one subcommand of saddle.
type command struct {
	name    string // as typed: "grad"
	summary string // one line for `saddle help`
	usage   string // "saddle grad -f EXPR --at x=0.3,y=-1.2 [--json]"
	example string // a command line that works as shown
	// run parses args (everything after the subcommand name) and does the work.
	run func(e *env, args []string) error
}

// env is what a subcommand may touch of the outside world.
type env struct {
	ctx      context.Context // cancelled on Ctrl-C
	stdout   io.Writer
	stderr   io.Writer
	terminal bool // stderr is a terminal: progress bars allowed
}

var commands = map[string]*command{}

// register adds a subcommand; called from init functions.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("saddle: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError marks an error as the user's mistake in the command line: exit 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

// usagef returns a usage error (exit code 2).
func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errHelp is returned when -h was asked for and usage was printed.
var errHelp = errors.New("help shown")

func main() {
	// Ctrl-C (SIGINT) and SIGTERM (what Slurm and Kubernetes send before
	// killing a task) cancel ctx: a study stops and keeps what it can. After
	// the first signal the default action is restored, so a second one
	// kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	e := &env{ctx: ctx, stdout: os.Stdout, stderr: os.Stderr, terminal: isTerminal(os.Stderr)}
	code := run(e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the exit code:
// 0 ok, 1 runtime error, 2 usage error.
func run(e *env, args []string) int {
	if len(args) == 0 {
		printHelp(e.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				_ = safeRun(c, e, []string{"-h"})
				return 0
			}
			fmt.Fprintf(e.stderr, "saddle: unknown command %q (see 'saddle help')\n", args[1])
			return 2
		}
		printHelp(e.stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "saddle: unknown command %q (see 'saddle help')\n", name)
		return 2
	}
	out := &checkedWriter{w: e.stdout}
	ce := *e
	ce.stdout = out
	err := safeRun(c, &ce, args[1:])
	if err == nil && out.err != nil {
		err = fmt.Errorf("cannot write the output: %v", out.err)
	}
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	default:
		msg := strings.ReplaceAll(err.Error(), "\n", " ")
		fmt.Fprintf(e.stderr, "saddle %s: %s\n", name, msg)
		var u *usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
}

// checkedWriter remembers the first failed write (a full disk, a closed
// pipe), so that every write of a subcommand to stdout is checked in one
// place: the run then exits 1 instead of 0 with its output lost. Writes
// after a failure are dropped.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = unwrapPath(err)
	}
	return n, err
}

// unwrapPath drops the *os.PathError wrapper ("write /dev/stdout: ") so
// that the message names the problem once.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// safeRun runs c and turns a panic into a one-line error, so that a user
// never sees a stack trace. A panic is a bug in saddle; the message says so.
func safeRun(c *command, e *env, args []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report): %v", r)
		}
	}()
	return c.run(e, args)
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "saddle: see why training neural nets is hard.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: saddle COMMAND [flags]   (saddle COMMAND -h for its flags)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Example: saddle grad -f \"x^2 - y^2\" --at x=0.3,y=-1.2")
}

// newProgress starts the progress report (internal/progress) of a run on
// stderr; quiet runs (JSON) show only the terminal's bar.
func newProgress(e *env, name, unit string, total int, quiet bool) *progress.Bar {
	return progress.New(e.stderr, e.terminal, name, unit, total, quiet)
}
