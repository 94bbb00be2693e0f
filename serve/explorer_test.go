package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
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
	lib, err := explore.Critical(explore.View{Expr: src, Lo: []float64{-2, -2}, Hi: []float64{2, 2}}, explore.CriticalOptions{Seed: 1})
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
