package main

import "github.com/saddle-dev/saddle/optim"

// jsonFloat is optim.JSONFloat: NaN and ±Inf encode as null.
type jsonFloat = optim.JSONFloat

func jsonFloats(xs []float64) []jsonFloat { return optim.JSONFloats(xs) }

func fromJSONFloats(xs []jsonFloat) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}
