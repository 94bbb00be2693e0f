package inputfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadFileRefusesDevicesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.csv")
	require.NoError(t, os.WriteFile(f, []byte("x,y\n1,2\n"), 0o644))
	data, err := ReadFile(f)
	require.NoError(t, err)
	assert.Equal(t, "x,y\n1,2\n", string(data))

	_, err = ReadFile(dir)
	assert.EqualError(t, err, "cannot read "+dir+": is a directory")
	_, err = ReadFile(filepath.Join(dir, "missing"))
	assert.EqualError(t, err, "cannot read "+filepath.Join(dir, "missing")+": no such file or directory")
	if st, err := os.Stat("/dev/zero"); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		_, err = ReadFile("/dev/zero") // would never end
		assert.EqualError(t, err, "cannot read /dev/zero: a device or socket, not a file")
	}
}
