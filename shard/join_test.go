package shard

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The toy study of these tests: item i is i², the header says how many.
type squaresHeader struct {
	N int `json:"n"`
}

type square struct {
	I  int `json:"i"`
	I2 int `json:"i2"`
}

func squares() Study[squaresHeader, square, int] {
	return Study[squaresHeader, square, int]{Name: "squares", Index: "square", Summarize: func(h squaresHeader, items []square) (int, error) {
		sum := 0
		for i, it := range items {
			if it.I != i {
				return 0, &ItemError{Index: i, Msg: fmt.Sprintf("square %d says it is %d", i, it.I)}
			}
			sum += it.I2
		}
		return sum, nil
	}}
}

// squaresPart returns shard k of n of the study of total squares.
func squaresPart(t *testing.T, k, n, total int, params map[string]string) *Part {
	t.Helper()
	first, end := Range(k, n, total)
	var items []square
	for i := first; i < end; i++ {
		items = append(items, square{I: i, I2: i * i})
	}
	p, err := New(Meta{Study: "squares", Index: "square", Params: params, Shard: k, Shards: n, Total: total}, squaresHeader{N: total}, items)
	require.NoError(t, err)
	return p
}

// writeParts writes parts to dir and returns their paths.
func writeParts(t *testing.T, dir string, parts ...*Part) []string {
	t.Helper()
	var paths []string
	for i, p := range parts {
		path := filepath.Join(dir, fmt.Sprintf("p%d.json", i))
		require.NoError(t, p.Write(path))
		paths = append(paths, path)
	}
	return paths
}

// TestMergeSquares: the sum of i² for i < 10 is 9·10·19/6 = 285, whatever
// the split and the order of the parts.
func TestMergeSquares(t *testing.T) {
	params := map[string]string{"n": "10"}
	for _, n := range []int{1, 3, 4, 12} {
		var parts []*Part
		for k := n - 1; k >= 0; k-- {
			parts = append(parts, squaresPart(t, k, n, 10, params))
		}
		sum, h, err := squares().MergeFiles(writeParts(t, t.TempDir(), parts...)...)
		require.NoError(t, err, "%d shards", n)
		assert.Equal(t, 285, sum, "%d shards", n)
		assert.Equal(t, squaresHeader{N: 10}, h)
	}
}

// TestPartRoundTrip: what Write writes, Read reads back field for field,
// with one line per item.
func TestPartRoundTrip(t *testing.T) {
	p := squaresPart(t, 1, 3, 10, map[string]string{"n": "10"})
	path := writeParts(t, t.TempDir(), p)[0]
	back, err := Read(path, map[string]string{"squares": "square"})
	require.NoError(t, err)
	assert.JSONEq(t, string(p.Header), string(back.Header), "the header, indented in the file")
	back.Header = p.Header
	assert.Equal(t, p, back)
	assert.Equal(t, [3]int{3, 6, 0}, [3]int{back.First, back.End, back.Unfinished()}, "shard 1 of 3 over 10: ⌊10/3⌋ = 3 … ⌊20/3⌋ = 6")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), "\"items\": [\n  {\"i\":3,\"i2\":9},\n  {\"i\":4,\"i2\":16},\n  {\"i\":5,\"i2\":25}\n ]\n}\n")

	_, err = Read(path, map[string]string{"restarts": "restart"})
	assert.ErrorContains(t, err, `study "squares" cannot be merged (known: restarts)`)
	_, err = Read(path, map[string]string{"squares": "row"})
	assert.ErrorContains(t, err, "squares parts hold one row per item")
}

// TestJoinRejects: each bad set of parts is refused with an error naming
// the files and what differs.
func TestJoinRejects(t *testing.T) {
	params := map[string]string{"n": "10"}
	p0, p1, p2 := squaresPart(t, 0, 3, 10, params), squaresPart(t, 1, 3, 10, params), squaresPart(t, 2, 3, 10, params)
	otherParams := squaresPart(t, 2, 3, 10, map[string]string{"n": "10", "seed": "2"})
	otherSplit := squaresPart(t, 2, 4, 10, params)
	otherHeader := squaresPart(t, 2, 3, 10, params)
	otherHeader.Header = []byte(`{"n": 11}`)
	otherStudy := squaresPart(t, 2, 3, 10, params)
	otherStudy.Study = "cubes"
	otherBuild := squaresPart(t, 2, 3, 10, params)
	otherBuild.Saddle = "v9.9.9"
	interrupted := squaresPart(t, 2, 3, 10, params)
	interrupted.Items[1] = []byte("null")
	cases := []struct {
		name  string
		parts []*Part
		want  string
	}{
		{"missing", []*Part{p0, p2}, "missing shard 1 of 3 (2 of 3 parts given)"},
		{"missing two", []*Part{p1}, "missing shards 0, 2 of 3"},
		{"twice", []*Part{p0, p1, p2, p1}, "shard 1 of 3 is given twice: f1 and f3"},
		{"other params", []*Part{p0, p1, otherParams}, `--seed is "(unset)" in f0 but "2" in f2`},
		{"other split", []*Part{p0, p1, otherSplit}, "f0 is a shard of 3, f2 a shard of 4"},
		{"other header", []*Part{p0, p1, otherHeader}, `f0 and f2 computed different "n"`},
		{"other study", []*Part{p0, p1, otherStudy}, "f0 is a part of a squares study, f2 of a cubes study"},
		{"other build", []*Part{p0, otherBuild}, "f1 by saddle v9.9.9"},
		{"interrupted", []*Part{p0, p1, interrupted}, "f2 is the file of an interrupted run (1 of 4 squares unfinished)"},
	}
	for _, c := range cases {
		var paths []string
		for i := range c.parts {
			paths = append(paths, fmt.Sprintf("f%d", i))
		}
		_, err := Join(paths, c.parts)
		assert.ErrorContains(t, err, c.want, c.name)
	}
	items, err := Join([]string{"a", "b", "c"}, []*Part{p2, p0, p1})
	require.NoError(t, err)
	assert.Len(t, items, 10)
	assert.JSONEq(t, `{"i":7,"i2":49}`, string(items[7]), "in index order whatever the order of the parts")
}

// TestMergeNamesThePartOfABadItem: a bad item is reported with the file
// that holds it, a bad header with the first file.
func TestMergeNamesThePartOfABadItem(t *testing.T) {
	params := map[string]string{}
	p0, p1 := squaresPart(t, 0, 2, 6, params), squaresPart(t, 1, 2, 6, params)
	p1.Items[1] = []byte(`{"i":99,"i2":0}`)
	_, _, err := squares().Merge([]string{"f0", "f1"}, []*Part{p0, p1})
	assert.EqualError(t, err, "f1: square 4 says it is 99")
	p1.Items[1] = []byte(`{"i":4,"i2":16,"extra":1}`)
	_, _, err = squares().Merge([]string{"f0", "f1"}, []*Part{p0, p1})
	assert.ErrorContains(t, err, `f1: square 4: json: unknown field "extra"`)
	p1.Items[1] = []byte(`{"i":4,"i2":16}`)
	p0.Header, p1.Header = []byte(`{"m":1}`), []byte(`{"m":1}`)
	_, _, err = squares().Merge([]string{"f0", "f1"}, []*Part{p0, p1})
	assert.ErrorContains(t, err, `f0 (and the other parts): header: json: unknown field "m"`)
}

// TestResumeChecks: a file to resume must be of the same study, build,
// shard, parameters and header.
func TestResumeChecks(t *testing.T) {
	params := map[string]string{"n": "10"}
	p := squaresPart(t, 1, 3, 10, params)
	meta := Meta{Study: "squares", Index: "square", Params: params, Shard: 1, Shards: 3, Total: 10}
	require.NoError(t, Resume(p, meta, squaresHeader{N: 10}))
	var u *UsageError
	for _, m := range []Meta{
		{Study: "cubes", Params: params, Shard: 1, Shards: 3},
		{Study: "squares", Params: params, Shard: 0, Shards: 3},
		{Study: "squares", Params: map[string]string{"n": "11"}, Shard: 1, Shards: 3},
	} {
		assert.ErrorAs(t, Resume(p, m, squaresHeader{N: 10}), &u, "%+v", m)
	}
	err := Resume(p, meta, squaresHeader{N: 11})
	assert.EqualError(t, err, `the file's "n" differs from this run's (different data or build?)`)
	assert.False(t, errorsAsUsage(err), "a different header with the same parameters is not the caller's mistake")
	p.Saddle = "v0"
	assert.ErrorContains(t, Resume(p, meta, squaresHeader{N: 10}), "written by saddle v0")
}

func errorsAsUsage(err error) bool {
	_, ok := err.(*UsageError)
	return ok
}
