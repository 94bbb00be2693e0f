package optim

import "math"

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
