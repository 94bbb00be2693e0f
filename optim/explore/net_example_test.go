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

// A restart study of the XOR net (lesson 7's settings: GD lr 2 on the MSE,
// starts uniform in ±4, 4000 steps): the failures end near the plateaus
// 1/8, 1/6 and 1/4, and a followed failure's gradient shrinks while its
// weights grow.
func ExampleFailedRestarts() {
	res, err := explore.FailedRestarts(explore.NetRestartsRequest{N: 40, Seed: 1, Follow: 1})
	if err != nil {
		panic(err)
	}
	on := make([]int, len(res.Plateaus))
	for _, e := range res.Restarts {
		if !e.Success && e.Plateau >= 0 {
			on[e.Plateau]++
		}
	}
	fmt.Printf("%d of %d succeed; failures at 1/8: %d, 1/6: %d, 1/4: %d\n", res.Successes, len(res.Restarts), on[0], on[1], on[2])
	f := res.Failures[0]
	for _, i := range []int{8, 16, 32} {
		fmt.Printf("restart %d, step %5d: loss %.5f  ‖∇L‖ %.2e  ‖θ‖ %.2f\n", f.Restart, f.Step[i], f.Loss[i], f.GradNorm[i], f.WeightNorm[i])
	}
	// Output:
	// 24 of 40 succeed; failures at 1/8: 10, 1/6: 6, 1/4: 0
	// restart 0, step  4000: loss 0.12561  ‖∇L‖ 3.28e-04  ‖θ‖ 16.64
	// restart 0, step  8000: loss 0.12525  ‖∇L‖ 1.37e-04  ‖θ‖ 18.09
	// restart 0, step 16000: loss 0.12511  ‖∇L‖ 6.26e-05  ‖θ‖ 19.40
}
