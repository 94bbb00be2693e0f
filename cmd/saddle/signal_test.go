package main

import (
	"bufio"
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

// signalDeadline bounds the wait for the study's first progress line (a
// loaded machine is slow; an unloaded one prints it after about a second).
const signalDeadline = 2 * time.Minute

// TestSIGTERMSavesFinishedRestarts: SIGTERM, which Slurm and Kubernetes
// send before killing a task, stops `saddle restarts` like Ctrl-C: exit 1,
// a last line saying how many restarts finished and where they were saved,
// and a file --resume reads. The signal is sent when the study has printed
// its first progress line on stderr (some restarts are finished then,
// however loaded the machine is), not after a fixed time.
func TestSIGTERMSavesFinishedRestarts(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			saved := filepath.Join(t.TempDir(), "saved.json")
			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "restarts", "--net", "xor", "--n", "5000", "--steps", "2000", "--save", saved)
			cmd.Env = append(os.Environ(), "SADDLE_TEST_MAIN=1")
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			errPipe, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			lines := make(chan string)
			go func() {
				sc := bufio.NewScanner(errPipe)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			var stderr []string
			select {
			case l, ok := <-lines:
				require.True(t, ok, "the study ended before its first progress line")
				stderr = append(stderr, l)
			case <-time.After(signalDeadline):
				_ = cmd.Process.Kill()
				t.Fatalf("no progress line within %v", signalDeadline)
			}
			require.Contains(t, stderr[0], "restarts: ", "a progress line")
			require.NoError(t, cmd.Process.Signal(sig))
			for l := range lines {
				stderr = append(stderr, l)
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "exits with a code, not killed by the signal: %v (stderr %q)", err, stderr)
			assert.Equal(t, 1, exit.ExitCode())
			assert.Empty(t, stdout.String())
			last := stderr[len(stderr)-1]
			assert.Contains(t, last, "saved to "+saved)
			for _, l := range stderr[:len(stderr)-1] {
				assert.True(t, strings.HasPrefix(l, "restarts: "), "only progress lines before the message: %q", l)
			}
			pf, err := shard.Read(saved, shard.Indexes())
			require.NoError(t, err)
			assert.Equal(t, "restarts", pf.Study)
		})
	}
}
