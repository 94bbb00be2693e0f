package landscape

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Trajectory is a training path seen in the plane of its top-2 principal
// directions.
type Trajectory struct {
	// Dirs are the top-2 principal directions (unit, orthogonal) of the
	// differences θ_t − θ_final.
	Dirs [2][]float64
	// Explained is the share of Σ‖θ_t − θ_final‖² along each direction
	// (σᵢ²/Σσ², σ the singular values); their sum is 1 for a path that
	// lies in a plane.
	Explained [2]float64
	// Path holds the coordinates (⟨θ_t − θ_final, Dirs[0]⟩, ⟨…, Dirs[1]⟩).
	Path [][2]float64
}

// PCA returns the top-2 principal directions of a trajectory θ_0 … θ_T (rows
// of traj, all the same length ≥ 2) taken about its last point, as Li et al.
// (NeurIPS 2018, §7) do to draw optimizer paths on a loss plane: the right
// singular vectors of the matrix whose rows are θ_t − θ_final (gonum
// mat.SVD). Each direction's sign is fixed so that its largest-magnitude
// component is positive. A trajectory that never moves is an error.
func PCA(traj [][]float64) (Trajectory, error) {
	if len(traj) < 2 {
		return Trajectory{}, fmt.Errorf("landscape: PCA needs at least 2 points of a trajectory, got %d", len(traj))
	}
	n := len(traj[0])
	if n < 2 {
		return Trajectory{}, fmt.Errorf("landscape: PCA needs at least 2 parameters, got %d", n)
	}
	last := traj[len(traj)-1]
	d := mat.NewDense(len(traj), n, nil)
	for t, p := range traj {
		if len(p) != n {
			panic(fmt.Sprintf("landscape: PCA: point %d has %d parameters, point 0 has %d", t, len(p), n))
		}
		for i := range p {
			d.Set(t, i, p[i]-last[i])
		}
	}
	var svd mat.SVD
	if !svd.Factorize(d, mat.SVDThin) {
		return Trajectory{}, fmt.Errorf("landscape: PCA: SVD did not converge")
	}
	s := svd.Values(nil)
	total := 0.0
	for _, v := range s {
		total += v * v
	}
	if total == 0 {
		return Trajectory{}, fmt.Errorf("landscape: PCA: the trajectory does not move")
	}
	var v mat.Dense
	svd.VTo(&v)
	var tr Trajectory
	for k := 0; k < 2; k++ {
		dir := make([]float64, n)
		if k < len(s) {
			mat.Col(dir, k, &v)
			tr.Explained[k] = s[k] * s[k] / total
		}
		canonicalSign(dir)
		tr.Dirs[k] = dir
	}
	tr.Path = make([][2]float64, len(traj))
	for t := range traj {
		for k := 0; k < 2; k++ {
			tr.Path[t][k] = mat.Dot(d.RowView(t), mat.NewVecDense(n, tr.Dirs[k]))
		}
	}
	return tr, nil
}

// canonicalSign flips v so that its largest-magnitude component is positive.
func canonicalSign(v []float64) {
	k := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[k]) {
			k = i
		}
	}
	if v[k] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}
