package nn

import "slices"

// ProblemSpec describes a problem as a preset (Preset) with some of its
// parts replaced, as saddle's --net, --data, --sizes, --act, --loss and
// --out-act flags and the explorer's net view describe one:
//
//	ProblemSpec{Preset: "xor"}                                 the preset as is
//	ProblemSpec{Preset: "xor", Sizes: []int{2, 4, 1}, Hidden: Tanh}  another net on its data and loss
//
// The zero value of a field keeps the preset's. A new Loss also sets the
// output activation to DefaultOutput(Loss, data) unless Output is given.
// With the softmax loss and a dataset of one target column (class labels
// 0…k−1), the labels become one-hot rows over the net's k outputs.
type ProblemSpec struct {
	Preset string     // PresetNames
	Data   *Dataset   // nil: the preset's
	Sizes  []int      // layer sizes, inputs to outputs; nil: the preset's
	Hidden Activation // hidden activation
	Loss   Loss
	Output Activation // output activation
}

// SpecError is a ProblemSpec that does not make a problem. Part says what
// is wrong: "preset" (an unknown name), "one-hot" (class labels that the
// softmax outputs cannot take) or "" (the parts do not fit together:
// Problem.Validate's error; Mismatch is set when the net's input or output
// size differs from the data's columns).
type SpecError struct {
	Part     string
	Mismatch bool
	Err      error
}

func (e *SpecError) Error() string { return e.Err.Error() }

func (e *SpecError) Unwrap() error { return e.Err }

// Problem builds the problem s describes; every error is a *SpecError.
func (s ProblemSpec) Problem() (Problem, error) {
	p, err := Preset(s.Preset)
	if err != nil {
		return Problem{}, &SpecError{Part: "preset", Err: err}
	}
	if s.Data != nil {
		p.Data = *s.Data
	}
	if s.Sizes != nil {
		p.Net.Sizes = slices.Clone(s.Sizes)
	}
	if s.Hidden != "" {
		p.Net.Hidden = s.Hidden
	}
	if s.Loss != "" {
		p.Loss = s.Loss
		p.Net.Output = DefaultOutput(s.Loss, p.Data)
	}
	if s.Output != "" {
		p.Net.Output = s.Output
	}
	if p.Loss == SoftmaxCE && p.Data.Out == 1 && len(p.Net.Sizes) >= 2 {
		d, err := OneHot(p.Data, p.Net.Out())
		if err != nil {
			return Problem{}, &SpecError{Part: "one-hot", Err: err}
		}
		p.Data = d
	}
	if err := p.Validate(); err != nil {
		return Problem{}, &SpecError{Mismatch: p.Data.In != p.Net.In() || p.Data.Out != p.Net.Out(), Err: err}
	}
	return p, nil
}

// PresetStartFor is the start of the net m of a problem made from the
// preset name: the preset's start (PresetStart) when m is the preset's
// net, else the formula init (InitFormula).
func PresetStartFor(name string, m MLP) []float64 {
	if pre, err := Preset(name); err == nil && slices.Equal(pre.Net.Sizes, m.Sizes) &&
		pre.Net.Hidden == m.Hidden && pre.Net.Output == m.Output {
		if s, err := PresetStart(name); err == nil {
			return s
		}
	}
	return InitFormula(m)
}
