package nn_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/nn"
	"gorgonia.org/tensor"
)

// XOR's four patterns given as float32 tensors (targets 1-D) become a
// dataset; 0 and 1 are exact in float32, so the W1 net at its start has the
// reference loss of docs/WORKLOADS.md on it. Tensors gives the data back.
func ExampleDatasetFromTensors() {
	x := tensor.New(tensor.WithShape(4, 2), tensor.WithBacking([]float32{0, 0, 0, 1, 1, 0, 1, 1}))
	y := tensor.New(tensor.WithShape(4), tensor.WithBacking([]float32{0, 1, 1, 0}))
	d, err := nn.DatasetFromTensors("xor", x, y)
	if err != nil {
		panic(err)
	}
	p, _ := nn.Preset("xor")
	p.Data = d
	fmt.Printf("%d samples, %d in, %d out, loss %.15f\n", d.N, d.In, d.Out, p.LossValue(nn.W1Start()))
	xt, yt := d.Tensors()
	fmt.Println(xt.Shape(), yt.Shape(), yt.Float64s())
	// Output:
	// 4 samples, 2 in, 1 out, loss 0.252868459475519
	// (4, 2) (4, 1) [0 1 1 0]
}
