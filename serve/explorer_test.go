package serve

import (
	"net/url"
	"os"
	goruntime "runtime"

	"context"
	"encoding/json"
	"fmt"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/optim/explore"
)

// pointTol: a critical point found by Levenberg–Marquardt to ‖∇f‖ ≤ 1e-8
// is within ~1e-8 of the true one for these nondegenerate points; the page
// shows what the server sent, so 1e-6 leaves room and still separates
// every pair of points.
const pointTol = 1e-6

func TestExplorerBoot(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/")
	e.waitJS(ctx, `document.querySelectorAll("#critical .crit-mark").length === 1`)
	kinds := eval[[]string](e, ctx, `[...document.querySelectorAll("#critical .crit-mark")].map(m => m.dataset.kind)`)
	require.Equal(t, []string{"saddle"}, kinds, "x² − y² has one critical point, a saddle")
	contours := eval[int](e, ctx, `Number(document.getElementById("contours").dataset.count)`)
	require.Greater(t, contours, 5)
	e.shot(ctx, "boot")
	e.checkClean(rec, false)
}

// mark is a critical point as the page drew it.
type mark struct {
	Kind string `json:"kind"`
	At   string `json:"at"`
}

func marks(e *explorer, ctx context.Context) []mark {
	return eval[[]mark](e, ctx, `[...document.querySelectorAll("#critical .crit-mark")].map(m => ({kind: m.dataset.kind, at: m.dataset.at}))`)
}

func parsePoint(t *testing.T, s string) []float64 {
	var x []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(f, 64)
		require.NoError(t, err)
		x = append(x, v)
	}
	return x
}

// rendered waits until the page has drawn the formula src.
func (e *explorer) rendered(ctx context.Context, src string) {
	e.t.Helper()
	q, _ := json.Marshal(src)
	e.waitJS(ctx, fmt.Sprintf(`document.getElementById("view").dataset.rendered === %s`, q))
}

func TestExplorerFormula(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?vp=-2,2,-2,2")

	// f = x⁴ − 2x² + y²: ∇f = (4x³ − 4x, 2y) = 0 at x ∈ {−1, 0, 1}, y = 0;
	// the Hessian diag(12x² − 4, 2) is diag(8, 2) at x = ±1 (minima) and
	// diag(−4, 2) at 0 (a saddle).
	src := "x^4 - 2*x^2 + y^2"
	e.typeFormula(ctx, src)
	e.rendered(ctx, src)
	got := marks(e, ctx)
	want := map[string][]float64{"minimum:-1": {-1, 0}, "minimum:1": {1, 0}, "saddle:0": {0, 0}}
	require.Len(t, got, len(want), "marks %v", got)
	for _, m := range got {
		x := parsePoint(t, m.At)
		w, ok := want[m.Kind+":"+strconv.Itoa(int(math.Round(x[0])))]
		require.True(t, ok, "unexpected %s at %v", m.Kind, x)
		assert.InDelta(t, w[0], x[0], pointTol)
		assert.InDelta(t, w[1], x[1], pointTol)
	}
	// The same points as the library's search (what `saddle critical`
	// prints for this box).
	lib, err := explore.Critical(context.Background(), explore.View{Expr: src, Lo: []float64{-2, -2}, Hi: []float64{2, 2}}, explore.CriticalOptions{Seed: 1})
	require.NoError(t, err)
	var libKinds, pageKinds []string
	for _, p := range lib.Points {
		libKinds = append(libKinds, string(p.Kind))
	}
	for _, m := range got {
		pageKinds = append(pageKinds, m.Kind)
	}
	sort.Strings(libKinds)
	sort.Strings(pageKinds)
	require.Equal(t, libKinds, pageKinds)
	rows := eval[int](e, ctx, `document.querySelectorAll("#critical-table tbody tr").length`)
	require.Equal(t, 3, rows, "one table row per point")
	eig := eval[int](e, ctx, `document.querySelectorAll("#eigenvectors line").length`)
	require.Equal(t, 6, eig, "two eigenvectors per point")
	e.shot(ctx, "formula-quartic")

	// The monkey saddle x³ − 3xy² has one critical point, the origin, where
	// the Hessian is 0: degenerate, never "saddle" by the second-order test.
	src = "x^3 - 3*x*y^2"
	e.typeFormula(ctx, src)
	e.rendered(ctx, src)
	got = marks(e, ctx)
	require.Len(t, got, 1)
	require.Equal(t, "degenerate", got[0].Kind)
	e.shot(ctx, "formula-monkey")

	// A syntax error shows its column and keeps the last good plot.
	contours := eval[string](e, ctx, `document.getElementById("contours").innerHTML`)
	// Typed at the end of the monkey saddle, so that every prefix typed on
	// the way is the same function or a syntax error.
	bad := src + " + * y"
	_, perr := explore.ParseFormula(bad)
	ie := explore.AsInput(perr)
	require.NotNil(t, ie)
	require.Positive(t, ie.Column)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("formula"), " + * y")))
	q, _ := json.Marshal(bad)
	e.waitJS(ctx, fmt.Sprintf(`document.getElementById("formula-error").dataset.expr === %s`, q))
	col := eval[string](e, ctx, `document.getElementById("formula-error").dataset.column`)
	require.Equal(t, strconv.Itoa(ie.Column), col)
	text := eval[string](e, ctx, `document.getElementById("formula-error").textContent`)
	require.Contains(t, text, "column "+col)
	require.True(t, contours == eval[string](e, ctx, `document.getElementById("contours").innerHTML`), "the last good plot stays")
	require.Len(t, marks(e, ctx), 1)
	e.shot(ctx, "formula-error")

	errs, failed, _, _ := rec.snapshot()
	// The 400 of the bad formula is logged by the browser; nothing else may be.
	for _, m := range errs {
		require.Contains(t, m, "400", "console error %q", m)
	}
	require.Empty(t, failed)
}

func TestExplorerDimensions(t *testing.T) {
	e := newExplorer(t)
	// One variable: (1 − x²)² has minima at ±1 and a maximum at 0 (f'' =
	// 12x² − 4: 8 and −4), drawn on the curve.
	ctx, rec := e.tab("/?f=" + urlQuery("(1 - x^2)^2"))
	e.rendered(ctx, "(1 - x^2)^2")
	got := marks(e, ctx)
	kinds := []string{}
	for _, m := range got {
		kinds = append(kinds, m.Kind)
	}
	slices.Sort(kinds)
	require.Equal(t, []string{"maximum", "minimum", "minimum"}, kinds)
	require.Positive(t, eval[int](e, ctx, `Number(document.getElementById("curve").dataset.points)`))
	e.shot(ctx, "curve")
	// Three variables: a slice through z = 0.5, said on the page.
	src := "x^2 - y^2 + (z - 1)^2*x"
	ctx, rec3 := e.tab("/?fix_z=0.5&f=" + urlQuery(src))
	e.rendered(ctx, src)
	note := eval[string](e, ctx, `document.getElementById("slice-note").textContent`)
	require.Contains(t, note, "slice z = 0.5")
	require.Equal(t, "0.5", eval[string](e, ctx, `document.querySelector('.control[data-name="fix_z"]').dataset.value`))
	// On the slice z = 0.5: f = x² − y² + x/4, a saddle at (−1/8, 0).
	got = marks(e, ctx)
	require.Len(t, got, 1)
	require.Equal(t, "saddle", got[0].Kind)
	x := parsePoint(t, got[0].At)
	assert.InDelta(t, -0.125, x[0], pointTol)
	assert.InDelta(t, 0, x[1], pointTol)
	e.shot(ctx, "slice")
	e.checkClean(rec, false)
	e.checkClean(rec3, false)
}

func urlQuery(s string) string {
	return strings.NewReplacer("+", "%2B", " ", "%20", "^", "%5E", "*", "%2A", "(", "%28", ")", "%29").Replace(s)
}

// racePath is one method's run as the page received and drew it.
type racePath struct {
	Method string      `json:"method"`
	Path   [][]float64 `json:"path"`
	Loss   []*float64  `json:"loss"`
	Stop   string      `json:"stop"`
}

type raceDoc struct {
	Expr    string     `json:"expr"`
	Start   []float64  `json:"start"`
	Seed    uint64     `json:"seed"`
	Methods []racePath `json:"methods"`
}

// race waits for the page's race from start and returns it.
func (e *explorer) race(ctx context.Context, start string) raceDoc {
	e.t.Helper()
	e.waitJS(ctx, fmt.Sprintf(`window.__saddle.race && window.__saddle.race.start.join(",") === %q`, start))
	return eval[raceDoc](e, ctx, `window.__saddle.race`)
}

func byMethod(t *testing.T, d raceDoc, name string) racePath {
	for _, p := range d.Methods {
		if p.Method == name {
			return p
		}
	}
	t.Fatalf("no %s in the race", name)
	return racePath{}
}

func TestExplorerRaceClick(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?speed=15&steps=400&opt=gd,momentum")
	box := eval[[]float64](e, ctx, `(r => [r.left, r.top])(document.getElementById("plot-svg").getBoundingClientRect())`)
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseClickXY(box[0]+150, box[1]+260)))
	e.waitJS(ctx, `document.getElementById("race").dataset.play === "playing" && Number(document.querySelector(".race-path").dataset.points) > 3`)
	start := eval[[]float64](e, ctx, `window.__saddle.race.start`)
	require.Len(t, start, 2)
	// Still growing while playing.
	n0 := eval[int](e, ctx, `Number(document.querySelector(".race-path").dataset.points)`)
	e.waitJS(ctx, fmt.Sprintf(`Number(document.querySelector(".race-path").dataset.points) > %d`, n0))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-pause"))))
	e.waitJS(ctx, `document.getElementById("race").dataset.play === "paused"`)
	n1 := eval[int](e, ctx, `Number(document.querySelector(".race-path").dataset.points)`)
	// Frozen: 30 animation frames later (at 15 steps/s, two more steps if
	// it still played) the count is the same.
	eval[bool](e, ctx, `new Promise(ok => { let k = 0; const f = () => (++k >= 30 ? ok(true) : requestAnimationFrame(f)); requestAnimationFrame(f); })`)
	require.Equal(t, n1, eval[int](e, ctx, `Number(document.querySelector(".race-path").dataset.points)`))
	require.Equal(t, strconv.Itoa(n1-1), eval[string](e, ctx, `document.getElementById("race").dataset.step`))
	// step advances by one, reset goes back to the start.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-step"))))
	require.Equal(t, n1+1, eval[int](e, ctx, `Number(document.querySelector(".race-path").dataset.points)`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-reset"))))
	require.Equal(t, 1, eval[int](e, ctx, `Number(document.querySelector(".race-path").dataset.points)`))
	e.shot(ctx, "race-click")
	e.checkClean(rec, false)
}

func TestExplorerRaceSaddle(t *testing.T) {
	e := newExplorer(t)
	// x² − y² from (−1, 0), on the stable manifold y = 0 of the saddle.
	path := "/?f=" + urlQuery("x^2 - y^2") + "&start=-1,0&opt=gd,newton,pgd&steps=200&seed=1"
	ctx, rec := e.tab(path)
	d := e.race(ctx, "-1,0")
	// GD: x ← (1 − 2·0.1)x = 0.8x, y stays 0: after 200 steps x = −0.8²⁰⁰
	// ≈ −4e−20, at the saddle.
	gd := byMethod(t, d, "gd")
	require.Len(t, gd.Path, 201)
	last := gd.Path[len(gd.Path)-1]
	assert.InDelta(t, -math.Pow(0.8, 200), last[0], 1e-30)
	assert.Equal(t, 0.0, last[1])
	// Newton with lr 1 on a quadratic: x − H⁻¹∇f = 0 in one step.
	nt := byMethod(t, d, "newton")
	assert.InDelta(t, 0, nt.Path[1][0], 1e-15)
	assert.InDelta(t, 0, nt.Path[1][1], 1e-15)
	// Perturbed GD reaches the saddle, perturbs, and leaves along y: its
	// loss ends far below the saddle's 0.
	pgd := byMethod(t, d, "pgd")
	require.NotNil(t, pgd.Loss[len(pgd.Loss)-1])
	assert.Less(t, *pgd.Loss[len(pgd.Loss)-1], -1.0, "perturbed GD leaves the saddle")
	// The page drew them: to the end, every path has all its points.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-end"))))
	drawn := eval[map[string]int](e, ctx, `Object.fromEntries([...document.querySelectorAll(".race-path")].map(p => [p.dataset.method, Number(p.dataset.points)]))`)
	assert.Equal(t, map[string]int{"gd": len(gd.Path), "newton": len(nt.Path), "pgd": len(pgd.Path)}, drawn)
	e.shot(ctx, "race-saddle")

	// The URL restores the same state and the same paths in a new tab.
	href := eval[string](e, ctx, `window.__saddle.href()`)
	controls := `Object.fromEntries([...document.querySelectorAll(".control")].map(c => [c.dataset.name, c.dataset.value]))`
	want := eval[map[string]string](e, ctx, controls)
	formula := eval[string](e, ctx, `document.getElementById("formula").value`)
	u, err := url.Parse(href)
	require.NoError(t, err)
	ctx2, rec2 := e.tab(u.RequestURI())
	d2 := e.race(ctx2, "-1,0")
	assert.Equal(t, d, d2, "same paths")
	assert.Equal(t, want, eval[map[string]string](e, ctx2, controls), "same controls")
	assert.Equal(t, formula, eval[string](e, ctx2, `document.getElementById("formula").value`))

	// Saddle-free Newton from (−1, 1e−6): |H| = 2I, so x ← 0 and y ← 2y
	// each step: it leaves the saddle (y = 1e−6·2²⁰⁰).
	ctx3, rec3 := e.tab("/?f=" + urlQuery("x^2 - y^2") + "&start=-1,1e-6&opt=sfn&steps=200")
	sfn := byMethod(t, e.race(ctx3, "-1,0.000001"), "sfn")
	last = sfn.Path[len(sfn.Path)-1]
	assert.Greater(t, math.Abs(last[1]), 1.0, "saddle-free Newton leaves the saddle")
	for _, r := range []*recorder{rec, rec2, rec3} {
		e.checkClean(r, false)
	}
}

func TestExplorerControls(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?gd_lr=0.25&gd_lr_hide=1&seed_hide=1&pgd_radius=0.05")
	// Every label shows its control's value.
	type ctl struct {
		Name, Value, Shown string
		Hidden             bool
	}
	ctls := eval[[]ctl](e, ctx, `[...document.querySelectorAll(".control")].map(c => ({Name: c.dataset.name, Value: c.dataset.value, Shown: c.querySelector("output").textContent, Hidden: c.hidden}))`)
	require.NotEmpty(t, ctls)
	for _, c := range ctls {
		if c.Value == "on" || c.Value == "off" {
			assert.Equal(t, c.Value, c.Shown, c.Name)
			continue
		}
		v, err := strconv.ParseFloat(c.Value, 64)
		require.NoError(t, err, c.Name)
		s, err := strconv.ParseFloat(c.Shown, 64)
		require.NoError(t, err, "%s shows %q", c.Name, c.Shown)
		// Labels show 3 significant digits: within half a unit of the third.
		assert.InDelta(t, v, s, 5e-3*math.Abs(v), "%s: label %q, value %q", c.Name, c.Shown, c.Value)
		assert.Equal(t, c.Name == "gd_lr" || c.Name == "seed", c.Hidden, c.Name)
	}
	got := map[string]string{}
	for _, c := range ctls {
		got[c.Name] = c.Value
	}
	assert.Equal(t, "0.25", got["gd_lr"])
	assert.Equal(t, "0.05", got["pgd_radius"])
	// Moving a slider updates its label and the URL.
	eval[bool](e, ctx, `(i => { i.value = 1000; i.dispatchEvent(new Event("input")); return true })(document.querySelector('.control[data-name="steps"] input'))`)
	assert.Equal(t, "2000", eval[string](e, ctx, `document.querySelector('.control[data-name="steps"] output').textContent`))
	assert.Contains(t, eval[string](e, ctx, `window.__saddle.href()`), "steps=2000")
	e.checkClean(rec, false)
}

// TestExplorerLatency measures, in the page, the time from the last
// keystroke of a two-variable formula to its contours and classified
// critical points on screen (the next animation frame after both are drawn)
// on a 200×200 grid, over 20 edits, and reports p50 and p95. It asserts
// only a sanity bound far above the goal (p95 ≤ 150 ms): speed is
// reported, not tested.
func TestExplorerLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("latency measurement skipped in -short mode")
	}
	e := newExplorer(t)
	ctx, rec := e.tab("/?vp=-5,5,-5,5&opt=gd")
	bases := []string{
		"(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
		"x^4 - 2*x^2 + y^2",
		"(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
		"x^3 - 3*x*y^2",
		"(1 - x)^2 + 100*(y - x^2)^2",
	}
	const edits = 20
	var ms []float64
	for i := range edits {
		src := fmt.Sprintf("%s + 0.%d*x*y", bases[i%len(bases)], i+1)
		e.typeFormula(ctx, src)
		e.rendered(ctx, src)
		q, _ := json.Marshal(src)
		v := eval[[]map[string]float64](e, ctx, fmt.Sprintf(`window.__saddle.latencies.filter(l => l.expr === %s).map(({expr, ...l}) => l)`, q))
		require.NotEmpty(t, v, "no latency recorded for %s", src)
		l := v[len(v)-1]
		t.Logf("edit %2d: %4.0f ms (debounce wait %3.0f, fetch %3.0f, draw %3.0f, to frame %3.0f)", i, l["ms"], l["wait"], l["fetch"], l["draw"], l["frame"])
		ms = append(ms, l["ms"])
	}
	sort.Float64s(ms)
	p50 := ms[len(ms)/2]
	p95 := ms[int(math.Ceil(0.95*float64(len(ms))))-1]
	load := "unknown"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Fields(string(b))[0]
	}
	t.Logf("keystroke → contours and classified points, 200×200 grid, %d edits: p50 %.0f ms, p95 %.0f ms, max %.0f ms (goal p95 ≤ 150 ms; %d cores, load average %s)",
		edits, p50, p95, ms[len(ms)-1], goruntime.NumCPU(), load)
	// A sanity bound only: a page that never drew would have failed above.
	require.Less(t, p95, 10_000.0)
	e.shot(ctx, "latency-last")
	e.checkClean(rec, true)
}

// The export helpers make a PNG of the plot's layers, a JSON document of
// the run and a CSV table of the paths.
func TestExplorerExports(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?start=-1,0.5&opt=gd,sfn&steps=5")
	e.race(ctx, "-1,0.5")
	png := eval[map[string]any](e, ctx, `import("/assets/js/export.js").then(async m => {
		const svg = document.getElementById("plot-svg"), canvas = document.querySelector("#plot canvas");
		const b = await m.pngOf([canvas, svg], 600, 600);
		const head = new Uint8Array(await b.slice(0, 8).arrayBuffer());
		return {type: b.type, size: b.size, magic: Array.from(head.slice(1, 4), c => String.fromCharCode(c)).join("")};
	})`)
	assert.Equal(t, "image/png", png["type"])
	assert.Equal(t, "PNG", png["magic"])
	assert.Greater(t, png["size"].(float64), 10000.0)
	csv := eval[string](e, ctx, `import("/assets/js/export.js").then(m => m.csv(["method", "step", "x", "y"], window.__saddle.race.methods.flatMap(p => p.path.map((x, k) => [p.method, k, ...x]))))`)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	require.Len(t, lines, 1+2*6, "a header and 6 points (steps 0…5) per optimizer")
	assert.Equal(t, "method,step,x,y", lines[0])
	assert.Equal(t, "gd,0,-1,0.5", lines[1])
	// GD with lr 0.1 on x² − y²: (x, y) ← (0.8x, 1.2y).
	assert.Equal(t, "gd,1,-0.8,0.6", lines[2])
	e.checkClean(rec, false)
}

// TestExplorerScreenshot takes the README's picture: Himmelblau's function
// with its nine critical points and six optimizers leaving its maximum.
func TestExplorerScreenshot(t *testing.T) {
	e := newExplorer(t)
	src := "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
	ctx, rec := e.tab("/?f=" + urlQuery(src) + "&vp=-5,5,-5,5&start=-0.5,-1.2&opt=gd,momentum,adam,newton,sfn,pgd&gd_lr=0.01&momentum_lr=0.002&pgd_lr=0.005&adam_lr=0.1&steps=150")
	e.rendered(ctx, src)
	e.race(ctx, "-0.5,-1.2")
	require.Len(t, marks(e, ctx), 9, "Himmelblau: 4 minima, 4 saddles, 1 maximum")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-end"))))
	e.waitJS(ctx, `document.getElementById("race").dataset.step === "150"`)
	e.shot(ctx, "explorer-formula")
	e.checkClean(rec, false)
}

// Zooming with the wheel re-samples the view: the viewport (in the URL)
// narrows around the pointer and the page draws the new sample.
func TestExplorerZoom(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/")
	seq := eval[string](e, ctx, `document.getElementById("view").dataset.seq`)
	box := eval[[]float64](e, ctx, `(r => [r.left, r.top, r.width, r.height])(document.getElementById("plot-svg").getBoundingClientRect())`)
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseWheel, box[0]+box[2]/2, box[1]+box[3]/2,
		// The protocol needs both deltas, and a zero one is not sent.
		func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 1e-9, -300 })))
	e.waitJS(ctx, fmt.Sprintf(`document.getElementById("view").dataset.seq !== %q && window.__saddle.href().includes("vp=")`, seq))
	u, err := url.Parse(eval[string](e, ctx, `window.__saddle.href()`))
	require.NoError(t, err)
	vp := parsePoint(t, u.Query().Get("vp"))
	require.Len(t, vp, 4)
	assert.Less(t, vp[1]-vp[0], 4.0, "zoomed in: narrower than the default [-2, 2]")
	assert.Less(t, vp[3]-vp[2], 4.0)
	assert.Equal(t, 1, len(marks(e, ctx)), "the saddle is still in view")
	e.checkClean(rec, false)
}

// A race on a curve: the start is a single x, and the paths lie on f.
func TestExplorerCurveRace(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?f=" + urlQuery("(1 - x^2)^2") + "&start=0.2&opt=gd,newton&steps=50")
	d := e.race(ctx, "0.2")
	// Newton's step on f = (1 − x²)² from 0.2: f' = −4x(1 − x²) = −0.768,
	// f'' = 12x² − 4 = −3.52, x − f'/f'' = 0.2 − 0.218… = −0.01818…: towards
	// the maximum at 0.
	nt := byMethod(t, d, "newton")
	assert.InDelta(t, 0.2-0.768/3.52, nt.Path[1][0], 1e-12)
	gd := byMethod(t, d, "gd")
	assert.InDelta(t, 1, gd.Path[len(gd.Path)-1][0], 1e-6, "GD falls into the minimum at 1")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("btn-end"))))
	assert.Equal(t, 51, eval[int](e, ctx, `Number(document.querySelector('.race-path[data-method="gd"]').dataset.points)`))
	e.shot(ctx, "curve-race")
	e.checkClean(rec, false)
}
