package nn

import (
	"fmt"
	"math/rand/v2"
)

// Hidden layers are named by their index in MLP.Sizes: layer h, for
// 1 ≤ h ≤ len(Sizes)−2, has Sizes[h] units; their in-weights are the rows of
// weight layer h−1 (0-based, as returned by Layers) and their out-weights the
// columns of weight layer h.

// Flippable reports whether a hidden unit with activation a has a sign-flip
// symmetry that leaves the net's function unchanged: odd activations (tanh,
// identity: negate in-weights, bias and out-weights) and the sigmoid
// (σ(−z) = 1 − σ(z): negate in-weights, bias and out-weights and add the
// original out-weights to the next layer's biases). ReLU and softplus have
// none: relu(−z) = relu(z) − z and softplus(−z) = softplus(z) − z leave a
// term linear in z that the next layer cannot absorb.
func Flippable(a Activation) bool {
	in, ok := activationTable[a]
	return ok && in.flip != noFlip
}

// checkHidden returns an error unless layer names a hidden layer of m.
func (m MLP) checkHidden(op string, layer int) error {
	if layer < 1 || layer > len(m.Sizes)-2 {
		if len(m.Sizes) <= 2 {
			return fmt.Errorf("nn: %s: net %v has no hidden layer", op, m.Sizes)
		}
		return fmt.Errorf("nn: %s: layer %d is not a hidden layer of net %v (want 1..%d)", op, layer, m.Sizes, len(m.Sizes)-2)
	}
	return nil
}

// PermuteHidden returns a copy of params in which the units of hidden layer
// layer (an index into m.Sizes) are reordered: new unit i is old unit
// perm[i]. The rows of its in-weights and biases and the columns of its
// out-weights move together, so the net computes the same function.
func PermuteHidden(m MLP, params []float64, layer int, perm []int) ([]float64, error) {
	if err := m.checkParams("PermuteHidden", params); err != nil {
		return nil, err
	}
	if err := m.checkHidden("PermuteHidden", layer); err != nil {
		return nil, err
	}
	if err := checkPerm("PermuteHidden", perm, m.Sizes[layer]); err != nil {
		return nil, err
	}
	dst := append([]float64(nil), params...)
	permuteInto(m, dst, params, layer, perm)
	return dst, nil
}

// permuteInto writes src with hidden layer layer permuted by perm into dst
// (dst already holds a copy of src).
func permuteInto(m MLP, dst, src []float64, layer int, perm []int) {
	inS, inD := m.Layers(src)[layer-1], m.Layers(dst)[layer-1]
	outS, outD := m.Layers(src)[layer], m.Layers(dst)[layer]
	for i, p := range perm {
		copy(inD.Row(i), inS.Row(p))
		inD.B[i] = inS.B[p]
		for o := range outS.Out {
			outD.W[o*outD.In+i] = outS.W[o*outS.In+p]
		}
	}
}

// checkPerm returns an error unless perm is a permutation of 0..n−1.
func checkPerm(op string, perm []int, n int) error {
	if len(perm) != n {
		return fmt.Errorf("nn: %s: permutation has %d entries, layer has %d units", op, len(perm), n)
	}
	seen := make([]bool, n)
	for _, p := range perm {
		if p < 0 || p >= n || seen[p] {
			return fmt.Errorf("nn: %s: %v is not a permutation of 0..%d", op, perm, n-1)
		}
		seen[p] = true
	}
	return nil
}

// FlipUnit returns a copy of params with the sign-flip symmetry applied to
// unit unit of hidden layer layer (see Flippable): for tanh (and identity)
// the unit's in-weights, bias and out-weights are negated; for the sigmoid
// the in-weights, bias and out-weights are negated and the original
// out-weights are added to the next layer's biases, since
// v·σ(z) + c = −v·σ(−z) + (c + v). Activations without such a symmetry
// (relu, softplus) are an error.
//
// Every symmetry is a linear map A of the flat vector, so the loss is equal
// at p and Ap, ∇L(p) = Aᵀ∇L(Ap) and H(p) = Aᵀ H(Ap) A. Permutations and odd
// flips are orthogonal, so gradient norms and Hessian spectra are equal too;
// the sigmoid flip is not (it adds v to c): its Hessians are congruent, with
// the same inertia (counts of negative, zero and positive eigenvalues) but
// not the same eigenvalues.
func FlipUnit(m MLP, params []float64, layer, unit int) ([]float64, error) {
	if err := m.checkParams("FlipUnit", params); err != nil {
		return nil, err
	}
	if err := m.checkHidden("FlipUnit", layer); err != nil {
		return nil, err
	}
	if !Flippable(m.Hidden) {
		return nil, fmt.Errorf("nn: FlipUnit: activation %s has no sign-flip symmetry", m.Hidden)
	}
	if unit < 0 || unit >= m.Sizes[layer] {
		return nil, fmt.Errorf("nn: FlipUnit: unit %d out of range for layer %d of %d units", unit, layer, m.Sizes[layer])
	}
	dst := append([]float64(nil), params...)
	flipInPlace(m, dst, layer, unit)
	return dst, nil
}

// flipInPlace applies the flip of unit in hidden layer layer to params.
func flipInPlace(m MLP, params []float64, layer, unit int) {
	ls := m.Layers(params)
	in, out := ls[layer-1], ls[layer]
	row := in.Row(unit)
	for j := range row {
		row[j] = -row[j]
	}
	in.B[unit] = -in.B[unit]
	for o := range out.Out {
		v := out.W[o*out.In+unit]
		out.W[o*out.In+unit] = -v
		if m.Hidden.info("FlipUnit").flip == sigmoidFlip {
			out.B[o] += v
		}
	}
}

// Symmetry is one element of the group of hidden-unit symmetries of an MLP.
// Perm and Flip are indexed like MLP.Sizes; entries 0 and len(Sizes)−1 are
// unused (nil). For hidden layer h, new unit i is old unit Perm[h][i]
// (nil means the identity), and afterwards new unit i is sign-flipped when
// Flip[h][i] is true (nil means no flips).
type Symmetry struct {
	Perm [][]int
	Flip [][]bool
}

// IdentitySymmetry returns the identity element for m.
func IdentitySymmetry(m MLP) Symmetry {
	return Symmetry{Perm: make([][]int, len(m.Sizes)), Flip: make([][]bool, len(m.Sizes))}
}

// Apply returns a copy of params transformed by s: in each hidden layer the
// permutation, then the flips.
func (s Symmetry) Apply(m MLP, params []float64) ([]float64, error) {
	if err := m.checkParams("Symmetry.Apply", params); err != nil {
		return nil, err
	}
	if len(s.Perm) > len(m.Sizes) || len(s.Flip) > len(m.Sizes) {
		return nil, fmt.Errorf("nn: Symmetry.Apply: symmetry has %d layers, net %v has %d", max(len(s.Perm), len(s.Flip)), m.Sizes, len(m.Sizes))
	}
	dst := append([]float64(nil), params...)
	for h := 1; h < len(m.Sizes)-1; h++ {
		if h < len(s.Perm) && s.Perm[h] != nil {
			if err := checkPerm("Symmetry.Apply", s.Perm[h], m.Sizes[h]); err != nil {
				return nil, err
			}
			src := append([]float64(nil), dst...)
			permuteInto(m, dst, src, h, s.Perm[h])
		}
		if h < len(s.Flip) && s.Flip[h] != nil {
			if len(s.Flip[h]) != m.Sizes[h] {
				return nil, fmt.Errorf("nn: Symmetry.Apply: %d flips for layer %d of %d units", len(s.Flip[h]), h, m.Sizes[h])
			}
			for i, f := range s.Flip[h] {
				if !f {
					continue
				}
				if !Flippable(m.Hidden) {
					return nil, fmt.Errorf("nn: Symmetry.Apply: activation %s has no sign-flip symmetry", m.Hidden)
				}
				flipInPlace(m, dst, h, i)
			}
		}
	}
	for _, h := range []int{0, len(m.Sizes) - 1} {
		if (h < len(s.Perm) && s.Perm[h] != nil) || (h < len(s.Flip) && s.Flip[h] != nil) {
			return nil, fmt.Errorf("nn: Symmetry.Apply: layer %d of net %v is not hidden", h, m.Sizes)
		}
	}
	return dst, nil
}

// RandomSymmetry returns a uniformly random element of m's symmetry group:
// a random permutation of every hidden layer and, for flippable activations,
// independent random flips, from the generator seeded with seed.
func RandomSymmetry(m MLP, seed uint64) Symmetry {
	r := rand.New(rand.NewPCG(seed, 0x5E7))
	s := IdentitySymmetry(m)
	for h := 1; h < len(m.Sizes)-1; h++ {
		s.Perm[h] = r.Perm(m.Sizes[h])
		if Flippable(m.Hidden) {
			s.Flip[h] = make([]bool, m.Sizes[h])
			for i := range s.Flip[h] {
				s.Flip[h][i] = r.IntN(2) == 1
			}
		}
	}
	return s
}
