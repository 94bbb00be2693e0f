// Package lessons reproduces, with numbers, the claims of the course material
// on gradient descent that saddle was written to demonstrate (issue 8): each
// lesson is one function that runs the experiment with the library (autodiff,
// nn, optim and its sub-packages) and returns a struct holding the numbers,
// the data of its figures and its Claims, each a statement with the measured
// numbers and a verdict computed against the expected value (a closed form or
// a literature value, named in the lesson's doc comment).
//
// The lessons, in the order of the course:
//
//  1. Convexity: linear regression on (0,1),(1,2),(3,3) with the sum of
//     squares has one critical point, (8/7, 9/14), a minimum; its Hessian
//     [[6,8],[8,20]] has eigenvalues 13 ± √113 > 0 everywhere.
//  2. LearningRates: gradient descent on that loss is slow, converges,
//     zigzags above 1/λmax and diverges above 2/λmax.
//  3. LogisticChain: the engine's gradient of the logistic loss equals
//     (σ(wx+b) − y)·x term by term (the chain-rule table).
//  4. NotParabola: the XOR loss along a line and on a plane is not convex;
//     the Hessian at the W1 start has a negative eigenvalue.
//  5. QuarticLesson: h(x) = (1 − x²)² has minima at ±1 and a local maximum at 0.
//  6. Symmetry: a trained 2-3-1 tanh net has 3!·2³ = 48 equivalent copies;
//     restarts land in different copies of the same solution.
//  7. RestartStudy: XOR success rate against the initialisation radius and
//     the hidden width; the failures are plateaus at infinity.
//  8. Saddles: x² − y² and the XOR origin; which optimizers escape.
//  9. NewtonSaddle and MeasureCost: Newton is attracted by the saddle of
//     x² − y², saddle-free Newton escapes; the cost of a Newton step.
//
// Every lesson is deterministic (explicit seeds) and runs in well under a
// second to a few seconds on the compiled engine.
//
// The report: List gives the nine lessons (number, title, claim, functions);
// Run runs a selection and returns one Report per lesson — the claims with
// their verdicts, the lesson's result as JSON, its printed text (verdict
// lines and tables) and the names of the figures it drew with package
// figure into ReportOptions.ImgDir; WriteMarkdown writes docs/lessons.md
// from the reports. Lesson 9 times its operations with BenchTime.NsPerOp
// (the algorithm of testing.Benchmark, without importing package testing
// into programs). Library code prints nothing: `saddle lessons` prints the
// reports' text and writes the files.
package lessons
