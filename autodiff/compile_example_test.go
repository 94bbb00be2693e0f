package autodiff_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
)

// A compiled program evaluates a function and its gradient without
// allocating; f(x, y) = x² + 3y has gradient (2x, 3).
func ExampleCompile() {
	f := func(p *autodiff.Node) *autodiff.Node {
		x, y := autodiff.Slice(p, 0, 1), autodiff.Slice(p, 1, 2)
		return autodiff.Sum(autodiff.Add(autodiff.Square(x), autodiff.Scale(y, 3)))
	}
	prog, err := autodiff.Compile(f, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	grad := make([]float64, 2)
	for _, at := range [][]float64{{1, 2}, {-0.5, 0}} {
		v := prog.ValueAndGrad(at, grad)
		fmt.Println(v, grad)
	}
	// Output:
	// 7 [2 3]
	// 0.25 [-1 3]
}

// The compiled Hessian of the saddle x² − y² is diag(2, −2) everywhere.
func ExampleCompileHVP() {
	f := func(p *autodiff.Node) *autodiff.Node {
		return autodiff.Sum(autodiff.Mul(autodiff.Square(p), autodiff.Const([]float64{1, -1})))
	}
	hp, err := autodiff.CompileHVP(f, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	H := [][]float64{make([]float64, 2), make([]float64, 2)}
	hp.Hessian([]float64{0.3, -1.2}, H)
	for _, row := range H {
		fmt.Println(row[0]+0, row[1]+0) // +0 turns a −0 into 0
	}
	// Output:
	// 2 0
	// 0 -2
}
