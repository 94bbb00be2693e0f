package escape

import (
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim/critical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckSaddle: x² − y² at 0 is a saddle (accepted); x² + y² at 0 is a
// minimum and at (1, 0) not critical (∇ = (2, 0)), both refused with the
// reason; −x² − y² at 0 is a maximum (accepted, and said by the kind).
func TestCheckSaddle(t *testing.T) {
	sq := func(v *autodiff.Node, i int) *autodiff.Node {
		return autodiff.Square(autodiff.Sum(autodiff.Slice(v, i, i+1)))
	}
	bowl := func(v *autodiff.Node) *autodiff.Node { return autodiff.Add(sq(v, 0), sq(v, 1)) }
	dome := func(v *autodiff.Node) *autodiff.Node { return autodiff.Neg(bowl(v)) }

	pt, err := CheckSaddle(Hyperbolic(), 0)
	require.NoError(t, err)
	assert.Equal(t, critical.Saddle, pt.Kind)

	_, err = CheckSaddle(FromFunc("bowl", bowl, []float64{0, 0}), 0)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "minimum")

	_, err = CheckSaddle(FromFunc("bowl", bowl, []float64{1, 0}), 0)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not critical (gradient norm 2")

	pt, err = CheckSaddle(FromFunc("dome", dome, []float64{0, 0}), 0)
	require.NoError(t, err)
	assert.Equal(t, critical.Maximum, pt.Kind)
}
