package nn_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/nn"
)

// The XOR net of workload W1 at its start: the loss of WORKLOADS.md.
func ExamplePreset() {
	p, err := nn.Preset("xor")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Net, p.Loss, p.NumParams())
	fmt.Printf("%.15f\n", p.LossValue(nn.W1Start()))
	// Output:
	// 2-2-1 sigmoid/sigmoid mse 9
	// 0.252868459475519
}

// The orbit of a 2-2-1 net: 2!·2² equivalent points, one canonical form.
func ExampleOrbit() {
	p, _ := nn.Preset("xor")
	orbit, _ := nn.Orbit(p.Net, nn.W1Start())
	fmt.Println(len(orbit), nn.OrbitSize(p.Net))
	// Output: 8 8
}

// The names of the parameters of a 2-2-1 net, in the flat layout every
// package uses.
func ExampleMLP_ParamNames() {
	m := nn.MLP{Sizes: []int{2, 2, 1}, Hidden: nn.Sigmoid, Output: nn.Sigmoid}
	fmt.Println(m.Layout())
	fmt.Println(m.ParamNames())
	// Output:
	// W1 2×2, b1 2, W2 1×2, b2 1
	// [W1[0][0] W1[0][1] W1[1][0] W1[1][1] b1[0] b1[1] W2[0][0] W2[0][1] b2[0]]
}
