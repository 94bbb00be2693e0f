package serve

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/optim/lessons"
)

// Every lesson link of docs/lessons.md opens the explorer without a console
// error, shows the lesson's claim beside the view, and the view shows the
// claim's numbers.
func TestLessonLinks(t *testing.T) {
	e := newExplorer(t)
	critical := func(ctx context.Context) string {
		e.waitJS(ctx, `document.querySelectorAll("#critical-table tbody tr").length > 0`)
		return eval[string](e, ctx, `document.getElementById("critical-table").textContent`)
	}
	netSpectrum := func(ctx context.Context) string {
		return eval[string](e, ctx, `document.getElementById("net-spectrum-note").textContent`)
	}
	checks := map[int]func(ctx context.Context){
		// Lesson 1: the minimum (8/7, 9/14) = (1.14, 0.643) with
		// eigenvalues 13 ∓ √113 = 2.37, 23.6.
		1: func(ctx context.Context) {
			text := critical(ctx)
			assert.Contains(t, text, "(1.14, 0.643)")
			assert.Contains(t, text, "2.37, 23.6")
		},
		// Lesson 2: the same quadratic (λmax = 23.6, so 1/λmax = 0.0423);
		// GD with lr 0.07 runs.
		2: func(ctx context.Context) {
			assert.Contains(t, critical(ctx), "2.37, 23.6")
			e.waitJS(ctx, `document.querySelector("#race-table tr[data-method=gd]") !== null`)
		},
		// Lesson 3: the logistic loss is convex: one minimum.
		3: func(ctx context.Context) { assert.Contains(t, critical(ctx), "minimum") },
		// Lesson 4: W1's start has λmin = −0.00887508 (W4a).
		4: func(ctx context.Context) { assert.Contains(t, netSpectrum(ctx), "smallest -0.00888") },
		// Lesson 5: minima at ±1 with h'' = 8, a maximum at 0 with h'' = −4.
		5: func(ctx context.Context) {
			text := critical(ctx)
			assert.Equal(t, 2, strings.Count(text, "minimum"))
			assert.Contains(t, text, "maximum")
			assert.Contains(t, text, "-4")
			assert.Contains(t, text, "8")
		},
		// Lesson 6: 3!·2³ = 48 equivalent points.
		6: func(ctx context.Context) {
			assert.Contains(t, eval[string](e, ctx, `document.getElementById("sym-note").textContent`), "3!·2^3 = 48")
		},
		// Lesson 7: a failed run from uniform(±4) ends on the 1/6 plateau.
		7: func(ctx context.Context) {
			done, err := strconv.ParseFloat(eval[string](e, ctx, `document.getElementById("view").dataset.done`), 64)
			require.NoError(t, err)
			assert.InDelta(t, 1.0/6, done, 0.01)
			// The restart study (rs=run) shows where the failures end: each
			// within 0.01 of 1/8, 1/6 or 1/4 (net_study_browser_test.go
			// derives the levels).
			e.waitJS(ctx, `document.getElementById("net-restarts").dataset.done === "1"`)
			fails := eval[int](e, ctx, `Number(document.getElementById("net-restarts-note").dataset.failures)`)
			assert.Positive(t, fails)
			assert.Equal(t, fails, eval[int](e, ctx, `Number(document.getElementById("net-restarts-note").dataset.atPlateau)`))
			// A finite minimum would stop with bounded weights; each followed
			// failure instead creeps on (gradient shrinking, weights growing)
			// or, from the 1/6 plateau, leaves it later: most creep.
			note := func(k string) int {
				return eval[int](e, ctx, `Number(document.getElementById("net-restarts-note").dataset.`+k+`)`)
			}
			assert.Equal(t, note("followed"), note("creeping")+note("leaving"))
			assert.GreaterOrEqual(t, 2*note("creeping"), note("followed"))
		},
		// Lesson 8: the XOR origin: 0.1875 and eight zero eigenvalues.
		8: func(ctx context.Context) {
			e.click(ctx, "net-reset")
			assert.Contains(t, netSpectrum(ctx), "8 zero")
			assert.Contains(t, netSpectrum(ctx), "largest 0.188")
		},
		// Lesson 9: Newton and saddle-free Newton race from (−1, 10⁻⁶).
		9: func(ctx context.Context) {
			e.waitJS(ctx, `document.querySelectorAll("#race-table tr[data-method]").length === 2`)
			assert.Contains(t, critical(ctx), "saddle")
		},
	}
	require.Len(t, lessons.Catalog(), 9)
	for _, l := range lessons.Catalog() {
		t.Run(strconv.Itoa(l.Number), func(t *testing.T) {
			q := "/?" + l.Query()
			var ctx context.Context
			var rec *recorder
			if strings.HasPrefix(l.Explore, "view=net") {
				ctx, rec = e.netTab(strings.TrimPrefix(q, "/?view=net"))
			} else {
				ctx, rec = e.tab(q)
			}
			e.waitJS(ctx, `document.getElementById("lesson-claim") !== null`)
			claim := eval[string](e, ctx, `document.getElementById("lesson-claim").textContent`)
			assert.Equal(t, l.Claim, claim)
			checks[l.Number](ctx)
			e.shot(ctx, "lesson-"+strconv.Itoa(l.Number))
			e.checkClean(rec, false)
		})
	}
}
