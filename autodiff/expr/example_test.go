package expr_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

func ExampleParse() {
	f, err := expr.Parse("x^2 - y^2")
	if err != nil {
		panic(err)
	}
	fn, _ := f.Func(f.Vars())
	fmt.Println(f.Vars(), autodiff.Hessian(fn, []float64{0.3, -1.2}))
	_, err = expr.Parse("x + foo(y)")
	fmt.Println(err)
	// Output:
	// [x y] [[2 0] [0 -2]]
	// unknown function "foo" at column 5 (known: exp log sqrt sin cos tan tanh sigmoid softplus relu abs)
}
