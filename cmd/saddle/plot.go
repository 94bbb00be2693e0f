package main

import "github.com/saddle-dev/saddle/figure"

// The subcommands draw with package figure; these names keep their call
// sites short.
type (
	linePlot    = figure.Lines
	lineSeries  = figure.Series
	contourPlot = figure.Contour
)

// plotFormat returns "png" or "svg" from the extension of a --plot path;
// any other extension is a usage error.
func plotFormat(path string) (string, error) {
	f, err := figure.Format(path)
	if err != nil {
		return "", usagef("--plot %q: the extension must be .png or .svg", path)
	}
	return f, nil
}

// plotLines draws lp to path (format by extension; a bad one is a usage error).
func plotLines(path string, lp linePlot) error { return plotWrite(path, lp) }

// plotContour draws c to path (format by extension; a bad one is a usage error).
func plotContour(path string, c contourPlot) error { return plotWrite(path, c) }

func plotWrite(path string, f figure.Figure) error {
	if _, err := plotFormat(path); err != nil {
		return err
	}
	return figure.Write(path, f)
}

// allPositive reports whether a log Y axis can show every finite value.
func allPositive(series []lineSeries) bool { return figure.AllPositive(series) }
