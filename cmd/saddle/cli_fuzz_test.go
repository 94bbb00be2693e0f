package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// FuzzCLI runs every subcommand with flags drawn from that subcommand's own
// flag set (read from its -h output) and values from a dictionary of edge
// values, and checks the contract for any input: no panic or goroutine
// text, at most a few lines on stderr (progress lines excepted), exit code
// 0, 1 or 2, nothing on stdout after a failure, and no file left behind by
// a failed run (no half-written output, no temporary file).
//
// The input bytes choose the subcommand, then pairs (flag, value). bench is
// left out (it measures time, minutes per run); every run gets a deadline
// of a second through the context (interruptible studies stop at it), and
// lessons, whose every lesson takes seconds, a context already cancelled.
func FuzzCLI(f *testing.F) {
	for _, seed := range [][]byte{
		{0}, {1, 0, 0}, {2, 1, 3, 2, 5}, {3, 4, 4, 0, 1, 2, 9}, {4, 7, 10, 3, 11},
		{5, 2, 12, 6, 13}, {6, 0, 14, 1, 15}, {7, 3, 16, 5, 17}, {8, 9, 18, 2, 19}, {9, 5, 20, 8, 21},
		{10, 1, 22, 4, 23}, {11, 6, 24, 7, 25},
	} {
		f.Add(seed)
	}
	names := fuzzCommands()
	flagsOf := map[string][]string{}
	for _, n := range names {
		flagsOf[n] = commandFlags(f, n)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		dir := t.TempDir()
		t.Chdir(dir) // a value like "xor" given to --save lands here
		dict := edgeValues(t, dir)
		name := names[int(in[0])%len(names)]
		fl := flagsOf[name]
		args := []string{name}
		for i := 1; i+1 < len(in) && len(args) < 9; i += 2 {
			args = append(args, "--"+fl[int(in[i])%len(fl)]+"="+dict[int(in[i+1])%len(dict)])
		}
		before := listDir(t, dir)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if name == "lessons" {
			cancel() // one lesson takes seconds: check its flags, then stop at the first lesson
		}
		var out, errb bytes.Buffer
		t0 := time.Now()
		code := run(&env{ctx: ctx, stdout: &out, stderr: &errb}, args)
		if d := time.Since(t0); d > fuzzRunLimit {
			t.Fatalf("%q: ran %v after its context's deadline of 1 s (does it stop on cancel?)", args, d.Round(time.Second))
		}
		stderr := errb.String()
		for _, bad := range []string{"panic", "goroutine ", "internal error", ".go:"} {
			if strings.Contains(stderr, bad) {
				t.Fatalf("%q: %q on stderr: %s", args, bad, stderr)
			}
		}
		if code != 0 && code != 1 && code != 2 {
			t.Fatalf("%q: exit %d", args, code)
		}
		var msgs []string
		for _, l := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
			if l != "" && !strings.HasPrefix(l, name+": ") { // progress lines are "train: 10/100 steps…"
				msgs = append(msgs, l)
			}
		}
		if len(msgs) > 3 {
			t.Fatalf("%q: %d lines on stderr: %s", args, len(msgs), stderr)
		}
		if code != 0 {
			if out.Len() > 0 && !strings.Contains(stderr, "interrupted") && !strings.Contains(stderr, "diverged") {
				t.Fatalf("%q: exit %d with output on stdout: %s", args, code, out.String())
			}
			if len(msgs) == 0 {
				t.Fatalf("%q: exit %d and no message", args, code)
			}
			after := listDir(t, dir)
			if !slices.Equal(before, after) && !strings.Contains(stderr, "interrupted") && !strings.Contains(stderr, "diverged") {
				t.Fatalf("%q: exit %d left files %q (before: %q): %s", args, code, after, before, stderr)
			}
		}
		for _, f := range listDir(t, dir) {
			if strings.Contains(f, ".tmp-") {
				t.Fatalf("%q: left the temporary file %s", args, f)
			}
		}
		for _, dev := range []string{"/dev/null", "/dev/full"} {
			if st, err := os.Stat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
				t.Fatalf("%q: %s is no longer a device (replaced by a file?)", args, dev)
			}
		}
	})
}

// fuzzRunLimit is how long a run may take in all when its context ends
// after a second: a command that ignores the context would otherwise look
// like a hang to the fuzzer (which gives up on an input after about 10 s).
const fuzzRunLimit = 6 * time.Second

// fuzzCommands returns the subcommands FuzzCLI runs, sorted.
func fuzzCommands() []string {
	var names []string
	for n := range commands {
		if n != "bench" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

var flagLine = regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`)

// commandFlags returns the flags of subcommand name, from its -h output.
func commandFlags(f *testing.F, name string) []string {
	var out, errb bytes.Buffer
	if code := run(&env{ctx: context.Background(), stdout: &out, stderr: &errb}, []string{name, "-h"}); code != 0 {
		f.Fatalf("%s -h: exit %d: %s", name, code, errb.String())
	}
	var fl []string
	for _, m := range flagLine.FindAllStringSubmatch(out.String(), -1) {
		fl = append(fl, m[1])
	}
	if len(fl) == 0 {
		f.Fatalf("%s -h lists no flags", name)
	}
	return fl
}

// edgeValues is the dictionary of flag values: numbers at the edges, empty
// and huge text, a directory, a full device, files of the wrong kind, output
// files in dir, and a few valid values so that runs get past the first check.
func edgeValues(t *testing.T, dir string) []string {
	t.Helper()
	png := filepath.Join(dir, "not-a-checkpoint.json")
	csv := filepath.Join(dir, "numbers.csv")
	for path, content := range map[string]string{
		png: "\x89PNG\r\n\x1a\n",
		csv: "1,2,3\n4,5,6\n0,1,0\n",
	} {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []string{
		"0", "-1", "1", "2", "NaN", "Inf", "-Inf", "1e308", "-1e308", "4.9e-324", "", " ",
		"99999999999", strings.Repeat("9", 400), strings.Repeat("x", 5000),
		dir, "/dev/full", "/dev/null", png, csv,
		filepath.Join(dir, "out.json"), filepath.Join(dir, "out.png"), filepath.Join(dir, "out.csv"),
		filepath.Join(dir, "missing", "out.json"),
		"xor", "linreg", "w3", "x^2-y^2", "x", "3", "x=0,y=0", "x=-1:1,y=-1:1", "x=NaN", "gd,adam", "0.1,1e309",
		"origin", "start", "sigmoid", "mse", "softmax", "true", "false", "1/2", "xy",
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && path != dir {
			names = append(names, strings.TrimPrefix(path, dir))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}
