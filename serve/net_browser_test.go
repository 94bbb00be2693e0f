package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// netTab opens the net view at query and waits until its run has streamed
// to the end (the page marks data-done with the final loss).
func (e *explorer) netTab(query string) (context.Context, *recorder) {
	e.t.Helper()
	ctx, rec := e.tabWaiting("/?view=net"+query, "#net-heat-svg")
	e.waitJS(ctx, `document.getElementById("view").dataset.done > ""`)
	return ctx, rec
}

// raceRow is one optimizer's row of the net view's race table.
type raceRow struct {
	Loss, Grad, Lmin0 float64 // final loss and gradient norm, smallest eigenvalue at the start
	Left              string  // "yes" or "no"
}

// netRace clicks the net view's race button and returns the table's rows by optimizer.
func (e *explorer) netRace(ctx context.Context) map[string]raceRow {
	e.t.Helper()
	e.click(ctx, "net-race-go")
	e.waitJS(ctx, `document.getElementById("net-race").dataset.done === "1"`)
	rows := eval[[]map[string]string](e, ctx, `[...document.querySelectorAll("#net-race-table tr[data-method]")].map(r => ({...r.dataset}))`)
	got := map[string]raceRow{}
	for _, r := range rows {
		var row raceRow
		for _, f := range []struct {
			dst *float64
			key string
		}{{&row.Loss, "loss"}, {&row.Grad, "grad"}, {&row.Lmin0, "lmin0"}} {
			v, err := strconv.ParseFloat(r[f.key], 64)
			require.NoError(e.t, err, "%s of %s", f.key, r["method"])
			*f.dst = v
		}
		row.Left = r["left"]
		got[r["method"]] = row
	}
	return got
}

// click clicks the element with the given id through a real input event.
func (e *explorer) click(ctx context.Context, id string) {
	e.t.Helper()
	require.NoError(e.t, chromedp.Do(ctx, chromedp.Click(chromedp.ID(id))))
}

// choose picks value in the select element with the given id, as a user does.
func (e *explorer) choose(ctx context.Context, id, value string) {
	e.t.Helper()
	eval[bool](e, ctx, fmt.Sprintf(`(s => (s.value = %q, s.dispatchEvent(new Event("change")), true))(document.getElementById(%q))`, value, id))
}

// cliTrain runs `saddle train ARGS --json` and returns its final loss.
func cliTrain(t *testing.T, args ...string) float64 {
	t.Helper()
	out, err := exec.Command("go", append([]string{"run", "../cmd/saddle", "train", "--json"}, args...)...).Output()
	require.NoError(t, err, "saddle train %v", args)
	var doc struct {
		FinalLoss float64 `json:"final_loss"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	return doc.FinalLoss
}

func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func TestNetTrainXOR(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("")
	// The default run is `saddle train --net xor`: gd, lr 0.5, 10000 steps
	// from the preset's start. Its final loss, as the CLI prints it.
	want := cliTrain(t, "--net", "xor")
	done := eval[string](e, ctx, `document.getElementById("view").dataset.done`)
	got, err := strconv.ParseFloat(done, 64)
	require.NoError(t, err)
	require.Equal(t, want, got, "the page's final loss is the CLI's, bit for bit")
	require.Less(t, got, 0.01, "XOR trains to loss < 0.01")

	// Play, and measure the frames drawn per second and the pause.
	e.click(ctx, "net-play")
	// Wait for frame 150 and for 21 frames drawn: a page on a loaded
	// machine skips frames (they are timed), so it may reach frame 150
	// with fewer drawn; it keeps playing until it has drawn them.
	e.waitJS(ctx, `Number(document.getElementById("view").dataset.t) >= 150 && window.__saddle.net.draws.length > 20`)
	e.click(ctx, "net-pause")
	e.waitJS(ctx, `document.getElementById("view").dataset.play === "paused"`)
	tPaused := eval[int](e, ctx, `Number(document.getElementById("view").dataset.t)`)
	// Two animation frames later the page has not moved on.
	eval[bool](e, ctx, `new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))`)
	require.Equal(t, tPaused, eval[int](e, ctx, `Number(document.getElementById("view").dataset.t)`), "pause freezes the frame")
	draws := eval[[]float64](e, ctx, `window.__saddle.net.draws`)
	pauses := eval[[]float64](e, ctx, `window.__saddle.net.pauses`)
	drawMs := eval[[]float64](e, ctx, `window.__saddle.net.drawMs`)
	require.Greater(t, len(draws), 20)
	var fps []float64
	for i := 1; i < len(draws); i++ {
		if dt := draws[i] - draws[i-1]; dt > 0 {
			fps = append(fps, 1000/dt)
		}
	}
	// A slow frame is a low rate: the 5th percentile of the rate is the 95th of the frame time.
	t.Logf("net view playback: %d frames drawn; frames per second p50 %.1f, p95 (slowest 5%%) %.1f; one frame's drawing p50 %.1f ms, p95 %.1f ms; pause click → paused frame drawn %.1f ms",
		len(draws), percentile(fps, 0.5), percentile(fps, 0.05), percentile(drawMs, 0.5), percentile(drawMs, 0.95), pauses[len(pauses)-1])
	e.shot(ctx, "net-playing")

	e.click(ctx, "net-end")
	last := eval[string](e, ctx, `document.getElementById("view").dataset.loss`)
	require.Equal(t, done, last, "the last frame shows the final loss")
	e.shot(ctx, "net-xor")
	e.checkClean(rec, false)
}

func TestNetHessianAtOrigin(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("&init=origin&steps=10&preset_hide=1&seed_hide=1")
	// NAME_hide=1 hides a control.
	require.True(t, eval[bool](e, ctx, `document.querySelector("[data-name=preset]").hidden && document.querySelector("[data-name=seed]").hidden && !document.querySelector("[data-name=opt]").hidden`))
	// At θ = 0 every hidden unit outputs σ(0) = 1/2 and the output is
	// σ(0) = 1/2, so L = ¼Σ(½ − y)² = 1/4. The residuals ½ − y sum to 0
	// against 1, x₁ and x₂ over the XOR rows, and W2 = 0, so every second
	// derivative touching the first layer vanishes; on the output layer's
	// (w₁, w₂, c) the Hessian is ¼Σ 2σ'(0)² v vᵀ with v = (½, ½, 1) on every
	// row: ⅛ v vᵀ, of eigenvalue ⅛‖v‖² = ⅛ · 3/2 = 0.1875 and two zeros. So:
	// eight zero eigenvalues and 0.1875.
	e.click(ctx, "net-reset")
	vals := eval[[]float64](e, ctx, `document.getElementById("net-spectrum").dataset.eigenvalues.split(",").map(Number)`)
	require.Len(t, vals, 9)
	const zeroTol = 1e-12 // rounding of the exact zeros in the eigen-decomposition
	for _, v := range vals[:8] {
		assert.InDelta(t, 0, v, zeroTol)
	}
	assert.InDelta(t, 0.1875, vals[8], 1e-12)
	note := eval[string](e, ctx, `document.getElementById("net-spectrum-note").textContent`)
	assert.Contains(t, note, "8 zero")
	e.shot(ctx, "net-origin")
	e.checkClean(rec, false)
}

func TestNetPlateauRace(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("")
	got := e.netRace(ctx)
	require.Contains(t, got, "gd")
	require.Contains(t, got, "adam")
	gd, adam := got["gd"].Loss, got["adam"].Loss
	// The plateau's loss is the origin's, 1/4 (see TestNetHessianAtOrigin).
	assert.InDelta(t, 0.25, gd, 1e-6, "GD stays on the plateau")
	assert.Equal(t, "no", got["gd"].Left)
	assert.Less(t, adam, 0.2, "Adam leaves it")
	assert.Equal(t, "yes", got["adam"].Left)
	// The picture of the README (docs/img/explorer-net.png): the trained
	// net, its plane, the race, the barrier and where failed restarts end.
	e.click(ctx, "net-end")
	e.waitJS(ctx, `document.getElementById("net-plane-svg").dataset.drawn > "0"`)
	e.click(ctx, "bar-go")
	e.waitJS(ctx, `document.getElementById("bar-note").dataset.after > ""`)
	e.click(ctx, "net-restarts-go")
	e.waitJS(ctx, `document.getElementById("net-restarts").dataset.done === "1"`)
	e.shot(ctx, "net-race")
	e.checkClean(rec, false)
}

func TestNetSymmetry(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("")
	e.click(ctx, "net-end")
	before := eval[string](e, ctx, `document.getElementById("view").dataset.loss`)
	e.click(ctx, "sym-swap")
	e.waitJS(ctx, `document.getElementById("net-symmetry").dataset.moved > ""`)
	after, _ := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("net-symmetry").dataset.after`), 64)
	b, _ := strconv.ParseFloat(before, 64)
	moved, _ := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("net-symmetry").dataset.moved`), 64)
	// Swapping the two hidden units reorders a sum of two terms: equal up to
	// one rounding of the loss.
	assert.InEpsilon(t, b, after, 1e-12, "the loss stays")
	// The units' in-weights differ by several units at the trained point.
	assert.Greater(t, moved, 1.0, "the point moves")
	page, _ := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("view").dataset.loss`), 64)
	assert.Equal(t, after, page, "the page now shows the permuted point")
	// The barrier between A and its swapped copy, before and after
	// weight matching (which recovers A: no barrier).
	e.click(ctx, "bar-go")
	e.waitJS(ctx, `document.getElementById("bar-note").dataset.after > ""`)
	barBefore, _ := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("bar-note").dataset.before`), 64)
	barAfter, _ := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("bar-note").dataset.after`), 64)
	assert.Greater(t, barBefore, 0.1, "halfway the two hidden units are equal: one unit cannot fit XOR")
	assert.InDelta(t, 0, barAfter, 1e-12, "matching undoes the swap")
	// Lesson 6's restarts drawn as orbit members: they land at many
	// members of few solutions.
	e.click(ctx, "orbits-go")
	e.waitJS(ctx, `document.getElementById("orbits-note").dataset.solutions > ""`)
	sols := eval[int](e, ctx, `Number(document.getElementById("orbits-note").dataset.solutions)`)
	distinct := eval[int](e, ctx, `Number(document.getElementById("orbits-note").dataset.distinct)`)
	dots := eval[int](e, ctx, `document.querySelectorAll("#orbits circle").length`)
	assert.Greater(t, distinct, sols, "restarts land in different copies of a solution")
	assert.GreaterOrEqual(t, dots, distinct-1, "a dot per (solution, member) reached")
	e.shot(ctx, "net-symmetry")
	e.checkClean(rec, false)
}

func TestNetPlane(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("")
	e.click(ctx, "net-end")
	// When the run stands still the page draws the plane around the point.
	e.waitJS(ctx, `document.getElementById("net-plane-svg").dataset.drawn > "0"`)
	drawn := func() int { return eval[int](e, ctx, `Number(document.getElementById("net-plane-svg").dataset.drawn)`) }
	const runs = 20
	first := len(eval[[]float64](e, ctx, `window.__saddle.net.plane`))
	for range runs {
		before := drawn()
		e.click(ctx, "net-plane-go")
		e.waitJS(ctx, fmt.Sprintf(`Number(document.getElementById("net-plane-svg").dataset.drawn) > %d`, before))
	}
	ms := eval[[]float64](e, ctx, `window.__saddle.net.plane`)[first:]
	t.Logf("41×41 loss plane, click → drawn: p50 %.1f ms, p95 %.1f ms over %d runs", percentile(ms, 0.5), percentile(ms, 0.95), len(ms))
	e.shot(ctx, "net-plane")
	e.choose(ctx, "net-plane-mode", "pca")
	before := drawn()
	e.click(ctx, "net-plane-go")
	e.waitJS(ctx, fmt.Sprintf(`Number(document.getElementById("net-plane-svg").dataset.drawn) > %d`, before))
	note := eval[string](e, ctx, `document.getElementById("net-plane-note").textContent`)
	assert.Contains(t, note, "PCA plane")
	e.shot(ctx, "net-plane-pca")
	e.checkClean(rec, false)
}

func TestNetURLRestore(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("")
	e.choose(ctx, "net-opt", "adam")
	e.waitJS(ctx, `document.getElementById("view").dataset.done > "" && document.querySelector("[data-name=opt]").dataset.value === "adam"`)
	done := eval[string](e, ctx, `document.getElementById("view").dataset.done`)
	href := eval[string](e, ctx, `window.__saddle.net.href()`)
	require.Contains(t, href, "opt=adam")
	ctx2, rec2 := e.netTab(href[len(e.base)+len("/?view=net"):])
	require.Equal(t, done, eval[string](e, ctx2, `document.getElementById("view").dataset.done`), "the link restores the same run")
	want := cliTrain(t, "--net", "xor", "--opt", "adam", "--lr", "0.01")
	got, _ := strconv.ParseFloat(done, 64)
	require.Equal(t, want, got, "the same run as saddle train --opt adam")
	e.checkClean(rec, false)
	e.checkClean(rec2, false)
}

// upload picks a file named name with the given text in the net view's
// CSV control, as a user does.
func (e *explorer) upload(ctx context.Context, name, text string) {
	e.t.Helper()
	path := filepath.Join(e.t.TempDir(), name)
	require.NoError(e.t, os.WriteFile(path, []byte(text), 0o644))
	require.NoError(e.t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("net-csv"), []string{path})))
}

// A CSV the user picks is read by the page and parsed by the server from
// the request: AND as a CSV trains like the and preset's data. The CSV is
// kept in the link (compressed): the link opens the same CSV run in a new
// tab. A CSV too large for a link is named so and left out of it.
func TestNetCSVUpload(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.netTab("&init=formula&steps=2000")
	e.upload(ctx, "and.csv", "x1,x2,y\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n")
	e.waitJS(ctx, `document.getElementById("net-info").textContent.includes("on csv (4 points)") && document.getElementById("view").dataset.done > ""`)
	e.click(ctx, "net-end")
	status := eval[string](e, ctx, `document.getElementById("net-status").textContent`)
	assert.Contains(t, status, "accuracy 1", "AND is learnt")
	e.shot(ctx, "net-csv")

	assert.Equal(t, "kept", eval[string](e, ctx, `document.getElementById("net-csv-note").dataset.link`))
	done := eval[string](e, ctx, `document.getElementById("view").dataset.done`)
	href := eval[string](e, ctx, `window.__saddle.net.href()`)
	require.Contains(t, href, "csv=")
	require.Contains(t, href, "csv_name=and.csv")
	ctx2, rec2 := e.netTab(href[len(e.base)+len("/?view=net"):])
	assert.Contains(t, eval[string](e, ctx2, `document.getElementById("net-info").textContent`), "on csv (4 points)", "the new tab trains on the CSV")
	assert.Equal(t, done, eval[string](e, ctx2, `document.getElementById("view").dataset.done`), "the link restores the same run")
	assert.Contains(t, eval[string](e, ctx2, `document.getElementById("net-csv-note").textContent`), "and.csv")

	// 3000 rows of random 9-digit numbers do not compress below the limit.
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("x1,x2,y\n")
	for range 3000 {
		fmt.Fprintf(&b, "%.9f,%.9f,%d\n", r.Float64(), r.Float64(), r.IntN(2))
	}
	e.upload(ctx2, "big.csv", b.String())
	e.waitJS(ctx2, `document.getElementById("net-csv-note").dataset.link === "too-large"`)
	assert.Contains(t, eval[string](e, ctx2, `document.getElementById("net-csv-note").textContent`), "too large for a link")
	assert.NotContains(t, eval[string](e, ctx2, `window.__saddle.net.href()`), "csv=", "the link drops a CSV it cannot hold")
	e.waitJS(ctx2, `document.getElementById("net-info").textContent.includes("on csv (3000 points)") && document.getElementById("view").dataset.done > ""`)
	e.shot(ctx2, "net-csv-too-large")
	e.checkClean(rec, false)
	e.checkClean(rec2, false)
}
