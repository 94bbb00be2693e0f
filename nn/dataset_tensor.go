package nn

import (
	"fmt"

	"github.com/saddle-dev/saddle/internal/tensorval"
	"gorgonia.org/tensor"
)

// DatasetFromTensors returns the dataset whose samples are the rows of x
// (features) and of y (targets), of shapes (N, In) and (N, Out); a 1-D
// tensor is one column. The values are copied; float32 tensors are
// converted to float64, exactly. Tensors come from the world, so one that
// cannot be a dataset (nil, masked, of another dtype or rank, with another
// number of rows than the other) or a non-finite value (Validate) is an
// error naming the dataset and the tensor.
func DatasetFromTensors(name string, x, y *tensor.Dense) (Dataset, error) {
	xd, n, in, err := tensorRows(name, "X", x)
	if err != nil {
		return Dataset{}, err
	}
	yd, ny, out, err := tensorRows(name, "Y", y)
	if err != nil {
		return Dataset{}, err
	}
	if n != ny {
		return Dataset{}, fmt.Errorf("nn: dataset %q: X has shape %v and Y has shape %v, want as many rows", name, x.Shape(), y.Shape())
	}
	d := Dataset{Name: name, X: xd, Y: yd, N: n, In: in, Out: out}
	if err := d.Validate(); err != nil {
		return Dataset{}, err
	}
	return d, nil
}

// tensorRows reads a 1-D or 2-D tensor as rows.
func tensorRows(name, which string, t *tensor.Dense) (data []float64, rows, cols int, err error) {
	data, shape, err := tensorval.Float64s(t)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("nn: dataset %q: %s: %v", name, which, err)
	}
	switch len(shape) {
	case 1:
		return data, shape[0], 1, nil
	case 2:
		return data, shape[0], shape[1], nil
	}
	return nil, 0, 0, fmt.Errorf("nn: dataset %q: %s has shape %v, want (N, columns) or (N)", name, which, t.Shape())
}

// Tensors returns X and Y as float64 tensors of shapes (N, In) and
// (N, Out) that share the dataset's memory. It panics, naming the dataset
// and its dimensions, if they do not fit the data (a programmer error;
// Validate reports it as an error).
func (d Dataset) Tensors() (x, y *tensor.Dense) {
	if d.N < 1 || d.In < 1 || d.Out < 1 || len(d.X) != d.N*d.In || len(d.Y) != d.N*d.Out {
		panic(fmt.Sprintf("nn: Dataset.Tensors: dataset %q has N = %d, In = %d, Out = %d, and %d values of X and %d of Y", d.Name, d.N, d.In, d.Out, len(d.X), len(d.Y)))
	}
	x = tensor.New(tensor.WithShape(d.N, d.In), tensor.WithBacking(d.X))
	y = tensor.New(tensor.WithShape(d.N, d.Out), tensor.WithBacking(d.Y))
	return x, y
}
