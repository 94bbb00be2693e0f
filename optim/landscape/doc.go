// Package landscape samples a loss over low-dimensional slices of parameter
// space, the pictures of Goodfellow, Vinyals & Saxe (ICLR 2015, linear
// interpolation) and Li, Xu, Taylor, Studer & Goldstein ("Visualizing the
// Loss Landscape of Neural Nets", NeurIPS 2018, filter-normalised planes and
// PCA of trajectories):
//
//   - Line: the loss along center + t·dir;
//   - Plane: the loss on a grid center + α·d1 + β·d2, computed in parallel;
//   - RandomDirection, FilterNormalize: the directions of such slices;
//   - Interpolate: the loss on the segment between two solutions and its
//     barrier;
//   - PCA: the top-2 principal directions of a training trajectory and the
//     path projected on them;
//   - Study: one of the four studies (line, plane, interp, pca) from a
//     Config, with a context, workers and progress, as saddle landscape runs it;
//   - MatchedBarrier: the barrier between two solutions before and after
//     matching their hidden units.
//
// A loss is a plain function of a flat parameter vector (Func); the package
// knows nothing about nets except the filter layout of an nn.MLP (MLPFilters).
//
// A study's result as `saddle landscape --json` writes it is a Document
// (NewDocument; WriteCSV, Figure, WriteText); MatchedBarrier's as `saddle
// symmetry --barrier` writes it is a BarrierReport.
package landscape

// Func is a loss of a flat parameter vector. Plane calls it from several
// goroutines at once, so it must be safe for concurrent use, and it must not
// keep or modify params.
type Func func(params []float64) float64
