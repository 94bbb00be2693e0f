package autodiff_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"gorgonia.org/tensor"
)

// Tensors in, tensors out: a float32 weight tensor becomes a variable
// (widened to float64) and its gradient comes back as a *tensor.Dense. For
// f(W) = (W·x)² with W = [1 2] and x = [3 4]ᵀ, W·x = 11 and
// ∇_W f = 2·(W·x)·xᵀ = [66 88].
func ExampleVariableTensor() {
	w := autodiff.VariableTensor(tensor.New(tensor.WithShape(1, 2), tensor.WithBacking([]float32{1, 2})))
	x := autodiff.ConstTensor(tensor.New(tensor.WithShape(2, 1), tensor.WithBacking([]float64{3, 4})))
	f := autodiff.Sum(autodiff.Square(autodiff.MatMul(w, x)))
	grad := autodiff.Gradients(f, w)[0].Value()
	fmt.Println(f.Item(), grad.Shape(), grad.Float64s())
	// Output: 121 (1, 2) [66 88]
}
