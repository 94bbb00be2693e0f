package progress

import (
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Bar is the progress report of one run. Its methods are safe for
// concurrent use.
type Bar struct {
	name  string // "train", "restarts"
	unit  string // "steps", "restarts"
	total int
	w     io.Writer
	start time.Time
	quiet bool

	mu       sync.Mutex
	bars     *mpb.Progress // the terminal bar's container, nil when not a terminal
	bar      *mpb.Bar
	nextTick int // next tenth for plain lines
	loss     float64
	barLoss  atomic.Uint64 // the loss as float64 bits, for the bar's decorator
}

// New starts the report of total units (unit: "steps") of the run name
// on w; terminal says w is a terminal (a bar), quiet suppresses the plain
// lines (a run printing JSON). The bar is shown on a terminal regardless
// of quiet, since it does not touch stdout.
func New(w io.Writer, terminal bool, name, unit string, total int, quiet bool) *Bar {
	p := &Bar{name: name, unit: unit, total: total, w: w, start: time.Now(),
		quiet: quiet, nextTick: 1, loss: math.NaN()}
	p.barLoss.Store(math.Float64bits(math.NaN()))
	if terminal && total > 0 {
		p.bars = mpb.New(mpb.WithOutput(w), mpb.WithWidth(120), mpb.WithRefreshRate(100*time.Millisecond), mpb.WithAutoRefresh())
		p.bar = p.bars.AddBar(int64(total), mpb.BarWidth(30),
			mpb.PrependDecorators(decor.Name(name+" "), decor.CountersNoUnit("%d/%d "+unit)),
			mpb.AppendDecorators(
				decor.Any(func(decor.Statistics) string { return p.lossString() }),
				decor.AverageSpeed(0, " %.0f "+unit+"/s")))
	}
	return p
}

// lossString is "loss 0.0123", or "" before the first loss is known. mpb's
// drawing goroutine calls it, so it reads the loss atomically and never
// takes p.mu (Update holds p.mu while it hands the count to mpb).
func (p *Bar) lossString() string {
	l := math.Float64frombits(p.barLoss.Load())
	if math.IsNaN(l) {
		return ""
	}
	return fmt.Sprintf("loss %.6g", l)
}

// status is "1234/10000 steps, loss 0.0123, 2345 steps/s".
func (p *Bar) status(done int) string {
	s := fmt.Sprintf("%d/%d %s", done, p.total, p.unit)
	if !math.IsNaN(p.loss) {
		s += fmt.Sprintf(", loss %.6g", p.loss)
	}
	if secs := time.Since(p.start).Seconds(); secs > 0 {
		s += fmt.Sprintf(", %.0f %s/s", float64(done)/secs, p.unit)
	}
	return s
}

// Update records that done units are finished; loss may be NaN (unknown).
func (p *Bar) Update(done int, loss float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !math.IsNaN(loss) {
		p.loss = loss
	}
	now := time.Now()
	if p.bar != nil {
		p.barLoss.Store(math.Float64bits(p.loss))
		p.bar.SetCurrent(int64(min(done, p.total)))
		return
	}
	if p.quiet || p.total <= 0 {
		return
	}
	for p.nextTick <= 10 && done*10 >= p.nextTick*p.total {
		p.nextTick++
		if now.Sub(p.start) >= time.Second {
			fmt.Fprintf(p.w, "%s: %s\n", p.name, p.status(done))
		}
	}
}

// Count is Update without a loss, in the shape of the studies' progress
// callbacks (done of total units).
func (p *Bar) Count(done, _ int) { p.Update(done, math.NaN()) }

// Done removes the bar from the terminal and waits for it to be drawn off.
func (p *Bar) Done() {
	if p.bar == nil {
		return
	}
	p.bar.Abort(true)
	p.bars.Wait()
	p.bar = nil
}
