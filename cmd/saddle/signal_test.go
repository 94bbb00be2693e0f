package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this binary as the saddle command (main with
// real signal handling): with SADDLE_TEST_MAIN=1 it is saddle, its
// arguments those after "--".
func TestMain(m *testing.M) {
	if os.Getenv("SADDLE_TEST_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"saddle"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	os.Exit(m.Run())
}

// signalAfter is how long the process runs before it gets the signal:
// enough to start and finish some restarts (a fraction of a millisecond
// each), far less than the study.
const signalAfter = time.Second

// TestSIGTERMSavesFinishedRestarts: SIGTERM, which Slurm and Kubernetes
// send before killing a task, stops `saddle restarts` like Ctrl-C: exit 1,
// one line saying how many restarts finished and where they were saved,
// and a file --resume reads (--json: no progress lines on stderr).
func TestSIGTERMSavesFinishedRestarts(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			saved := filepath.Join(t.TempDir(), "saved.json")
			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "restarts", "--net", "xor", "--n", "1000000", "--steps", "2000", "--save", saved, "--json")
			cmd.Env = append(os.Environ(), "SADDLE_TEST_MAIN=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Start())
			time.Sleep(signalAfter)
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "exits with a code, not killed by the signal: %v (stderr %q)", err, stderr.String())
			assert.Equal(t, 1, exit.ExitCode())
			assert.Empty(t, stdout.String())
			msg := stderr.String()
			assert.Equal(t, 1, strings.Count(msg, "\n"), "one line: %q", msg)
			assert.Contains(t, msg, "saved to "+saved)
			pf, err := shard.Read(saved, partIndex())
			require.NoError(t, err)
			assert.Equal(t, "restarts", pf.Study)
		})
	}
}
