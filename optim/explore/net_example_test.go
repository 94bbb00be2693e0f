package explore_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/explore"
)

// Train the XOR net as `saddle train --net xor` does, a frame every 2,500
// steps: the loss stays near 1/4 on the plateau, then falls, and the Hessian's smallest
// eigenvalue, negative at the start, ends positive.
func ExampleTraining_Run() {
	t, err := explore.NewTraining(explore.NetRun{Method: explore.Method{Name: "gd", LR: 0.5}, Steps: 10000, Every: 2500})
	if err != nil {
		panic(err)
	}
	done, err := t.Run(func(f explore.Frame) error {
		fmt.Printf("step %5d  loss %.6f  λmin %+.2e\n", f.Step, f.Loss, f.Eigenvalues[0])
		return nil
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("final loss %.11f, %s\n", done.FinalLoss, done.Stopped)
	// Output:
	// step     0  loss 0.252868  λmin -8.88e-03
	// step  2500  loss 0.249683  λmin -3.40e-03
	// step  5000  loss 0.011059  λmin +5.42e-04
	// step  7500  loss 0.001956  λmin +1.08e-04
	// step 10000  loss 0.001027  λmin +5.73e-05
	// final loss 0.00102746943, steps
}

// The XOR origin: loss 1/4, a flat gradient and a degenerate Hessian.
func ExampleNetAt() {
	pt, err := explore.NetAt(explore.NetPointRequest{Params: make([]float64, 9)})
	if err != nil {
		panic(err)
	}
	fmt.Printf("loss %g, ‖∇L‖ %g, eigenvalues %.4f\n", pt.Loss, pt.GradNorm, pt.Eigenvalues)
	// Output:
	// loss 0.25, ‖∇L‖ 0, eigenvalues [-0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.1875]
}
