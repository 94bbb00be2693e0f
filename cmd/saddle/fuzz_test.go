package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gradFuzzSlow: a formula the fuzzer can type (a few hundred bytes) is
// differentiated in milliseconds; one that takes this long is a hang.
const gradFuzzSlow = 10 * time.Second

// FuzzGrad runs `saddle grad -f SRC --at AT --json` in-process: exit 0 with
// one JSON document whose numbers are finite, or exit 1 or 2 with one line
// on stderr that is not an internal error (a recovered panic).
func FuzzGrad(f *testing.F) {
	for _, c := range [][2]string{
		{"x^2 - y^2", "x=0.3,y=-1.2"}, {"log(x)", "x=0"}, {"sigmoid(x)", "x=1000"}, {"exp(800*x)", "x=1"},
		{"sqrt(x)", "x=0"}, {"x^y", "x=-1,y=0.5"}, {"1/x", "x=0"}, {"pi", ""}, {"x", ""}, {"x", "y=1"},
		{"x+y", "x=1"}, {"", "x=1"}, {"foo(x)", "x=1"}, {"relu(x)*abs(y)", "x=0,y=0"}, {"tan(x)", "x=1.5707963267948966"},
		{"x^3 - 3*x*y^2", "x=0,y=0"}, {"softplus(x)", "x=-800"}, {"exp(x)-exp(x)", "x=710"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, src, at string) {
		start := time.Now()
		code, stdout, stderr := runCLI(t, "grad", "-f", src, "--at", at, "--json")
		if d := time.Since(start); d > gradFuzzSlow {
			t.Fatalf("grad -f %q --at %q took %v", src, at, d)
		}
		if code == 0 {
			var r gradResult
			if err := json.Unmarshal([]byte(stdout), &r); err != nil {
				t.Fatalf("grad -f %q --at %q: stdout is not one JSON document: %v\n%s", src, at, err, stdout)
			}
			if stderr != "" {
				t.Fatalf("grad -f %q --at %q: exit 0 but stderr %q", src, at, stderr)
			}
			if len(r.Gradient) != len(r.Vars) || len(r.Hessian) != len(r.Vars) || len(r.Eigenvalues) != len(r.Vars) {
				t.Fatalf("grad -f %q --at %q: sizes do not match the %d variables: %s", src, at, len(r.Vars), stdout)
			}
			return
		}
		if code != 1 && code != 2 {
			t.Fatalf("grad -f %q --at %q: exit %d", src, at, code)
		}
		if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "saddle grad: ") {
			t.Fatalf("grad -f %q --at %q: want one line on stderr and nothing on stdout, got %q / %q", src, at, stdout, stderr)
		}
		if strings.Contains(stderr, "internal error") || strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
			t.Fatalf("grad -f %q --at %q: a panic reached the user: %s", src, at, stderr)
		}
	})
}

// FuzzMerge: `saddle merge` reads part files from disk (possibly cut off
// or edited). With the fuzz input as shard 1 of 2 beside a valid shard 0,
// merge exits 0 with one JSON document, or 1 or 2 with one line on stderr
// and no internal error (a recovered panic).
func FuzzMerge(f *testing.F) {
	dir := f.TempDir()
	args := []string{"restarts", "--net", "xor", "--n", "4", "--steps", "20", "--seed", "3"}
	var parts [2][]byte
	for k := range parts {
		path := filepath.Join(dir, fmt.Sprintf("p%d.json", k))
		var out, errb bytes.Buffer
		code := run(&env{ctx: context.Background(), stdout: &out, stderr: &errb},
			append(args, "--shard", fmt.Sprintf("%d/2", k), "--part", path))
		if code != 0 {
			f.Fatalf("making part %d: %s", k, errb.String())
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		parts[k] = data
	}
	f.Add(parts[1])
	f.Add(parts[0])
	f.Add(parts[1][:len(parts[1])/2])
	f.Add(bytes.Replace(parts[1], []byte(`"shard": 1`), []byte(`"shard": 7`), 1))
	f.Add(bytes.Replace(parts[1], []byte(`"total": 4`), []byte(`"total": 400000000000`), 1))
	f.Add(bytes.Replace(parts[1], []byte(`"first": 2`), []byte(`"first": -2`), 1))
	f.Add([]byte("{}"))
	f.Add([]byte(""))
	p0 := filepath.Join(dir, "p0.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		p1 := filepath.Join(t.TempDir(), "p1.json")
		if err := os.WriteFile(p1, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, "merge", p0, p1, "--json")
		checkJSONOrOneLine(t, fmt.Sprintf("merge of %q", data), code, stdout, stderr)
	})
}

// checkJSONOrOneLine fails t unless the command (what) exited 0 with one
// JSON document and nothing on stderr, or exited 1 or 2 with one line on
// stderr, nothing on stdout and no internal error (a recovered panic).
func checkJSONOrOneLine(t *testing.T, what string, code int, stdout, stderr string) {
	t.Helper()
	if code == 0 {
		if !json.Valid([]byte(stdout)) || stderr != "" {
			t.Fatalf("%s: exit 0 but stdout %q, stderr %q", what, stdout, stderr)
		}
		return
	}
	if code != 1 && code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("%s: exit %d, stdout %q, stderr %q", what, code, stdout, stderr)
	}
	if strings.Contains(stderr, "internal error") || strings.Contains(stderr, "goroutine") {
		t.Fatalf("%s: a panic reached the user: %s", what, stderr)
	}
}

// FuzzResume: `saddle restarts --resume FILE` reads the file an
// interrupted run wrote (possibly cut off or edited). It exits 0 with one
// JSON document, or 1 or 2 with one line on stderr and no internal error.
func FuzzResume(f *testing.F) {
	dir := f.TempDir()
	// --batch 1: one restart at a time, so that the countdown cuts between restarts.
	args := []string{"restarts", "--net", "xor", "--n", "6", "--steps", "20", "--seed", "3", "--workers", "1", "--batch", "1", "--json"}
	saved := filepath.Join(dir, "saved.json")
	var out, errb bytes.Buffer
	// Cancelled in the fourth restart (Train asks the context once a step).
	code := run(&env{ctx: newCountdownCtx(3*21 + 5), stdout: &out, stderr: &errb}, append(args, "--save", saved))
	if code != 1 || !strings.Contains(errb.String(), "saved to") {
		f.Fatalf("making the interrupted file: exit %d, %s", code, errb.String())
	}
	data, err := os.ReadFile(saved)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(bytes.Replace(data, []byte("null"), []byte("{}"), 1))
	f.Add(bytes.Replace(data, []byte(`"stopped":"steps"`), []byte(`"stopped":""`), 1))
	f.Add(bytes.Replace(data, []byte(`"end": 6`), []byte(`"end": 60`), 1))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "saved.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, append(args, "--resume", path)...)
		checkJSONOrOneLine(t, fmt.Sprintf("resume from %q", data), code, stdout, stderr)
	})
}
