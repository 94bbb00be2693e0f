package critical_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim/critical"
)

// aroundTol: Levenberg–Marquardt stops at ‖∇f‖ ≤ 1e-8; with f″ = 8 at the
// minimum the point is within ~1e-9 of it.
const aroundTol = 1e-6

func TestIncompleteNoteAndAround(t *testing.T) {
	// f = (x² − 1)² has critical points −1, 0, 1 (f′ = 4x(x² − 1)).
	p := critical.FromFunc(func(x *autodiff.Node) *autodiff.Node {
		s := autodiff.AddScalar(autodiff.Mul(x, x), -1)
		return autodiff.Sum(autodiff.Mul(s, s))
	})
	// Every point reached from two starts or more: no note.
	pts := []critical.Point{{Hits: 3}, {Hits: 2}}
	assert.Empty(t, critical.IncompleteNote(pts, critical.Options{}, 1))
	// One of 4 starts found a point alone: 25 %; the default 1-D grid of
	// 101 points widens to 2·101+1.
	pts = []critical.Point{{Hits: 3}, {Hits: 1}}
	assert.Equal(t, "the search may be incomplete: some points were reached from one start only (about 25% of new starts would find a new point); widen it with --grid 203",
		critical.IncompleteNote(pts, critical.Options{}, 1))
	// Random starts only (5-D default 4096): four times more.
	assert.Contains(t, critical.IncompleteNote(pts, critical.Options{}, 5), "widen it with --starts 16384")

	// Around 0.9 with radius 0.5 the cube [0.4, 1.4] holds the minimum 1 only.
	found, err := critical.Around(p, []float64{0.9}, 0.5, critical.Options{Seed: 1})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.InDelta(t, 1, found[0].X[0], aroundTol)
	assert.Equal(t, critical.Minimum, found[0].Kind)
	_, err = critical.Around(p, []float64{0.9}, 0, critical.Options{})
	assert.Error(t, err)
}

// A Report marshals to the document of `saddle critical --json`; no
// coordinate is −0.
func ExampleReport() {
	f := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.Mul(x, x)) }
	pt, err := critical.CheckPoint(critical.FromFunc(f), []float64{math.Copysign(0, -1)}, 0, 0)
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(critical.Report{Expr: "x^2", Vars: []string{"x"}, Points: []critical.Point{pt}})
	fmt.Println(string(b))
	// Output:
	// {"expr":"x^2","vars":["x"],"points":[{"at":[0],"value":0,"gradient_norm":0,"kind":"minimum","index":0,"eigenvalues":[2]}]}
}

func TestReportTextAndFigure(t *testing.T) {
	// f = x² − y²: one saddle at the origin, Hessian diag(2, −2).
	f := func(x *autodiff.Node) *autodiff.Node {
		return autodiff.Sum(autodiff.Mul(autodiff.Mul(x, autodiff.Const([]float64{1, -1}, 2)), x))
	}
	pts, err := critical.Find(critical.FromFunc(f), []float64{-1, -1}, []float64{1, 1}, critical.Options{})
	require.NoError(t, err)
	r := critical.Report{Expr: "x^2 - y^2", Vars: []string{"x", "y"}, Points: pts, Note: "a note"}
	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	assert.Contains(t, b.String(), "1 critical point(s) of x^2 - y^2, sorted by value:")
	assert.Contains(t, b.String(), "saddle  1      0      0       x=0, y=0  -2 2")
	assert.True(t, strings.HasSuffix(b.String(), "\nnote: a note\n"))

	fig, err := r.Figure(autodiff.Func(f), []float64{-1, -1}, []float64{1, 1})
	require.NoError(t, err)
	c, ok := fig.(figure.Contour)
	require.True(t, ok)
	assert.Len(t, c.X, 101)
	assert.Equal(t, []figure.Point{{X: 0, Y: 0, Label: "saddle"}}, c.Points)
	_, err = critical.Report{Vars: []string{"x", "y", "z"}}.Figure(nil, nil, nil)
	assert.EqualError(t, err, "draws 1-D and 2-D formulas only; this one has 3 variables")
}

func TestReportTextOfAGivenPoint(t *testing.T) {
	// f = x²: at x = 1 the gradient 2 is far above the tolerance.
	f := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.Mul(x, x)) }
	pt, err := critical.CheckPoint(critical.FromFunc(f), []float64{1}, 1e-8, 0)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, critical.Report{Net: "n", Points: []critical.Point{pt}, GradTol: 1e-8}.WriteText(&b))
	assert.Equal(t, "the given point of n is not critical: its gradient norm 2 is above --grad-tol 1e-08 (loss 1)\n", b.String())

	found, err := critical.Around(critical.FromFunc(f), []float64{1}, 2, critical.Options{Seed: 1})
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, critical.Report{Net: "n", Vars: []string{"w"}, Points: found, Center: &pt, GradTol: 1e-8, Radius: 2}.WriteText(&b))
	assert.True(t, strings.HasPrefix(b.String(), "the given point is not critical (|grad| above --grad-tol 1e-08) (|grad| 2, loss 1); searching the cube of half-width 2 around it:\n\n1 critical point(s) of n"), b.String())
}
