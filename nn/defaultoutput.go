package nn

// DefaultOutput is the output activation a net trained with loss l on d
// gets when none is chosen: identity for the logit losses (bce, softmax,
// logistic) and, for mse, the sigmoid if every target lies in [0, 1] (a 0/1
// classification) else identity (a regression).
func DefaultOutput(l Loss, d Dataset) Activation {
	if l != MSE {
		return Identity
	}
	for _, y := range d.Y {
		if y < 0 || y > 1 {
			return Identity
		}
	}
	return Sigmoid
}
