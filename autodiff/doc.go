// Package autodiff is a reverse-mode automatic-differentiation engine whose
// gradients are themselves differentiable, so that exact Hessians,
// Hessian-vector products, Jacobians and derivatives of any order come out of
// one mechanism.
//
// # Model
//
// Define-by-run: every operation on *Node values computes its result at once
// and links the new node to its parents. There is no global tape; the graph is
// whatever is reachable from an output, so independent graphs may be built in
// parallel goroutines.
//
// Each primitive op states its vector-Jacobian product (VJP) as a rule that
// builds engine ops (Mul, Add, …), never raw numbers:
//
//	// Mul: d(x*y) = g*y, g*x
//	func(g *Node, i int) *Node { if i == 0 { return Mul(g, y) }; return Mul(g, x) }
//
// The gradient is therefore a graph too and can be differentiated again
// (Gradients records it; Grad and ValueAndGrad run the rules in no-record
// mode, keeping only values, so a plain gradient costs no more than it must).
//
// Everything that is not a primitive is composed from primitives: Sub, Mean,
// Square, MSE, Dot. A composite is promoted to a primitive only for a stated
// numerical reason (LogSumExp, BCEWithLogits, Softplus, Sigmoid).
//
// # Shapes and broadcasting
//
// Values are row-major float64 arrays with a shape ([] for a scalar). Binary
// ops broadcast NumPy-style by inserting BroadcastTo nodes, whose VJP sums
// over the broadcast axes (SumTo).
//
// # Tensors
//
// At its edges the engine speaks gorgonia.org/tensor. ConstTensor and
// VariableTensor make a node from a *tensor.Dense of float64 (copied) or
// float32 (converted to float64, exactly); views and transposes are read in
// the order of their shape. Node.Value returns a node's value as a float64
// *tensor.Dense of its shape, sharing its memory. A nil or masked tensor or
// another dtype is a programmer error: the call panics naming the op, the
// dtype and the shape. The other constructors (Variable, Const) take a
// []float64 and a shape, and the functional API flat []float64 vectors.
//
// # Functional API
//
// Grad, ValueAndGrad, HVP, Hessian and Jacobian work on functions of one flat
// vector, as in JAX. CheckGrad and CheckHessian compare the engine with
// central differences (gonum diff/fd) and, when they disagree, name the op
// whose rule is wrong.
//
// # Batched replay
//
// Program.Batch(B) replays a compiled program over up to B parameter vectors
// at once (the idea of JAX's vmap): every rewritten buffer holds B copies
// with the batch innermost and contiguous (structure of arrays), so each
// step is one loop over the batch. BatchProgram.ValueAndGrad takes the
// vectors as a B×n row-major matrix (ValueAndGradVecs: as slices) and
// returns B values and gradients. Elementwise steps run their own kernel
// over B times as many elements; exp, sigmoid, tanh, log and softplus go
// through the batched kernels of package vmath where they are bit for bit
// the math package (vmath.Exact: amd64, AVX2 or AVX-512 loops; elsewhere
// the ops' own kernels); matrix products and sums have batched loops that
// add in the order of the unbatched ones; any other op runs per copy
// (gather, the op's kernel, scatter). Each vector's results are bit for bit
// those of Program.ValueAndGrad on it alone, for any batch size and slot.
// Program.SuggestedBatch picks a size that keeps the buffers in cache.
//
// # Errors
//
// Programmer errors (shape mismatches, bad axes) panic with the package, the
// op and the shapes: "autodiff: MatMul: shapes (4,3) and (2,2) do not match".
// Non-finite values are not errors of the engine: every op follows IEEE 754
// as Mul does (MatMul too: 0·∞ is NaN), and FirstNonFinite finds the first
// op that produced one.
package autodiff
