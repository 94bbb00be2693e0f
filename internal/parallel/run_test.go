package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunCallsEveryWorkerOnce(t *testing.T) {
	var calls [5]atomic.Int32
	require.NoError(t, Run(5, func(w int) { calls[w].Add(1) }))
	for w := range calls {
		assert.Equal(t, int32(1), calls[w].Load(), "worker %d", w)
	}
	assert.NoError(t, Run(0, func(int) { t.Error("called with n = 0") }))
}

func TestRunReturnsAWorkerPanicAsAnError(t *testing.T) {
	sentinel := errors.New("boom")
	var finished atomic.Int32
	err := Run(4, func(w int) {
		if w == 1 || w == 3 {
			panic(fmt.Errorf("worker %d: %w", w, sentinel))
		}
		finished.Add(1)
	})
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 1, pe.Worker, "the lowest worker index is reported, whatever the scheduling")
	assert.ErrorIs(t, err, sentinel)
	assert.Equal(t, "internal error (please report): worker 1: boom", err.Error())
	assert.Equal(t, int32(2), finished.Load(), "the other workers finish")
}

func TestRunRecoversRuntimeErrors(t *testing.T) {
	err := Run(2, func(w int) {
		var s []int
		_ = s[w] // index out of range, as in a kernel bug
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "index out of range")
}
