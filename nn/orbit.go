package nn

import (
	"fmt"
	"math/big"
)

// MaxOrbit is the largest orbit Orbit enumerates.
const MaxOrbit = 100000

// OrbitSize returns the number of elements of m's hidden-unit symmetry
// group: the product over hidden layers of n!·2ⁿ for flippable activations
// (n!·2ⁿ equivalent copies of a generic point; docs/LITERATURE.md) and of n!
// otherwise.
func OrbitSize(m MLP) *big.Int {
	size := big.NewInt(1)
	for h := 1; h < len(m.Sizes)-1; h++ {
		n := int64(m.Sizes[h])
		size.Mul(size, new(big.Int).MulRange(1, n))
		if Flippable(m.Hidden) {
			size.Lsh(size, uint(n))
		}
	}
	return size
}

// Orbit returns every point equivalent to params under m's symmetry group:
// for each hidden layer every permutation (in lexicographic order) and, for
// flippable activations, every subset of flipped units; the product over
// layers. The first element is params itself. At a generic point the
// OrbitSize(m) members are distinct. Orbits larger than MaxOrbit are refused.
func Orbit(m MLP, params []float64) ([][]float64, error) {
	if err := m.checkParams("Orbit", params); err != nil {
		return nil, err
	}
	size := OrbitSize(m)
	if size.Cmp(big.NewInt(MaxOrbit)) > 0 {
		return nil, fmt.Errorf("nn: Orbit: net %v has %s equivalent points, more than the limit %d", m.Sizes, size, MaxOrbit)
	}
	elems := []Symmetry{IdentitySymmetry(m)}
	for h := 1; h < len(m.Sizes)-1; h++ {
		n := m.Sizes[h]
		var flips [][]bool
		if Flippable(m.Hidden) {
			for mask := range 1 << n {
				f := make([]bool, n)
				for i := range n {
					f[i] = mask&(1<<i) != 0
				}
				flips = append(flips, f)
			}
		} else {
			flips = [][]bool{nil}
		}
		var next []Symmetry
		for _, s := range elems {
			for _, p := range permutations(n) {
				for _, f := range flips {
					t := Symmetry{Perm: append([][]int(nil), s.Perm...), Flip: append([][]bool(nil), s.Flip...)}
					t.Perm[h], t.Flip[h] = p, f
					next = append(next, t)
				}
			}
		}
		elems = next
	}
	orbit := make([][]float64, len(elems))
	for i, s := range elems {
		p, err := s.Apply(m, params)
		if err != nil {
			return nil, err
		}
		orbit[i] = p
	}
	return orbit, nil
}

// permutations returns all permutations of 0..n−1 in lexicographic order,
// the identity first.
func permutations(n int) [][]int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	out := [][]int{append([]int(nil), p...)}
	for {
		// Next permutation (Knuth, TAOCP 7.2.1.2, Algorithm L).
		i := n - 2
		for i >= 0 && p[i] >= p[i+1] {
			i--
		}
		if i < 0 {
			return out
		}
		j := n - 1
		for p[j] <= p[i] {
			j--
		}
		p[i], p[j] = p[j], p[i]
		for a, b := i+1, n-1; a < b; a, b = a+1, b-1 {
			p[a], p[b] = p[b], p[a]
		}
		out = append(out, append([]int(nil), p...))
	}
}
