// Package repocheck holds tests of the repository as a whole: it stands
// alone (every relative link of README.md and docs/*.md resolves to a file
// of the repository, and no file names a document outside it; the design,
// the workloads and the literature live in docs/), and the library keeps
// docs/DESIGN.md's conventions (cancellation as a Context field, one
// Progress shape, no exported package variables). It has no code of its own.
package repocheck
