package explore_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/explore"
)

// The critical points of x⁴ − 2x² + y² in [−2, 2]², as the explorer marks
// them: two minima and a saddle, with their Hessian eigenvalues.
func ExampleCritical() {
	v := explore.View{Expr: "x^4 - 2*x^2 + y^2", Lo: []float64{-2, -2}, Hi: []float64{2, 2}}
	res, err := explore.Critical(v, explore.CriticalOptions{})
	if err != nil {
		panic(err)
	}
	for _, p := range res.Points {
		fmt.Printf("%-7s at (%.4f, %.4f), eigenvalues %.4g\n", p.Kind, p.X[0]+0, p.X[1]+0, p.Eigenvalues)
	}
	// Output:
	// minimum at (-1.0000, 0.0000), eigenvalues [2 8]
	// minimum at (1.0000, 0.0000), eigenvalues [2 8]
	// saddle  at (0.0000, 0.0000), eigenvalues [-4 2]
}

// A slice of a three-variable formula: z is held at 1, the view plots x
// and y on a 3×3 grid.
func ExampleSample() {
	v := explore.View{Expr: "x*y + z", Fixed: map[string]float64{"z": 1}, Lo: []float64{-1, -1}, Hi: []float64{1, 1}}
	g, err := explore.Sample(v, explore.SampleOptions{N: 3})
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Vars, g.NX, g.NY)
	for j := range g.NY {
		fmt.Println(g.Values[j*g.NX : (j+1)*g.NX])
	}
	// Output:
	// [x y] 3 3
	// [2 1 0]
	// [1 1 1]
	// [0 1 2]
}

// On x² − y² from (−1, 0), Newton's full step lands on the saddle at once
// and gradient descent creeps towards it: x ← 0.8x.
func ExampleRunRace() {
	v := explore.View{Expr: "x^2 - y^2", Lo: []float64{-2, -2}, Hi: []float64{2, 2}}
	race, err := explore.RunRace(v, explore.RaceConfig{
		Start: []float64{-1, 0}, Steps: 3, Methods: []explore.Method{{Name: "newton"}, {Name: "gd"}}})
	if err != nil {
		panic(err)
	}
	for _, p := range race.Methods {
		fmt.Println(p.Method, p.LR, p.Points)
	}
	// Output:
	// newton 1 [[-1 0] [0 0] [0 0] [0 0]]
	// gd 0.1 [[-1 0] [-0.8 0] [-0.64 0] [-0.512 0]]
}
