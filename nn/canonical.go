package nn

import (
	"cmp"
	"slices"
)

// Canonical returns the representative of params' orbit under m's
// hidden-unit symmetries, so that equivalent nets compare equal. Hidden
// layers are normalised in order, first to last (a layer's in-weights are
// fixed once the layers before it are): for flippable activations every unit
// is first flipped so that the first non-zero of (bias, in-weights) is
// positive; then the units are sorted by (bias, in-weights, out-weights)
// lexicographically.
//
// For tanh and relu nets the canonical forms of two orbit members are
// bit-identical; for sigmoid nets the flip adds out-weights to the next
// layer's biases, so they agree up to rounding (a few ulps). At points with
// ties (two units with equal bias and in-weights, or a unit with all-zero
// in-weights and bias) the form is still a member of the orbit, but two
// equivalent points may give different forms.
func Canonical(m MLP, params []float64) ([]float64, error) {
	if err := m.checkParams("Canonical", params); err != nil {
		return nil, err
	}
	dst := append([]float64(nil), params...)
	for h := 1; h < len(m.Sizes)-1; h++ {
		n := m.Sizes[h]
		if Flippable(m.Hidden) {
			for i := range n {
				if unitSign(m, dst, h, i) < 0 {
					flipInPlace(m, dst, h, i)
				}
			}
		}
		perm := make([]int, n)
		for i := range perm {
			perm[i] = i
		}
		keys := make([][]float64, n)
		for i := range n {
			keys[i] = unitKey(m, dst, h, i)
		}
		slices.SortStableFunc(perm, func(a, b int) int { return slices.Compare(keys[a], keys[b]) })
		src := append([]float64(nil), dst...)
		permuteInto(m, dst, src, h, perm)
	}
	return dst, nil
}

// unitSign returns the sign of the first non-zero of (bias, in-weights) of
// unit i of hidden layer h, or 0 if all are zero.
func unitSign(m MLP, params []float64, h, i int) int {
	in := m.Layers(params)[h-1]
	if c := cmp.Compare(in.B[i], 0); c != 0 {
		return c
	}
	for _, w := range in.Row(i) {
		if c := cmp.Compare(w, 0); c != 0 {
			return c
		}
	}
	return 0
}

// unitKey returns (bias, in-weights, out-weights) of unit i of hidden layer h.
func unitKey(m MLP, params []float64, h, i int) []float64 {
	ls := m.Layers(params)
	in, out := ls[h-1], ls[h]
	key := append([]float64{in.B[i]}, in.Row(i)...)
	for o := range out.Out {
		key = append(key, out.W[o*out.In+i])
	}
	return key
}

// unitInKey returns (bias, in-weights) of unit i of hidden layer h.
func unitInKey(m MLP, params []float64, h, i int) []float64 {
	in := m.Layers(params)[h-1]
	return append([]float64{in.B[i]}, in.Row(i)...)
}
