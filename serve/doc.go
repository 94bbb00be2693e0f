// Package serve is the HTTP side of the browser explorer (saddle serve):
// one self-contained page embedded with go:embed (its scripts, its style and
// a vendored copy of d3 v7; no CDN, nothing fetched at run time) and thin
// JSON endpoints, each one call into package optim/explore:
//
//	POST /api/sample    a view of a formula on a grid (heatmap or curve)
//	POST /api/critical  its critical points in view (saddle critical --json)
//	POST /api/point     value, gradient, Hessian at a point (saddle grad --json)
//	POST /api/race      optimizers traced step by step from one start
//
// The server is meant for loopback (saddle serve listens on 127.0.0.1 by
// default) but behaves as a real service: bad input is a 4xx with a JSON
// error naming the field (and the column of a formula), never a 5xx (a
// panic in a handler becomes a one-line 422); request bodies are limited
// in size; the CLI's size limits (package internal/limits) apply; a
// request's work stops when its client goes away; no endpoint reads or
// writes files; every response carries a Content-Security-Policy that
// allows only the page's own scripts, styles and connections.
//
// The page is organised in views (the formula view here; a second view adds
// a tab, a script module and its endpoints) with shared helpers for the
// state kept in the URL and for export (PNG, JSON, CSV): see docs/explorer.md.
package serve
