package autodiff

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatMulZeroTimesInf: MatMul follows IEEE 754 as Mul does, in both
// engines. With
//
//	X = [0 1]    B = [+Inf 1]
//	    [2 3]        [  1  1]
//
// the entries of X·B are
//
//	(0,0): 0·(+Inf) + 1·1 = NaN + 1 = NaN  (0·∞ is invalid, §7.2; NaN propagates)
//	(0,1): 0·1 + 1·1 = 1
//	(1,0): 2·(+Inf) + 3·1 = +Inf
//	(1,1): 2·1 + 3·1 = 5
//
// so skipping the zero of X, which gave 1 at (0,0), is wrong there. Where B
// is finite, zeros of X are still skipped, exactly: a row of zeros gives +0,
// as Sum(Mul(…)) does (−0 + +0 = +0 under round-to-nearest).
func TestMatMulZeroTimesInf(t *testing.T) {
	inf := math.Inf(1)
	x := []float64{0, 1, 2, 3}
	B := Const([]float64{inf, 1, 1, 1}, 2, 2)
	got := MatMul(Const(x, 2, 2), B).Data()
	assert.True(t, math.IsNaN(got[0]), "(0,0) = %v, want NaN", got[0])
	assert.Equal(t, []float64{1, inf, 5}, got[1:])
	// The same entry by Mul: Σ of the row of X times the column of B.
	viaMul := Sum(Mul(Const(x[:2]), Const([]float64{inf, 1}))).Item()
	assert.True(t, math.IsNaN(viaMul), "Mul gives %v", viaMul)

	// The compiled path (a (2,2)·(2,2) product runs the axpy form, the one
	// that skips zeros) picks each entry out with a Slice.
	want := []float64{math.NaN(), 1, inf, 5}
	for i, w := range want {
		f := func(v *Node) *Node { return Sum(Slice(Reshape(MatMul(Reshape(v, 2, 2), B), 4), i, i+1)) }
		prog, err := Compile(f, 4)
		require.NoError(t, err)
		v := prog.Value(x)
		if math.IsNaN(w) {
			assert.True(t, math.IsNaN(v), "compiled entry %d = %v, want NaN", i, v)
		} else {
			assert.Equal(t, w, v, "compiled entry %d", i)
		}
	}

	zeros := MatMul(Const([]float64{0, 0}, 1, 2), Const([]float64{-1, 2, 3, -4}, 2, 2)).Data()
	assert.Equal(t, []float64{0, 0}, zeros)
	assert.False(t, math.Signbit(zeros[0]) || math.Signbit(zeros[1]), "a row of zeros gives +0")
}
