package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// The browser tests drive Debian's Chromium (or any Chrome found on PATH)
// through chromedp against Handler on an httptest server (loopback), with a
// fixed viewport and seed. Outside CI they skip when no browser is found;
// with CI=true they fail instead.

// viewW, viewH is the fixed viewport of every tab.
const viewW, viewH = 1280, 1000

// waitLong bounds every wait for the page: generous, so that a loaded
// 2-core machine does not fail a correct page.
const waitLong = 60 * time.Second

func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// recorder collects what the browser reports: console errors, uncaught
// exceptions, failed requests, error statuses and every requested URL.
type recorder struct {
	mu       sync.Mutex
	errors   []string // console errors, exceptions, log entries of level error
	failed   []string // requests that failed (not cancelled by the page)
	statuses []string // responses with status ≥ 400
	urls     []string // every request
}

func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, a.Description+string(a.Value))
			}
			r.errors = append(r.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		r.errors = append(r.errors, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			r.errors = append(r.errors, "log "+string(ev.Entry.Source)+": "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		r.urls = append(r.urls, ev.Request.URL)
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			r.failed = append(r.failed, string(ev.Type)+": "+ev.ErrorText)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			r.statuses = append(r.statuses, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
		}
	}
}

func (r *recorder) snapshot() (errs, failed, statuses, urls []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...), append([]string(nil), r.failed...), append([]string(nil), r.statuses...), append([]string(nil), r.urls...)
}

// explorer is a running server and browser for the browser tests.
type explorer struct {
	t       *testing.T
	base    string          // the server's URL
	browser context.Context // the browser; tabs are made from it
	shots   string          // the folder of the screenshots
}

func newExplorer(t *testing.T) *explorer {
	t.Helper()
	if raceEnabled {
		// The server's handlers run under the race detector in the
		// endpoint tests (concurrent requests, cancellation); the browser
		// tests run in the plain `go test` step of CI, once.
		t.Skip("browser tests skipped under -race (they run without it)")
	}
	bin := findBrowser()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found on PATH (CI=true: the browser tests must run; install chromium)")
		}
		t.Skip("no Chromium found on PATH: browser tests skipped (they fail instead with CI=true)")
	}
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(viewW, viewH),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	require.NoError(t, chromedp.Do(browser), "starting %s", bin)
	shots := os.Getenv("SADDLE_SCREENSHOTS")
	if shots == "" {
		shots = "testdata-out"
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	return &explorer{t: t, base: srv.URL, browser: browser, shots: shots}
}

// tab opens a new tab at path (relative to the server) with a fixed
// viewport and waits until the page has drawn its first view.
func (e *explorer) tab(path string) (context.Context, *recorder) {
	e.t.Helper()
	return e.tabWaiting(path, "#plot-svg")
}

// tabWaiting is tab for a view whose drawing is the element sel.
func (e *explorer) tabWaiting(path, sel string) (context.Context, *recorder) {
	e.t.Helper()
	rec := &recorder{}
	ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithListener(rec.listen))
	e.t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 5*waitLong)
	e.t.Cleanup(cancelT)
	require.NoError(e.t, chromedp.Do(ctx,
		chromedp.EmulateViewport(viewW, viewH),
		chromedp.Navigate(e.base+path),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	))
	e.waitJS(ctx, `document.getElementById("view").dataset.boot === "ready"`)
	return ctx, rec
}

// waitJS waits until the expression is truthy, re-evaluating it on every
// animation frame (an event of the page, not a sleep).
func (e *explorer) waitJS(ctx context.Context, expr string) {
	e.t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(waitLong)))
	require.NoError(e.t, err, "waiting for %s", expr)
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](e *explorer, ctx context.Context, expr string) T {
	e.t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(e.t, err, "evaluating %s", expr)
	return v
}

// shot saves a full-page screenshot as NAME.png in the screenshot folder.
func (e *explorer) shot(ctx context.Context, name string) string {
	e.t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(e.t, err)
	path := filepath.Join(e.shots, name+".png")
	require.NoError(e.t, os.WriteFile(path, png, 0o644))
	e.t.Logf("screenshot %s", path)
	return path
}

// typeFormula replaces the formula by typing src key by key.
func (e *explorer) typeFormula(ctx context.Context, src string) {
	e.t.Helper()
	eval[bool](e, ctx, `(document.getElementById("formula").value = "", true)`)
	require.NoError(e.t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("formula"), src)))
}

// checkClean fails on console errors, failed requests, error statuses and
// requests off the loopback. With allow400, the 400 answers to formulas
// typed halfway (and the browser's console line for each) are allowed.
func (e *explorer) checkClean(rec *recorder, allow400 bool) {
	e.t.Helper()
	errs, failed, statuses, urls := rec.snapshot()
	if allow400 {
		errs = slices.DeleteFunc(errs, func(s string) bool { return strings.Contains(s, "status of 400") })
		statuses = slices.DeleteFunc(statuses, func(s string) bool { return strings.HasPrefix(s, "400 ") })
	}
	require.Empty(e.t, errs, "console errors")
	require.Empty(e.t, failed, "failed requests")
	require.Empty(e.t, statuses, "error statuses")
	require.NotEmpty(e.t, urls)
	for _, u := range urls {
		p, err := url.Parse(u)
		require.NoError(e.t, err)
		if p.Scheme == "data" || p.Scheme == "blob" {
			continue
		}
		require.Equal(e.t, "127.0.0.1", p.Hostname(), "request off the loopback: %s", u)
	}
}
