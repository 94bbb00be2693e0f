package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressPlainLines(t *testing.T) {
	var errb bytes.Buffer
	// A run that has lasted over a second prints one line per 10 %.
	p := New(&errb, false, "train", "steps", 100, false)
	p.start = time.Now().Add(-2 * time.Second)
	for i := 0; i <= 100; i++ {
		p.Update(i, 0.5)
	}
	p.Done()
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	assert.Len(t, lines, 10)
	assert.Contains(t, lines[0], "train: 10/100 steps, loss 0.5")
	assert.Contains(t, lines[9], "100/100 steps")

	// A short run, or a quiet (JSON) one, prints nothing.
	errb.Reset()
	p = New(&errb, false, "train", "steps", 100, false)
	for i := 0; i <= 100; i++ {
		p.Update(i, 0.5)
	}
	q := New(&errb, false, "train", "steps", 100, true)
	q.start = time.Now().Add(-2 * time.Second)
	for i := 0; i <= 100; i++ {
		q.Update(i, 0.5)
	}
	assert.Empty(t, errb.String())
}

// TestProgressBar: on a terminal an mpb bar shows the name, the count, the
// loss and the rate, and is removed at the end.
func TestProgressBar(t *testing.T) {
	var errb syncBuffer
	p := New(&errb, true, "restarts", "restarts", 4, true)
	p.Update(2, 0.25)
	// mpb redraws every 100 ms: wait for the drawing (a generous deadline
	// for a loaded machine), not for a fixed time.
	require.Eventually(t, func() bool { return strings.Contains(errb.String(), "restarts/s") }, 30*time.Second, 10*time.Millisecond)
	s := errb.String()
	assert.Contains(t, s, "restarts 2/4 restarts")
	assert.Contains(t, s, "loss 0.25")
	assert.Contains(t, s, "restarts/s")
	p.Done()
	assert.Nil(t, p.bar, "the bar is finished")
}

// syncBuffer is a bytes.Buffer safe for mpb's drawing goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestProgressBarKeepsUpdating: updates racing mpb's redraws must not
// deadlock (the loss decorator once took the lock that update held while
// handing the count to mpb, which froze the bar after its first frame).
func TestProgressBarKeepsUpdating(t *testing.T) {
	var errb syncBuffer
	p := New(&errb, true, "train", "steps", 1_000_000, true)
	finished := make(chan struct{})
	go func() {
		deadline := time.Now().Add(400 * time.Millisecond)
		for i := 0; time.Now().Before(deadline); i++ {
			p.Update(i, 1/float64(i+1))
		}
		p.Done()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("progress bar deadlocked")
	}
	assert.GreaterOrEqual(t, strings.Count(errb.String(), "train "), 2, "several frames drawn")
}

// TestProgressCount: Count, the studies' callback shape, reports the count
// without a loss.
func TestProgressCount(t *testing.T) {
	var errb bytes.Buffer
	p := New(&errb, false, "restarts", "restarts", 10, false)
	p.start = time.Now().Add(-2 * time.Second)
	p.Count(10, 10)
	p.Done()
	assert.Contains(t, errb.String(), "restarts: 10/10 restarts, ")
	assert.NotContains(t, errb.String(), "loss")
}
