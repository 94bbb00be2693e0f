package nn

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
)

// Activation names the function applied elementwise to a layer's
// pre-activations.
type Activation string

// The activations of hidden and output layers.
const (
	Identity Activation = "identity"
	Sigmoid  Activation = "sigmoid"
	Tanh     Activation = "tanh"
	ReLU     Activation = "relu"
	Softplus Activation = "softplus"
)

// flipKind is the sign-flip symmetry of a hidden unit (see Flippable).
type flipKind int

const (
	noFlip      flipKind = iota // relu, softplus: act(−z) leaves a term linear in z
	oddFlip                     // act(−z) = −act(z): negate in-weights, bias, out-weights
	sigmoidFlip                 // σ(−z) = 1 − σ(z): as odd, and add the out-weights to the next biases
)

// activationInfo is one activation: the autodiff op of Forward, the float64
// function of Apply, and its sign-flip symmetry.
type activationInfo struct {
	node  func(*autodiff.Node) *autodiff.Node
	float func(float64) float64
	flip  flipKind
}

// activationTable is every activation the package knows; everything that
// depends on the activation reads it here (unexported, never modified).
var activationTable = map[Activation]activationInfo{
	Identity: {func(z *autodiff.Node) *autodiff.Node { return z }, func(z float64) float64 { return z }, oddFlip},
	Sigmoid:  {autodiff.Sigmoid, sigmoid, sigmoidFlip},
	Tanh:     {autodiff.Tanh, math.Tanh, oddFlip},
	ReLU:     {autodiff.ReLU, func(z float64) float64 { return max(z, 0) }, noFlip},
	Softplus: {autodiff.Softplus, softplus, noFlip},
}

// info returns a's row of the table; an unknown activation panics (a
// programmer error: ParseActivation and MLP.Validate refuse them).
func (a Activation) info(op string) activationInfo {
	in, ok := activationTable[a]
	if !ok {
		panic(fmt.Sprintf("nn: %s: unknown activation %q", op, a))
	}
	return in
}

// Activations returns the names of the known activations, sorted.
func Activations() []string { return sortedNames(activationTable) }

// sortedNames returns the keys of a table of named things, sorted.
func sortedNames[K ~string, V any](table map[K]V) []string {
	names := make([]string, 0, len(table))
	for k := range table {
		names = append(names, string(k))
	}
	sort.Strings(names)
	return names
}

// ParseActivation returns the activation called s, or an error listing the
// known ones.
func ParseActivation(s string) (Activation, error) {
	a := Activation(s)
	if _, ok := activationTable[a]; !ok {
		return "", fmt.Errorf("nn: unknown activation %q (known: %s)", s, strings.Join(Activations(), ", "))
	}
	return a, nil
}

// Apply returns the activation at z, computed in float64 without autodiff.
func (a Activation) Apply(z float64) float64 { return a.info("Apply").float(z) }

// Node applies the activation elementwise to z with autodiff ops.
func (a Activation) Node(z *autodiff.Node) *autodiff.Node { return a.info("Forward").node(z) }

// sigmoid is 1/(1+e^−z), written so that neither branch overflows.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softplus is log(1+e^z) = max(z,0) + log1p(e^−|z|).
func softplus(z float64) float64 { return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) }
