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

// runners are the functions that run the lessons of Catalog, in its order.
var runners = [...]func(r *runner) (any, []Claim, error){lesson1, lesson2, lesson3, lesson4, lesson5, lesson6, lesson7, lesson8, lesson9}

// ReportOptions says which lessons Run runs and where their figures go.
type ReportOptions struct {
	Context   context.Context // stops the restarts of lessons 6 and 7, the escape runs of lesson 8 and the run between lessons; nil: never
	Only      []int           // lesson numbers to run, in the order of Catalog; empty: all
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
	var reports []Report
	for _, l := range Catalog() {
		if len(opts.Only) > 0 && !slices.Contains(opts.Only, l.Number) {
			continue
		}
		if opts.Context != nil && opts.Context.Err() != nil {
			return reports, fmt.Errorf("interrupted before lesson %d", l.Number)
		}
		r, err := RunLesson(l, opts)
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

// RunLesson runs lesson l of Catalog (opts.Only is not consulted), stopping
// when opts.Context is cancelled.
func RunLesson(l Lesson, opts ReportOptions) (Report, error) {
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	bt := opts.BenchTime
	if bt == (BenchTime{}) {
		bt = BenchTime{D: defaultBenchTime}
	}
	rn := &runner{ctx: ctx, imgDir: opts.ImgDir, benchTime: bt}
	if l.Number < 1 || l.Number > len(runners) {
		panic(fmt.Sprintf("lessons: RunLesson: no lesson %d", l.Number))
	}
	res, claims, err := runners[l.Number-1](rn)
	if err != nil {
		return Report{}, fmt.Errorf("lesson %d: %w", l.Number, err)
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
