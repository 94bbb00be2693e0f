package optim_test

import (
	"fmt"
	"os"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

// ExampleTrain minimises f(x) = ½(x₁² + 10x₂²) with gradient descent until
// the gradient norm is below 1e-6. After k ≥ 1 steps x = (0.9ᵏ, 0), so it
// stops at k = ⌈ln 1e-6 / ln 0.9⌉ = 132 with x₁ = 0.9¹³² ≈ 9.1e-7.
func ExampleTrain() {
	f := func(x, grad []float64) float64 {
		if grad != nil {
			grad[0], grad[1] = x[0], 10*x[1]
		}
		return 0.5 * (x[0]*x[0] + 10*x[1]*x[1])
	}
	r := optim.Train(f, []float64{1, 1}, &optim.GD{LR: 0.1}, optim.Config{Steps: 1000, GradTol: 1e-6})
	fmt.Printf("stopped: %s after %d steps, x = (%.1e, %.1e)\n", r.Stopped, r.Steps, r.Params[0], r.Params[1])
	// Output:
	// stopped: gradient-tolerance after 132 steps, x = (9.1e-07, 0.0e+00)
}

// ExampleTrain_divergence shows a diverging run: a result naming the step.
func ExampleTrain_divergence() {
	f := func(x, grad []float64) float64 {
		if grad != nil {
			grad[0] = 10 * x[0]
		}
		return 5 * x[0] * x[0]
	}
	// lr 0.3 > 2/λ = 0.2: x ← (1 − 3)x, so the loss is 5·4ᵏ; it first
	// exceeds 1e10 times its start 5 at k = 17 (4¹⁷ ≈ 1.7e10).
	r := optim.Train(f, []float64{1}, &optim.GD{LR: 0.3}, optim.Config{Steps: 1000})
	fmt.Println(r.Err())
	// Output:
	// diverged at step 17: loss 8.58993e+10 exceeds 1e+10 times its start 5
}

// ExampleNew lists the optimizers of the registry with their default
// learning rates, then makes Adam with its defaults and one step of it:
// Adam's first step moves every coordinate by lr against the sign of its
// gradient (Kingma & Ba 2015: m̂/√v̂ = g/|g| at t = 1, up to ε).
func ExampleNew() {
	for _, name := range optim.Names() {
		fmt.Printf("%s %g; ", name, optim.DefaultSettings(name).LR)
	}
	fmt.Println("done")
	opt, err := optim.New("adam", optim.DefaultSettings("adam"))
	if err != nil {
		panic(err)
	}
	x := []float64{1, -2}
	opt.Step(x, []float64{3, -0.5})
	fmt.Printf("%.4f %.4f\n", x[0], x[1])
	sched, _ := optim.ParseSchedule("step:0.5:100", 0.01, 1000)
	fmt.Println(sched(0), sched(100), sched(250))
	// Output:
	// gd 0.5; sgd 0.5; momentum 0.05; nesterov 0.05; adagrad 0.5; rmsprop 0.01; adam 0.01; newton 1; sfn 1; pgd 0.5; done
	// 0.9900 -1.9900
	// 0.01 0.005 0.0025
}

// ExampleNewTrainReport trains workload W1 of docs/WORKLOADS.md (the XOR
// 2-2-1 sigmoid net from W1's start, gradient descent at lr 0.5 for 10000
// steps; reference final loss 0.00102746942975) and prints its result
// document's summary as `saddle train` does; encoding the report with
// encoding/json gives `saddle train --json`.
func ExampleNewTrainReport() {
	prob, err := nn.Preset("xor")
	if err != nil {
		panic(err)
	}
	res := optim.Train(optim.FromProblem(prob), nn.W1Start(), &optim.GD{LR: 0.5}, optim.Config{Steps: 10000})
	r := optim.NewTrainReport("xor", "gd", 0.5, prob, res, 0)
	if err := r.WriteText(os.Stdout, prob); err != nil {
		panic(err)
	}
	// Output:
	// net       xor: 2-2-1 sigmoid/sigmoid, loss mse, 4 samples, 9 parameters
	// optimizer gd, lr 0.5, 10000 steps, stopped: all steps done
	// loss      0.00102747 (gradient norm 0.000631)
	// accuracy  100.0% (4 of 4)
	//
	// input  target  output
	// 0 0    0       0.0353
	// 0 1    1       0.9690
	// 1 0    1       0.9700
	// 1 1    0       0.0316
	//
	// parameters (W1 2×2, b1 2, W2 1×2, b2 1)
	//   5.90137 -5.96037 -5.35611 5.09948 -3.34512 -2.84908 8.09186 8.26473 -4.03559
}
