package serve

import (
	"testing"

	"github.com/stretchr/testify/require"
)

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
