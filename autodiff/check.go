package autodiff

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"
)

// CheckOptions sets the tolerances of CheckGrad and CheckHessian. A nil
// *CheckOptions, or a zero field, means PyTorch gradcheck's defaults
// (atol 1e-5, rtol 1e-3) and the steps of DESIGN: 1e-6 for gradients from
// values, 1e-4 for Hessians from gradients.
type CheckOptions struct {
	Atol, Rtol float64
	Step       float64
}

func (o *CheckOptions) withDefaults(step float64) CheckOptions {
	c := CheckOptions{Atol: 1e-5, Rtol: 1e-3, Step: step}
	if o != nil {
		if o.Atol > 0 {
			c.Atol = o.Atol
		}
		if o.Rtol > 0 {
			c.Rtol = o.Rtol
		}
		if o.Step > 0 {
			c.Step = o.Step
		}
	}
	return c
}

// CheckReport is the outcome of a derivative check: the worst component (the
// one furthest beyond its tolerance |a−n| ≤ atol + rtol·|n|) and, when the
// check fails, the op whose VJP rule disagrees with finite differences.
type CheckReport struct {
	OK      bool    `json:"ok"`
	Row     int     `json:"row"`     // worst component: its row (0 for gradients)
	Col     int     `json:"col"`     // and column
	Engine  float64 `json:"engine"`  // the engine's value there
	Numeric float64 `json:"numeric"` // the finite-difference value there
	AbsErr  float64 `json:"abs_err"` // |Engine − Numeric| at the worst component
	RelErr  float64 `json:"rel_err"` // AbsErr / max(|Numeric|, tiny)
	MaxAbs  float64 `json:"-"`       // largest |Engine − Numeric| over all components
	// Op is the failing op (with its shapes) found by checking each rule;
	// "" if none stands out.
	Op string `json:"suspect_op,omitempty"`
}

// String summarises the report in one line.
func (r CheckReport) String() string {
	s := fmt.Sprintf("worst [%d,%d]: engine %.10g, numeric %.10g, abs err %.3g, rel err %.3g", r.Row, r.Col, r.Engine, r.Numeric, r.AbsErr, r.RelErr)
	if r.Op != "" {
		s += "; suspect op " + r.Op
	}
	return s
}

// compare fills the worst-component fields of r from engine and numeric
// matrices (gradients are one row).
func (r *CheckReport) compare(engine, numeric [][]float64, o CheckOptions) {
	r.OK = true
	worst := math.Inf(-1)
	for i := range engine {
		for j := range engine[i] {
			a, n := engine[i][j], numeric[i][j]
			d := math.Abs(a - n)
			excess := d - (o.Atol + o.Rtol*math.Abs(n))
			if math.IsNaN(d) {
				excess = math.Inf(1)
			}
			r.MaxAbs = math.Max(r.MaxAbs, d)
			if excess > 0 {
				r.OK = false
			}
			if excess > worst {
				worst = excess
				r.Row, r.Col, r.Engine, r.Numeric, r.AbsErr = i, j, a, n, d
				r.RelErr = d / math.Max(math.Abs(n), 1e-300)
			}
		}
	}
}

// CheckGrad compares the engine's gradient of f at x with central
// differences (gonum diff/fd).
func CheckGrad(f Func, x []float64, opts *CheckOptions) CheckReport {
	o := opts.withDefaults(1e-6)
	engine := Grad(f, x)
	numeric := fd.Gradient(nil, func(p []float64) float64 { return Value(f, p) }, x,
		&fd.Settings{Formula: fd.Central, Step: o.Step})
	var r CheckReport
	r.compare([][]float64{engine}, [][]float64{numeric}, o)
	if !r.OK {
		xv := Variable(x)
		r.Op = suspectOp(f(xv), 1e-6)
	}
	return r
}

// CheckHessian compares the engine's Hessian of f at x with central
// differences of the engine's gradient.
func CheckHessian(f Func, x []float64, opts *CheckOptions) CheckReport {
	o := opts.withDefaults(1e-4)
	engine := Hessian(f, x)
	n := len(x)
	numeric := make([][]float64, n)
	for i := range numeric {
		numeric[i] = make([]float64, n)
	}
	p := append([]float64(nil), x...)
	for j := range n {
		p[j] = x[j] + o.Step
		gp := Grad(f, p)
		p[j] = x[j] - o.Step
		gm := Grad(f, p)
		p[j] = x[j]
		for i := range n {
			numeric[i][j] = (gp[i] - gm[i]) / (2 * o.Step)
		}
	}
	var r CheckReport
	r.compare(engine, numeric, o)
	if !r.OK {
		xv := Variable(x)
		y := f(xv)
		r.Op = suspectOp(Dot(Gradients(y, xv)[0], Const(onesLike(x))), 1e-6)
	}
	return r
}

func onesLike(x []float64) []float64 {
	o := make([]float64, len(x))
	for i := range o {
		o[i] = 1
	}
	return o
}

// suspectOp checks every op's VJP rule in the graph of y on its own: for a
// fixed cotangent u it compares the rule's ⟨u, ∂op/∂input⟩ with central
// differences of the op's value. It returns the first op (parents first)
// whose rule disagrees, as "Name(shapes)", or "".
func suspectOp(y *Node, step float64) string {
	for _, n := range topoSort([]*Node{y}, carriesGrad, false) {
		if n.vjp == nil || n.eval == nil || len(n.data) > 4096 {
			continue
		}
		u := make([]float64, len(n.data))
		for i := range u {
			u[i] = 1 + 0.1*float64(i%7)
		}
		in := make([][]float64, len(n.parents))
		for i, p := range n.parents {
			in[i] = append([]float64(nil), p.data...)
		}
		tmp := make([]float64, len(n.data))
		for j, p := range n.parents {
			if !p.requiresGrad && !p.variable {
				continue
			}
			gn := n.vjp(valueOnly(u, n.shape), j)
			if gn == nil {
				continue
			}
			for k := range in[j] {
				orig := in[j][k]
				in[j][k] = orig + step
				n.eval(tmp, in)
				plus := dotSlices(u, tmp)
				in[j][k] = orig - step
				n.eval(tmp, in)
				minus := dotSlices(u, tmp)
				in[j][k] = orig
				num := (plus - minus) / (2 * step)
				a := gn.data[k]
				if math.Abs(a-num) > 1e-4+1e-3*math.Abs(num) {
					shapes := ""
					for i, q := range n.parents {
						if i > 0 {
							shapes += ", "
						}
						shapes += shapeString(q.shape)
					}
					return fmt.Sprintf("%s(%s) input %d element %d: rule %.6g, numeric %.6g", n.op, shapes, j, k, a, num)
				}
			}
		}
	}
	return ""
}

func dotSlices(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// FirstNonFinite returns the first node (parents before children) in the
// graph of y whose value holds a NaN or an infinity, or nil. Its Op and
// parents say which operation produced it.
func FirstNonFinite(y *Node) *Node {
	for _, n := range topoSort([]*Node{y}, nil, false) {
		for _, v := range n.data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return n
			}
		}
	}
	return nil
}
