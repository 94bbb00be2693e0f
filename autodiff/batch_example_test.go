package autodiff_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
)

// A compiled program replayed over three vectors at once: f(x) = Σ σ(xᵢ)·xᵢ
// (∂f/∂xᵢ = σ(xᵢ) + xᵢ·σ(xᵢ)(1 − σ(xᵢ))).
func ExampleProgram_Batch() {
	f := func(x *autodiff.Node) *autodiff.Node { return autodiff.Sum(autodiff.Mul(autodiff.Sigmoid(x), x)) }
	prog, err := autodiff.Compile(f, 2)
	if err != nil {
		panic(err)
	}
	q := prog.Batch(4)
	xs := []float64{0, 0, 1, -1, 2, 3} // three vectors of dimension 2, row-major
	vals := make([]float64, 3)
	grads := make([]float64, 6)
	q.ValueAndGrad(xs, vals, grads)
	for i := range vals {
		fmt.Printf("f(%v) = %.6f, ∇f = %.6f\n", xs[2*i:2*i+2], vals[i], grads[2*i:2*i+2])
	}
	// Output:
	// f([0 0]) = 0.000000, ∇f = [0.500000 0.500000]
	// f([1 -1]) = 0.462117, ∇f = [0.927671 0.072329]
	// f([2 3]) = 4.619317, ∇f = [1.090784 1.088104]
}
