package nn

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/internal/inputfile"
)

// CSVError is an error in a CSV file, at a 1-based line and column (the
// column is the 1-based byte index in the line, as in encoding/csv; it
// points at the start of the offending cell).
type CSVError struct {
	Path   string
	Line   int
	Column int
	Why    string
}

// Error formats the error as "file.csv:LINE:COL: why".
func (e *CSVError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Why)
}

// LoadCSV reads a dataset from a CSV file: a header row naming the columns
// (a first row of numbers only is refused: it is a sample, not a header,
// and reading it as one would lose it silently), then one sample per row, all numeric; the last column is the target and
// the others are the features (In = columns − 1, Out = 1). Blank lines are
// skipped. Every problem (empty file, a row with too few or too many cells,
// an empty cell, text or NaN/Inf where a number belongs) is a *CSVError
// naming file:line:column.
func LoadCSV(path string) (Dataset, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return Dataset{}, err
	}
	defer f.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return ReadCSV(f, path, name)
}

// ReadCSV reads a dataset in LoadCSV's format from r; path is used in error
// messages and name becomes the dataset's name.
func ReadCSV(r io.Reader, path, name string) (Dataset, error) {
	cr := &csvReader{r: csv.NewReader(r), path: path}
	cr.r.FieldsPerRecord = -1 // ragged rows are reported by us, with a column
	header, hline, err := cr.header()
	if err != nil {
		return Dataset{}, err
	}
	d := Dataset{Name: name, In: len(header) - 1, Out: 1}
	lastLine := hline
	for {
		rec, err := cr.r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvParseError(path, err)
		}
		line, _ := cr.r.FieldPos(0)
		lastLine = line
		if err := cr.row(&d, rec, header, line); err != nil {
			return Dataset{}, err
		}
		d.N++
	}
	if d.N == 0 {
		return Dataset{}, cr.fail(lastLine+1, 1, "no data rows after the header")
	}
	return d, nil
}

// csvReader reads a dataset CSV, naming path in its errors.
type csvReader struct {
	r    *csv.Reader
	path string
}

// fail returns a *CSVError at line:col.
func (cr *csvReader) fail(line, col int, format string, args ...any) error {
	return &CSVError{Path: cr.path, Line: line, Column: col, Why: fmt.Sprintf(format, args...)}
}

// header reads and checks the header row (at least two named columns, not
// all numbers) and returns it with its line.
func (cr *csvReader) header() ([]string, int, error) {
	header, err := cr.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, cr.fail(1, 1, "empty file: want a header row and at least one data row")
	}
	if err != nil {
		_, err := csvParseError(cr.path, err)
		return nil, 0, err
	}
	hline, _ := cr.r.FieldPos(0)
	if len(header) < 2 {
		return nil, 0, cr.fail(hline, 1, "header has %d column, want at least 2 (features, then the target)", len(header))
	}
	for j, h := range header {
		if strings.TrimSpace(h) == "" {
			_, col := cr.r.FieldPos(j)
			return nil, 0, cr.fail(hline, col, "header: column %d has no name", j+1)
		}
	}
	if allNumbers(header) {
		return nil, 0, cr.fail(hline, 1, "the first row is all numbers, but it must be the header naming the columns (add a line such as %s before it)", exampleHeader(len(header)))
	}
	return header, hline, nil
}

// row checks the data row rec (the last record read, at line) against
// header and appends its features to d.X and its target to d.Y.
func (cr *csvReader) row(d *Dataset, rec, header []string, line int) error {
	cols := len(header)
	if len(rec) != cols {
		// Point at the end of the last cell (where a comma is missing)
		// or at the first extra cell.
		k := min(len(rec), cols) - 1
		_, col := cr.r.FieldPos(k)
		if len(rec) > cols {
			_, col = cr.r.FieldPos(cols)
		} else {
			col += len(rec[k])
		}
		return cr.fail(line, col, "row has %d cells, header has %d", len(rec), cols)
	}
	for j, cell := range rec {
		_, col := cr.r.FieldPos(j)
		s := strings.TrimSpace(cell)
		if s == "" {
			return cr.fail(line, col, "missing value in column %q", header[j])
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			var ne *strconv.NumError
			if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
				return cr.fail(line, col, "%q in column %q is out of the float64 range", s, header[j])
			}
			return cr.fail(line, col, "%q in column %q is not a number", s, header[j])
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return cr.fail(line, col, "%q in column %q is not finite", s, header[j])
		}
		if j < cols-1 {
			d.X = append(d.X, v)
		} else {
			d.Y = append(d.Y, v)
		}
	}
	return nil
}

// csvParseError converts an encoding/csv error (e.g. a bare quote) to a
// *CSVError.
func csvParseError(path string, err error) (Dataset, error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Dataset{}, &CSVError{Path: path, Line: pe.Line, Column: pe.Column, Why: pe.Err.Error()}
	}
	return Dataset{}, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
}

// unwrapPath strips the *os.PathError wrapper so the message names the path once.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// allNumbers reports whether every cell of row parses as a number.
func allNumbers(row []string) bool {
	for _, c := range row {
		if _, err := strconv.ParseFloat(strings.TrimSpace(c), 64); err != nil {
			return false
		}
	}
	return true
}

// exampleHeader returns x1,x2,…,y for a file of cols columns.
func exampleHeader(cols int) string {
	names := make([]string, cols)
	for i := range cols - 1 {
		names[i] = fmt.Sprintf("x%d", i+1)
	}
	names[cols-1] = "y"
	return strings.Join(names, ",")
}
