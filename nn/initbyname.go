package nn

// InitByName returns the initial parameters of m by the name of an
// initialisation: "formula" (InitFormula), "uniform" (InitUniform with
// half-width scale), "xavier" (InitXavier) or "he" (InitHe), the others
// multiplied by scale; a scale of 0 means 1. ok is false for another name.
func InitByName(m MLP, name string, scale float64, seed uint64) (params []float64, ok bool) {
	if scale == 0 {
		scale = 1
	}
	mul := func(p []float64) []float64 {
		for i := range p {
			p[i] *= scale
		}
		return p
	}
	switch name {
	case "formula":
		return mul(InitFormula(m)), true
	case "uniform":
		return InitUniform(m, scale, seed), true
	case "xavier":
		return mul(InitXavier(m, seed)), true
	case "he":
		return mul(InitHe(m, seed)), true
	}
	return nil, false
}
