package nn

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckpointRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ck.json")
	ck := NewCheckpoint(xorNet, MSE, W1Start())
	ck.Optimizer = "adam"
	ck.State = map[string][]float64{"m": make([]float64, 9), "v": W5Start(1)}
	ck.Step = 42
	require.NoError(t, SaveCheckpoint(path, ck))
	got, err := LoadCheckpoint(path)
	require.NoError(t, err)
	assert.Equal(t, ck, got, "JSON keeps float64 exactly (shortest round-trip formatting)")
	assert.Equal(t, xorNet, got.Net())
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func TestLoadCheckpointRejects(t *testing.T) {
	good := `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9]}`
	for _, tc := range []struct {
		name, content, want string
	}{
		{"truncated", good[:40], "truncated JSON"},
		{"empty", "", "empty file"},
		{"version", `{"version":2,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9]}`, "format version 2, this saddle reads version 1"},
		{"count", `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3]}`, "3 parameters, but sizes [2 2 1] need 9"},
		{"nan" /* N is byte 78 of the line */, `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[NaN,2,3,4,5,6,7,8,9]}`, "invalid JSON at 1:78"},
		{"overflow", `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1e999,2,3,4,5,6,7,8,9]}`, "params"},
		{"activation", `{"version":1,"sizes":[2,2,1],"hidden":"swish","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9]}`, `unknown activation "swish"`},
		{"unknown field", `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9],"lr":1}`, `unknown field "lr"`},
		{"trailing", good + " {}", "unexpected data after the JSON object"},
		{"loss", `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"hinge","params":[1,2,3,4,5,6,7,8,9]}`, `unknown loss "hinge"`},
	} {
		path := writeFile(t, "ck.json", tc.content)
		_, err := LoadCheckpoint(path)
		require.Error(t, err, tc.name)
		assert.Contains(t, err.Error(), tc.want, tc.name)
		assert.Contains(t, err.Error(), path, tc.name)
	}
	_, err := LoadCheckpoint(writeFile(t, "ok.json", good))
	assert.NoError(t, err)
	_, err = LoadCheckpoint(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorContains(t, err, "missing.json: no such file")
}

func TestSaveCheckpointIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.json")
	require.NoError(t, SaveCheckpoint(path, NewCheckpoint(xorNet, MSE, W1Start())))
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	// An invalid checkpoint (NaN) is refused and the old file is untouched.
	bad := NewCheckpoint(xorNet, MSE, W1Start())
	bad.Params[3] = math.NaN()
	err = SaveCheckpoint(path, bad)
	assert.ErrorContains(t, err, "parameter 3 is NaN")
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after)

	// A directory that does not exist: an error, and no file anywhere.
	missing := filepath.Join(dir, "no", "such", "ck.json")
	err = SaveCheckpoint(missing, NewCheckpoint(xorNet, MSE, W1Start()))
	assert.ErrorContains(t, err, missing)
	_, statErr := os.Stat(missing)
	assert.True(t, os.IsNotExist(statErr))

	// A path under a regular file cannot be created either.
	under := filepath.Join(path, "ck.json")
	assert.Error(t, SaveCheckpoint(under, NewCheckpoint(xorNet, MSE, W1Start())))

	// No temporary files are left behind.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "ck.json", entries[0].Name())
}
