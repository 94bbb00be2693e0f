package nn

import (
	"math"
	"strconv"
)

// Assign solves the linear assignment problem for an n×n cost matrix: it
// returns the permutation perm minimising Σᵢ cost[i][perm[i]]. It is the
// Hungarian method of Kuhn ("The Hungarian method for the assignment
// problem", Naval Research Logistics Quarterly 2, 1955) as made polynomial
// by Munkres ("Algorithms for the assignment and transportation problems",
// J. SIAM 5, 1957), in the O(n³) shortest-augmenting-path form with dual
// potentials u, v. cost must be square with finite entries; it panics
// otherwise (a programmer error).
func Assign(cost [][]float64) []int {
	n := len(cost)
	for i, row := range cost {
		if len(row) != n {
			panic("nn: Assign: cost matrix is not square")
		}
		for _, c := range row {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				panic("nn: Assign: cost matrix has a non-finite entry in row " + strconv.Itoa(i))
			}
		}
	}
	// 1-based arrays; column 0 is a virtual start column.
	u := make([]float64, n+1) // row potentials
	v := make([]float64, n+1) // column potentials
	p := make([]int, n+1)     // p[j]: row matched to column j (0 = none)
	way := make([]int, n+1)   // previous column on the augmenting path
	minv := make([]float64, n+1)
	used := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = math.Inf(1)
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	perm := make([]int, n)
	for j := 1; j <= n; j++ {
		perm[p[j]-1] = j - 1
	}
	return perm
}
