package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/critical"
)

// LinRegX and LinRegY are the three points (0,1), (1,2), (3,3) of the
// course's linear regression.
func LinRegX() []float64 { return []float64{0, 1, 3} }

// LinRegY: see LinRegX.
func LinRegY() []float64 { return []float64{1, 2, 3} }

// LinRegLoss is the course's loss L(b0, b1) = Σᵢ (yᵢ − b0 − b1·xᵢ)², the sum
// (not the mean) of squared residuals over LinRegX, LinRegY, as a function of
// params = (b0, b1). Its gradient is −2Σ(r, r·x) and its Hessian the constant
// 2·[[n, Σx], [Σx, Σx²]] = [[6, 8], [8, 20]].
func LinRegLoss(params *autodiff.Node) *autodiff.Node {
	x := autodiff.Const(LinRegX())
	y := autodiff.Const(LinRegY())
	b0 := autodiff.Slice(params, 0, 1)
	b1 := autodiff.Slice(params, 1, 2)
	r := autodiff.Sub(autodiff.Sub(y, b0), autodiff.Mul(b1, x))
	return autodiff.Sum(autodiff.Square(r))
}

// The closed forms of the course's linear regression: the minimiser solves
// the normal equations [[3, 4], [4, 10]]·(b0, b1) = (Σy, Σxy) = (6, 11), so b0 = 8/7,
// b1 = 9/14; the Hessian [[6,8],[8,20]] has trace 26 and determinant 56, so
// λ = 13 ± √(169 − 56) = 13 ± √113.
func LinRegMin() [2]float64 { return [2]float64{8.0 / 7, 9.0 / 14} }

// LinRegLambdaMin is the smaller Hessian eigenvalue 13 − √113 (see LinRegMin).
func LinRegLambdaMin() float64 { return 13 - math.Sqrt(113) }

// LinRegLambdaMax is the larger Hessian eigenvalue 13 + √113 (see LinRegMin).
func LinRegLambdaMax() float64 { return 13 + math.Sqrt(113) }

// ConvexityResult is the outcome of Convexity.
type ConvexityResult struct {
	Box        [2][2]float64    `json:"box"` // {lo, hi} of the search box
	Points     []critical.Point `json:"critical_points"`
	Hessian    [2][2]float64    `json:"hessian"`     // at the minimum
	Eigen      []float64        `json:"eigenvalues"` // ascending
	HessianDev float64          `json:"hessian_max_deviation"`
	Paths      []Path           `json:"paths"`
	LR         float64          `json:"lr"`
	Claims     []Claim          `json:"claims"`
}

// Convexity is lesson 1: linear regression is convex. critical.Find searches
// the box [−10, 10]² for critical points of LinRegLoss; the expected answer is
// one minimum at (8/7, 9/14) with Hessian eigenvalues 13 ± √113. The Hessian
// is also evaluated at 100 seeded random points of the box (it is constant,
// so its largest deviation from [[6,8],[8,20]] must be rounding only), and
// gradient descent (lr 0.02 < 1/λmax) runs 500 steps from four starts, which
// must all end at the minimum.
func Convexity() (ConvexityResult, error) {
	res := ConvexityResult{Box: [2][2]float64{{-10, -10}, {10, 10}}, LR: 0.02}
	prob := critical.FromFunc(LinRegLoss)
	pts, err := critical.Find(prob, res.Box[0][:], res.Box[1][:], critical.Options{})
	if err != nil {
		return res, fmt.Errorf("lessons: Convexity: %v", err)
	}
	res.Points = pts
	minimum := LinRegMin()
	h := autodiff.Hessian(LinRegLoss, minimum[:])
	res.Hessian = [2][2]float64{{h[0][0], h[0][1]}, {h[1][0], h[1][1]}}
	res.Eigen, _, err = eigenvalues(h)
	if err != nil {
		return res, err
	}
	want := [2][2]float64{{6, 8}, {8, 20}}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 100 {
		x := []float64{-10 + 20*rng.Float64(), -10 + 20*rng.Float64()}
		hx := autodiff.Hessian(LinRegLoss, x)
		for i := range 2 {
			for j := range 2 {
				res.HessianDev = max(res.HessianDev, math.Abs(hx[i][j]-want[i][j]))
			}
		}
	}
	obj := optim.FromFunc(LinRegLoss)
	maxDist := 0.0
	for _, s := range [][]float64{{-2, -1}, {4, 2}, {-1.5, 2.5}, {3.5, -1.5}} {
		p := runPath(fmt.Sprintf("GD from (%g, %g)", s[0], s[1]), obj, optimizer("gd", optim.Settings{LR: res.LR}), s, 500, nil)
		res.Paths = append(res.Paths, p)
		maxDist = max(maxDist, math.Hypot(p.Final[0]-LinRegMin()[0], p.Final[1]-LinRegMin()[1]))
	}

	const tol = 1e-9 // the critical points are solved to ‖∇L‖ ≤ 1e-8 on a Hessian of norm ~24
	one := len(pts) == 1
	c := critical.Point{}
	if one {
		c = pts[0]
	}
	res.Claims = []Claim{
		claimf(one && c.Kind == critical.Minimum, "critical.Find on [−10,10]² finds %d critical point(s); the only one is a %s", len(pts), c.Kind),
		claimf(one && near(c.X[0], LinRegMin()[0], tol) && near(c.X[1], LinRegMin()[1], tol),
			"it is (b0, b1) = (%.12f, %.12f); closed form (8/7, 9/14) = (%.12f, %.12f)", at(c.X, 0), at(c.X, 1), LinRegMin()[0], LinRegMin()[1]),
		claimf(res.HessianDev < 1e-12, "the Hessian is [[%g, %g], [%g, %g]] at the minimum and at 100 random points (largest deviation %.1e): the loss is a quadratic",
			h[0][0], h[0][1], h[1][0], h[1][1], res.HessianDev),
		claimf(near(res.Eigen[0], LinRegLambdaMin(), 1e-12) && near(res.Eigen[1], LinRegLambdaMax(), 1e-12) && res.Eigen[0] > 0,
			"its eigenvalues %.12f and %.12f equal 13 ∓ √113 = %.12f, %.12f: both > 0, convex everywhere", res.Eigen[0], res.Eigen[1], LinRegLambdaMin(), LinRegLambdaMax()),
		claimf(maxDist < 1e-8, "gradient descent (lr %g, 500 steps) from 4 starts ends within %.1e of (8/7, 9/14)", res.LR, maxDist),
	}
	return res, nil
}

// at returns x[i], or NaN when x is too short (a claim about a point that
// was not found).
func at(x []float64, i int) float64 {
	if i < len(x) {
		return x[i]
	}
	return math.NaN()
}

// LearningRatesResult is the outcome of LearningRates.
type LearningRatesResult struct {
	Start        []float64         `json:"start"`
	Steps        int               `json:"steps"`
	LambdaMax    float64           `json:"lambda_max"`
	ZigzagAbove  float64           `json:"zigzag_above"`  // 1/λmax
	DivergeAbove float64           `json:"diverge_above"` // 2/λmax
	Runs         []LearningRateRun `json:"runs"`
	Claims       []Claim           `json:"claims"`
}

// LearningRateRun is one learning rate of LearningRates.
type LearningRateRun struct {
	LR        float64      `json:"lr"`
	Expected  optim.Regime `json:"expected"` // from lr against 1/λmax and 2/λmax
	Regime    optim.Regime `json:"observed"` // optim.Sweep's classification
	FinalLoss float64      `json:"final_loss"`
	// Ratio is the observed factor of the error along the top eigenvector
	// per step, ((θ_2 − θ*)·q)/((θ_1 − θ*)·q); on a quadratic
	// it is exactly 1 − lr·λmax (negative: a zigzag).
	Ratio float64 `json:"top_ratio"`
	Path  Path    `json:"-"`
}

// LearningRates is lesson 2: gradient descent on LinRegLoss from (−1, 2)
// with four learning rates, 100 steps each, classified by optim.Sweep. The
// expected regimes follow from λmax = 13 + √113 ≈ 23.63 (docs/LITERATURE.md): lr
// 0.005 is too slow (the error along the bottom eigenvector shrinks by
// (1 − 0.005·2.37)¹⁰⁰ ≈ 0.3 only), 0.04 < 1/λmax ≈ 0.04232 converges
// monotonically, 0.07 in (1/λmax, 2/λmax) zigzags and converges, 0.09 >
// 2/λmax ≈ 0.08464 diverges.
func LearningRates() LearningRatesResult {
	start := []float64{-1, 2}
	lrs := []float64{0.005, 0.04, 0.07, 0.09}
	const steps = 100
	obj := optim.FromFunc(LinRegLoss)
	sw := optim.Sweep(obj, start, lrs, optim.SweepConfig{Steps: steps, Hess: optim.HessianFromFunc(LinRegLoss), Paths: true})
	res := LearningRatesResult{Start: start, Steps: steps, LambdaMax: sw.LambdaMax, ZigzagAbove: sw.ZigzagAbove, DivergeAbove: sw.DivergeAbove}
	// q: the unit eigenvector of λmax of [[6,8],[8,20]]: (8, λmax − 6)/‖·‖.
	q := []float64{8, LinRegLambdaMax() - 6}
	nq := math.Hypot(q[0], q[1])
	q[0], q[1] = q[0]/nq, q[1]/nq
	proj := func(x []float64) float64 { return (x[0]-LinRegMin()[0])*q[0] + (x[1]-LinRegMin()[1])*q[1] }
	names := []string{"too small", "good", "zigzag", "diverges"}
	for i, r := range sw.Runs {
		run := LearningRateRun{LR: r.LR, Regime: r.Regime, FinalLoss: r.Result.FinalLoss}
		switch {
		case r.LR > 2/LinRegLambdaMax():
			run.Expected = optim.Diverges
		case r.LR > 1/LinRegLambdaMax():
			run.Expected = optim.Zigzags
		case math.Pow(1-r.LR*LinRegLambdaMin(), steps) > 1e-3:
			run.Expected = optim.TooSlow
		default:
			run.Expected = optim.Converges
		}
		p := Path{Label: fmt.Sprintf("lr %g (%s)", r.LR, names[i])}
		for _, pt := range r.Result.Trace {
			p.X = append(p.X, pt.Params)
			p.Loss = append(p.Loss, pt.Loss)
			p.GradNorm = append(p.GradNorm, pt.GradNorm)
		}
		p.Final, p.Steps = r.Result.Params, r.Result.Steps
		run.Path = p
		if len(p.X) > 2 {
			run.Ratio = proj(p.X[2]) / proj(p.X[1])
		}
		res.Runs = append(res.Runs, run)
	}
	res.Claims = []Claim{
		claimf(near(res.LambdaMax, LinRegLambdaMax(), 1e-12), "λmax = %.10f = 13 + √113: zigzag above 1/λmax = %.5f, divergence above 2/λmax = %.5f",
			res.LambdaMax, res.ZigzagAbove, res.DivergeAbove),
	}
	for _, run := range res.Runs {
		c := claimf(run.Regime == run.Expected && near(run.Ratio, 1-run.LR*LinRegLambdaMax(), 1e-6),
			"lr %-5g: %-10s (expected %s); error along the top eigenvector ×%+.6f per step = 1 − lr·λmax = %+.6f; loss after %d steps %.6g",
			run.LR, run.Regime, run.Expected, run.Ratio, 1-run.LR*LinRegLambdaMax(), steps, run.FinalLoss)
		res.Claims = append(res.Claims, c)
	}
	return res
}

// LinRegValue is LinRegLoss in plain float64, for contour plots.
func LinRegValue(b0, b1 float64) float64 {
	s := 0.0
	for i, x := range LinRegX() {
		r := LinRegY()[i] - b0 - b1*x
		s += r * r
	}
	return s
}
