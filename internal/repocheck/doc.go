// Package repocheck holds the tests that the repository stands alone: every
// relative link of README.md and docs/*.md resolves to a file of the
// repository, and no file names a document outside it (the design, the
// workloads and the literature live in docs/). It has no code of its own.
package repocheck
