package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckWritable: a path in a writable directory passes and leaves the
// directory empty; a missing directory, a file used as a directory and a
// directory used as the file fail with the path in the message.
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, CheckWritable(filepath.Join(dir, "out.json")))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is left behind")

	notDir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notDir, []byte("x"), 0o644))
	for _, path := range []string{filepath.Join(dir, "missing", "out.json"), filepath.Join(notDir, "out.json"), dir} {
		err := CheckWritable(path)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), "cannot write "+path)
	}
}

// TestWriteBytesReplacesAtomically: the target holds the new content and
// no temporary file is left; a failed write leaves the old content.
func TestWriteBytesReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	require.NoError(t, WriteBytes(path, []byte("old")))
	require.NoError(t, WriteBytes(path, []byte("new")))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(data))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)

	require.Error(t, Write(path, func(w io.Writer) error { return errors.New("fill failed") }))
	data, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(data), "a failed write keeps the old content")
	entries, err = os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "the temporary file is removed")
}

// TestWriteToADeviceWritesInPlace: a device is written, not replaced by a
// file (renaming over /dev/null as root would turn it into a regular
// file); /dev/full's "no space left" is an error naming the path once.
func TestWriteToADeviceWritesInPlace(t *testing.T) {
	for _, dev := range []string{"/dev/null", "/dev/full"} {
		if st, err := os.Stat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Skipf("%s is not a character device here", dev)
		}
	}
	require.NoError(t, CheckWritable("/dev/null"))
	require.NoError(t, WriteBytes("/dev/null", []byte("x")))
	err := WriteBytes("/dev/full", []byte("x"))
	require.Error(t, err)
	assert.Equal(t, "cannot write /dev/full: no space left on device", err.Error())
	for _, dev := range []string{"/dev/null", "/dev/full"} {
		st, err := os.Stat(dev)
		require.NoError(t, err)
		assert.NotZero(t, st.Mode()&os.ModeCharDevice, "%s is still a device", dev)
	}
}
