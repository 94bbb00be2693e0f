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
