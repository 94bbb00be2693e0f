// Package escape measures how optimizers leave a saddle point.
//
// Run starts many runs near a saddle (seeded perturbations of size ε around a
// given point, optionally restricted to some coordinates, e.g. to the stable
// manifold), runs each method for a step budget and reports, per method, the
// share of runs that escaped (the loss fell a set amount below the saddle's
// value), the median number of steps to escape, the final losses and a
// median loss curve.
//
// The experiment is the one behind the saddle-point literature: gradient
// descent from a random start almost surely avoids strict saddles (Lee,
// Simchowitz, Jordan & Recht, COLT 2016), but started on a saddle's stable
// manifold it converges to the saddle; near one it can be slowed down
// exponentially; perturbed gradient descent (Jin et al., ICML 2017) escapes
// efficiently; saddle-free Newton (Dauphin et al., NIPS 2014) is repelled.
// At the XOR 2-2-1 all-zero point, a degenerate saddle, the differences are
// dramatic (see docs/LITERATURE.md).
//
// Everything is deterministic for a seed, whatever the number of workers.
//
// A summarised study as `saddle escape --json` writes it is a Document
// (WriteText, Figure); ParseMethods, BuiltinAt and Mask read the text of
// saddle escape's flags.
package escape
