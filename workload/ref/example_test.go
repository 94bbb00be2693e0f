package ref_test

import (
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/workload/ref"
)

// Checking a result against a workload's reference, to its stated agreement.
func Example() {
	got := 0.0010274694297512 // a W1 final loss, say
	ok := math.Abs(got-ref.W1FinalLoss) <= ref.LossRel*ref.W1FinalLoss
	fmt.Println("W1 agrees:", ok)
	fmt.Println("W4a spectrum:", ref.W4aEigMin, "to", ref.W4aEigMax)
	fmt.Printf("W4 direction: %.4f %.4f\n", ref.W4Vector(2)[0], ref.W4Vector(2)[1]) // cos 0.2, cos 0.9
	// Output:
	// W1 agrees: true
	// W4a spectrum: -0.00887508328076912 to 0.190959812648818
	// W4 direction: 0.9801 0.6216
}
