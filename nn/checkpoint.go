package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/internal/inputfile"
)

// CheckpointVersion is the format version written by SaveCheckpoint; other
// versions are rejected by LoadCheckpoint.
const CheckpointVersion = 1

// Checkpoint is a net, its parameters and, optionally, the state of the
// optimizer that was training it, as stored on disk in JSON.
type Checkpoint struct {
	Version int        `json:"version"`
	Sizes   []int      `json:"sizes"`
	Hidden  Activation `json:"hidden"`
	Output  Activation `json:"output"`
	Loss    Loss       `json:"loss,omitempty"`
	Params  []float64  `json:"params"`
	// Optimizer names the optimizer whose State is saved ("adam", …).
	Optimizer string `json:"optimizer,omitempty"`
	// State holds the optimizer's vectors by name ("m", "v", "velocity", …).
	State map[string][]float64 `json:"state,omitempty"`
	// Step counts the optimizer steps taken.
	Step int `json:"step,omitempty"`
}

// NewCheckpoint returns a checkpoint of the current format version for net m
// trained with loss, holding a copy of params.
func NewCheckpoint(m MLP, loss Loss, params []float64) Checkpoint {
	return Checkpoint{
		Version: CheckpointVersion,
		Sizes:   append([]int(nil), m.Sizes...),
		Hidden:  m.Hidden,
		Output:  m.Output,
		Loss:    loss,
		Params:  append([]float64(nil), params...),
	}
}

// Net returns the checkpoint's net.
func (ck Checkpoint) Net() MLP {
	return MLP{Sizes: append([]int(nil), ck.Sizes...), Hidden: ck.Hidden, Output: ck.Output}
}

// Validate reports what is wrong with ck: version, net, parameter count,
// loss name, non-finite numbers.
func (ck Checkpoint) Validate() error {
	if ck.Version != CheckpointVersion {
		return fmt.Errorf("format version %d, this saddle reads version %d", ck.Version, CheckpointVersion)
	}
	m := ck.Net()
	if err := m.Validate(); err != nil {
		return unwrapNN(err)
	}
	if len(ck.Params) != m.NumParams() {
		return fmt.Errorf("%d parameters, but sizes %v need %d", len(ck.Params), ck.Sizes, m.NumParams())
	}
	if ck.Loss != "" {
		if _, err := ParseLoss(string(ck.Loss)); err != nil {
			return unwrapNN(err)
		}
	}
	if k := firstNonFinite(ck.Params); k >= 0 {
		return fmt.Errorf("parameter %d is %v", k, ck.Params[k])
	}
	for name, v := range ck.State {
		if k := firstNonFinite(v); k >= 0 {
			return fmt.Errorf("optimizer state %q[%d] is %v", name, k, v[k])
		}
	}
	if ck.Step < 0 {
		return fmt.Errorf("step %d is negative", ck.Step)
	}
	return nil
}

func firstNonFinite(v []float64) int {
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return k
		}
	}
	return -1
}

// SaveCheckpoint validates ck and writes it to path as indented JSON,
// atomically: the file is either written whole or left as it was.
func SaveCheckpoint(path string, ck Checkpoint) error {
	if err := ck.Validate(); err != nil {
		return fmt.Errorf("save checkpoint %s: %w", path, err)
	}
	data, err := json.MarshalIndent(ck, "", "  ")
	if err != nil {
		return fmt.Errorf("save checkpoint %s: %w", path, err)
	}
	data = append(data, '\n')
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return fmt.Errorf("save checkpoint: %w", err)
	}
	return nil
}

// LoadCheckpoint reads and validates the checkpoint at path. Errors name
// the file and what is wrong: unreadable, truncated or malformed JSON (with
// line:column), unknown fields, wrong version, parameter count not matching
// the sizes, non-finite values.
func LoadCheckpoint(path string) (Checkpoint, error) {
	data, err := inputfile.ReadFile(path)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint: %w", err)
	}
	var ck Checkpoint
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ck); err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint %s: %s", path, describeJSONError(data, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := lineCol(data, int(dec.InputOffset()))
		return Checkpoint{}, fmt.Errorf("checkpoint %s:%d:%d: unexpected data after the JSON object", path, line, col)
	}
	if err := ck.Validate(); err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return ck, nil
}

// describeJSONError explains a decoding error, with line:column where known.
func describeJSONError(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "empty file, want a JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated JSON (the file ends in the middle of the object)"
	case errors.As(err, &se):
		line, col := lineCol(data, int(se.Offset)-1) // Offset is just past the bad byte
		return fmt.Sprintf("invalid JSON at %d:%d: %v", line, col, se)
	case errors.As(err, &te):
		line, col := lineCol(data, int(te.Offset))
		return fmt.Sprintf("at %d:%d: field %q: %v", line, col, te.Field, te)
	}
	return err.Error()
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int) (int, int) {
	offset = min(max(offset, 0), len(data))
	line := 1 + bytes.Count(data[:offset], []byte{'\n'})
	col := offset - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}
