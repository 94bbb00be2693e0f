package serve

import (
	"context"
	"net/http"

	"github.com/saddle-dev/saddle/optim/explore"
)

// endpoints maps each API path to its handler; each view adds its own.
var endpoints = map[string]http.Handler{
	"/api/sample":   endpoint("sample", sample),
	"/api/critical": endpoint("critical", criticalPoints),
	"/api/point":    endpoint("point", point),
	"/api/race":     endpoint("race", race),
}

type sampleReq struct {
	explore.View
	N      int  `json:"n"`      // points per axis
	Packed bool `json:"packed"` // values as base64 float32 (explore.Packed)
}

func sample(ctx context.Context, req sampleReq) (any, error) {
	g, err := explore.Sample(req.View, explore.SampleOptions{N: req.N, Context: ctx})
	if err != nil || !req.Packed {
		return g, err
	}
	return g.Packed(), nil
}

type criticalReq struct {
	explore.View
	Grid int    `json:"grid"` // starts per axis; 0: critical.Find's default
	Seed uint64 `json:"seed"`
}

func criticalPoints(ctx context.Context, req criticalReq) (any, error) {
	return explore.Critical(req.View, explore.CriticalOptions{Grid: req.Grid, Seed: req.Seed, Context: ctx})
}

type pointReq struct {
	explore.View
	At []float64 `json:"at"`
}

func point(_ context.Context, req pointReq) (any, error) {
	return explore.At(req.View, req.At)
}

type raceReq struct {
	explore.View
	explore.RaceConfig
}

func race(ctx context.Context, req raceReq) (any, error) {
	req.RaceConfig.Context = ctx
	return explore.RunRace(req.View, req.RaceConfig)
}
