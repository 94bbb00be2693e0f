package nn

import (
	"fmt"
	"math"
)

// maxMatchPasses bounds the sweeps over the hidden layers in MatchWeights.
const maxMatchPasses = 100

// MatchWeights returns b moved by a hidden-unit symmetry so that it lies as
// close as possible to a: the weight matching of Ainsworth, Hayase &
// Srinivasa ("Git Re-Basin: merging models modulo permutation symmetries",
// ICLR 2023). For each hidden layer h it finds the permutation π maximising
// Σᵢ S[i][π(i)], where S[i][j] is the inner product of unit i of a and unit j
// of b over their in-weights, bias and out-weights, by linear assignment
// (Assign). For flippable activations a unit of b may also be flipped
// (see FlipUnit); the similarity is then |S[i][j]| and the flip is taken
// when S[i][j] < 0. The layers are swept first to last, each matched
// against the current b, until a sweep changes nothing (coordinate ascent,
// as in the paper). The paper starts from identity permutations; here the
// first sweep matches on in-weights and bias only, which are aligned once
// the layers before are: this greedy start recovers an exact symmetry image
// in deep nets, where coordinate ascent from the identity can stall.
//
// If b is a symmetry image of a at a generic point, the result equals a
// (exactly for tanh and relu nets; up to rounding for sigmoid nets), since
// Σᵢ⟨aᵢ, a_σ(i)⟩ < Σᵢ|aᵢ|² for every σ other than the identity.
func MatchWeights(m MLP, a, b []float64) ([]float64, error) {
	if err := m.checkParams("MatchWeights", a); err != nil {
		return nil, err
	}
	if err := m.checkParams("MatchWeights", b); err != nil {
		return nil, err
	}
	for _, p := range [][]float64{a, b} {
		for k, x := range p {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("nn: MatchWeights: parameter %d is %v", k, x)
			}
		}
	}
	cur := append([]float64(nil), b...)
	flip := Flippable(m.Hidden)
	for pass := range maxMatchPasses {
		changed := false
		for h := 1; h < len(m.Sizes)-1; h++ {
			n := m.Sizes[h]
			sim := make([][]float64, n)
			cost := make([][]float64, n)
			key := unitKey
			if pass == 0 {
				key = unitInKey
			}
			for i := range n {
				ka := key(m, a, h, i)
				sim[i] = make([]float64, n)
				cost[i] = make([]float64, n)
				for j := range n {
					kb := key(m, cur, h, j)
					s := 0.0
					for k := range ka {
						s += ka[k] * kb[k]
					}
					sim[i][j] = s
					if flip {
						s = math.Abs(s)
					}
					cost[i][j] = -s
				}
			}
			perm := Assign(cost)
			s := IdentitySymmetry(m)
			s.Perm[h] = perm
			s.Flip[h] = make([]bool, n)
			moved := false
			for i, j := range perm {
				if j != i {
					moved = true
				}
				if flip && sim[i][j] < 0 {
					s.Flip[h][i] = true
					moved = true
				}
			}
			if !moved {
				continue
			}
			next, err := s.Apply(m, cur)
			if err != nil {
				return nil, err
			}
			cur, changed = next, true
		}
		if !changed && pass > 0 {
			return cur, nil
		}
	}
	return cur, nil
}
