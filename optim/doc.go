// Package optim trains over flat parameter vectors: optimizers, the training
// loop, and two studies of gradient descent (learning-rate sweeps and
// seeded restarts). The studies of critical points, landscapes and saddle
// escape live in the sub-packages critical, landscape and escape.
//
// # The model
//
// A problem is an Objective, func(x, grad []float64) float64: the loss at
// x, with the gradient written into grad when it is not nil (gonum's
// optimize.Problem idea in one function). FromFunc, FromProblem and
// FromProblemRows make one from the autodiff engine, HessianFromFunc and
// HessianFromProblem make a HessFunc; nothing else in the package knows
// the engine, so every optimizer and study follows the engine's speed.
//
// An Optimizer has one method, Step(params, grad), and keeps its own state.
// New makes one by name (Names lists them, DefaultSettings gives each its
// default learning rate); ParseSchedule reads a schedule spec.
// Each is a struct whose zero value works once LR is set: GD (with
// heavy-ball or Nesterov momentum; SGD when Train is given a MiniBatch),
// Adagrad, RMSprop, Adam (the bias-corrected form of docs/WORKLOADS.md), Newton
// (damped), SaddleFreeNewton (Dauphin et al. 2014) and PerturbedGD (Jin et
// al. 2017). A Schedule (Constant, StepDecay, Exponential, Cosine) sets the
// learning rate of each step through LearningRater; Stateful optimizers
// export their State for checkpoints.
//
// Train runs the loop and returns a Result: the final parameters and loss,
// a trace of loss, gradient norm and learning rate, and why it stopped —
// steps done, loss or gradient tolerance met, cancelled, or diverged at a
// named step (a non-finite or exploding loss is a result, never a panic).
// NewTrainReport makes the run's result document (`saddle train --json`,
// with JSONFloat numbers: NaN and ±Inf are null), TrainReport.WriteText its
// text, WriteTraceCSV its trace; Checkpoint and Resume save and restore a
// run with its optimizer's state.
//
// Sweep runs gradient descent once per learning rate and classifies each run
// as too slow, converging, zigzagging or diverging beside the thresholds
// 1/λmax and 2/λmax of the Hessian at the start; AutoLRs picks learning
// rates around them. Restarts runs N seeded
// trainings over all cores with results that do not depend on the number of
// workers; SummarizeRestarts counts their successes and distinct solutions
// up to symmetry.
//
// # Conventions
//
// Step k of a run is the evaluation at the parameters after k updates;
// "final loss" is the loss after the last update (docs/WORKLOADS.md). Library
// code prints nothing; programmer errors (mismatched lengths, Steps ≤ 0)
// panic with "optim: Func: …".
package optim
