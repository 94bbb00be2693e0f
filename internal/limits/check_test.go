package limits

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckHeld(t *testing.T) {
	assert.NoError(t, CheckHeld("x", HeldValues, "h"), "the limit itself is allowed")
	err := CheckHeld("10⁹ restarts × 9 parameters", 9e9, "split the study with --shards")
	var le *Error
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "10⁹ restarts × 9 parameters makes 9e+09 values to keep in memory; the limit is 50000000 (split the study with --shards)", err.Error())
	assert.Error(t, CheckHeld("x", math.NaN(), "h"), "an overflowed count is refused")
}

func TestShortCount(t *testing.T) {
	assert.Equal(t, "999999999", ShortCount(999_999_999))
	assert.Equal(t, "1.23e+09", ShortCount(1_234_567_890))
}

func TestCheckSteps(t *testing.T) {
	assert.NoError(t, CheckSteps(TrainSteps/1000, 1, 9, 4))
	assert.EqualError(t, CheckSteps(TrainSteps+1, 1, 9, 4), "--steps 1000000001: the limit is 1000000000")
	// 10⁶ steps × 10 runs × (10⁵ parameters × 100 rows + 10⁴) ≈ 1.0001e14 > 10¹³.
	err := CheckSteps(1_000_000, 10, 100_000, 100)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is 1e+14 multiply-adds")
	assert.Contains(t, err.Error(), "or split the runs with --shards")
	// Work exactly at the limit: 10⁵ steps × (10⁴ parameters × 9999 rows + 10⁴) = 10⁵ × 10⁸ = 10¹³.
	assert.NoError(t, CheckSteps(100_000, 1, 10_000, 9_999))
	assert.Error(t, CheckSteps(100_000, 1, 10_000, 10_000), "10⁵ × (10⁸ + 10⁴) is over")
}
