package autodiff_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
)

// f(x, y) = x² − y², written with engine ops over one flat vector.
func saddle(p *autodiff.Node) *autodiff.Node {
	x := autodiff.Slice(p, 0, 1)
	y := autodiff.Slice(p, 1, 2)
	return autodiff.Sum(autodiff.Sub(autodiff.Square(x), autodiff.Square(y)))
}

func ExampleValueAndGrad() {
	v, g := autodiff.ValueAndGrad(saddle, []float64{0.3, -1.2})
	fmt.Printf("f = %.2f, grad = %.1f\n", v, g)
	// Output: f = -1.35, grad = [0.6 2.4]
}

func ExampleHessian() {
	fmt.Println(autodiff.Hessian(saddle, []float64{0.3, -1.2}))
	// Output: [[2 0] [0 -2]]
}

// Gradients returns nodes, so derivatives can be taken again:
// d³/dx³ x⁴ = 24x = 48 at x = 2.
func ExampleGradients() {
	x := autodiff.Variable([]float64{2})
	d1 := autodiff.Gradients(autodiff.Sum(autodiff.Pow(x, 4)), x)[0]
	d2 := autodiff.Gradients(autodiff.Sum(d1), x)[0]
	d3 := autodiff.Gradients(autodiff.Sum(d2), x)[0]
	fmt.Println(d1.Item(), d2.Item(), d3.Item())
	// Output: 32 48 48
}
