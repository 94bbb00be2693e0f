// Package progress reports how far a long run is, on a writer meant for
// people (stderr): a bar redrawn in place (mpb) with the count, the loss
// and the rate when the writer is a terminal; otherwise, unless quiet, a
// plain line at every 10 % of the run once it has lasted a second, so
// that short runs print nothing and logs of batch jobs stay short.
package progress
