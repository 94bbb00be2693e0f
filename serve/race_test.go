package serve

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// Dragging the start point moves the start (in the URL) and runs the race
// from where it was dropped.
func TestExplorerDragStart(t *testing.T) {
	e := newExplorer(t)
	ctx, rec := e.tab("/?start=-1,0&opt=gd&steps=20")
	e.race(ctx, "-1,0")
	at := eval[[]float64](e, ctx, `(r => [r.left + r.width / 2, r.top + r.height / 2])(document.getElementById("start-mark").getBoundingClientRect())`)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MousePressed, at[0], at[1], chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, at[0]+40, at[1]-40, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, at[0]+80, at[1]-80, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, at[0]+80, at[1]-80, chromedp.ButtonLeft),
	))
	e.waitJS(ctx, `window.__saddle.race && window.__saddle.race.start.join(",") !== "-1,0"`)
	start := eval[[]float64](e, ctx, `window.__saddle.race.start`)
	// 80 px right and up on a 540 px wide view of width 4 is about +0.6 in
	// x and y.
	assert.InDelta(t, -0.4, start[0], 0.1)
	assert.InDelta(t, 0.6, start[1], 0.1)
	u, err := url.Parse(eval[string](e, ctx, `window.__saddle.href()`))
	require.NoError(t, err)
	assert.Equal(t, parsePoint(t, u.Query().Get("start")), start)
	e.checkClean(rec, false)
}
