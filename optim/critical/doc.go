// Package critical finds and classifies the critical points of a smooth
// function f: Rⁿ → R, the points where ∇f(x) = 0.
//
// A function is given as a Problem, a struct of three funcs (value, gradient,
// Hessian) in the shape of gonum's optimize.Problem; FromFunc builds one from
// an autodiff expression. Find searches a box from many starts (a grid and/or
// seeded random points), solving ∇f = 0 from each by a Levenberg–Marquardt
// iteration on the residual ∇f (damped Newton that falls back to minimising
// ½‖∇f‖², with the nonmonotone acceptance of Grippo, Lampariello & Lucidi
// 1986, so that a curved valley costs about ten iterations per start, not
// hundreds), keeps the converged points inside the box, merges duplicates and
// classifies every survivor with Classify. Its Options are a struct value
// whose zero fields are defaults (StartCount tells how many starts they
// make); Workers 0 is one per core and Context stops the search between
// starts.
//
// Classification follows the second-order test: with the Hessian's
// eigenvalues λ₁ ≤ … ≤ λₙ (gonum mat.EigenSym) and the threshold
// τ = EigTol·max(1, maxᵢ|λᵢ|), an eigenvalue is zero when |λᵢ| ≤ τ. A point
// with a zero eigenvalue is Degenerate (the second-order test says nothing
// about it; its flat directions are the eigenvectors of the zero eigenvalues);
// otherwise the index is the number of negative eigenvalues, and the point is
// a Minimum (index 0), a Maximum (index n) or a Saddle.
//
// A search cannot prove it found every critical point. Find merges the
// points of a continuum (a constant f, a valley floor) into one Point with a
// FlatSet, and MayBeIncomplete estimates, by Good–Turing (Good 1953), the
// chance that one more start would find a new point: the fraction of starts
// whose point no other start reached. CheckPoint classifies a point given
// by a user and calls it NotCritical when its gradient is above the
// tolerance.
//
// The XOR 2-2-1 net at the all-zero point is the classic example of why
// degeneracy matters: its Hessian is positive semi-definite with eight zero
// eigenvalues, yet the point is a saddle, not a minimum (Hamey 1998;
// Sprinkhuizen-Kuyper & Boers 1998).
//
// A search's result as `saddle critical --json` writes it is a Report
// (with WriteText for the text and Figure for the plot of a 1-D or 2-D
// formula); IncompleteNote says when the search may have missed points,
// Around searches a cube around a given point.
package critical
