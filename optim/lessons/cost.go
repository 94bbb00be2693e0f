package lessons

import (
	"fmt"
	"github.com/saddle-dev/saddle/workload/ref"
	"math"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"gonum.org/v1/gonum/mat"
)

// CostOps are the operations whose cost lesson 9 measures, per parameter
// vector of size n: a gradient, one Hessian-vector product, a Hessian (n
// Hessian-vector products, one per unit vector) and a full saddle-free
// Newton step (the Hessian plus its O(n³) eigen-decomposition).
func CostOps() []string { return []string{"grad", "hvp", "hessian", "newton-step"} }

// CostHidden are the hidden widths of the nets whose costs `saddle lessons`
// measures: 2-H-1 tanh nets with n = 4H + 1 parameters, 9 to 257.
func CostHidden() []int { return []int{2, 4, 8, 16, 32, 64} }

// CostCase is one benchmark of lesson 9: Op on the 2-Hidden-1 tanh net
// (MSE on XOR) with Params parameters. New returns the operation with its
// own buffers (and program clones), ready to be called repeatedly: a Go
// benchmark calls it in its b.Loop, MeasureCost times it with a BenchTime.
type CostCase struct {
	Op     string
	Hidden int
	Params int
	New    func() func()
}

// costNet returns the problem of CostCase.
func costNet(h int) nn.Problem {
	return nn.Problem{Net: nn.MLP{Sizes: []int{2, h, 1}, Hidden: nn.Tanh, Output: nn.Sigmoid}, Loss: nn.MSE, Data: nn.XOR()}
}

// CostCases returns the benchmarks of every op of CostOps for every hidden
// width, on the compiled engine (autodiff.Program, autodiff.HVPProgram), at
// the formula init of docs/WORKLOADS.md.
func CostCases(hidden []int) ([]CostCase, error) {
	var cases []CostCase
	for _, h := range hidden {
		p := costNet(h)
		n := p.NumParams()
		f := p.Func()
		prog, err := autodiff.Compile(f, n)
		if err != nil {
			return nil, fmt.Errorf("lessons: CostCases: %v", err)
		}
		hvp, err := autodiff.CompileHVP(f, n)
		if err != nil {
			return nil, fmt.Errorf("lessons: CostCases: %v", err)
		}
		x := nn.InitFormula(p.Net)
		v := ref.W4Vector(n) // the HVP direction of docs/WORKLOADS.md W4
		cases = append(cases,
			CostCase{Op: "grad", Hidden: h, Params: n, New: func() func() {
				q, grad := prog.Clone(), make([]float64, n)
				return func() { q.ValueAndGrad(x, grad) }
			}},
			CostCase{Op: "hvp", Hidden: h, Params: n, New: func() func() {
				q, dst := hvp.Clone(), make([]float64, n)
				return func() { q.HVP(x, v, dst) }
			}},
			CostCase{Op: "hessian", Hidden: h, Params: n, New: func() func() {
				q, dst := hvp.Clone(), newSquare(n)
				return func() { q.Hessian(x, dst) }
			}},
			CostCase{Op: "newton-step", Hidden: h, Params: n, New: func() func() {
				q, gq := hvp.Clone(), prog.Clone()
				sfn := &optim.SaddleFreeNewton{LR: 1, Hess: hessFunc(q)}
				params, grad := make([]float64, n), make([]float64, n)
				return func() {
					copy(params, x)
					gq.ValueAndGrad(params, grad)
					sfn.Step(params, grad)
				}
			}},
		)
	}
	return cases, nil
}

// hessFunc adapts a compiled HVP program to optim.HessFunc.
func hessFunc(q *autodiff.HVPProgram) optim.HessFunc {
	h := newSquare(q.N())
	return func(x []float64, dst *mat.SymDense) {
		q.Hessian(x, h)
		for i := range h {
			for j := i; j < len(h); j++ {
				dst.SetSym(i, j, 0.5*(h[i][j]+h[j][i]))
			}
		}
	}
}

func newSquare(n int) [][]float64 {
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	return h
}

// CostPoint is the measured cost of the ops of CostOps for one net, in
// nanoseconds per operation.
type CostPoint struct {
	Hidden  int                `json:"hidden"`
	Params  int                `json:"params"`
	NsPerOp map[string]float64 `json:"ns_per_op"`
}

// CostResult is the outcome of MeasureCost.
type CostResult struct {
	Points []CostPoint `json:"points"`
	// Slope is the least-squares slope of log(time) against log(n) per op.
	Slope  map[string]float64 `json:"loglog_slope"`
	Claims []Claim            `json:"claims"`
}

// MeasureCost is lesson 9, second half: it times the operations of CostCases
// with nsPerOp (BenchTime.NsPerOp, or anything that returns the time per
// call of an operation in nanoseconds) and fits the growth of each op's
// cost with n by least squares on log–log axes. Expected (Pearlmutter 1994;
// Dauphin et al. 2014): a gradient and a Hessian-vector product cost a few
// passes over the net, O(n) here; a Hessian is n Hessian-vector products,
// O(n²); the eigen-decomposition of a Newton step adds O(n³). Timings are
// noisy and small sizes are dominated by fixed costs, so the verdicts use
// wide margins: the Hessian's slope exceeds the HVP's by at least 0.7, and at
// the largest n a Hessian costs more than n/8 HVPs and a Newton step more
// than a Hessian.
func MeasureCost(hidden []int, nsPerOp func(op func()) float64) (CostResult, error) {
	cases, err := CostCases(hidden)
	if err != nil {
		return CostResult{}, err
	}
	var res CostResult
	idx := map[int]int{}
	for _, c := range cases {
		i, ok := idx[c.Hidden]
		if !ok {
			i = len(res.Points)
			idx[c.Hidden] = i
			res.Points = append(res.Points, CostPoint{Hidden: c.Hidden, Params: c.Params, NsPerOp: map[string]float64{}})
		}
		ns := nsPerOp(c.New())
		if !(ns > 0) {
			return res, fmt.Errorf("lessons: MeasureCost: benchmark %s n=%d measured %g ns per op", c.Op, c.Params, ns)
		}
		res.Points[i].NsPerOp[c.Op] = ns
	}
	res.Slope = map[string]float64{}
	for _, op := range CostOps() {
		var xs, ys []float64
		for _, p := range res.Points {
			xs = append(xs, math.Log(float64(p.Params)))
			ys = append(ys, math.Log(p.NsPerOp[op]))
		}
		res.Slope[op] = slope(xs, ys)
	}
	last := res.Points[len(res.Points)-1]
	ratio := last.NsPerOp["hessian"] / last.NsPerOp["hvp"]
	res.Claims = []Claim{
		claimf(res.Slope["hessian"] >= res.Slope["hvp"]+0.7,
			"cost grows with n like n^%.2f for a gradient, n^%.2f for an HVP, n^%.2f for a Hessian (n HVPs), n^%.2f for a saddle-free Newton step",
			res.Slope["grad"], res.Slope["hvp"], res.Slope["hessian"], res.Slope["newton-step"]),
		claimf(ratio > float64(last.Params)/8 && last.NsPerOp["newton-step"] > last.NsPerOp["hessian"],
			"at n = %d: gradient %.3g µs, HVP %.3g µs, Hessian %.3g µs (%.0f HVPs' worth), Newton step %.3g µs (%.0f gradients' worth)",
			last.Params, last.NsPerOp["grad"]/1e3, last.NsPerOp["hvp"]/1e3, last.NsPerOp["hessian"]/1e3, ratio,
			last.NsPerOp["newton-step"]/1e3, last.NsPerOp["newton-step"]/last.NsPerOp["grad"]),
	}
	return res, nil
}

// slope returns the least-squares slope of ys against xs.
func slope(xs, ys []float64) float64 {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}
