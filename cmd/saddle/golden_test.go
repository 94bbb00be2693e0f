package main

import (
	"encoding/json"
	"flag"
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update regenerates the golden files: go test ./cmd/saddle -run TestGolden -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// Golden files pin the text output of the deterministic subcommands, so
// that an unintended change of any printed number or of the layout shows
// up. They are the code's own output, so each case ALSO checks its key
// numbers against an independent source (closed forms, docs/WORKLOADS.md, the
// design's literature facts) through the --json output.

// goldenExactTol: closed-form values that the engine computes with a few
// roundings (polynomials of small integers).
const goldenExactTol = 1e-12

// goldenRefRel: docs/WORKLOADS.md's references agree between four
// implementations to 1e-9 relative.
const goldenRefRel = ref.LossRel

type goldenCase struct {
	name  string   // file testdata/golden/NAME.txt
	args  []string // the command line; {a} is the W1-start checkpoint
	check func(t *testing.T, js []byte)
}

var goldenCases = []goldenCase{
	{"grad-saddle", []string{"grad", "-f", "x^2 - y^2", "--at", "x=0.3,y=-1.2"}, func(t *testing.T, js []byte) {
		// f = x² − y²: f(0.3, −1.2) = 0.09 − 1.44 = −1.35, ∇f = (2x, −2y) =
		// (0.6, 2.4), H = diag(2, −2), eigenvalues −2, 2 (DESIGN §7).
		var r gradResult
		require.NoError(t, json.Unmarshal(js, &r))
		assert.InDelta(t, -1.35, r.Value, goldenExactTol)
		assert.InDeltaSlice(t, []float64{0.6, 2.4}, r.Gradient, goldenExactTol)
		assert.InDeltaSlice(t, []float64{2, 0}, r.Hessian[0], goldenExactTol)
		assert.InDeltaSlice(t, []float64{0, -2}, r.Hessian[1], goldenExactTol)
		assert.InDeltaSlice(t, []float64{-2, 2}, r.Eigenvalues, goldenExactTol)
	}},
	{"gradcheck", []string{"gradcheck", "-f", "sin(x)*exp(y) + x^3", "--at", "x=0.3,y=-1.2"}, func(t *testing.T, js []byte) {
		// A smooth formula: both checks pass (exit 0 is required below too).
		var r gradcheckResult
		require.NoError(t, json.Unmarshal(js, &r))
		assert.True(t, r.OK && r.Gradient.OK && r.Hessian.OK)
	}},
	{"critical-double-well", []string{"critical", "-f", "(1-x^2)^2", "--box", "x=-2:2"}, func(t *testing.T, js []byte) {
		// (1 − x²)²: minima at ±1 with h″ = 8, a maximum at 0 with h″ = −4
		// and value 1 (DESIGN §7; h″ = 12x² − 4).
		var r struct {
			Points []struct {
				At          []float64
				Value       float64
				Kind        string
				Eigenvalues []float64
			}
		}
		require.NoError(t, json.Unmarshal(js, &r))
		require.Len(t, r.Points, 3)
		kinds := map[string][]float64{}
		for _, p := range r.Points {
			kinds[p.Kind] = append(kinds[p.Kind], p.At[0])
			want := 12*p.At[0]*p.At[0] - 4
			assert.InDelta(t, want, p.Eigenvalues[0], 1e-6, "h″ at %v", p.At)
		}
		assert.InDeltaSlice(t, []float64{-1, 1}, kinds["minimum"], 1e-9)
		assert.InDeltaSlice(t, []float64{0}, kinds["maximum"], 1e-9)
	}},
	{"symmetry-xor", []string{"symmetry", "--net", "xor"}, func(t *testing.T, js []byte) {
		// 2 hidden sigmoid units: 2! permutations × 2² sigmoid flips = 8
		// equivalent points, all with the same loss.
		var r struct {
			OrbitSize int       `json:"orbit_size"`
			Loss      float64   `json:"loss_at_params"`
			Losses    []float64 `json:"losses"`
		}
		require.NoError(t, json.Unmarshal(js, &r))
		assert.Equal(t, 8, r.OrbitSize)
		require.Len(t, r.Losses, 8)
		for _, l := range r.Losses {
			assert.InDelta(t, r.Loss, l, goldenExactTol)
		}
	}},
	{"sweep-linreg", []string{"sweep", "-f", "(1-b0)^2 + (2-b0-b1)^2 + (3-b0-3*b1)^2", "--at", "b0=0,b1=0", "--lrs", "0.01,0.04,0.06,0.09"}, func(t *testing.T, js []byte) {
		// Σ(y − b0 − b1x)² on (0,1),(1,2),(3,3): H = [[6,8],[8,20]],
		// λmax = 13 + √113 (DESIGN §7); GD converges iff lr < 2/λmax and
		// the minimum value is 1/14 (residuals −1/7, 3/14, −1/14 at
		// (8/7, 9/14)).
		var r struct {
			LambdaMax   float64 `json:"lambda_max"`
			ZigzagAbove float64 `json:"zigzag_above"`
			DivergeAbv  float64 `json:"diverge_above"`
			Runs        []struct {
				LR        float64 `json:"lr"`
				Regime    string  `json:"regime"`
				FinalLoss float64 `json:"final_loss"`
			}
		}
		require.NoError(t, json.Unmarshal(js, &r))
		lmax := 13 + math.Sqrt(113)
		assert.InDelta(t, lmax, r.LambdaMax, goldenExactTol*lmax)
		assert.InDelta(t, 1/lmax, r.ZigzagAbove, goldenExactTol)
		assert.InDelta(t, 2/lmax, r.DivergeAbv, goldenExactTol)
		require.Len(t, r.Runs, 4)
		assert.Equal(t, "diverges", r.Runs[3].Regime, "0.09 > 2/λmax ≈ 0.0846")
		// lr 0.06: the slowest mode contracts by |1 − 0.06·λmin| ≈ 0.86 per
		// step, so after 100 steps the loss is 1/14 to ~1e-13.
		assert.InDelta(t, 1.0/14, r.Runs[2].FinalLoss, 1e-10)
	}},
	{"escape-xy", []string{"escape", "--saddle", "xy", "--n", "20", "--steps", "200", "--methods", "gd,momentum,adam,pgd"}, func(t *testing.T, js []byte) {
		// GD with lr 0.1 on x² − y²: x_k = 0.8ᵏx₀, y_k = 1.2ᵏy₀. Starts
		// are within eps = 1e−3 of 0, and escaping needs x_k² − y_k² ≤ −0.01,
		// so |y_k| ≥ 0.1: k ≥ log(0.1/1e−3)/log 1.2 ≈ 25.3, i.e. ≥ 26 steps.
		var r struct {
			Methods []struct {
				Method      string `json:"method"`
				Escaped     int    `json:"escaped"`
				EscapeSteps []int  `json:"escape_steps"`
			}
		}
		require.NoError(t, json.Unmarshal(js, &r))
		require.NotEmpty(t, r.Methods)
		gd := r.Methods[0]
		require.Equal(t, "gd", gd.Method)
		assert.Equal(t, 20, gd.Escaped)
		for _, k := range gd.EscapeSteps {
			assert.GreaterOrEqual(t, k, 26)
		}
	}},
	{"train-w1", []string{"train", "--net", "xor", "--init", "workload-w1", "--steps", "10000", "--lr", "0.5"}, func(t *testing.T, js []byte) {
		// docs/WORKLOADS.md W1: final loss 0.00102746942975.
		var r struct {
			FinalLoss float64 `json:"final_loss"`
			Steps     int     `json:"steps"`
		}
		require.NoError(t, json.Unmarshal(js, &r))
		assert.InEpsilon(t, ref.W1FinalLoss, r.FinalLoss, goldenRefRel)
		assert.Equal(t, 10000, r.Steps)
	}},
	{"landscape-line-w1", []string{"landscape", "--mode", "line", "--params", "{a}", "--grid", "11"}, func(t *testing.T, js []byte) {
		// The centre is W1's start, whose loss is docs/WORKLOADS.md W4a's
		// 0.252868459475519.
		var r struct {
			CenterLoss float64   `json:"center_loss"`
			T          []float64 `json:"t"`
			Loss       []float64 `json:"loss"`
		}
		require.NoError(t, json.Unmarshal(js, &r))
		assert.InEpsilon(t, ref.W4aLoss, r.CenterLoss, goldenRefRel)
		require.Len(t, r.Loss, 11)
		assert.Equal(t, r.CenterLoss, r.Loss[5], "t = 0 is the centre")
	}},
	{"restarts-w5", []string{"restarts", "--net", "xor", "--init", "workload-w5", "--n", "10", "--steps", "2000", "--lr", "0.5"}, nil},
}

// TestGolden compares each case's text output with its golden file and
// runs its independent checks on the --json output.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	ckA := filepath.Join(dir, "a.json")
	require.NoError(t, os.WriteFile(ckA, []byte(`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse",`+
		`"params":[0.5,-0.4,-0.3,0.6,0.1,-0.2,0.7,-0.5,0.05]}`), 0o644))
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.ReplaceAll(a, "{a}", ckA)
			}
			code, stdout, stderr := runCLI(t, args...)
			require.Equal(t, 0, code, "stderr: %s", stderr)
			path := filepath.Join("testdata", "golden", c.name+".txt")
			// The checkpoint's temporary path is not part of the output's meaning.
			got := strings.ReplaceAll(stdout, ckA, "A.json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run with -update to create it")
			assert.Equal(t, string(want), got, "output differs from %s (if intended: go test ./cmd/saddle -run TestGolden -update)", path)
			if c.check != nil {
				code, js, stderr := runCLI(t, append(args, "--json")...)
				require.Equal(t, 0, code, "stderr: %s", stderr)
				c.check(t, []byte(js))
			}
		})
	}
}
