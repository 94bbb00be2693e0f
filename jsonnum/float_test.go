package jsonnum_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/jsonnum"
)

func TestFloatRoundTrips(t *testing.T) {
	// 0.1+0.2 is 0.30000000000000004 in float64: the shortest form that
	// reads back to the same bits has 17 digits.
	a, c := 0.1, 0.2
	v := a + c // at run time, not as an exact constant
	b, err := json.Marshal(jsonnum.Float(v))
	require.NoError(t, err)
	assert.Equal(t, "0.30000000000000004", string(b))
	var back float64
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, math.Float64bits(v), math.Float64bits(back))

	b, err = json.Marshal(struct {
		A []jsonnum.Float
		B jsonnum.Exact
		C jsonnum.Exact
		D [][]jsonnum.Float
	}{jsonnum.Floats([]float64{1, math.NaN()}), jsonnum.Exact{math.Inf(-1), 2.5}, nil, jsonnum.Rows([][]float64{{math.Inf(1)}})})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":[1,null],"B":[null,2.5],"C":null,"D":[[null]]}`, string(b))
	assert.Equal(t, []float64{1, 2}, jsonnum.Values(jsonnum.Floats([]float64{1, 2})))
	assert.Equal(t, []jsonnum.Float{}, jsonnum.Floats(nil))
}

func Example() {
	b, _ := json.Marshal(map[string]any{"loss": jsonnum.Float(math.Inf(1)), "curve": jsonnum.Floats([]float64{0.5, math.NaN()})})
	fmt.Println(string(b))
	// Output: {"curve":[0.5,null],"loss":null}
}
