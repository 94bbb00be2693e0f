// Package nn defines small fully connected nets as functions of a flat
// parameter vector, their losses and datasets, and the symmetries of their
// hidden units.
//
// # Model
//
// A net is an MLP: Sizes lists the widths from inputs to outputs, Hidden is
// the activation of every hidden layer and Output that of the last layer.
// The net is a pure function of (params, input): nothing is stored in it, so
// the same code trains it, differentiates it twice, permutes it and saves
// it. Forward builds the batched computation on autodiff nodes; Predict
// evaluates it on constants. One table holds each Activation's autodiff op,
// its float64 function (Apply) and its sign-flip symmetry (Flippable).
//
// A Problem is a net, a Loss and a Dataset; Problem.Func is the loss as a
// function of the flat vector, ready for autodiff.Grad, Hessian or Compile.
// Every loss is a mean over the batch: MSE (over all elements), BCE from
// logits, softmax cross-entropy (log-sum-exp) and the logistic-regression
// loss. Named presets (Preset) give the nets of the benchmark workloads.
//
// # Tensors
//
// Datasets cross the package's edge as gorgonia.org/tensor values:
// DatasetFromTensors builds a Dataset from a features tensor (N, In) and a
// targets tensor (N, Out) or (N), of float64 or float32 (converted to
// float64, exactly), and Dataset.Tensors returns X and Y as float64 tensors
// sharing the dataset's memory. Parameter vectors stay []float64 (the flat
// layout below); autodiff.ConstTensor and Node.Value convert nodes.
//
// # Parameter layout
//
// Weight layers are stored in order. Layer l maps Sizes[l−1] = in inputs to
// Sizes[l] = out units: first W, out×in row by row, W[o][j] the weight from
// input j to unit o, then the out biases b. For the 2-2-1 XOR net the nine
// parameters are
//
//	W1[0][0] W1[0][1] W1[1][0] W1[1][1] b1[0] b1[1] W2[0][0] W2[0][1] b2[0]
//
// the order of docs/WORKLOADS.md (ParamNames returns these names, Layout the
// shapes in words). Layers gives views of W and b that alias the vector.
//
// # Naming
//
// params is a flat parameter vector, grad its gradient, x and y operands or
// inputs and targets. Weight layers are counted from 0 in Layers and from 1
// in the formula init of docs/WORKLOADS.md. A hidden layer is named by its index
// in Sizes (1 ≤ h ≤ len(Sizes)−2), the convention of PermuteHidden,
// FlipUnit and Symmetry.
//
// # Symmetries
//
// Permuting the units of a hidden layer, and flipping the sign of a unit
// with an odd activation (tanh) or the sigmoid flip σ(−z) = 1 − σ(z), leave
// the function unchanged, so each generic point has n!·2ⁿ equivalent copies
// per hidden layer of n units. Orbit enumerates them, Canonical picks one
// representative, MatchWeights aligns one net with another (Ainsworth et
// al., Git Re-Basin, ICLR 2023). StudyOrbit evaluates the loss over a
// point's orbit and compares the Hessian spectra at the point and at a
// permuted copy.
//
// # Checkpoints
//
// A Checkpoint holds a net, its parameters and optionally an optimizer's
// state; SaveCheckpoint writes it atomically, LoadCheckpoint reads and
// validates it, and LoadCheckpointFor also checks that it holds a given net
// (a *NetMismatchError otherwise).
//
// ProblemSpec is a preset with parts replaced (sizes, activations, loss,
// data), as saddle's net flags describe a problem; OrbitReport is an orbit
// study as `saddle symmetry --json` writes it.
//
// # Errors
//
// Bad input from the world (a malformed CSV, a corrupt checkpoint) is an
// error naming file:line:column or the field. Programmer errors (a
// parameter vector of the wrong length passed to Layers, shapes that do not
// fit in Forward) panic with "nn: Op: …" and both shapes.
package nn
