package limits

import (
	"fmt"
	"math"
)

// TrainWork bounds the work of the training runs of one command or
// request: steps × runs × (parameters × samples + StepOverhead), about the
// multiply-adds of the forward passes plus the fixed cost of a step (the
// optimizer, the bookkeeping: ~10 µs). 10¹³ is a few hours at the ~10⁹
// multiply-adds per second of one core.
const (
	TrainWork    = 1e13
	StepOverhead = 10_000
)

// Error is a request beyond one of the limits; its message names the
// limit and how to do with less. The command line reports it as a usage
// error.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// CheckHeld refuses a study that would keep more than HeldValues numbers in
// memory (NaN counts as too many). what says what they are, e.g. "--n
// 1000000000 restarts × 9 parameters"; hint says how to do with fewer, e.g.
// "split the study with --shards".
func CheckHeld(what string, values float64, hint string) error {
	if values > HeldValues || math.IsNaN(values) {
		return errorf("%s makes %s values to keep in memory; the limit is %s (%s)", what, ShortCount(values), ShortCount(HeldValues), hint)
	}
	return nil
}

// ShortCount formats a count exactly up to 10⁹ and with 3 significant
// digits beyond.
func ShortCount(v float64) string {
	if v < 1e9 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// CheckSteps refuses a step count beyond TrainSteps, or runs (at least
// one) of steps steps on a net of nparams parameters and samples data rows
// (at least one) beyond TrainWork, before anything runs.
func CheckSteps(steps, runs, nparams, samples int) error {
	if steps > TrainSteps {
		return errorf("--steps %d: the limit is %d", steps, TrainSteps)
	}
	work := float64(steps) * float64(max(runs, 1)) * (float64(nparams)*float64(max(samples, 1)) + StepOverhead)
	if work > TrainWork {
		hint := "use fewer --steps"
		if runs > 1 {
			hint += " or split the runs with --shards"
		}
		return errorf("--steps %d × %d run(s) of %d parameters × %d samples is %.3g multiply-adds, more than hours of work; the limit is %.0g (%s)",
			steps, max(runs, 1), nparams, samples, work, TrainWork, hint)
	}
	return nil
}
