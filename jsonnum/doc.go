// Package jsonnum holds float64 types for saddle's JSON documents (the
// CLI's --json output, the explorer's answers): a number is written in the
// shortest form that reads back to the same float64, and a number that is
// not finite (a diverged run's loss, an overflowing second derivative) is
// written as null, since JSON has no NaN or infinity.
//
// Part files, which must read back exactly what a run computed, keep
// non-finite values as strings instead (package shard's Float).
package jsonnum
