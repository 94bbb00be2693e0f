package parallel_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/internal/parallel"
)

func ExampleRun() {
	squares := make([]int, 4)
	err := parallel.Run(len(squares), func(w int) { squares[w] = w * w })
	fmt.Println(squares, err)
	err = parallel.Run(2, func(w int) {
		if w == 1 {
			panic("bad shape")
		}
	})
	fmt.Println(err)
	// Output:
	// [0 1 4 9] <nil>
	// internal error (please report): bad shape
}
