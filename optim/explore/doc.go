// Package explore holds the computations behind the browser explorer
// (saddle serve): a formula seen through a View (one or two plotted
// variables, the others fixed: a slice), sampled on a grid for a heatmap or
// a curve, its critical points in view with their Hessian eigenvectors, its
// value, gradient and Hessian at a point, and a race of optimizers from one
// start traced step by step (loss, gradient norm, smallest Hessian
// eigenvalue, −∇f and the step actually taken).
//
// Critical points come from optim/critical (multistart Levenberg–Marquardt
// on ∇f = 0, classified by the second-order test), the optimizers from
// optim (gradient descent with heavy-ball or Nesterov momentum, RMSprop,
// Adam, damped Newton, saddle-free Newton of Dauphin et al. 2014, perturbed
// gradient descent of Jin et al. 2017), formulas from autodiff/expr. The
// results marshal to the JSON shapes of the command line's --json output
// (saddle critical, saddle grad), so the page and the CLI speak one
// language.
//
// For nets (the net view): a training run streamed frame by frame
// (NewTraining, Training.Run), a net's state at a point (NetAt), its
// hidden-unit symmetries (ApplySymmetry), an optimizer race (RunNetRace),
// the loss on a plane (LossPlane), the interpolation barrier (Barrier) and
// a restart study showing where failed restarts end (FailedRestarts).
//
// Every input error is an *InputError naming its field (and, for a
// formula, the 1-based column), so that a server can answer 400 with the
// culprit. Everything is deterministic for a seed.
package explore
