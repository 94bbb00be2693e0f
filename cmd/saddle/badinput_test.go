package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
)

// badInputTimeout bounds one bad-input case: each must be refused at once
// (or after a few tiny steps); a case that runs this long is a bug.
const badInputTimeout = 20 * time.Second

// runCLIWithin runs saddle in-process like runCLI, with a context that is
// cancelled after d, so that a case that should have been refused cannot
// hang the test.
func runCLIWithin(t *testing.T, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var out, errb bytes.Buffer
	code := run(&env{ctx: ctx, stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// badFixtures is the file tree the bad-input cases point at.
type badFixtures struct {
	root    string // everything below is listed before and after each case
	out     string // a writable, empty directory: must stay empty
	notDir  string // a regular file: "notDir/x.png" cannot be created, even by root
	ro      string // a directory no file can be created in (notDir when running as root)
	badCSV  string // a CSV with text where a number belongs at line 3, column 3
	bigCSV  string // a valid CSV of 1000 rows (x1,x2,y)
	corrupt string // a checkpoint cut off in the middle
	ckA     string // two valid XOR checkpoints
	ckB     string
	aDir    string // a directory where a file is expected
	// unreadable is a file that cannot be read: mode 0 (aDir when running
	// as root, whom file modes do not stop).
	unreadable string
}

func newBadFixtures(t *testing.T) badFixtures {
	t.Helper()
	root := t.TempDir()
	f := badFixtures{
		root:    root,
		out:     filepath.Join(root, "out"),
		notDir:  filepath.Join(root, "file.txt"),
		badCSV:  filepath.Join(root, "bad.csv"),
		bigCSV:  filepath.Join(root, "big.csv"),
		corrupt: filepath.Join(root, "corrupt.json"),
		ckA:     filepath.Join(root, "a.json"),
		ckB:     filepath.Join(root, "b.json"),
		aDir:    filepath.Join(root, "adir"),
	}
	require.NoError(t, os.Mkdir(f.out, 0o755))
	require.NoError(t, os.Mkdir(f.aDir, 0o755))
	require.NoError(t, os.WriteFile(f.notDir, []byte("not a directory\n"), 0o644))
	require.NoError(t, os.WriteFile(f.badCSV, []byte("x1,x2,y\n0,0,0\n0,oops,1\n"), 0o644))
	big := "x1,x2,y\n" + strings.Repeat("0,1,1\n", 1000)
	require.NoError(t, os.WriteFile(f.bigCSV, []byte(big), 0o644))
	// W1's start (docs/WORKLOADS.md) and its negation, as checkpoints written by
	// hand (independent of nn.SaveCheckpoint).
	const ck = `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse","params":[%s]}`
	require.NoError(t, os.WriteFile(f.ckA, []byte(strings.Replace(ck, "%s", "0.5,-0.4,-0.3,0.6,0.1,-0.2,0.7,-0.5,0.05", 1)), 0o644))
	require.NoError(t, os.WriteFile(f.ckB, []byte(strings.Replace(ck, "%s", "-0.3,0.6,0.5,-0.4,-0.2,0.1,-0.5,0.7,0.05", 1)), 0o644))
	require.NoError(t, os.WriteFile(f.corrupt, []byte(ck[:60]), 0o644))
	f.ro, f.unreadable = f.notDir, f.aDir
	if os.Geteuid() != 0 {
		f.unreadable = filepath.Join(root, "unreadable.json")
		require.NoError(t, os.WriteFile(f.unreadable, []byte("{}"), 0))
		// chmod does not stop root, which is why root uses notDir.
		f.ro = filepath.Join(root, "ro")
		require.NoError(t, os.Mkdir(f.ro, 0o500))
		t.Cleanup(func() { os.Chmod(f.ro, 0o755) })
	}
	return f
}

// expand replaces {out}, {ro}, {notdir}, {badcsv}, {bigcsv}, {corrupt}, {a}, {b},
// {adir}, {unreadable} and {missing} in s.
func (f badFixtures) expand(s string) string {
	return strings.NewReplacer("{out}", f.out, "{ro}", f.ro, "{notdir}", f.notDir, "{badcsv}", f.badCSV, "{bigcsv}", f.bigCSV,
		"{corrupt}", f.corrupt, "{a}", f.ckA, "{b}", f.ckB, "{adir}", f.aDir,
		"{missing}", filepath.Join(f.root, "missing"), "{unreadable}", f.unreadable).Replace(s)
}

// listing returns every path below root with its size, so that a new,
// partial or temporary file anywhere shows up.
func listing(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size := info.Size()
		if d.IsDir() {
			size = 0
		}
		out = append(out, fmt.Sprintf("%s %v %d", strings.TrimPrefix(path, root), info.Mode(), size))
		return nil
	})
	require.NoError(t, err)
	sort.Strings(out)
	return out
}

type badCase struct {
	args []string // with placeholders, see badFixtures.expand
	code int      // 2 for a usage error, 1 for a runtime error
	want string   // a part of the one line on stderr that names the culprit
}

// badInputCases lists bad command lines per subcommand. The output flags
// that appear in cases refused for another reason point into {out}, which
// must stay empty: nothing is written before the input is checked.
var badInputCases = map[string][]badCase{
	"": {
		{[]string{"nope"}, 2, `unknown command "nope"`},
		{[]string{"help", "nope"}, 2, `unknown command "nope"`},
		{[]string{"--json"}, 2, `unknown command "--json"`},
	},
	"serve": {
		{[]string{"serve", "--addr", "nohostport"}, 2, "--addr \"nohostport\""},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, 1, "--addr 127.0.0.1:99999"},
		{[]string{"serve", "extra"}, 2, "extra"},
	},
	"grad": {
		{[]string{"grad", "-f", "x", "--at", "x=1e999"}, 2, "out of the range of float64"},
		{[]string{"grad", "-f", strings.Repeat("x+", 5000) + "^", "--at", "x=1"}, 2, "(10001 characters): syntax error at column 10001"},
		{[]string{"grad", "-f", "", "--at", "x=1"}, 2, "-f is required"},
		{[]string{"grad", "-f", "x^", "--at", "x=1"}, 2, "syntax error"},
		{[]string{"grad", "-f", "foo(x)", "--at", "x=1"}, 2, `unknown function "foo"`},
		{[]string{"grad", "-f", "x", "--at", "x=abc"}, 2, `"abc" is not a number`},
		{[]string{"grad", "-f", "x", "--at", "x=1.2.3"}, 2, `"1.2.3"`},
		{[]string{"grad", "-f", "x", "--at", "x=NaN"}, 2, `"NaN" is not a finite number`},
		{[]string{"grad", "-f", "x", "--at", "x=-Inf"}, 2, `"-Inf" is not a finite number`},
		{[]string{"grad", "-f", "x", "--at", ""}, 2, "--at is required"},
		{[]string{"grad", "-f", "x", "--at", "x="}, 2, `x: "" is not a number`},
		{[]string{"grad", "-f", "x", "--at", "y=1"}, 2, `"x"`},
		{[]string{"grad", "-f", "x", "--at", "x=1,y=2"}, 2, `"y" is not in the formula`},
		{[]string{"grad", "-f", "x", "--at", "x=1,x=2"}, 2, "given twice"},
		{[]string{"grad", "-f", "x", "--at", "x=1", "extra"}, 2, `unexpected argument "extra"`},
		// A formula too big for the parser, and a big one whose sum overflows.
		{[]string{"grad", "-f", strings.Repeat("x+", 1<<16) + "x", "--at", "x=1"}, 2, "maximum allowed nodes"},
		{[]string{"grad", "-f", strings.Repeat("x+", 3000) + "x", "--at", "x=1e308"}, 1, "Add produced +Inf"},
	},
	"gradcheck": {
		{[]string{"gradcheck", "-f", "x^2", "--at", "x=1", "--atol", "-1"}, 2, "--atol"},
		{[]string{"gradcheck", "-f", "x^2", "--at", "x=1", "--rtol", "NaN"}, 2, "--rtol"},
		{[]string{"gradcheck", "-f", "x^2", "--at", "x=1", "--atol", "abc"}, 2, `invalid value "abc" for flag -atol`},
		{[]string{"gradcheck", "-f", "2", "--at", ""}, 2, "no variables"},
		{[]string{"gradcheck", "-f", "log(x)", "--at", "x=0"}, 1, "Log"},
	},
	"critical": {
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=-1e308:1e308,y=-1:1"}, 2, "too wide"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--workers", "1000000000"}, 2, "--workers must be in 0..1024"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--starts", "2000000"}, 2, "--starts 2000000 exceeds the limit of 1000000"},
		{[]string{"critical", "-f", "x^2+y^2+z^2+w^2", "--box", "x=-1:1,y=-1:1,z=-1:1,w=-1:1", "--grid", "40"}, 2, "--grid 40 in 4 dimensions makes 2.56e+06 starts"},
		{[]string{"critical", "--net", "xor", "--sizes", "2,2000,1", "--at", "origin"}, 2, "8001×8001 Hessian"},
		{[]string{"critical", "--net", "xor", "--sizes", "2,8,1", "--at", "origin", "--radius", "1", "--starts", "1000000"}, 2, "use fewer --starts"},
		{[]string{"critical", "-f", "x", "--box", "x=:"}, 2, `min: "" is not a number`},
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=5:-5,y=-1:1"}, 2, "min 5 is not below max -5"},
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=1:1,y=-1:1"}, 2, "min 1 is not below max 1"},
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=NaN:1,y=-1:1"}, 2, `"NaN" is not a finite number`},
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=-1:1"}, 2, `"y"`},
		{[]string{"critical", "-f", "x^2-y^2", "--box", ""}, 2, "--box"},
		{[]string{"critical", "-f", "x^2-y^2", "--box", "x=-1:1,y=-1:1", "--grid", "31623"}, 2, "limit"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--grid", "1000000000"}, 2, "limit"},
		{[]string{"critical", "-f", "x^2+y^2+z^2", "--box", "x=-1:1,y=-1:1,z=-1:1", "--grid", "1000"}, 2, "limit"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--starts", "1000000000"}, 2, "limit"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--workers", "-1"}, 2, "--workers"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--plot", "{out}/c.jpg"}, 2, ".png or .svg"},
		{[]string{"critical", "-f", "x^2", "--box", "x=1:-1", "--plot", "{out}/c.png"}, 2, "--box"},
		{[]string{"critical", "-f", "x^2", "--box", "x=-1:1", "--grid", "5", "--plot", "{ro}/c.png"}, 1, "{ro}/c.png"},
		{[]string{"critical", "-f", "log(x)", "--box", "x=-1:1", "--grid", "5", "--plot", "{out}/c.png", "--json", "--seed", "x"}, 2, `invalid value "x" for flag -seed`},
	},
	"train": {
		{[]string{"train", "--steps", "1000000000", "--save", "{ro}/ck.json"}, 1, "{ro}/ck.json"}, // refused before the work
		{[]string{"train", "--sizes", "2,100000,100000,1"}, 2, "1e+10 parameters; the limit is 1000000"},
		{[]string{"train", "--opt", "newton", "--sizes", "2,2000,1"}, 2, "--opt newton needs the 8001×8001 Hessian"},
		{[]string{"train", "--steps", "1000000000", "--trace-every", "1"}, 2, "--trace-every"},
		{[]string{"train", "--sizes", "2,60000,1", "--data", "{bigcsv}"}, 2, "activations per pass"},
		{[]string{"train", "--opt", ""}, 2, `unknown optimizer ""`},
		{[]string{"train", "--init", ""}, 2, "--init must not be empty"},
		{[]string{"train", "--steps", ""}, 2, `invalid value "" for flag -steps`},
		{[]string{"train", "--data", "{unreadable}"}, 1, "{unreadable}"},
		{[]string{"train", "--init", "{unreadable}"}, 1, "{unreadable}"},
		{[]string{"train", "--steps", "-5"}, 2, "--steps"},
		{[]string{"train", "--steps", "abc"}, 2, `invalid value "abc" for flag -steps`},
		{[]string{"train", "--lr", "NaN"}, 2, "--lr"},
		{[]string{"train", "--lr", "-1"}, 2, "--lr"},
		{[]string{"train", "--lr", "1e999"}, 2, "-lr"},
		{[]string{"train", "--lr", ""}, 2, "-lr"},
		{[]string{"train", "--batch", "-1"}, 2, "--batch"},
		{[]string{"train", "--opt", "foo"}, 2, `"foo"`},
		{[]string{"train", "--net", "foo"}, 2, `"foo"`},
		{[]string{"train", "--schedule", "step:x:1"}, 2, `"x"`},
		{[]string{"train", "--sizes", "2,0,1"}, 2, "--sizes"},
		{[]string{"train", "--sizes", "2,,1"}, 2, "--sizes"},
		{[]string{"train", "--data", "{missing}.csv"}, 1, "{missing}.csv"},
		{[]string{"train", "--data", "{adir}"}, 1, "{adir}"},
		{[]string{"train", "--data", "{badcsv}", "--sizes", "2,2,1"}, 1, "{badcsv}:3:3"},
		{[]string{"train", "--init", "{missing}.json"}, 2, "{missing}.json"},
		{[]string{"train", "--init", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"train", "--resume", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"train", "--resume", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"train", "--steps", "5", "--save", "{ro}/ck.json"}, 1, "{ro}/ck.json"},
		{[]string{"train", "--steps", "5", "--save", "{notdir}/ck.json"}, 1, "{notdir}/ck.json"},
		{[]string{"train", "--steps", "5", "--plot", "{ro}/loss.png"}, 1, "{ro}/loss.png"},
		{[]string{"train", "--steps", "5", "--trace", "{ro}/trace.csv"}, 1, "{ro}/trace.csv"},
		{[]string{"train", "--steps", "5", "--plot", "{out}/loss.jpg"}, 2, ".png or .svg"},
		{[]string{"train", "--lr", "-1", "--save", "{out}/ck.json", "--plot", "{out}/p.png", "--trace", "{out}/t.csv"}, 2, "--lr"},
	},
	"restarts": {
		{[]string{"restarts", "--n", "1000000", "--steps", "2000", "--plot", "{ro}/r.png"}, 1, "{ro}/r.png"}, // refused before the work
		{[]string{"restarts", "--n", "1000000", "--steps", "2000", "--save", "{notdir}/s.json"}, 1, "{notdir}/s.json"},
		{[]string{"restarts", "--n", "1000000", "--steps", "2000", "--save", "{adir}"}, 1, "is a directory"},
		{[]string{"restarts", "--n", "1000000000"}, 2, "split the study with --shards"},
		{[]string{"restarts", "--workers", "1000000000"}, 2, "--workers must be in 0..1024"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--resume", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--resume", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"restarts", "--shard", "a/b"}, 2, `--shard "a/b"`},
		{[]string{"restarts", "--shard", "1/3", "--shards", "4"}, 2, "disagree"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--shard", "0/2", "--part", "{ro}/p.json"}, 1, "{ro}/p.json"},
		{[]string{"restarts", "--n", "0", "--shard", "0/2", "--part", "{out}/p.json"}, 2, "--n"},
		{[]string{"restarts", "--net", ""}, 2, `unknown preset ""`},
		{[]string{"restarts", "--n", "0"}, 2, "--n"},
		{[]string{"restarts", "--n", "-1"}, 2, "--n"},
		{[]string{"restarts", "--steps", "0"}, 2, "--steps"},
		{[]string{"restarts", "--workers", "-1"}, 2, "--workers"},
		{[]string{"restarts", "--success-below", "NaN"}, 2, "--success-below"},
		{[]string{"restarts", "--distinct-tol", "-1"}, 2, "--distinct-tol"},
		{[]string{"restarts", "--bins", "0"}, 2, "--bins"},
		{[]string{"restarts", "--lr", "Inf"}, 2, "--lr"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--data", "{badcsv}", "--sizes", "2,2,1"}, 1, "{badcsv}:3:3"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--data", "{missing}.csv"}, 1, "{missing}.csv"},
		{[]string{"restarts", "--n", "4", "--steps", "5", "--init", "{corrupt}"}, 1, "{corrupt}"},
	},
	"sweep": {
		{[]string{"sweep", "--net", "xor", "--steps", "1000000000"}, 2, "values to keep in memory"},
		{[]string{"sweep", "--sizes", "2,2000,1"}, 2, "8001×8001 Hessian"},
		{[]string{"sweep", "--shard", "3/3"}, 2, `--shard "3/3"`},
		{[]string{"sweep", "--shards", "0"}, 2, "--shards"},
		{[]string{"sweep", "--steps", "5", "--lrs", "0.1,0.2", "--shard", "0/2", "--part", "{ro}/p.json"}, 1, "{ro}/p.json"},
		{[]string{"sweep", "--lrs", ""}, 2, "--lrs"},
		{[]string{"sweep", "--lrs", "a,b"}, 2, `"a" is not a number`},
		{[]string{"sweep", "--lrs", "1:0.1:5"}, 2, "LO < HI"},
		{[]string{"sweep", "--lrs", "0.1:1:1000000000"}, 2, "--lrs"},
		{[]string{"sweep", "--lrs", "NaN"}, 2, "--lrs"},
		{[]string{"sweep", "--steps", "-1"}, 2, "--steps"},
		{[]string{"sweep", "-f", "x^2", "--at", "y=1"}, 2, `"x"`},
		{[]string{"sweep", "-f", "log(x)", "--at", "x=0", "--lrs", "0.1", "--steps", "3"}, 1, "Log"},
		{[]string{"sweep", "-f", "x^2", "--at", "x=1", "--lrs", "0.1", "--steps", "3", "--plot", "{ro}/s.png"}, 1, "{ro}/s.png"},
		{[]string{"sweep", "-f", "x^2", "--at", "x=1", "--lrs", "-0.1", "--steps", "3", "--plot", "{out}/s.png"}, 2, "--lrs"},
		{[]string{"sweep", "--data", "{missing}.csv", "--steps", "3"}, 1, "{missing}.csv"},
	},
	"symmetry": {
		{[]string{"symmetry", "--sizes", "2,10,1", "--max-orbit", "1000000000", "--samples", "1000000000"}, 2, "lower --samples"},
		{[]string{"symmetry", "--max-hessian", "1000000000"}, 2, "--max-hessian"},
		{[]string{"symmetry", "--net", ""}, 2, `unknown preset ""`},
		{[]string{"symmetry", "--params", "{unreadable}"}, 1, "{unreadable}"},
		{[]string{"symmetry", "--params", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"symmetry", "--params", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"symmetry", "--params", "{adir}"}, 1, "{adir}"},
		{[]string{"symmetry", "--samples", "-1"}, 2, "--samples"},
		{[]string{"symmetry", "--max-hessian", "-1"}, 2, "--max-hessian"},
		{[]string{"symmetry", "--barrier", "{missing}.json", "{b}"}, 1, "{missing}.json"},
		{[]string{"symmetry", "--barrier", "{a}", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"symmetry", "--points", "3", "--barrier", "{a}", "{b}"}, 2, "--points"},
		{[]string{"symmetry", "--barrier", "{a}", "{b}", "--plot", "{ro}/b.png"}, 1, "{ro}/b.png"},
		{[]string{"symmetry", "--points", "3", "--barrier", "{a}", "{b}", "--plot", "{out}/b.png"}, 2, "--points"},
	},
	"bench": {
		{[]string{"bench", "--w", ","}, 2, `unknown workload ""`},
		{[]string{"bench", "--w", "W9"}, 2, `"W9"`},
		{[]string{"bench", "--w", ""}, 2, "--w"},
		{[]string{"bench", "--reps", "0"}, 2, "--reps"},
		{[]string{"bench", "--reps", "-3"}, 2, "--reps"},
	},
	"landscape": {
		{[]string{"landscape", "--grid", "1000", "--steps", "100000000", "--plot", "{ro}/l.png"}, 1, "{ro}/l.png"}, // refused before the work
		{[]string{"landscape", "--span", "1e308"}, 2, "--span"},
		{[]string{"landscape", "--workers", "1000000000"}, 2, "--workers must be in 0..1024"},
		{[]string{"landscape", "--mode", ""}, 2, `got ""`},
		{[]string{"landscape", "--params", "{unreadable}"}, 1, "{unreadable}"},
		{[]string{"landscape", "--mode", "foo"}, 2, `"foo"`},
		{[]string{"landscape", "--grid", "1000000000"}, 2, "limit"},
		{[]string{"landscape", "--grid", "40000"}, 2, "limit"},
		{[]string{"landscape", "--grid", "0"}, 2, "--grid"},
		{[]string{"landscape", "--span", "NaN"}, 2, "--span"},
		{[]string{"landscape", "--span", "-1"}, 2, "--span"},
		{[]string{"landscape", "--workers", "-1"}, 2, "--workers"},
		{[]string{"landscape", "--params", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"landscape", "--params", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"landscape", "--mode", "interp", "--params", "{a}", "--to", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"landscape", "--mode", "line", "--params", "{a}", "--grid", "5", "--csv", "{ro}/l.csv"}, 1, "{ro}/l.csv"},
		{[]string{"landscape", "--mode", "line", "--params", "{a}", "--grid", "5", "--plot", "{ro}/l.png"}, 1, "{ro}/l.png"},
		{[]string{"landscape", "--mode", "line", "--params", "{a}", "--grid", "0", "--csv", "{out}/l.csv", "--plot", "{out}/l.png"}, 2, "--grid"},
	},
	"lessons": {
		{[]string{"lessons", "--bench-time", "abc"}, 2, "--bench-time"},
		{[]string{"lessons", "--only", "0"}, 2, `"0" is not a lesson number`},
		{[]string{"lessons", "--only", "a"}, 2, `"a"`},
		{[]string{"lessons", "--only", "1", "--out", "{ro}/docs"}, 1, "{ro}/docs"},
		{[]string{"lessons", "--only", "10", "--out", "{out}/docs"}, 2, `"10"`},
	},
	"merge": {
		{[]string{"merge"}, 2, "no part files"},
		{[]string{"merge", "{missing}.json"}, 1, "{missing}.json"},
		{[]string{"merge", "{a}", "{b}"}, 1, "{a}"},
		{[]string{"merge", "{corrupt}"}, 1, "{corrupt}"},
		{[]string{"merge", "{adir}"}, 1, "{adir}"},
		{[]string{"merge", "{corrupt}", "--out", "{out}/m.json"}, 1, "{corrupt}"},
	},
	"escape": {
		{[]string{"escape", "--saddle", "xy", "--n", "100000000", "--steps", "10"}, 2, "split the runs with --shards"},
		{[]string{"escape", "--saddle", "xy", "--workers", "1000000000"}, 2, "--workers must be in 0..1024"},
		{[]string{"escape", "--saddle", "xy", "--methods", ""}, 2, `unknown method ""`},
		{[]string{"escape", "--saddle", ""}, 2, "--saddle"},
		{[]string{"escape", "--saddle", "foo"}, 2, `"foo"`},
		{[]string{"escape", "--saddle", "xy", "--n", "0"}, 2, "--n"},
		{[]string{"escape", "--saddle", "xy", "--n", "1000000000", "--steps", "1000000000"}, 2, "limit"},
		{[]string{"escape", "--saddle", "xy", "--eps", "NaN"}, 2, "--eps"},
		{[]string{"escape", "--saddle", "xy", "--methods", "foo"}, 2, `"foo"`},
		{[]string{"escape", "--saddle", "xy", "--lr", "gd=abc"}, 2, `"abc"`},
		{[]string{"escape", "--saddle", "xy", "--workers", "-1"}, 2, "--workers"},
		{[]string{"escape", "--saddle", "xy", "--n", "2", "--steps", "10", "--plot", "{ro}/e.png"}, 1, "{ro}/e.png"},
		{[]string{"escape", "--saddle", "xy", "--n", "0", "--plot", "{out}/e.png"}, 2, "--n"},
		{[]string{"escape", "-f", "log(x)", "--at", "x=0", "--n", "2", "--steps", "10"}, 1, "Log"},
	},
}

// TestBadInput runs every bad command line: exit 2 (usage) or 1 (runtime),
// nothing on stdout, one line on stderr naming the culprit, no stack trace,
// and no file created, changed or left behind anywhere in the fixture tree.
func TestBadInput(t *testing.T) {
	fx := newBadFixtures(t)
	names := make([]string, 0, len(badInputCases))
	for name := range badInputCases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, c := range badInputCases[name] {
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = fx.expand(a)
			}
			before := listing(t, fx.root)
			code, stdout, stderr := runCLIWithin(t, badInputTimeout, args...)
			label := strings.Join(c.args, " ")
			if len(label) > 120 {
				label = label[:120] + "…"
			}
			t.Run(label, func(t *testing.T) {
				assertOneLineError(t, code, stdout, stderr, c.code, fx.expand(c.want))
				assert.NotContains(t, stderr, "internal error", "a recovered panic")
				assert.Equal(t, before, listing(t, fx.root), "files created or left behind")
			})
		}
	}
}

// TestEveryCommandHasBadInputCases: a new subcommand must get its row in
// badInputCases; and every subcommand refuses an unknown flag and a
// malformed --json value with a usage error naming it.
func TestEveryCommandHasBadInputCases(t *testing.T) {
	for name := range commands {
		assert.NotEmpty(t, badInputCases[name], "no bad-input cases for %q", name)
		code, stdout, stderr := runCLIWithin(t, badInputTimeout, name, "--no-such-flag")
		assertOneLineError(t, code, stdout, stderr, 2, "-no-such-flag")
		code, stdout, stderr = runCLIWithin(t, badInputTimeout, name, "--json=maybe")
		assertOneLineError(t, code, stdout, stderr, 2, `invalid boolean value "maybe" for -json`)
	}
}

// Numerical safety of the engine on overflow-prone inputs: values that are
// mathematically finite come out finite (and right), and a value that is
// not finite is traced to the op that produced it.

// saturationTol: each expected value below is exact in float64 (or its
// neighbour): e^−1000 ≈ 5e−435 is below the smallest subnormal, so
// 1 − σ(1000), σ(−1000), log1p(e^−1000) all round to exactly 0.
const saturationTol = 1e-300

// lseTol: log 2 added to ±1000 loses at most an ulp of 1000 (~1.1e−13).
const lseTol = 1e-12

func TestNumericalSafetyOps(t *testing.T) {
	scalarCases := []struct {
		name           string
		f              func(x *autodiff.Node) *autodiff.Node
		x, value, grad float64
	}{
		// σ(±1000): 1 and 0; σ′ = σ(1−σ) = e^−1000/(1+e^−1000)² → 0.
		{"sigmoid(1000)", autodiff.Sigmoid, 1000, 1, 0},
		{"sigmoid(-1000)", autodiff.Sigmoid, -1000, 0, 0},
		// softplus(z) = max(z,0) + log1p(e^−|z|); softplus′ = σ(z).
		{"softplus(1000)", autodiff.Softplus, 1000, 1000, 1},
		{"softplus(-1000)", autodiff.Softplus, -1000, 0, 0},
		// tanh(±1000) = ±1, tanh′ = 1 − tanh² = 0.
		{"tanh(1000)", autodiff.Tanh, 1000, 1, 0},
		{"tanh(-1000)", autodiff.Tanh, -1000, -1, 0},
		// BCE from logits z with target 0: max(z,0) + log1p(e^−|z|), the
		// loss of a confident wrong answer is z itself; d/dz = σ(z) − 0.
		{"bce(1000, 0)", func(z *autodiff.Node) *autodiff.Node { return autodiff.BCEWithLogits(z, autodiff.Scalar(0)) }, 1000, 1000, 1},
		{"bce(-1000, 0)", func(z *autodiff.Node) *autodiff.Node { return autodiff.BCEWithLogits(z, autodiff.Scalar(0)) }, -1000, 0, 0},
		// … and target 1: max(z,0) − z + log1p(e^−|z|); d/dz = σ(z) − 1.
		{"bce(-1000, 1)", func(z *autodiff.Node) *autodiff.Node { return autodiff.BCEWithLogits(z, autodiff.Scalar(1)) }, -1000, 1000, -1},
		{"bce(1000, 1)", func(z *autodiff.Node) *autodiff.Node { return autodiff.BCEWithLogits(z, autodiff.Scalar(1)) }, 1000, 0, 0},
	}
	for _, c := range scalarCases {
		f := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(c.f(x)) }
		v, g := autodiff.ValueAndGrad(f, []float64{c.x})
		assert.InDelta(t, c.value, v, saturationTol, c.name)
		assert.InDelta(t, c.grad, g[0], saturationTol, c.name)
	}

	// log Σ e^x over (1000, 1000) and (−1000, −1000): ±1000 + log 2, where
	// the naive form overflows (or underflows to log 0); ∂/∂xᵢ = softmax = ½.
	for _, x0 := range []float64{1000, -1000} {
		lse := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.LogSumExp(x, 0)) }
		v, g := autodiff.ValueAndGrad(lse, []float64{x0, x0})
		assert.InDelta(t, x0+math.Ln2, v, lseTol, "logsumexp at %v", x0)
		assert.InDelta(t, 0.5, g[0], lseTol)
		assert.InDelta(t, 0.5, g[1], lseTol)
	}

	// exp(800) overflows (e^800 ≈ 10^347.4 > MaxFloat64 ≈ 1.8e308) and
	// log(0) is −∞: FirstNonFinite names the op.
	y := autodiff.Sum(autodiff.Exp(autodiff.Variable([]float64{800})))
	require.NotNil(t, autodiff.FirstNonFinite(y))
	assert.Equal(t, "Exp", autodiff.FirstNonFinite(y).Op())
	y = autodiff.Add(autodiff.Sum(autodiff.Log(autodiff.Variable([]float64{0}))), autodiff.Scalar(1))
	require.NotNil(t, autodiff.FirstNonFinite(y))
	assert.Equal(t, "Log", autodiff.FirstNonFinite(y).Op())
}

// TestNumericalSafetyCLI: the same cases through `saddle grad`.
func TestNumericalSafetyCLI(t *testing.T) {
	finite := []struct {
		src, at     string
		value, grad float64
	}{
		{"sigmoid(x)", "x=1000", 1, 0},
		{"sigmoid(x)", "x=-1000", 0, 0},
		{"softplus(x)", "x=-1000", 0, 0},
		// softplus(800x) at x = 1: 800 exactly; d/dx = 800·σ(800) = 800.
		{"softplus(800*x)", "x=1", 800, 800},
	}
	for _, c := range finite {
		code, stdout, stderr := runCLI(t, "grad", "-f", c.src, "--at", c.at, "--json")
		require.Equal(t, 0, code, "%s at %s: %s", c.src, c.at, stderr)
		var r gradResult
		require.NoError(t, json.Unmarshal([]byte(stdout), &r))
		assert.InDelta(t, c.value, r.Value, saturationTol, c.src)
		assert.InDelta(t, c.grad, r.Gradient[0], saturationTol, c.src)
	}
	for _, c := range []struct{ src, at, op string }{
		{"log(x)", "x=0", "Log"},
		{"exp(800*x)", "x=1", "Exp"},
		// log(1 + e^800x) is 800 mathematically, but this form overflows:
		// the error names Exp (softplus is the stable spelling, above).
		{"log(1 + exp(800*x))", "x=1", "Exp"},
		{"1/x", "x=0", "Div"},
		{"x^0.5", "x=-1", "Pow"},
	} {
		code, stdout, stderr := runCLI(t, "grad", "-f", c.src, "--at", c.at)
		assertOneLineError(t, code, stdout, stderr, 1, c.op+" produced")
	}
	// √x at 0 is finite (0) but its derivative is not: said as such.
	code, stdout, stderr := runCLI(t, "grad", "-f", "sqrt(x)", "--at", "x=0")
	assertOneLineError(t, code, stdout, stderr, 1, "derivatives of the formula are not finite")
}

// TestMergeBadParts: part files that do not belong together are refused
// with one line naming the file or the parameter, and --out into a place
// that cannot be written leaves nothing behind.
func TestMergeBadParts(t *testing.T) {
	fx := newBadFixtures(t)
	part := func(name string, args ...string) string {
		t.Helper()
		path := filepath.Join(fx.root, name)
		code, _, stderr := runCLIWithin(t, badInputTimeout, append([]string{"restarts", "--net", "xor", "--n", "6", "--steps", "20", "--part", path}, args...)...)
		require.Equal(t, 0, code, "stderr: %s", stderr)
		return path
	}
	p0 := part("p0.json", "--shard", "0/2", "--seed", "3")
	p1 := part("p1.json", "--shard", "1/2", "--seed", "3")
	p1seed := part("p1-seed4.json", "--shard", "1/2", "--seed", "4")
	p1steps := part("p1-steps.json", "--shard", "1/2", "--seed", "3", "--steps", "30")
	for _, c := range []badCase{
		{[]string{"merge", p0}, 1, "missing shard 1 of 2"},
		{[]string{"merge", p0, p0}, 1, "given twice"},
		{[]string{"merge", p0, p1seed}, 1, "--seed"},
		{[]string{"merge", p0, p1steps}, 1, "--steps"},
		{[]string{"merge", p0, p1, "--out", "{ro}/m.json"}, 1, "{ro}/m.json"},
		{[]string{"merge", p0, p1, "--out", "{notdir}/m.json"}, 1, "{notdir}/m.json"},
	} {
		before := listing(t, fx.root)
		args := make([]string, len(c.args))
		for i, a := range c.args {
			args[i] = fx.expand(a)
		}
		code, stdout, stderr := runCLIWithin(t, badInputTimeout, args...)
		assertOneLineError(t, code, stdout, stderr, c.code, fx.expand(c.want))
		assert.Equal(t, before, listing(t, fx.root), "files created or left behind by %v", c.args)
	}
}
