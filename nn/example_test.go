package nn_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/nn"
)

// The XOR net of workload W1 at its start: the loss of docs/WORKLOADS.md.
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

// The symmetry orbit of the XOR net at W1's start: 2!·2² = 8 equivalent
// points with the loss of docs/WORKLOADS.md W1, and the same Hessian spectrum
// at a permuted copy.
func ExampleStudyOrbit() {
	p, _ := nn.Preset("xor")
	r, err := nn.StudyOrbit(p, nn.W1Start(), nn.OrbitConfig{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("orbit %v, %d distinct, loss %.12f to %.12f\n", r.OrbitSize, r.Distinct, r.LossMin, r.LossMax)
	fmt.Printf("λmin %.6f, max spectrum difference < 1e-12: %v\n", r.Eigenvalues[0], r.EigenvalueMaxDiff < 1e-12)
	// Output:
	// orbit 8, 8 distinct, loss 0.252868459476 to 0.252868459476
	// λmin -0.008875, max spectrum difference < 1e-12: true
}
