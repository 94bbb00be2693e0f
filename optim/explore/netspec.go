package explore

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/nn"
)

// The net view's limits: it draws every parameter (the net diagram) and
// forms the Hessian at every frame, so its nets are small.
const (
	maxNetParams = 400 // parameters of a net in the net view (the moons preset has 337)
	// frameEigenParams: up to this many parameters every frame carries the
	// Hessian spectrum; beyond, it is computed only for a point asked for.
	frameEigenParams = 64
	maxNetRows       = 5_000 // data rows (of a preset or a CSV)
	maxCSVBytes      = 1 << 20
)

// NetSpec chooses a net, a loss and a dataset as `saddle train`'s flags do:
// a preset gives all three, the other fields override parts of it. CSV is
// the text of a CSV file in nn.LoadCSV's format (header row, numeric, last
// column the target), sent by the page: the server never reads a file.
type NetSpec struct {
	Preset string `json:"preset,omitempty"` // nn.PresetNames; "": xor
	Hidden []int  `json:"hidden,omitempty"` // hidden layer sizes; nil: the preset's
	Act    string `json:"act,omitempty"`    // hidden activation; "": the preset's
	Loss   string `json:"loss,omitempty"`   // "": the preset's; else the output activation is nn.DefaultOutput's
	CSV    string `json:"csv,omitempty"`    // the dataset as CSV text; "": the preset's
}

func (s NetSpec) presetName() string {
	if s.Preset == "" {
		return "xor"
	}
	return s.Preset
}

// custom reports whether s changes its preset.
func (s NetSpec) custom() bool {
	return s.Hidden != nil || s.Act != "" || s.Loss != "" || s.CSV != ""
}

// Problem builds the problem s describes; every mistake is an *InputError
// on the field "net.NAME" (a CSV's names its line and column).
func (s NetSpec) Problem() (nn.Problem, error) {
	pre, err := nn.Preset(s.presetName())
	if err != nil {
		return nn.Problem{}, inputErr("net.preset", "%s (known: %s)", trimNN(err), strings.Join(nn.PresetNames(), ", "))
	}
	spec, data := nn.ProblemSpec{Preset: s.presetName()}, pre.Data
	if s.CSV != "" {
		if len(s.CSV) > maxCSVBytes {
			return nn.Problem{}, inputErr("net.csv", "the CSV has %d bytes; the limit is %d", len(s.CSV), maxCSVBytes)
		}
		if data, err = nn.ReadCSV(strings.NewReader(s.CSV), "data.csv", "csv"); err != nil {
			return nn.Problem{}, inputErr("net.csv", "%s", trimNN(err))
		}
		spec.Data = &data
		spec.Sizes = append([]int{data.In}, append(slices.Clone(pre.Net.Sizes[1:len(pre.Net.Sizes)-1]), data.Out)...)
	}
	if s.Hidden != nil {
		if len(s.Hidden) > 4 {
			return nn.Problem{}, inputErr("net.hidden", "%d hidden layers; the limit is 4", len(s.Hidden))
		}
		for i, h := range s.Hidden {
			if h < 1 || h > 32 {
				return nn.Problem{}, inputErr("net.hidden", "layer %d has %d units, want 1 … 32", i+1, h)
			}
		}
		spec.Sizes = append(append([]int{data.In}, s.Hidden...), data.Out)
	}
	if s.Act != "" {
		if spec.Hidden, err = nn.ParseActivation(s.Act); err != nil {
			return nn.Problem{}, inputErr("net.act", "%s", trimNN(err))
		}
	}
	if s.Loss != "" {
		if spec.Loss, err = nn.ParseLoss(s.Loss); err != nil {
			return nn.Problem{}, inputErr("net.loss", "%s", trimNN(err))
		}
	}
	p, err := spec.Problem()
	if se := (*nn.SpecError)(nil); errors.As(err, &se) && se.Part == "one-hot" {
		return nn.Problem{}, inputErr("net.loss", "%s", trimNN(err))
	} else if err != nil {
		return nn.Problem{}, inputErr("net", "%s", trimNN(err))
	}
	if n := p.NumParams(); n > maxNetParams {
		return nn.Problem{}, inputErr("net.hidden", "the %v net has %d parameters; the net view's limit is %d", p.Net, n, maxNetParams)
	}
	if p.Data.N > maxNetRows {
		return nn.Problem{}, inputErr("net.csv", "%d data rows; the net view's limit is %d", p.Data.N, maxNetRows)
	}
	return p, nil
}

// Inits are the starts a net run can take: the preset's own start (W1's for
// xor, and, or), the formula init, uniform(−scale, scale), Xavier and He
// (seeded), and the origin (every parameter 0).
func Inits() []string { return []string{"preset", "formula", "uniform", "xavier", "he", "origin"} }

// Start returns the initial parameters of p for the init name, as `saddle
// train --init` makes them (scale 0 means 1; seed seeds the random ones).
func (s NetSpec) Start(p nn.Problem, init string, scale float64, seed uint64) ([]float64, error) {
	if !(scale >= 0 && scale < 1e6) {
		return nil, inputErr("scale", "%v must be ≥ 0 (0 means 1) and below 1e6", scale)
	}
	switch init {
	case "preset", "":
		if !s.custom() {
			if x, err := nn.PresetStart(s.presetName()); err == nil {
				return x, nil
			}
		}
		return nn.InitFormula(p.Net), nil
	case "origin":
		return make([]float64, p.NumParams()), nil
	}
	if x, ok := nn.InitByName(p.Net, init, scale, seed); ok {
		return x, nil
	}
	return nil, inputErr("init", "unknown init %q (known: %s)", init, strings.Join(Inits(), ", "))
}

// problemAt builds s's problem and checks the parameters x of its net
// (field names them in an error).
func (s NetSpec) problemAt(x []float64, field string) (nn.Problem, error) {
	p, err := s.Problem()
	if err != nil {
		return nn.Problem{}, err
	}
	return p, checkParams(p, x, field)
}

// checkParams validates explicit parameters of p (field names the culprit).
func checkParams(p nn.Problem, x []float64, field string) error {
	if n := p.NumParams(); len(x) != n {
		return inputErr(field, "%d values; the %v net has %d parameters", len(x), p.Net, n)
	}
	for i, v := range x {
		if !finite(v) {
			return inputErr(field, "value %s is %v", strconv.Itoa(i), v)
		}
	}
	return nil
}

func trimNN(err error) string { return strings.TrimPrefix(err.Error(), "nn: ") }
