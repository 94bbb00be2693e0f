package optim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Schedule gives the learning rate of each step (step 0 is the first
// update). Train applies it through LearningRater before every step.
type Schedule func(step int) float64

// Constant is the schedule lr at every step.
func Constant(lr float64) Schedule {
	return func(int) float64 { return lr }
}

// StepDecay multiplies lr by factor every `every` steps:
// lr·factor^⌊step/every⌋ (the "step" schedule of Goodfellow, Bengio &
// Courville, Deep Learning, §8.3.1). every ≤ 0 means never.
func StepDecay(lr, factor float64, every int) Schedule {
	return func(step int) float64 {
		if every <= 0 {
			return lr
		}
		return lr * math.Pow(factor, float64(step/every))
	}
}

// Exponential is lr·γ^step.
func Exponential(lr, gamma float64) Schedule {
	return func(step int) float64 { return lr * math.Pow(gamma, float64(step)) }
}

// Cosine anneals from lr to lrMin over steps steps along half a cosine
// (Loshchilov & Hutter, "SGDR", ICLR 2017, without restarts):
// lrMin + ½(lr − lrMin)(1 + cos(π·step/steps)); lrMin after the end.
func Cosine(lr, lrMin float64, steps int) Schedule {
	return func(step int) float64 {
		if steps <= 0 || step >= steps {
			return lrMin
		}
		return lrMin + 0.5*(lr-lrMin)*(1+math.Cos(math.Pi*float64(step)/float64(steps)))
	}
}

// ScheduleSyntax describes the schedule specs ParseSchedule accepts.
const ScheduleSyntax = "constant, step:FACTOR:EVERY, exp:GAMMA, cosine or cosine:LRMIN"

// ParseSchedule makes the schedule spec describes for a run of steps steps
// from lr: "constant" (or "", giving nil: no schedule), "step:FACTOR:EVERY"
// (StepDecay), "exp:GAMMA" (Exponential), "cosine" or "cosine:LRMIN"
// (Cosine). Numbers must be finite and ≥ 0, EVERY a whole number > 0.
// Errors are *ScheduleError.
func ParseSchedule(spec string, lr float64, steps int) (Schedule, error) {
	parts := strings.Split(spec, ":")
	num := func(i int) (float64, error) {
		v, err := strconv.ParseFloat(parts[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return 0, &ScheduleError{spec, fmt.Sprintf("%q is not a number ≥ 0", parts[i])}
		}
		return v, nil
	}
	bad := &ScheduleError{spec, "want " + ScheduleSyntax}
	switch {
	case (parts[0] == "constant" || parts[0] == "") && len(parts) == 1:
		return nil, nil
	case parts[0] == "step" && len(parts) == 3:
		f, err := num(1)
		if err != nil {
			return nil, err
		}
		every, err := strconv.Atoi(parts[2])
		if err != nil || every <= 0 {
			return nil, &ScheduleError{spec, "EVERY must be a whole number > 0"}
		}
		return StepDecay(lr, f, every), nil
	case parts[0] == "exp" && len(parts) == 2:
		g, err := num(1)
		if err != nil {
			return nil, err
		}
		return Exponential(lr, g), nil
	case parts[0] == "cosine" && len(parts) <= 2:
		lrMin := 0.0
		if len(parts) == 2 {
			v, err := num(1)
			if err != nil {
				return nil, err
			}
			lrMin = v
		}
		return Cosine(lr, lrMin, steps), nil
	}
	return nil, bad
}

// ScheduleError is a schedule spec ParseSchedule refused, and why.
type ScheduleError struct {
	Spec   string
	Reason string
}

func (e *ScheduleError) Error() string {
	return fmt.Sprintf("optim: schedule %q: %s", e.Spec, e.Reason)
}
