package autodiff

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTopoSort: depth first, inputs in order, each node after what it
// reaches. For d = (eˣ + sin x)·stop(eˣ) the order is x, eˣ, sin x, the
// sum, the detached constant, d; the reverse sweep's walk leaves out the
// constant (no gradient flows through it), and the tape's walk enters the
// constant's source, which is already placed.
func TestTopoSort(t *testing.T) {
	x := Variable([]float64{0.5})
	a := Exp(x)
	b := Sin(x)
	c := Add(a, b)
	stop := Detach(a)
	d := Mul(c, stop)
	assert.Equal(t, []*Node{x, a, b, c, stop, d}, topoSort([]*Node{d}, nil, false))
	assert.Equal(t, []*Node{x, a, b, c, d}, topoSort([]*Node{d}, carriesGrad, false))
	// A Detach whose source is reached only through it: the source comes first.
	e := Sum(Detach(Cos(x)))
	order := topoSort([]*Node{e}, nil, true)
	assert.Equal(t, []string{"Variable", "Cos", "Const", "Sum"}, opNamesOf(order))
	assert.Equal(t, []string{"Const", "Sum"}, opNamesOf(topoSort([]*Node{e}, nil, false)))
	// Several outputs: each graph in turn, shared nodes once.
	assert.Equal(t, []*Node{x, a, b, c, stop, d, order[1], order[2], e}, topoSort([]*Node{d, e, x}, nil, true))
}

func opNamesOf(ns []*Node) []string {
	var s []string
	for _, n := range ns {
		s = append(s, n.Op())
	}
	return s
}
