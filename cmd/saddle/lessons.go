package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/optim/lessons"
)

func init() {
	register(&command{
		name:    "lessons",
		summary: "reproduce the course's claims (convexity, learning rates, symmetry, saddles, Newton) with numbers, verdicts and figures",
		usage:   "saddle lessons [--out DIR] [--only 1,5] [--bench-time 50ms] [--json]",
		example: "saddle lessons --out docs",
		run:     runLessons,
	})
}

func runLessons(e *env, args []string) error {
	c := commands["lessons"]
	fs := newFlags(c)
	out := fs.String("out", "", "write the figures to DIR/img/ and the report to DIR/lessons.md (empty: print only)")
	only := fs.String("only", "", "comma-separated lesson numbers to run (default: all, 1–9)")
	benchTime := fs.String("bench-time", "50ms", "time per benchmark of lesson 9 (Go's -test.benchtime)")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	opts := lessons.ReportOptions{Context: e.ctx}
	var err error
	if opts.Only, err = lessons.ParseOnly(*only); err != nil {
		return usagef("--only %q: %v", *only, err)
	}
	if opts.BenchTime, err = lessons.ParseBenchTime(*benchTime); err != nil {
		return usagef("--bench-time %q: want a duration such as 50ms or an iteration count such as 100x", *benchTime)
	}
	if *out != "" {
		opts.ImgDir = filepath.Join(*out, "img")
		if err := os.MkdirAll(opts.ImgDir, 0o755); err != nil {
			return fmt.Errorf("cannot create %s: %v", opts.ImgDir, err)
		}
	}
	reports, err := lessons.Run(opts, func(r lessons.Report) {
		if !*jsonOut {
			fmt.Fprint(e.stdout, r.Text)
		}
	})
	if err != nil {
		return err
	}
	if *out != "" {
		if err := atomicfile.Write(filepath.Join(*out, "lessons.md"), func(w io.Writer) error {
			return lessons.WriteMarkdown(w, reports)
		}); err != nil {
			return err
		}
	}
	failed := lessons.Failed(reports)
	if *jsonOut {
		if err := writeJSON(e, struct {
			Lessons []lessons.Report `json:"lessons"`
			Failed  int              `json:"failed_claims"`
		}{reports, failed}); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d claim(s) failed (see the FAIL lines)", failed)
	}
	return nil
}
