package main

import "github.com/saddle-dev/saddle/optim"

// jsonFloat is a float64 that encodes NaN and ±Inf as null (JSON has no
// such numbers; a diverged run has them): optim.JSONFloat, the type of the
// library's documents.
type jsonFloat = optim.JSONFloat

func jsonFloats(xs []float64) []jsonFloat { return optim.JSONFloats(xs) }
