package explore

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
)

// The compiled, batched sampling gives the same values for any number of
// workers, bit for bit, and agrees with the define-by-run fallback.
func TestSampleCompiledWorkers(t *testing.T) {
	// evalTol (absolute): the two paths may round differently in the last
	// ulps (~1e-13) of values up to ~10³ (Himmelblau on [−5, 5]²).
	const evalTol = 1e-9
	v := View{Expr: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2 + sin(x*y)", Lo: []float64{-5, -5}, Hi: []float64{5, 5}}
	r, err := v.Resolve()
	require.NoError(t, err)
	prog, err := autodiff.Compile(r.Func, 2)
	require.NoError(t, err)
	grid := func() Grid { // 37×37: batches that do not divide the points evenly
		return Grid{Lo: r.Lo, Hi: r.Hi, NX: 37, NY: 37, Values: make(Floats, 37*37)}
	}
	one, three, eval := grid(), grid(), grid()
	require.NoError(t, sampleCompiled(context.Background(), prog, &one, 1))
	require.NoError(t, sampleCompiled(context.Background(), prog, &three, 3))
	require.NoError(t, sampleEval(context.Background(), r, &eval))
	for k := range one.Values {
		require.Equal(t, math.Float64bits(one.Values[k]), math.Float64bits(three.Values[k]), "point %d", k)
	}
	assert.InDeltaSlice(t, []float64(eval.Values), []float64(one.Values), evalTol)
}

func TestPackedJSON(t *testing.T) {
	b, err := json.Marshal(Packed{1, 0.1, math.NaN(), math.Inf(-1), 1e300, -2.5e-7})
	require.NoError(t, err)
	var s string
	require.NoError(t, json.Unmarshal(b, &s))
	raw, err := base64.StdEncoding.DecodeString(s)
	require.NoError(t, err)
	require.Len(t, raw, 6*4)
	f := func(i int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])) }
	assert.Equal(t, float32(1), f(0))
	assert.Equal(t, float32(0.1), f(1))
	for i := 2; i <= 4; i++ { // not finite, or beyond float32: NaN (Floats' null)
		assert.True(t, math.IsNaN(float64(f(i))), "value %d is %v", i, f(i))
	}
	assert.Equal(t, float32(-2.5e-7), f(5))

	// A packed grid keeps the grid's fields; "values" is the string.
	g, err := Sample(View{Expr: "x - y", Lo: []float64{0, 0}, Hi: []float64{1, 1}}, SampleOptions{N: 2})
	require.NoError(t, err)
	b, err = json.Marshal(g.Packed())
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "float32", doc["encoding"])
	assert.Equal(t, 2.0, doc["nx"])
	raw, err = base64.StdEncoding.DecodeString(doc["values"].(string))
	require.NoError(t, err)
	// x − y at (0,0), (1,0), (0,1), (1,1).
	for i, want := range []float32{0, 1, -1, 0} {
		assert.Equal(t, want, math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])), "value %d", i)
	}
}
