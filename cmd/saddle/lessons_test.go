package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLessonsJSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, "lessons", "--only", "1,3,5", "--json")
	require.Equal(t, 0, code, "stderr: %s", stderr)
	var doc struct {
		Lessons []struct {
			Number int  `json:"number"`
			Pass   bool `json:"pass"`
			Claims []struct {
				Claim string `json:"claim"`
				Pass  bool   `json:"pass"`
			} `json:"claims"`
			Result json.RawMessage `json:"result"`
		} `json:"lessons"`
		Failed int `json:"failed_claims"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "stdout must be one JSON document")
	require.Len(t, doc.Lessons, 3)
	assert.Equal(t, 0, doc.Failed)
	for i, want := range []int{1, 3, 5} {
		l := doc.Lessons[i]
		assert.Equal(t, want, l.Number)
		assert.True(t, l.Pass)
		assert.NotEmpty(t, l.Claims)
	}
	// Lesson 1's result is the library's ConvexityResult (its numbers are
	// tested in optim/lessons): the JSON carries its critical points.
	assert.Contains(t, string(doc.Lessons[0].Result), `"critical_points"`)
}

func TestLessonsText(t *testing.T) {
	code, stdout, stderr := runCLI(t, "lessons", "--only", "5")
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Contains(t, stdout, "Lesson 5: h(x) = (1 − x²)²")
	// h''(0) = 12·0² − 4 = −4: a maximum.
	assert.Contains(t, stdout, "PASS  x = +0: h = 1, h'' = -4 (closed form -4): a maximum")
	assert.NotContains(t, stdout, "FAIL")
	assert.Empty(t, stderr)
}

func TestLessonsOut(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "lessons", "--only", "2,5", "--out", dir)
	require.Equal(t, 0, code, "stderr: %s", stderr)
	md, err := os.ReadFile(filepath.Join(dir, "lessons.md"))
	require.NoError(t, err)
	s := string(md)
	assert.Contains(t, s, "go run ./cmd/saddle lessons --out docs", "the report says how to regenerate it")
	assert.Contains(t, s, "go run ./cmd/saddle lessons --only 5")
	for _, name := range []string{"lesson2-loss.png", "lesson2-paths.png", "lesson5-quartic.png"} {
		assert.Contains(t, s, "img/"+name)
		b, err := os.ReadFile(filepath.Join(dir, "img", name))
		require.NoError(t, err, name)
		assert.True(t, strings.HasPrefix(string(b), "\x89PNG\r\n\x1a\n"), "%s is a PNG", name)
	}
}

func TestLessonsBadOnly(t *testing.T) {
	for _, arg := range []string{"0", "10", "1,x"} {
		code, stdout, stderr := runCLI(t, "lessons", "--only", arg)
		assertOneLineError(t, code, stdout, stderr, 2, "--only")
	}
}
