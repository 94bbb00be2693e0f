package explore

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
)

// fdTol: central differences of smooth test functions with gonum's default
// step agree with exact derivatives to ~1e-6 relative.
const fdTol = 1e-5

func TestSampleMatchesPointwise(t *testing.T) {
	// Himmelblau on a 7×5 grid: each value against the closed form at the
	// grid point Lo + i·(Hi − Lo)/(n − 1).
	v := View{Expr: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Lo: []float64{-5, -3}, Hi: []float64{5, 3}}
	g, err := Sample(v, SampleOptions{N: 7})
	require.NoError(t, err)
	require.Equal(t, 7, g.NX)
	require.Equal(t, 7, g.NY)
	for j := range g.NY {
		for i := range g.NX {
			x, y := -5+10*float64(i)/6, -3+6*float64(j)/6
			want := math.Pow(x*x+y-11, 2) + math.Pow(x+y*y-7, 2)
			assert.InDelta(t, want, g.Values[j*g.NX+i], 1e-9*math.Max(1, want), "(%d, %d)", i, j)
		}
	}
	// One variable: a curve, NY = 1.
	g, err = Sample(View{Expr: "(1 - x^2)^2", Lo: []float64{-2}, Hi: []float64{2}}, SampleOptions{N: 5})
	require.NoError(t, err)
	assert.Equal(t, 1, g.NY)
	assert.Equal(t, Floats{9, 0, 1, 0, 9}, g.Values)
}

func TestFloatsJSON(t *testing.T) {
	b, err := json.Marshal(Floats{1, 0.1, math.NaN(), math.Inf(-1), 1e300, -2.5e-7})
	require.NoError(t, err)
	assert.JSONEq(t, `[1, 0.1, null, null, null, -2.5e-7]`, string(b))
}

func TestResolveErrors(t *testing.T) {
	box := func(v View) View { v.Lo, v.Hi = []float64{-1, -1}, []float64{1, 1}; return v }
	cases := []struct {
		v      View
		field  string
		column int
	}{
		{box(View{Expr: "x^2 - * y"}), "expr", 7},
		{box(View{Expr: "x + foo(y)"}), "expr", 5},
		{box(View{Expr: ""}), "expr", 0},
		{box(View{Expr: "3"}), "expr", 0},
		{box(View{Expr: "x + y", Axes: []string{"x", "x"}}), "vars", 0},
		{box(View{Expr: "x + y", Axes: []string{"x", "q"}}), "vars", 0},
		{box(View{Expr: "x + y + z", Axes: []string{"x", "y", "z"}}), "vars", 0},
		{box(View{Expr: "x + y + z", Fixed: map[string]float64{"x": 1}}), "fixed", 0},
		{box(View{Expr: "x + y + z", Fixed: map[string]float64{"z": math.NaN()}}), "fixed", 0},
		{View{Expr: "x + y", Lo: []float64{-1}, Hi: []float64{1, 1}}, "lo", 0},
		{View{Expr: "x + y", Lo: []float64{1, -1}, Hi: []float64{1, 1}}, "lo", 0},
		{View{Expr: "x + y", Lo: []float64{-1e7, -1}, Hi: []float64{1e7, 1}}, "hi", 0},
	}
	for _, c := range cases {
		_, err := c.v.Resolve()
		ie := AsInput(err)
		require.NotNil(t, ie, "%+v: %v", c.v, err)
		assert.Equal(t, c.field, ie.Field, "%+v: %v", c.v, err)
		assert.Equal(t, c.column, ie.Column, "%+v: %v", c.v, err)
	}
}

func TestSliceFixesOthers(t *testing.T) {
	// x·y·z + w² on the slice z = 2, w = −1 is 2xy + 1 (w, z fixed; missing
	// values are 0: with only z given, w = 0 and the slice is 2xy).
	r, err := View{Expr: "x*y*z + w^2", Fixed: map[string]float64{"z": 2, "w": -1}, Lo: []float64{0, 0}, Hi: []float64{1, 1}}.Resolve()
	require.NoError(t, err)
	assert.Equal(t, []string{"x", "y"}, r.Axes)
	assert.Equal(t, []string{"z", "w"}, r.Others)
	p, err := At(r.View, []float64{0.5, 3})
	require.NoError(t, err)
	assert.InDelta(t, 2*0.5*3+1, p.Value, 1e-15)
	p, err = At(View{Expr: "x*y*z + w^2", Fixed: map[string]float64{"z": 2}, Lo: []float64{0, 0}, Hi: []float64{1, 1}}, []float64{0.5, 3})
	require.NoError(t, err)
	assert.InDelta(t, 3, p.Value, 1e-15)
}

func TestAtMatchesFiniteDifferences(t *testing.T) {
	src := "sin(x)*exp(y) + x^2*y"
	f := func(x []float64) float64 { return math.Sin(x[0])*math.Exp(x[1]) + x[0]*x[0]*x[1] }
	x := []float64{0.3, -0.7}
	p, err := At(View{Expr: src, Lo: []float64{-1, -1}, Hi: []float64{1, 1}}, x)
	require.NoError(t, err)
	g := fd.Gradient(nil, f, x, nil)
	for i := range g {
		assert.InDelta(t, g[i], p.Gradient[i], fdTol)
	}
	// The Hessian in closed form: f_xx = −sin x·eʸ + 2y, f_xy = cos x·eʸ + 2x,
	// f_yy = sin x·eʸ.
	sx, cx, ey := math.Sin(x[0]), math.Cos(x[0]), math.Exp(x[1])
	h := [][]float64{{-sx*ey + 2*x[1], cx*ey + 2*x[0]}, {cx*ey + 2*x[0], sx * ey}}
	for i := range 2 {
		for j := range 2 {
			assert.InDelta(t, h[i][j], p.Hessian[i][j], 1e-14, "H[%d][%d]", i, j)
		}
		// Each eigenvector is a unit vector with H·v = λv.
		v := p.Eigenvectors[i]
		assert.InDelta(t, 1, math.Hypot(v[0], v[1]), 1e-12)
		for k := range 2 {
			hv := p.Hessian[k][0]*v[0] + p.Hessian[k][1]*v[1]
			assert.InDelta(t, p.Eigenvalues[i]*v[k], hv, 1e-12)
		}
	}
}

func TestCriticalEigenvectors(t *testing.T) {
	// x² − y² + xy: Hessian [[2, 1], [1, −2]], eigenvalues ±√5 with
	// eigenvectors ∝ (1, √5 − 2) and (1, −√5 − 2); one saddle at 0.
	res, err := Critical(View{Expr: "x^2 - y^2 + x*y", Lo: []float64{-1, -1}, Hi: []float64{1, 1}}, CriticalOptions{})
	require.NoError(t, err)
	require.Len(t, res.Points, 1)
	p := res.Points[0]
	assert.Equal(t, "saddle", string(p.Kind))
	s5 := math.Sqrt(5)
	assert.InDelta(t, -s5, p.Eigenvalues[0], 1e-12)
	assert.InDelta(t, s5, p.Eigenvalues[1], 1e-12)
	for i, want := range [][]float64{{1, -s5 - 2}, {1, s5 - 2}} {
		v := p.Eigenvectors[i]
		n := math.Hypot(want[0], want[1])
		cos := (v[0]*want[0] + v[1]*want[1]) / n
		assert.InDelta(t, 1, math.Abs(cos), 1e-12, "eigenvector %d %v", i, v)
	}
}

func TestRaceDeterministic(t *testing.T) {
	v := View{Expr: "x^2 - y^2", Lo: []float64{-2, -2}, Hi: []float64{2, 2}}
	cfg := RaceConfig{Start: []float64{-1, 0}, Steps: 300, Seed: 7, Methods: []Method{{Name: "pgd"}, {Name: "pgd", Radius: 0.1}, {Name: "adam"}}}
	a, err := RunRace(v, cfg)
	require.NoError(t, err)
	b, err := RunRace(v, cfg)
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same race")
	cfg.Seed = 8
	c, err := RunRace(v, cfg)
	require.NoError(t, err)
	assert.NotEqual(t, a.Methods[0].Points, c.Methods[0].Points, "another seed perturbs differently")
	// Two perturbed GDs of one race draw different noise.
	assert.NotEqual(t, a.Methods[0].Points[len(a.Methods[0].Points)-1], a.Methods[1].Points[len(a.Methods[1].Points)-1])
}

func TestRaceTraceValues(t *testing.T) {
	// Momentum on x² (one variable): v ← μv + 2x, x ← x − lr·v with lr 0.1,
	// μ 0.5 from x = 1: v₁ = 2, x₁ = 0.8; v₂ = 1 + 1.6 = 2.6, x₂ = 0.54.
	r, err := RunRace(View{Expr: "x^2", Lo: []float64{-2}, Hi: []float64{2}},
		RaceConfig{Start: []float64{1}, Steps: 2, Methods: []Method{{Name: "momentum", Momentum: 0.5}}})
	require.NoError(t, err)
	p := r.Methods[0]
	assert.InDelta(t, 0.8, p.Points[1][0], 1e-15)
	assert.InDelta(t, 0.54, p.Points[2][0], 1e-15)
	assert.InDelta(t, 0.54*0.54, p.Loss[2], 1e-15)
	assert.InDelta(t, 1.08, p.GradNorm[2], 1e-15)
	assert.InDelta(t, 2, p.MinEig[2], 1e-12)
	assert.Equal(t, "steps", p.Stop)
	// A run that leaves the finite numbers stops, marked diverged.
	r, err = RunRace(View{Expr: "exp(x^2)", Lo: []float64{-2}, Hi: []float64{2}},
		RaceConfig{Start: []float64{3}, Steps: 50, Methods: []Method{{Name: "gd", LR: 1}}})
	require.NoError(t, err)
	assert.Equal(t, "diverged", r.Methods[0].Stop)
	assert.Less(t, len(r.Methods[0].Points), 51)
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v := View{Expr: "x^2 - y^2", Lo: []float64{-2, -2}, Hi: []float64{2, 2}}
	_, err := RunRace(v, RaceConfig{Start: []float64{1, 1}, Methods: []Method{{Name: "gd"}}, Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = Sample(v, SampleOptions{N: 10, Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = Critical(v, CriticalOptions{Context: ctx})
	assert.ErrorIs(t, err, context.Canceled)
}

func BenchmarkSample200(b *testing.B) {
	v := View{Expr: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Lo: []float64{-5, -5}, Hi: []float64{5, 5}}
	for b.Loop() {
		if _, err := Sample(v, SampleOptions{N: 200}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCritical(b *testing.B) {
	v := View{Expr: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Lo: []float64{-5, -5}, Hi: []float64{5, 5}}
	for _, grid := range []int{21, 31} {
		b.Run(fmt.Sprintf("grid%d", grid), func(b *testing.B) {
			for b.Loop() {
				if _, err := Critical(v, CriticalOptions{Grid: grid, Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
