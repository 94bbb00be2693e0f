package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// Dataset is a batch of N samples: X holds N rows of In features and Y holds
// N rows of Out targets, both row-major. Binary targets are 0/1 in one
// column; K classes are one-hot rows of K columns.
type Dataset struct {
	Name string
	X    []float64 // N rows × In, row-major
	Y    []float64 // N rows × Out, row-major
	N    int
	In   int
	Out  int
}

// Validate reports whether the dimensions agree with the data and every
// value is finite.
func (d Dataset) Validate() error {
	switch {
	case d.N < 1:
		return fmt.Errorf("nn: dataset %q has no samples", d.Name)
	case d.In < 1 || d.Out < 1:
		return fmt.Errorf("nn: dataset %q has %d inputs and %d outputs, want at least 1 each", d.Name, d.In, d.Out)
	case len(d.X) != d.N*d.In:
		return fmt.Errorf("nn: dataset %q: X has %d values, want N·In = %d·%d", d.Name, len(d.X), d.N, d.In)
	case len(d.Y) != d.N*d.Out:
		return fmt.Errorf("nn: dataset %q: Y has %d values, want N·Out = %d·%d", d.Name, len(d.Y), d.N, d.Out)
	}
	for i, v := range d.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("nn: dataset %q: X[%d][%d] = %v is not finite", d.Name, i/d.In, i%d.In, v)
		}
	}
	for i, v := range d.Y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("nn: dataset %q: Y[%d][%d] = %v is not finite", d.Name, i/d.Out, i%d.Out, v)
		}
	}
	return nil
}

// Row returns the features of sample i (a sub-slice of X).
func (d Dataset) Row(i int) []float64 { return d.X[i*d.In : (i+1)*d.In] }

// Target returns the targets of sample i (a sub-slice of Y).
func (d Dataset) Target(i int) []float64 { return d.Y[i*d.Out : (i+1)*d.Out] }

// truthTable returns the 4 patterns (0,0),(0,1),(1,0),(1,1) with targets y.
func truthTable(name string, y [4]float64) Dataset {
	return Dataset{
		Name: name,
		X:    []float64{0, 0, 0, 1, 1, 0, 1, 1},
		Y:    y[:],
		N:    4, In: 2, Out: 1,
	}
}

// XOR returns the 4 XOR patterns (0,0),(0,1),(1,0),(1,1) with targets 0,1,1,0
// (the data of workload W1).
func XOR() Dataset { return truthTable("xor", [4]float64{0, 1, 1, 0}) }

// AND returns the 4 patterns with targets 0,0,0,1.
func AND() Dataset { return truthTable("and", [4]float64{0, 0, 0, 1}) }

// OR returns the 4 patterns with targets 0,1,1,1.
func OR() Dataset { return truthTable("or", [4]float64{0, 1, 1, 1}) }

// MoonsSize is the number of points of Moons.
const MoonsSize = 1024

// Moons returns the two interleaved half-moons of workload W2, 1024 points,
// defined by a formula (no random numbers): for i = 0..1023, k = ⌊i/2⌋,
// t = π·(k + 0.5)/512; even i: x = (cos t, sin t), y = 0; odd i:
// x = (1 − cos t, 0.5 − sin t), y = 1; then x₁ += 0.1·sin(1.7·i + 0.3) and
// x₂ += 0.1·cos(2.3·i + 0.7).
func Moons() Dataset {
	const n = MoonsSize
	d := Dataset{Name: "moons", X: make([]float64, 2*n), Y: make([]float64, n), N: n, In: 2, Out: 1}
	for i := range n {
		k := i / 2
		t := math.Pi * (float64(k) + 0.5) / 512
		var x1, x2 float64
		if i%2 == 0 {
			x1, x2 = math.Cos(t), math.Sin(t)
		} else {
			x1, x2 = 1-math.Cos(t), 0.5-math.Sin(t)
			d.Y[i] = 1
		}
		x1 += 0.1 * math.Sin(1.7*float64(i)+0.3)
		x2 += 0.1 * math.Cos(2.3*float64(i)+0.7)
		d.X[2*i], d.X[2*i+1] = x1, x2
	}
	return d
}

// rng returns the generator of a seeded dataset or initialiser; stream
// separates the users of one seed.
func rng(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// Streams of the seeded generators, so that one seed gives unrelated numbers
// to different users.
const (
	streamCircles uint64 = 0xC1C1E5
	streamSpirals uint64 = 0x5B1DA1
	streamBlobs   uint64 = 0xB10B5
	streamUniform uint64 = 0x0F1
	streamXavier  uint64 = 0x0F2
	streamHe      uint64 = 0x0F3
)

// Circles returns n points on two concentric circles (as scikit-learn's
// make_circles): even samples on the outer circle of radius 1 (y = 0), odd
// samples on the inner circle of radius 0.5 (y = 1), evenly spaced in angle,
// plus Gaussian noise of standard deviation noise on each coordinate.
func Circles(n int, noise float64, seed uint64) Dataset {
	r := rng(seed, streamCircles)
	d := Dataset{Name: "circles", X: make([]float64, 2*n), Y: make([]float64, n), N: n, In: 2, Out: 1}
	half := (n + 1) / 2
	for i := range n {
		radius := 1.0
		if i%2 == 1 {
			radius = 0.5
			d.Y[i] = 1
		}
		t := 2 * math.Pi * float64(i/2) / float64(half)
		d.X[2*i] = radius*math.Cos(t) + noise*r.NormFloat64()
		d.X[2*i+1] = radius*math.Sin(t) + noise*r.NormFloat64()
	}
	return d
}

// Spirals returns n points on two interleaved Archimedean spirals (the
// classic two-spirals task of Lang & Witbrock 1988): sample i lies at radius
// ρ = t and angle t + π·(i mod 2), t = 0.5 + 3π·⌊i/2⌋/⌈n/2⌉, scaled by 1/(3π),
// with class y = i mod 2, plus Gaussian noise of standard deviation noise.
func Spirals(n int, noise float64, seed uint64) Dataset {
	r := rng(seed, streamSpirals)
	d := Dataset{Name: "spirals", X: make([]float64, 2*n), Y: make([]float64, n), N: n, In: 2, Out: 1}
	half := (n + 1) / 2
	for i := range n {
		t := 0.5 + 3*math.Pi*float64(i/2)/float64(half)
		phase := 0.0
		if i%2 == 1 {
			phase = math.Pi
			d.Y[i] = 1
		}
		rho := t / (3 * math.Pi)
		d.X[2*i] = rho*math.Cos(t+phase) + noise*r.NormFloat64()
		d.X[2*i+1] = rho*math.Sin(t+phase) + noise*r.NormFloat64()
	}
	return d
}

// Blobs returns n points in k Gaussian clusters of standard deviation std
// whose centres lie evenly on a circle of radius 2.5; sample i belongs to
// class i mod k, and its target is the one-hot row of that class (Out = k).
func Blobs(n, k int, std float64, seed uint64) Dataset {
	r := rng(seed, streamBlobs)
	d := Dataset{Name: "blobs", X: make([]float64, 2*n), Y: make([]float64, n*k), N: n, In: 2, Out: k}
	for i := range n {
		c := i % k
		angle := 2 * math.Pi * float64(c) / float64(k)
		d.X[2*i] = 2.5*math.Cos(angle) + std*r.NormFloat64()
		d.X[2*i+1] = 2.5*math.Sin(angle) + std*r.NormFloat64()
		d.Y[i*k+c] = 1
	}
	return d
}

// W3Batch returns the one batch of workload W3: for i = 0..127 and
// j = 0..63, X[i][j] = sin(0.37·i + 1.91·j + 0.5); the class of sample i is
// (7·i) mod 10, given as a one-hot row of 10 targets.
func W3Batch() Dataset {
	const n, in, k = 128, 64, 10
	d := Dataset{Name: "w3", X: make([]float64, n*in), Y: make([]float64, n*k), N: n, In: in, Out: k}
	for i := range n {
		for j := range in {
			d.X[i*in+j] = math.Sin(0.37*float64(i) + 1.91*float64(j) + 0.5)
		}
		d.Y[i*k+(7*i)%k] = 1
	}
	return d
}

// LinReg returns the three points (0,1), (1,2), (3,3) of the seed's linear
// regression (In = 1, Out = 1).
func LinReg() Dataset {
	return Dataset{Name: "linreg", X: []float64{0, 1, 3}, Y: []float64{1, 2, 3}, N: 3, In: 1, Out: 1}
}

// OneHot turns a dataset with one column of class labels 0..k−1 into one
// with k one-hot target columns, as softmax cross-entropy expects. A label
// that is not an integer in [0, k) is an error naming the sample.
func OneHot(d Dataset, k int) (Dataset, error) {
	if d.Out != 1 {
		return Dataset{}, fmt.Errorf("nn: class labels: dataset %q has %d target columns, want 1 column of labels", d.Name, d.Out)
	}
	if k < 2 {
		return Dataset{}, fmt.Errorf("nn: classification needs at least 2 classes (net outputs), got %d", k)
	}
	out := Dataset{Name: d.Name, X: d.X, Y: make([]float64, d.N*k), N: d.N, In: d.In, Out: k}
	for i, v := range d.Y {
		c := int(v)
		if float64(c) != v || c < 0 || c >= k {
			return Dataset{}, fmt.Errorf("nn: dataset %q: sample %d has label %v, want an integer in [0, %d)", d.Name, i, v, k)
		}
		out.Y[i*k+c] = 1
	}
	return out, nil
}

// Default sizes of the seeded datasets made by DatasetByName.
const (
	defaultCircles = 256
	defaultSpirals = 256
	defaultBlobs   = 150
	defaultClasses = 3
	defaultNoise   = 0.1
	defaultBlobStd = 0.5
)

var datasetMakers = map[string]func(seed uint64) Dataset{
	"xor":     func(uint64) Dataset { return XOR() },
	"and":     func(uint64) Dataset { return AND() },
	"or":      func(uint64) Dataset { return OR() },
	"moons":   func(uint64) Dataset { return Moons() },
	"circles": func(s uint64) Dataset { return Circles(defaultCircles, defaultNoise, s) },
	"spirals": func(s uint64) Dataset { return Spirals(defaultSpirals, defaultNoise/2, s) },
	"blobs":   func(s uint64) Dataset { return Blobs(defaultBlobs, defaultClasses, defaultBlobStd, s) },
	"w3":      func(uint64) Dataset { return W3Batch() },
	"linreg":  func(uint64) Dataset { return LinReg() },
}

// DatasetNames returns the names DatasetByName knows, sorted.
func DatasetNames() []string {
	names := make([]string, 0, len(datasetMakers))
	for n := range datasetMakers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// DatasetByName returns a built-in dataset: xor, and, or, moons (W2),
// circles (256 points, noise 0.1), spirals (256 points, noise 0.05), blobs
// (150 points, 3 classes, std 0.5), w3 (W3's batch) or linreg. seed is used
// by circles, spirals and blobs only.
func DatasetByName(name string, seed uint64) (Dataset, error) {
	mk, ok := datasetMakers[name]
	if !ok {
		return Dataset{}, fmt.Errorf("nn: unknown dataset %q (known: %s)", name, strings.Join(DatasetNames(), ", "))
	}
	return mk(seed), nil
}
