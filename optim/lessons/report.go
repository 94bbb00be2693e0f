package lessons

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/saddle-dev/saddle/figure"
)

// Lesson is one lesson of the report: its number, title, the course's claim
// in one sentence and the library functions that run it.
type Lesson struct {
	Number int
	Title  string
	Claim  string
	Funcs  []string // functions of this package, e.g. "Convexity"
	run    func(r *runner) (any, []Claim, error)
}

// List returns the nine lessons in the order of the course.
func List() []Lesson {
	return []Lesson{
		{1, "Linear regression is convex", "The loss Σ(yᵢ − b0 − b1·xᵢ)² on (0,1),(1,2),(3,3) has one critical point, (8/7, 9/14), a minimum; its Hessian [[6,8],[8,20]] has eigenvalues 13 ± √113 > 0 everywhere, and gradient descent from anywhere ends there.", []string{"Convexity"}, lesson1},
		{2, "Learning rates", "On the same loss gradient descent is slow for a tiny learning rate, converges for a good one, zigzags along the top eigenvector above 1/λmax ≈ 0.04232 and diverges above 2/λmax ≈ 0.08464.", []string{"LearningRates"}, lesson2},
		{3, "Logistic regression derivatives", "The chain rule ∂ℓ/∂w = ∂ℓ/∂σ · ∂σ/∂z · ∂z/∂w collapses to (σ(wx+b) − y)·x, and the engine's gradient equals it term by term.", []string{"LogisticChain"}, lesson3},
		{4, "A neural net's loss is not a parabola", "The XOR loss, sliced along a line or a plane through the W1 start, is not convex: the Hessian there has a negative eigenvalue (−0.00887508328076912, WORKLOADS.md W4a).", []string{"NotParabola"}, lesson4},
		{5, "h(x) = (1 − x²)²", "Minima at ±1 (h'' = 8) and a local maximum at 0 (h'' = −4) — 0 is not a minimum, as is sometimes claimed.", []string{"QuarticLesson"}, lesson5},
		{6, "Permutation symmetry", "A trained 2-3-1 tanh net has 3!·2³ = 48 equivalent copies with the same loss at distinct points; restarts land in different copies, which a canonical form identifies as one solution.", []string{"Symmetry"}, lesson6},
		{7, "Local versus global, and restarts", "The success rate of XOR training falls as the initialisation radius grows and rises with the hidden width; the failures are plateaus at infinity (loss near 1/8, 1/6 or 1/4, gradient shrinking, weights growing), not finite local minima.", []string{"RestartStudy"}, lesson7},
		{8, "Saddle points", "Θ1² − θ2² has a saddle (Hessian eigenvalues −2, 2); gradient descent on its stable manifold stalls there, perturbations and adaptive methods escape; the XOR origin is a degenerate saddle (0.1875 and eight zero eigenvalues).", []string{"Saddles"}, lesson8},
		{9, "Newton versus saddle-free Newton", "Newton's method jumps to the saddle of x² − y², saddle-free Newton (Dauphin et al. 2014) is repelled by it; a Newton step needs the Hessian (n Hessian-vector products) and its eigen-decomposition, so its cost outgrows a gradient's with the parameter count n.", []string{"NewtonSaddle", "MeasureCost"}, lesson9},
	}
}

// ReportOptions says which lessons Run runs and where their figures go.
type ReportOptions struct {
	Context   context.Context // stops lesson 7's study and the run between lessons; nil: never
	Only      []int           // lesson numbers to run, in the order of List; empty: all
	ImgDir    string          // directory the figures are written to (it must exist); "": no figures
	BenchTime BenchTime       // per timed operation of lesson 9; zero: 50ms
}

// Report is the outcome of one lesson: the claims with their verdicts, the
// result of the library function(s) as JSON, the figure files and the text
// block `saddle lessons` prints.
type Report struct {
	Number  int             `json:"number"`
	Title   string          `json:"title"`
	Command string          `json:"command"`
	Pass    bool            `json:"pass"`
	Claims  []Claim         `json:"claims"`
	Notes   []string        `json:"notes,omitempty"`
	Figures []string        `json:"figures,omitempty"` // file names under ImgDir
	Result  json.RawMessage `json:"result,omitempty"`
	Text    string          `json:"-"` // header, verdicts, notes and tables, as printed
	Lesson  Lesson          `json:"-"`
}

// Failed returns the number of failed claims in reports.
func Failed(reports []Report) int {
	n := 0
	for _, r := range reports {
		for _, c := range r.Claims {
			if !c.Pass {
				n++
			}
		}
	}
	return n
}

// Run runs the selected lessons in order, calling each (if not nil) with
// every report as soon as its lesson is done, and returns the reports. A
// failed claim is not an error (see Failed); an error stops the run.
func Run(opts ReportOptions, each func(Report)) ([]Report, error) {
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var reports []Report
	for _, l := range List() {
		if len(opts.Only) > 0 && !slices.Contains(opts.Only, l.Number) {
			continue
		}
		if ctx.Err() != nil {
			return reports, fmt.Errorf("interrupted before lesson %d", l.Number)
		}
		r, err := RunLesson(ctx, l, opts)
		if err != nil {
			return reports, err
		}
		if each != nil {
			each(r)
		}
		reports = append(reports, r)
	}
	return reports, nil
}

// RunLesson runs one lesson of List (opts.Only is not consulted).
func RunLesson(ctx context.Context, l Lesson, opts ReportOptions) (Report, error) {
	bt := opts.BenchTime
	if bt == (BenchTime{}) {
		bt = BenchTime{D: defaultBenchTime}
	}
	rn := &runner{ctx: ctx, imgDir: opts.ImgDir, benchTime: bt}
	res, claims, err := l.run(rn)
	if err != nil {
		return Report{}, fmt.Errorf("lesson %d: %v", l.Number, err)
	}
	r := Report{Number: l.Number, Title: l.Title, Command: fmt.Sprintf("go run ./cmd/saddle lessons --only %d", l.Number),
		Pass: AllPass(claims), Claims: claims, Notes: rn.notes, Figures: rn.figures, Lesson: l}
	if b, err := json.Marshal(res); err == nil {
		r.Result = b
	}
	r.Text = r.format(rn.text.String())
	return r, nil
}

// runner is what a lesson may use: the context, where figures go, and the
// text and notes it adds under its claims.
type runner struct {
	ctx       context.Context
	imgDir    string
	benchTime BenchTime
	figures   []string
	text      strings.Builder
	notes     []string
}

// draw writes the figure made by mk to imgDir/name, unless figures are off
// or an earlier figure failed (err), and returns the error.
func (r *runner) draw(err error, name string, mk func() figure.Figure) error {
	if err != nil || r.imgDir == "" {
		return err
	}
	r.figures = append(r.figures, name)
	return figure.Write(filepath.Join(r.imgDir, name), mk())
}
