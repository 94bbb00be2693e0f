package optim

// Objective is a loss over a flat parameter vector: it returns the loss at x
// and, when grad is not nil, writes the gradient into it (gonum's
// optimize.Problem idea, in one function). It is the only way optim sees a
// problem, so every optimizer and study runs unchanged on any engine that
// provides one.
type Objective func(x, grad []float64) float64
