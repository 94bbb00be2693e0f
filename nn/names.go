package nn

import (
	"fmt"
	"slices"
	"strings"
)

// ParamNames names the parameters of m in the flat layout of Layers:
// W1[o][j], b1[o], W2[o][j], … (layers counted from 1; W[o][j] is the
// weight from input j to unit o).
func (m MLP) ParamNames() []string {
	names := make([]string, 0, m.NumParams())
	for l, layer := range m.Layers(make([]float64, m.NumParams())) {
		for o := 0; o < layer.Out; o++ {
			for j := 0; j < layer.In; j++ {
				names = append(names, fmt.Sprintf("W%d[%d][%d]", l+1, o, j))
			}
		}
		for o := 0; o < layer.Out; o++ {
			names = append(names, fmt.Sprintf("b%d[%d]", l+1, o))
		}
	}
	return names
}

// Layout describes the flat parameter layout of m in words:
// "W1 2×2, b1 2, W2 1×2, b2 1" (W rows are units, columns inputs).
func (m MLP) Layout() string {
	var parts []string
	for l := 1; l < len(m.Sizes); l++ {
		parts = append(parts, fmt.Sprintf("W%d %d×%d, b%d %d", l, m.Sizes[l], m.Sizes[l-1], l, m.Sizes[l]))
	}
	return strings.Join(parts, ", ")
}

// SameNet reports whether m and o are the same net: the same sizes and
// output activation and, when there are hidden layers, the same hidden
// activation (a net without hidden layers does not use it).
func (m MLP) SameNet(o MLP) bool {
	return slices.Equal(m.Sizes, o.Sizes) && m.Output == o.Output && (len(m.Sizes) <= 2 || m.Hidden == o.Hidden)
}

// NetMismatchError is LoadCheckpointFor's error for a checkpoint that
// holds another net than the one asked for.
type NetMismatchError struct {
	Path string
	Got  MLP // the checkpoint's net
	Want MLP // the net asked for
}

func (e *NetMismatchError) Error() string {
	return fmt.Sprintf("checkpoint %s holds the net %v, not %v", e.Path, e.Got, e.Want)
}

// LoadCheckpointFor reads the checkpoint at path (LoadCheckpoint) and
// checks that it holds net m (SameNet); a checkpoint of another net is a
// *NetMismatchError.
func LoadCheckpointFor(path string, m MLP) (Checkpoint, error) {
	ck, err := LoadCheckpoint(path)
	if err != nil {
		return Checkpoint{}, err
	}
	if got := ck.Net(); !got.SameNet(m) {
		return Checkpoint{}, &NetMismatchError{Path: path, Got: got, Want: m}
	}
	return ck, nil
}
