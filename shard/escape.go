package shard

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/escape"
)

// EscapeHeader is what a part of an escape study (escape.Runs) records
// besides the runs: the problem and its start, the settings, each method
// with its learning rate, and the steps of the loss curves.
type EscapeHeader struct {
	Saddle      string         `json:"saddle"`
	Vars        []string       `json:"vars,omitempty"`
	Start       []float64      `json:"start"`
	SaddleValue Float          `json:"saddle_value"`
	Threshold   Float          `json:"threshold"`
	Eps         float64        `json:"eps"`
	Steps       int            `json:"steps"`
	N           int            `json:"n"`
	Seed        uint64         `json:"seed"`
	Methods     []EscapeMethod `json:"methods"`
	CurveSteps  []int          `json:"curve_steps"`
}

// EscapeMethod is a method and its learning rate.
type EscapeMethod struct {
	Method string  `json:"method"`
	LR     float64 `json:"lr"`
}

// EscapeRun is run r of one method; a part's item r holds run r of every
// method, in the order of the header's methods.
type EscapeRun struct {
	EscapeStep int     `json:"escape_step"`
	Final      Float   `json:"final_loss"`
	Diverged   bool    `json:"diverged"`
	Curve      []Float `json:"curve"`
}

// EscapeHeaderOf is the header of a report from escape.Runs, with the
// problem's variables (nil for a net), the perturbation eps, the steps, the
// runs per method n and the seed.
func EscapeHeaderOf(rep escape.Report, vars []string, eps float64, steps, n int, seed uint64) EscapeHeader {
	h := EscapeHeader{Saddle: rep.Problem, Vars: vars, Start: rep.Start, SaddleValue: Float(rep.SaddleValue),
		Threshold: Float(rep.Threshold), Eps: eps, Steps: steps, N: n, Seed: seed, CurveSteps: []int{}}
	for _, m := range rep.Results {
		h.Methods = append(h.Methods, EscapeMethod{Method: m.Method, LR: m.LR})
		h.CurveSteps = m.CurveSteps
	}
	return h
}

// Document is the study's output document (saddle escape --json) for the
// summarised report rep of the study this header describes.
func (h EscapeHeader) Document(rep escape.Report) escape.Document {
	return escape.Document{Saddle: h.Saddle, Vars: h.Vars, Start: h.Start, SaddleValue: float64(h.SaddleValue),
		Threshold: float64(h.Threshold), Eps: h.Eps, Steps: h.Steps, N: h.N, Seed: h.Seed, Methods: escape.Summaries(rep.Results)}
}

// EscapeItems turns runs[m][r] (escape.Runs) into one item per run r.
func EscapeItems(runs [][]escape.RunResult) [][]EscapeRun {
	var items [][]EscapeRun
	for r := range runs[0] {
		it := make([]EscapeRun, len(runs))
		for m := range runs {
			x := runs[m][r]
			it[m] = EscapeRun{EscapeStep: x.EscapeStep, Final: Float(x.Final), Diverged: x.Diverged, Curve: Floats(x.Curve)}
		}
		items = append(items, it)
	}
	return items
}

// Escape is the escape study: its parts merge into the summarised report
// one escape.Runs call over all runs and escape.Summarize give.
func Escape() Study[EscapeHeader, []EscapeRun, escape.Report] {
	return Study[EscapeHeader, []EscapeRun, escape.Report]{Name: "escape", Index: "run", Summarize: summarizeEscape}
}

func summarizeEscape(h EscapeHeader, items [][]EscapeRun) (escape.Report, error) {
	if len(items) != h.N {
		return escape.Report{}, fmt.Errorf("%d runs in the parts, the study has --n %d", len(items), h.N)
	}
	if len(h.Methods) == 0 {
		return escape.Report{}, fmt.Errorf("header: no methods")
	}
	rep := escape.Report{Problem: h.Saddle, Start: h.Start, SaddleValue: float64(h.SaddleValue), Threshold: float64(h.Threshold)}
	runs := make([][]escape.RunResult, len(h.Methods))
	for m, meth := range h.Methods {
		rep.Results = append(rep.Results, escape.MethodResult{Method: meth.Method, LR: meth.LR, Runs: h.N, CurveSteps: h.CurveSteps})
		runs[m] = make([]escape.RunResult, h.N)
	}
	for r, it := range items {
		if len(it) != len(h.Methods) {
			return escape.Report{}, &ItemError{Index: r, Msg: fmt.Sprintf("run %d has results of %d methods, the study has %d", r, len(it), len(h.Methods))}
		}
		for m, x := range it {
			if len(x.Curve) != len(h.CurveSteps) {
				return escape.Report{}, &ItemError{Index: r, Msg: fmt.Sprintf("run %d of %s has %d curve points, want %d", r, h.Methods[m].Method, len(x.Curve), len(h.CurveSteps))}
			}
			runs[m][r] = escape.RunResult{EscapeStep: x.EscapeStep, Final: float64(x.Final), Diverged: x.Diverged, Curve: FromFloats(x.Curve)}
		}
	}
	escape.Summarize(&rep, runs)
	return rep, nil
}
