package nn

import (
	"fmt"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
)

// MaxParams bounds the number of parameters of a valid MLP (2³⁶, 512 GiB of
// float64), so that counting them cannot overflow.
const MaxParams = 1 << 36

// MLP is a fully connected net with Sizes[0] inputs, hidden layers of
// Sizes[1..L−1] units with activation Hidden, and Sizes[L] outputs with
// activation Output. Its parameters are one flat vector; see the package
// documentation for the layout.
type MLP struct {
	Sizes  []int
	Hidden Activation
	Output Activation
}

// Validate reports whether the net is well formed: at least an input and an
// output layer, every size ≥ 1, known activations.
func (m MLP) Validate() error {
	if len(m.Sizes) < 2 {
		return fmt.Errorf("nn: MLP needs at least 2 sizes (inputs, outputs), got %v", m.Sizes)
	}
	for i, s := range m.Sizes {
		if s < 1 {
			return fmt.Errorf("nn: MLP: layer %d has %d units in sizes %v, want at least 1", i, s, m.Sizes)
		}
	}
	// Count the parameters without overflow.
	total := 0
	for l := 1; l < len(m.Sizes); l++ {
		in, out := m.Sizes[l-1], m.Sizes[l]
		if in > MaxParams || out > MaxParams || out > (MaxParams-total)/(in+1) {
			return fmt.Errorf("nn: MLP: sizes %v need more than %d parameters", m.Sizes, MaxParams)
		}
		total += out * (in + 1)
	}
	if len(m.Sizes) > 2 {
		if _, err := ParseActivation(string(m.Hidden)); err != nil {
			return fmt.Errorf("nn: MLP: hidden activation: %w", unwrapNN(err))
		}
	}
	if _, err := ParseActivation(string(m.Output)); err != nil {
		return fmt.Errorf("nn: MLP: output activation: %w", unwrapNN(err))
	}
	return nil
}

// unwrapNN drops the "nn: " prefix of an inner error when it is wrapped again.
func unwrapNN(err error) error {
	return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "nn: "))
}

// String returns the net as "2-2-1 sigmoid/sigmoid".
func (m MLP) String() string {
	parts := make([]string, len(m.Sizes))
	for i, s := range m.Sizes {
		parts[i] = fmt.Sprint(s)
	}
	return strings.Join(parts, "-") + " " + string(m.Hidden) + "/" + string(m.Output)
}

// In returns the number of inputs, Sizes[0].
func (m MLP) In() int { return m.Sizes[0] }

// Out returns the number of outputs, the last of Sizes.
func (m MLP) Out() int { return m.Sizes[len(m.Sizes)-1] }

// NumLayers returns the number of weight layers, len(Sizes) − 1.
func (m MLP) NumLayers() int { return len(m.Sizes) - 1 }

// NumParams returns the length of the flat parameter vector:
// Σ over layers of out·in + out.
func (m MLP) NumParams() int {
	n := 0
	for l := 1; l < len(m.Sizes); l++ {
		n += m.Sizes[l]*m.Sizes[l-1] + m.Sizes[l]
	}
	return n
}

// Activation returns the activation of weight layer l (0-based): Hidden for
// every layer but the last, Output for the last.
func (m MLP) Activation(l int) Activation {
	if l == m.NumLayers()-1 {
		return m.Output
	}
	return m.Hidden
}

// Layer is a view of one weight layer in a flat parameter vector: W is
// Out×In row-major (W[o*In+j] maps input j to unit o) and B has Out biases.
// Both alias the parameter vector, so writing to them writes to it.
type Layer struct {
	In, Out int
	Offset  int       // index of W[0][0] in the flat vector; B starts at Offset + Out·In
	W       []float64 // Out×In, row-major
	B       []float64 // Out
}

// At returns W[o][j].
func (l Layer) At(o, j int) float64 { return l.W[o*l.In+j] }

// Row returns the in-weights of unit o, W[o][·] (aliasing the parameters).
func (l Layer) Row(o int) []float64 { return l.W[o*l.In : (o+1)*l.In] }

// LayerOffsets returns, for each weight layer l, the index of W_l[0][0] in
// the flat vector; the last element is NumParams.
func (m MLP) LayerOffsets() []int {
	offs := make([]int, len(m.Sizes))
	for l := 1; l < len(m.Sizes); l++ {
		offs[l] = offs[l-1] + m.Sizes[l]*m.Sizes[l-1] + m.Sizes[l]
	}
	return offs
}

// Layers returns views of the weight layers of params, in order. It panics
// if len(params) is not NumParams (a programmer error).
func (m MLP) Layers(params []float64) []Layer {
	if len(params) != m.NumParams() {
		panic(fmt.Sprintf("nn: Layers: %d parameters, net %v needs %d", len(params), m.Sizes, m.NumParams()))
	}
	layers := make([]Layer, 0, m.NumLayers())
	off := 0
	for l := 1; l < len(m.Sizes); l++ {
		in, out := m.Sizes[l-1], m.Sizes[l]
		layers = append(layers, Layer{
			In: in, Out: out, Offset: off,
			W: params[off : off+out*in : off+out*in],
			B: params[off+out*in : off+out*in+out : off+out*in+out],
		})
		off += out*in + out
	}
	return layers
}

// checkParams returns an error if params does not fit m.
func (m MLP) checkParams(op string, params []float64) error {
	if err := m.Validate(); err != nil {
		return fmt.Errorf("nn: %s: %w", op, unwrapNN(err))
	}
	if len(params) != m.NumParams() {
		return fmt.Errorf("nn: %s: %d parameters, net %v needs %d", op, len(params), m.Sizes, m.NumParams())
	}
	return nil
}

// Predict computes the net's outputs for the n rows of x (n×In, row-major)
// and returns them n×Out row-major: Forward evaluated on constants, so
// there is one forward pass in the package. It panics on mismatched
// lengths.
func (m MLP) Predict(params, x []float64) []float64 {
	in := m.In()
	if len(x)%in != 0 {
		panic(fmt.Sprintf("nn: Predict: input has %d values, not a multiple of the net's %d inputs", len(x), in))
	}
	if err := m.checkParams("Predict", params); err != nil {
		panic(err.Error())
	}
	if len(x) == 0 {
		return []float64{}
	}
	return m.Forward(autodiff.Variable(params), autodiff.Variable(x, len(x)/in, in)).Data()
}
