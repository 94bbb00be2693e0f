package nn

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func csvPath(name string) string { return filepath.Join("..", "testdata", "csv", name) }

func TestLoadCSV(t *testing.T) {
	d, err := LoadCSV(csvPath("xor.csv"))
	require.NoError(t, err)
	assert.Equal(t, XOR().X, d.X)
	assert.Equal(t, XOR().Y, d.Y)
	assert.Equal(t, [3]int{4, 2, 1}, [3]int{d.N, d.In, d.Out})
	assert.Equal(t, "xor", d.Name)

	// A blank line is skipped.
	d, err = LoadCSV(csvPath("linreg.csv"))
	require.NoError(t, err)
	assert.Equal(t, LinReg().X, d.X)
	assert.Equal(t, LinReg().Y, d.Y)
}

// TestLoadCSVErrors: the line and column of each fixture are counted by hand
// from the file contents (shown in the comments).
func TestLoadCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		file, want string
	}{
		{"missing_cell.csv", `missing_cell.csv:3:3: missing value in column "x2"`},             // line 3 "0,,1"
		{"text_in_number.csv", `text_in_number.csv:4:3: "abc" in column "x2" is not a number`}, // line 4 "1,abc,1"
		{"ragged_short.csv", `ragged_short.csv:3:4: row has 2 cells, header has 3`},            // line 3 "0,1": the comma missing at 4
		{"ragged_long.csv", `ragged_long.csv:3:7: row has 4 cells, header has 3`},              // line 3 "0,1,1,7": extra cell at 7
		{"empty.csv", `empty.csv:1:1: empty file`},
		{"header_only.csv", `header_only.csv:2:1: no data rows after the header`},
		{"nan.csv", `nan.csv:3:5: "NaN" in column "x2" is not finite`}, // line 3 "0.5,NaN,1"
		{"inf.csv", `inf.csv:3:7: "-Inf" in column "y" is not finite`}, // line 3 "0.5,1,-Inf"
	} {
		_, err := LoadCSV(csvPath(tc.file))
		require.Error(t, err, tc.file)
		assert.Contains(t, err.Error(), csvPath(tc.want), tc.file)
		var ce *CSVError
		assert.True(t, errors.As(err, &ce), tc.file)
	}
}

func TestLoadCSVMissingFile(t *testing.T) {
	_, err := LoadCSV(csvPath("no_such.csv"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no_such.csv")
	assert.Contains(t, err.Error(), "no such file")
}
