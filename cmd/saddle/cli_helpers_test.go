package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// runCLI runs saddle in-process with args and returns the exit code, stdout
// and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(&env{ctx: context.Background(), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// assertOneLineError checks the contract for bad input: the exit code, one
// line on stderr that contains want, nothing on stdout and no stack trace.
func assertOneLineError(t *testing.T, code int, stdout, stderr string, wantCode int, want string) {
	t.Helper()
	assert.Equal(t, wantCode, code, "exit code; stderr: %s", stderr)
	assert.Empty(t, stdout, "stdout must stay empty on error")
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line on stderr: %q", stderr)
	assert.Contains(t, stderr, want)
	assert.NotContains(t, stderr, "panic")
	assert.NotContains(t, stderr, "goroutine")
}
