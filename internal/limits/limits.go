// Package limits holds the size limits shared by the command line and the
// explorer server (saddle serve): a request or command beyond one is refused
// up front with a message naming the limit, rather than running out of
// memory or running for days. Each is a few hundred megabytes or a few hours
// of work on one machine.
package limits

const (
	// CriticalStarts bounds the starts of a critical-point search (grid^d + random).
	CriticalStarts = 1_000_000
	// LandscapePoints bounds the loss evaluations of a landscape grid (or of
	// a sampled view of a formula).
	LandscapePoints = 1_000_000
	// TrainSteps bounds the steps of one training run (or optimizer trace).
	TrainSteps = 1_000_000_000
	// HeldValues bounds the numbers a study keeps until it prints: 400 MB.
	HeldValues = 50_000_000
)
