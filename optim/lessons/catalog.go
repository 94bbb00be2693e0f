package lessons

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Lesson is one lesson of the course as `saddle lessons` prints it and the
// explorer (saddle serve) shows it: its number, title, the course's claim in
// one sentence, the functions of this package that check it, and Explore,
// the explorer's URL query that opens a view in a state showing the claim.
type Lesson struct {
	Number  int    `json:"number"`
	Title   string `json:"title"`
	Claim   string `json:"claim"`
	Funcs   string `json:"funcs"`
	Explore string `json:"explore"`
}

// linRegFormula is lesson 1's loss Σ(yᵢ − b0 − b1·xᵢ)² on (0,1),(1,2),(3,3)
// as an explorer formula.
const linRegFormula = "(1 - b0)^2 + (2 - b0 - b1)^2 + (3 - b0 - 3*b1)^2"

// logisticFormula is lesson 3's logistic loss Σ softplus(zᵢ) − yᵢ·zᵢ, zᵢ =
// w·xᵢ + b, on LogisticX, LogisticY.
const logisticFormula = "softplus(-2*w + b) + softplus(-w + b) + softplus(0.5*w + b) - (0.5*w + b) + softplus(w + b) + softplus(2.5*w + b) - (2.5*w + b)"

// Catalog lists the nine lessons in order.
func Catalog() []Lesson {
	return []Lesson{
		{1, "Linear regression is convex",
			"The loss Σ(yᵢ − b0 − b1·xᵢ)² on (0,1),(1,2),(3,3) has one critical point, (8/7, 9/14), a minimum; its Hessian [[6,8],[8,20]] has eigenvalues 13 ± √113 > 0 everywhere, and gradient descent from anywhere ends there.",
			"Convexity", "f=" + linRegFormula + "&vp=-1,3,-1,2&opt=gd&gd_lr=0.02&steps=500&start=-0.5,1.5"},
		{2, "Learning rates",
			"On the same loss gradient descent is slow for a tiny learning rate, converges for a good one, zigzags along the top eigenvector above 1/λmax ≈ 0.04232 and diverges above 2/λmax ≈ 0.08464.",
			"LearningRates", "f=" + linRegFormula + "&vp=-1,3,-1,2&opt=gd&gd_lr=0.07&steps=100&start=-0.5,1.5"},
		{3, "Logistic regression derivatives",
			"The chain rule ∂ℓ/∂w = ∂ℓ/∂σ · ∂σ/∂z · ∂z/∂w collapses to (σ(wx+b) − y)·x, and the engine's gradient equals it term by term.",
			"LogisticChain", "f=" + logisticFormula + "&vp=-3,3,-3,3&opt=gd&gd_lr=0.5&steps=200&start=0.8,-0.3"},
		{4, "A neural net's loss is not a parabola",
			"The XOR loss, sliced along a line or a plane through the W1 start, is not convex: the Hessian there has a negative eigenvalue (−0.00887508328076912, docs/WORKLOADS.md W4a).",
			"NotParabola", "view=net"},
		{5, "h(x) = (1 − x²)²",
			"Minima at ±1 (h'' = 8) and a local maximum at 0 (h'' = −4) — 0 is not a minimum, as is sometimes claimed.",
			"QuarticLesson", "f=(1 - x^2)^2&vp=-2,2&start=0.2"},
		{6, "Permutation symmetry",
			"A trained 2-3-1 tanh net has 3!·2³ = 48 equivalent copies with the same loss at distinct points; restarts land in different copies, which a canonical form identifies as one solution.",
			"Symmetry", "view=net&act=tanh&hidden=3&init=xavier&opt=adam&lr=0.05&steps=2000&at=end"},
		{7, "Local versus global, and restarts",
			"The success rate of XOR training falls as the initialisation radius grows and rises with the hidden width; the failures are plateaus at infinity (loss near 1/8, 1/6 or 1/4, gradient shrinking, weights growing), not finite local minima.",
			"RestartStudy", "view=net&init=uniform&scale=4&lr=2&steps=4000&seed=6&at=end&rs=run"},
		{8, "Saddle points",
			"Θ1² − θ2² has a saddle (Hessian eigenvalues −2, 2); gradient descent on its stable manifold stalls there, perturbations and adaptive methods escape; the XOR origin is a degenerate saddle (0.1875 and eight zero eigenvalues).",
			"Saddles", "view=net&init=origin&steps=10"},
		{9, "Newton versus saddle-free Newton",
			"Newton's method jumps to the saddle of x² − y², saddle-free Newton (Dauphin et al. 2014) is repelled by it; a Newton step needs the Hessian (n Hessian-vector products) and its eigen-decomposition, so its cost outgrows a gradient's with the parameter count n.",
			"NewtonSaddle, MeasureCost", "f=x^2 - y^2&vp=-2,2,-2,2&start=-1,0.000001&opt=newton,sfn&steps=20"},
	}
}

// Query returns l's explorer state as an encoded URL query, with lesson=N
// so that the page shows the claim beside the view: Explore's pairs are
// written raw (a formula's spaces and + signs included) and escaped here.
func (l Lesson) Query() string {
	var parts []string
	for _, kv := range strings.Split(l.Explore, "&") {
		k, v, _ := strings.Cut(kv, "=")
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
	}
	return strings.Join(append(parts, "lesson="+strconv.Itoa(l.Number)), "&")
}

// ParseOnly parses a selection of lessons, comma-separated numbers of the
// Catalog ("1, 5"), for ReportOptions.Only; blank selects all (nil). The
// error quotes the first entry that is not a lesson number.
func ParseOnly(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n := len(Catalog())
	var sel []int
	for _, f := range strings.Split(s, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 || k > n {
			return nil, fmt.Errorf("%q is not a lesson number 1–%d", strings.TrimSpace(f), n)
		}
		sel = append(sel, k)
	}
	return sel, nil
}
