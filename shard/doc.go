// Package shard splits a study whose work is a list of independent items
// (restarts, learning rates, grid rows, escape runs), each seeded by its own
// index, over several machines, and joins the results.
//
// Shard K of N (K = 0…N−1) takes the contiguous block of indices
// [⌊K·T/N⌋, ⌊(K+1)·T/N⌋) of the T items of the study (Range): the blocks
// cover 0…T−1 once, in order, and differ in size by at most one. N may
// exceed T (some parts are then empty). FromEnv reads K from a Slurm job
// array or a Kubernetes Indexed Job.
//
// Each shard writes a part file (Part: a header of the study's own data,
// equal in every part, and one item per index), atomically. Read checks one
// part, Join checks that a set of parts are the shards 0…N−1 of one study
// with the same parameters and header, each once, and returns the items in
// index order. A study supplies its header and item types and its summary
// (Study); Study.MergeFiles reads, checks, joins and summarises the parts,
// and the result is bit for bit what the unsharded run computes, because
// every item depends on its index alone.
//
// A run that is interrupted writes the same format with null for every
// unfinished item; Resume checks such a file against the run that wants to
// continue it, and Part.Unfinished counts what is left to do.
//
// The restarts study (optim.Restarts) is provided here in full: its header
// and items (RestartsHeader, RestartItem), the block of one shard
// (NewRestartsBlock; RestartsBlock.Run runs it, RestartsBlock.Part makes
// its part, RestartsBlock.Resume continues an interrupted one) and its
// merge (Restarts().MergeFiles, or Restarts().Merge on parts already read),
// and its figure (RestartsHeader.Figure, drawn with figure.Write).
// Example_restarts runs workload W5 in three shards. RestartsBlock.Save
// writes an interrupted block and RestartsBlock.ResumeFile continues it.
// The escape study (EscapeHeader, EscapeRun, Escape), the learning-rate
// sweep (SweepHeader, SweepItem, Sweep) and the landscape grid
// (LandscapeHeader, Landscape) are here too; Indexes lists the four.
//
// The result documents of the restarts study and of the sweep
// (RestartsReport, SweepReport: what `saddle restarts --json` and `saddle
// sweep --json` print, and `saddle merge` of their parts) are made from a
// header and the merged or unsharded result (RestartsHeader.Report,
// SweepHeader.Report) and write their text summaries (WriteText); their
// figures are RestartsHeader.Figure, SweepFigure and SweepPathsFigure.
//
// The saddle command line (`saddle restarts --shard K/N`, `--resume`,
// `saddle merge`) is a thin layer over these calls: Select reads its
// --shard and --shards, FlagParams makes a part's parameters of its flags,
// Part.Summary and Part.String report a written part; see
// docs/scale-out.md.
//
// Floating-point values are kept bit for bit through JSON, NaN and ±Inf
// included (Float).
package shard
