package nn

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadCSV: LoadCSV never panics. An error names the file, and a
// *CSVError points at a line of the file (1 … lines+1, the +1 being "after
// the last line") and a column ≥ 1. A dataset it returns is valid, and
// writing it back as CSV and loading that gives the same numbers.
func FuzzLoadCSV(f *testing.F) {
	for _, name := range []string{"classes.csv", "empty.csv", "header_only.csv", "inf.csv", "linreg.csv",
		"missing_cell.csv", "nan.csv", "ragged_long.csv", "ragged_short.csv", "text_in_number.csv", "xor.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "csv", name))
		if err != nil {
			f.Fatalf("seed %s: %v", name, err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"x,y\n1,2\n", "x,y\r\n1,2\r\n", "x,y\n\n\n1,2\n\n", "a,b,c\n1,2\n", "a,b\n1,2,3\n",
		"a,b\n\"1\",\"2\"\n", "a,b\n\"1\n2\",3\n", "a,b\n\"1,2\n", "a,b\n1e400,2\n", "a,b\n0x1p3,2\n",
		"a,b\n NaN ,1\n", "a,b\n-inf,1\n", "a\n1\n", ",b\n1,2\n", "a,b\n1,\n", "a,b\n,1\n",
		"\xef\xbb\xbfa,b\n1,2\n", "a,b\n1_0,2\n", "a;b\n1;2\n", "a,b\n1,2", "\"a\"\"\",b\n1,2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "data.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := LoadCSV(path)
		if err != nil {
			checkCSVError(t, path, data, err)
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("LoadCSV(%q) returned an invalid dataset: %v", data, err)
		}
		if d.Out != 1 || d.Name != "data" {
			t.Fatalf("LoadCSV(%q): Out %d, Name %q; want 1, \"data\"", data, d.Out, d.Name)
		}
		// Write the numbers back in Go's shortest round-trip form and load
		// them again: the same dataset.
		var b bytes.Buffer
		for j := range d.In + 1 {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "c%d", j)
		}
		b.WriteByte('\n')
		for i := range d.N {
			for _, v := range d.Row(i) {
				fmt.Fprintf(&b, "%v,", v)
			}
			fmt.Fprintf(&b, "%v\n", d.Target(i)[0])
		}
		again, err := ReadCSV(&b, "again.csv", d.Name)
		if err != nil {
			t.Fatalf("LoadCSV(%q) gave %+v, which does not load back: %v", data, d, err)
		}
		if !sameFloats(d.X, again.X) || !sameFloats(d.Y, again.Y) || d.N != again.N || d.In != again.In {
			t.Fatalf("LoadCSV(%q): round trip changed the dataset: %+v → %+v", data, d, again)
		}
	})
}

func checkCSVError(t *testing.T, path string, data []byte, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.Contains(msg, path) {
		t.Fatalf("LoadCSV(%q): error %q does not name the file", data, msg)
	}
	if strings.Contains(msg, "\n") {
		t.Fatalf("LoadCSV(%q): error %q is more than one line", data, msg)
	}
	var ce *CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("LoadCSV(%q): error %q is not a *CSVError with a line and column", data, msg)
	}
	lines := bytes.Count(data, []byte{'\n'}) + 1
	if ce.Line < 1 || ce.Line > lines+1 || ce.Column < 1 {
		t.Fatalf("LoadCSV(%q): error at %d:%d, but the file has %d lines", data, ce.Line, ce.Column, lines)
	}
	if !strings.HasPrefix(msg, fmt.Sprintf("%s:%d:%d: ", path, ce.Line, ce.Column)) {
		t.Fatalf("LoadCSV(%q): error %q does not start with file:line:col", data, msg)
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// FuzzLoadCheckpoint: LoadCheckpoint never panics; an error names the file
// and is one line; a checkpoint it accepts has exactly as many parameters
// as its sizes need (counted here with unbounded integers, so an overflow
// in the library's count cannot hide), only finite numbers, and survives a
// SaveCheckpoint/LoadCheckpoint round trip unchanged.
func FuzzLoadCheckpoint(f *testing.F) {
	good := `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9]}`
	for _, s := range []string{
		good, good[:40], "", "{}", "null", "[]", good + " {}", good + "\n",
		`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse","params":[1,2,3,4,5,6,7,8,9],"optimizer":"adam","state":{"m":[0,0],"v":[1e-300]},"step":3}`,
		`{"version":1,"sizes":[1,1],"hidden":"","output":"identity","params":[0.5,-0.25]}`,
		`{"version":2,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9]}`,
		`{"version":1,"sizes":[2,-2,1],"hidden":"sigmoid","output":"sigmoid","params":[]}`,
		`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[NaN,2,3,4,5,6,7,8,9]}`,
		`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1e999,2,3,4,5,6,7,8,9]}`,
		`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":[1,2,3,4,5,6,7,8,9],"step":-1}`,
		`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","params":"abc"}`,
		`{"version":1.5}`, `{"version":1,"sizes":[1e3]}`, `{"version":1,"sizes":[99999999999999999999]}`,
		"\xef\xbb\xbf" + good, `{"Version":1}`,
		// Sizes whose parameter count overflows int64 to 0 (4294967296 ×
		// 4294967296 = 2⁶⁴): once accepted with "params":[].
		`{"version":1,"sizes":[4294967295,4294967296],"hidden":"","output":"identity","params":[]}`,
		`{"version":1,"sizes":[2,4294967295,4294967296,1],"hidden":"sigmoid","output":"sigmoid","params":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "ck.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ck, err := LoadCheckpoint(path)
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, path) || strings.Contains(msg, "\n") {
				t.Fatalf("LoadCheckpoint(%q): error %q must be one line naming the file", data, msg)
			}
			return
		}
		need := new(big.Int)
		for l := 1; l < len(ck.Sizes); l++ {
			out, in := big.NewInt(int64(ck.Sizes[l])), big.NewInt(int64(ck.Sizes[l-1]))
			need.Add(need, new(big.Int).Mul(out, new(big.Int).Add(in, big.NewInt(1))))
		}
		if need.Cmp(big.NewInt(int64(len(ck.Params)))) != 0 {
			t.Fatalf("LoadCheckpoint(%q) accepted sizes %v, which need %v parameters, with %d",
				data, ck.Sizes, need, len(ck.Params))
		}
		if k := firstNonFinite(ck.Params); k >= 0 {
			t.Fatalf("LoadCheckpoint(%q) accepted a non-finite parameter %d", data, k)
		}
		again := filepath.Join(dir, "again.json")
		if err := SaveCheckpoint(again, ck); err != nil {
			t.Fatalf("LoadCheckpoint(%q) accepted %+v, which SaveCheckpoint refuses: %v", data, ck, err)
		}
		ck2, err := LoadCheckpoint(again)
		if err != nil {
			t.Fatalf("a saved checkpoint does not load: %v", err)
		}
		if fmt.Sprintf("%#v", normalize(ck)) != fmt.Sprintf("%#v", normalize(ck2)) {
			t.Fatalf("round trip changed the checkpoint:\n%#v\n%#v", ck, ck2)
		}
	})
}

// normalize maps the empty and nil forms that JSON's omitempty cannot tell
// apart to one form.
func normalize(ck Checkpoint) Checkpoint {
	if len(ck.State) == 0 {
		ck.State = nil
	}
	for k, v := range ck.State {
		if len(v) == 0 {
			ck.State[k] = nil
		}
	}
	if len(ck.Params) == 0 {
		ck.Params = nil
	}
	return ck
}
