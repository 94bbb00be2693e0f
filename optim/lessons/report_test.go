package lessons

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogNumbersInOrder(t *testing.T) {
	l := Catalog()
	require.Len(t, l, len(runners))
	for i, x := range l {
		assert.Equal(t, i+1, x.Number)
		assert.NotEmpty(t, x.Funcs)
		assert.NotEmpty(t, x.Claim)
	}
}

func TestRunSelectedWithFigures(t *testing.T) {
	dir := t.TempDir()
	var seen []int
	reports, err := Run(ReportOptions{Only: []int{5, 2}, ImgDir: dir}, func(r Report) { seen = append(seen, r.Number) })
	require.NoError(t, err)
	assert.Equal(t, []int{2, 5}, seen, "in the order of List, each reported as it finishes")
	require.Len(t, reports, 2)
	assert.Equal(t, 0, Failed(reports))
	q := reports[1]
	assert.True(t, q.Pass)
	assert.Equal(t, "go run ./cmd/saddle lessons --only 5", q.Command)
	assert.Equal(t, []string{"lesson5-quartic.png"}, q.Figures)
	assert.True(t, strings.HasPrefix(q.Text, "Lesson 5: h(x) = (1 − x²)²\n  PASS  "), q.Text)
	// h''(0) = 12·0² − 4 = −4: a maximum.
	assert.Contains(t, q.Text, "PASS  x = +0: h = 1, h'' = -4 (closed form -4): a maximum")
	assert.Contains(t, string(q.Result), `"critical_points"`)
	for _, name := range []string{"lesson2-loss.png", "lesson2-paths.png", "lesson5-quartic.png"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.True(t, bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")), name)
	}
	var md bytes.Buffer
	require.NoError(t, WriteMarkdown(&md, reports))
	s := md.String()
	assert.Contains(t, s, "go run ./cmd/saddle lessons --out docs", "the report says how to regenerate it")
	assert.Contains(t, s, "- [Lesson 5: h(x) = (1 − x²)²](#lesson-5)")
	assert.Contains(t, s, "Library: `lessons.QuarticLesson` (package `optim/lessons`)")
	assert.Contains(t, s, "![lesson 2: lesson2-paths](img/lesson2-paths.png)")
}

func TestRunWithoutFiguresAndFailed(t *testing.T) {
	reports, err := Run(ReportOptions{Only: []int{3}}, nil)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.Empty(t, reports[0].Figures)
	assert.Contains(t, reports[0].Text, "chain-rule table")
	reports[0].Claims = append(reports[0].Claims, Claim{Text: "made up", Pass: false})
	assert.Equal(t, 1, Failed(reports))
}

func TestParseBenchTime(t *testing.T) {
	for s, want := range map[string]BenchTime{"50ms": {D: 50 * time.Millisecond}, "2s": {D: 2 * time.Second}, "100x": {N: 100}} {
		got, err := ParseBenchTime(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"abc", "0x", "-1s", "0s", "x", ""} {
		_, err := ParseBenchTime(s)
		assert.Error(t, err, s)
	}
}

func TestNsPerOpCallCounts(t *testing.T) {
	calls := 0
	op := func() { calls++ }
	ns := BenchTime{N: 37}.NsPerOp(op)
	assert.Equal(t, 37, calls, "a count means exactly that many calls")
	assert.Greater(t, ns, 0.0)
	calls = 0
	sleepy := func() { calls++; time.Sleep(time.Millisecond) }
	ns = BenchTime{D: 5 * time.Millisecond}.NsPerOp(sleepy)
	// Each call sleeps at least 1 ms, so the time per call is at least
	// 1e6 ns however many runs the load made it take.
	assert.GreaterOrEqual(t, calls, 1)
	assert.GreaterOrEqual(t, ns, 1e6)
}

// ReportOptions.Context stops the lessons that run many trainings (6 and 7
// run restarts, 8 escape runs) with the context's error, and Run before
// its first lesson.
func TestLessonsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{6, 7, 8} {
		_, err := RunLesson(Catalog()[n-1], ReportOptions{Context: ctx})
		assert.ErrorIs(t, err, context.Canceled, "lesson %d", n)
	}
	reports, err := Run(ReportOptions{Context: ctx}, nil)
	assert.EqualError(t, err, "interrupted before lesson 1")
	assert.Empty(t, reports)
}

func TestParseOnly(t *testing.T) {
	sel, err := ParseOnly(" 1, 5,9")
	require.NoError(t, err)
	assert.Equal(t, []int{1, 5, 9}, sel)
	sel, err = ParseOnly("  ")
	require.NoError(t, err)
	assert.Nil(t, sel, "blank: all lessons")
	_, err = ParseOnly("1,10")
	assert.EqualError(t, err, `"10" is not a lesson number 1–9`, "nine lessons")
	_, err = ParseOnly("x")
	assert.Error(t, err)
}
