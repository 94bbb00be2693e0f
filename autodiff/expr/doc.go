// Package expr parses typed formulas such as "x^2 - y^2" into functions of
// named variables built from autodiff ops, so that their values, gradients
// and Hessians come from the engine.
//
// # Syntax
//
// Numbers (2, 0.5, 1e-3), variables (identifiers such as x, w11, b0), the
// operators + - * / and ^ or ** for power (right-associative: 2^3^2 = 2^9;
// -x^2 is -(x^2)), parentheses, the functions exp log sqrt sin cos tan tanh
// sigmoid softplus relu abs (one argument each) and the constants pi and e.
// Anything else is an error naming it and its column (1-based):
// `unknown function "foo" at column 5`.
//
// Parsing uses the parser of github.com/expr-lang/expr for the syntax tree
// only (Go's own parser is wrong here: ^ is XOR in Go); evaluation is ours,
// on autodiff nodes.
//
// # Points and derivatives
//
// ParsePoint ("x=0.3,y=-1.2"), ParseBox ("x=-5:5,y=-5:5"), ParseFloats and
// ParseFinite read points and ranges, with errors naming the input;
// CheckFinite names the op that made a formula non-finite at a point.
// DerivativesAt is the value, gradient, Hessian and eigenvalues at a point
// (the document of `saddle grad --json`), CheckAt the engine's derivatives
// against finite differences (`saddle gradcheck --json`).
package expr
