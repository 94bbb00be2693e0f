package shard

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/saddle-dev/saddle/nn"
)

// Arch is a net's architecture in a header.
type Arch struct {
	Sizes  []int  `json:"sizes"`
	Hidden string `json:"hidden"`
	Output string `json:"output"`
}

// ArchOf is the architecture of m.
func ArchOf(m nn.MLP) Arch {
	return Arch{Sizes: m.Sizes, Hidden: string(m.Hidden), Output: string(m.Output)}
}

// MLP rebuilds the net; a bad architecture is an error naming it.
func (a Arch) MLP() (nn.MLP, error) {
	m := nn.MLP{Sizes: a.Sizes, Hidden: nn.Activation(a.Hidden), Output: nn.Activation(a.Output)}
	if err := m.Validate(); err != nil {
		return nn.MLP{}, fmt.Errorf("net %v: %s", a.Sizes, strings.TrimPrefix(err.Error(), "nn: "))
	}
	return m, nil
}

// DataDigest is the SHA-256 of a dataset's shape and values, for a header:
// parts computed from different data files under the same name do not
// merge.
func DataDigest(d nn.Dataset) string {
	h := sha256.New()
	var b [8]byte
	for _, v := range []int{d.N, d.In, d.Out} {
		binary.LittleEndian.PutUint64(b[:], uint64(v))
		h.Write(b[:])
	}
	for _, xs := range [][]float64{d.X, d.Y} {
		for _, x := range xs {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
