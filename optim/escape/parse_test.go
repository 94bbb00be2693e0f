package escape_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/optim/escape"
)

func TestParseMethods(t *testing.T) {
	ms, err := escape.ParseMethods("gd, adam", "adam=0.02")
	require.NoError(t, err)
	assert.Equal(t, []escape.Method{{Name: "gd"}, {Name: "adam", LR: 0.02}}, ms, "LR 0 keeps the problem's default")
	for _, c := range []struct{ list, lrs, want string }{
		{"gd,sgd9", "", `--methods: unknown method "sgd9" (known: gd, momentum, nesterov, rmsprop, adam, pgd, sfn, newton)`},
		{"gd", "adam=0.1", `--lr: method "adam" is not in --methods`},
		{"gd", "gd", `--lr: "gd" is not METHOD=RATE`},
		{"gd", "gd=-1", `--lr: gd: want a finite number > 0, got "-1"`},
	} {
		_, err := escape.ParseMethods(c.list, c.lrs)
		assert.EqualError(t, err, c.want)
	}
}

func TestBuiltinAtAndMask(t *testing.T) {
	p, vars, start, err := escape.BuiltinAt("xy", "y=0.5")
	require.NoError(t, err)
	assert.Equal(t, "xy", p.Name)
	assert.Equal(t, []string{"x", "y"}, vars)
	assert.Equal(t, []float64{0, 0.5}, start, "x stays at the saddle's 0")
	_, _, _, err = escape.BuiltinAt("xy", "z=1")
	assert.EqualError(t, err, `--at: unknown variable "z" of x²−y² (x, y)`)

	_, vars, start, err = escape.BuiltinAt("xor", "origin")
	require.NoError(t, err)
	assert.Nil(t, vars)
	assert.Equal(t, make([]float64, 9), start, "the 2-2-1 net has 9 parameters")
	_, _, _, err = escape.BuiltinAt("xor", "1,2")
	assert.EqualError(t, err, "--at: 2 values given, the xor net has 9 parameters")
	_, _, _, err = escape.BuiltinAt("xz", "")
	assert.EqualError(t, err, `--saddle: unknown saddle "xz" (built in: xy, xor)`)

	mask, err := escape.Mask([]string{"x", "y"}, "x")
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false}, mask)
	_, err = escape.Mask(nil, "x")
	assert.Error(t, err)
}

func TestDocument(t *testing.T) {
	rep := escape.Report{Results: []escape.MethodResult{{Method: "gd", LR: 0.1, Runs: 2, Escaped: 1, Rate: 0.5, MedianSteps: 7,
		EscapeStep: []int{7, -1}, FinalLoss: []float64{-1, math.Inf(1)}, Diverged: 1, MedianFinal: -1, CurveSteps: []int{0, 10}, Curve: []float64{0, -1}}}}
	d := escape.Document{Saddle: "xy", N: 2, Steps: 10, Methods: escape.Summaries(rep.Results)}
	b, err := json.Marshal(d.Methods[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"method":"gd","lr":0.1,"escaped":1,"rate":0.5,"median_steps":7,"median_final_loss":-1,"diverged":1,
		"escape_steps":[7,-1],"final_losses":[-1,null],"curve_steps":[0,10],"median_loss_curve":[0,-1]}`, string(b))
	var text bytes.Buffer
	require.NoError(t, d.WriteText(&text))
	assert.Contains(t, text.String(), "1/2 (50%)")
	fig := d.Figure()
	require.Len(t, fig.Series, 1)
	assert.Equal(t, []float64{0, 10}, fig.Series[0].X)
}

// The --methods and --lr of saddle escape.
func ExampleParseMethods() {
	ms, err := escape.ParseMethods("gd,adam,pgd", "adam=0.01")
	fmt.Println(ms, err)
	fmt.Println(escape.LRText(escape.Hyperbolic().LR))
	// Output:
	// [{gd 0} {adam 0.01} {pgd 0}] <nil>
	// gd 0.1, momentum 0.01, nesterov 0.01, rmsprop 0.01, adam 0.01, pgd 0.1, sfn 0.5, newton 0.5
}
