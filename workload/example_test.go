package workload_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/workload"
)

// Running workload W4a (the 9×9 Hessian of the XOR loss at W1's start) from
// Go: the timings vary, the loss and eigenvalues are those of
// docs/WORKLOADS.md (loss 0.252868459475519, λmin −0.00887508328076912,
// λmax 0.190959812648818).
func Example() {
	ws, err := workload.Select("W4a")
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := workload.Run(ws, workload.Options{Reps: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := rep.Workloads[0]
	fmt.Printf("%s: loss %.12f, eigenvalues %.12f to %.12f, ref_ok %v\n",
		l.Workload, *l.FinalLoss, l.Extra["eig_min"], l.Extra["eig_max"], rep.RefOK)
	// Output:
	// W4a: loss 0.252868459476, eigenvalues -0.008875083281 to 0.190959812649, ref_ok true
}
