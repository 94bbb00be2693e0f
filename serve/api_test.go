package serve

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func post(t *testing.T, h http.Handler, path, body string) (*http.Response, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
	res := rec.Result()
	var doc map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&doc), "%s %s: body is not JSON", path, body)
	return res, doc
}

func TestBadRequests(t *testing.T) {
	h := Handler()
	view := `"expr": "x^2 - y^2", "lo": [-2, -2], "hi": [2, 2]`
	cases := []struct {
		path, body string
		status     int
		field      string
		column     float64
	}{
		{"/api/sample", `{"expr": "x^2 - * y", "lo": [-2, -2], "hi": [2, 2]}`, 400, "expr", 7},
		{"/api/sample", `{"expr": "x^2 + foo(y)", "lo": [-2, -2], "hi": [2, 2]}`, 400, "expr", 7},
		{"/api/sample", `{` + view + `, "n": 1}`, 400, "n", 0},
		{"/api/sample", `{` + view + `, "n": 2000}`, 400, "n", 0},
		{"/api/sample", `{"expr": "x^2 - y^2", "lo": [2, -2], "hi": [-2, 2]}`, 400, "lo", 0},
		{"/api/sample", `{"expr": "x^2 - y^2", "lo": [-2], "hi": [2]}`, 400, "lo", 0},
		{"/api/sample", `{"expr": "7", "lo": [-2], "hi": [2]}`, 400, "expr", 0},
		{"/api/sample", `{` + view + `, "vars": ["x", "q"]}`, 400, "vars", 0},
		{"/api/sample", `{"expr": "x + y + z", "lo": [-2, -2], "hi": [2, 2], "fixed": {"w": 1}}`, 400, "fixed", 0},
		{"/api/sample", `{` + view + `, "bogus": 1}`, 400, "bogus", 0},
		{"/api/sample", `{` + view + `, "n": "many"}`, 400, "n", 0},
		{"/api/sample", `not json`, 400, "", 0},
		{"/api/sample", ``, 400, "", 0},
		{"/api/critical", `{"expr": "x^^2", "lo": [-2], "hi": [2]}`, 400, "expr", 0},
		{"/api/critical", `{` + view + `, "grid": 5000}`, 400, "grid", 0},
		{"/api/critical", `{` + view + `, "grid": -1}`, 400, "grid", 0},
		{"/api/point", `{` + view + `, "at": [1]}`, 400, "at", 0},
		{"/api/point", `{"expr": "log(x) + y", "lo": [-2, -2], "hi": [2, 2], "at": [-1, 0]}`, 400, "at", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "methods": [{"name": "sgd"}]}`, 400, "methods[0].name", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "methods": [{"name": "gd", "lr": -1}]}`, 400, "methods[0].lr", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "methods": [{"name": "momentum", "momentum": 1.5}]}`, 400, "methods[0].momentum", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "methods": []}`, 400, "methods", 0},
		{"/api/race", `{` + view + `, "start": [1], "methods": [{"name": "gd"}]}`, 400, "start", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "steps": 2000000000, "methods": [{"name": "gd"}]}`, 400, "steps", 0},
		{"/api/race", `{` + view + `, "start": [1, 0], "steps": -3, "methods": [{"name": "gd"}]}`, 400, "steps", 0},
	}
	for _, c := range cases {
		t.Run(c.path+" "+c.body, func(t *testing.T) {
			res, doc := post(t, h, c.path, c.body)
			assert.Equal(t, c.status, res.StatusCode, "%v", doc)
			msg, _ := doc["error"].(string)
			assert.NotEmpty(t, msg)
			assert.NotContains(t, msg, "\n", "one line")
			if c.field != "" {
				assert.Equal(t, c.field, doc["field"], "%v", doc)
			}
			if c.column > 0 {
				assert.Equal(t, c.column, doc["column"], "%v", doc)
				assert.Contains(t, msg, "column")
			}
		})
	}
}

func TestEndpointsAnswer(t *testing.T) {
	h := Handler()
	view := `"expr": "x^2 - y^2", "lo": [-2, -2], "hi": [2, 2]`
	res, doc := post(t, h, "/api/sample", `{`+view+`, "n": 3}`)
	require.Equal(t, 200, res.StatusCode)
	// x² − y² on the 3×3 grid {−2, 0, 2}², row-major with y rows: the
	// first row (y = −2) is 4 − 4, 0 − 4, 4 − 4.
	assert.Equal(t, []any{0.0, -4.0, 0.0, 4.0, 0.0, 4.0, 0.0, -4.0, 0.0}, doc["values"])
	res, doc = post(t, h, "/api/critical", `{`+view+`}`)
	require.Equal(t, 200, res.StatusCode)
	pts := doc["points"].([]any)
	require.Len(t, pts, 1)
	p := pts[0].(map[string]any)
	assert.Equal(t, "saddle", p["kind"])
	// The `saddle critical --json` fields, and the eigenvectors.
	for _, k := range []string{"at", "value", "gradient_norm", "kind", "index", "eigenvalues", "eigenvectors"} {
		assert.Contains(t, p, k)
	}
	res, doc = post(t, h, "/api/point", `{`+view+`, "at": [0.3, -1.2]}`)
	require.Equal(t, 200, res.StatusCode)
	// ∇(x² − y²) = (2x, −2y) = (0.6, 2.4) at (0.3, −1.2).
	g := doc["gradient"].([]any)
	assert.InDelta(t, 0.6, g[0].(float64), 1e-15)
	assert.InDelta(t, 2.4, g[1].(float64), 1e-15)
	res, doc = post(t, h, "/api/race", `{`+view+`, "start": [-1, 0], "steps": 3, "methods": [{"name": "gd"}]}`)
	require.Equal(t, 200, res.StatusCode)
	path := doc["methods"].([]any)[0].(map[string]any)["path"].([]any)
	require.Len(t, path, 4)
	// GD with lr 0.1: x ← 0.8x.
	assert.InDelta(t, -0.512, path[3].([]any)[0].(float64), 1e-15)
}

// With "packed": true the sample's values are a base64 string of
// little-endian float32 (the page asks so), the other fields unchanged.
func TestSamplePacked(t *testing.T) {
	res, doc := post(t, Handler(), "/api/sample", `{"expr": "x^2 - y^2", "lo": [-2, -2], "hi": [2, 2], "n": 3, "packed": true}`)
	require.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "float32", doc["encoding"])
	assert.Equal(t, 3.0, doc["ny"])
	raw, err := base64.StdEncoding.DecodeString(doc["values"].(string))
	require.NoError(t, err)
	require.Len(t, raw, 9*4)
	// x² − y² on {−2, 0, 2}², rows of y (as in TestEndpointsAnswer).
	for i, want := range []float32{0, -4, 0, 4, 0, 4, 0, -4, 0} {
		assert.Equal(t, want, math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])), "value %d", i)
	}
}

func TestServerRules(t *testing.T) {
	h := Handler()
	// GET on an endpoint: 405 with a JSON error; unknown pages 404.
	for _, c := range []struct {
		method, path string
		status       int
	}{{"GET", "/api/sample", 405}, {"PUT", "/api/race", 405}, {"GET", "/nope", 404}, {"GET", "/assets/nope.js", 404}, {"GET", "/assets/js/", 404}} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		assert.Equal(t, c.status, rec.Code, "%s %s", c.method, c.path)
	}
	// Oversized bodies are refused with 413.
	big := `{"expr": "` + strings.Repeat("x+", maxBody) + `x"}`
	res, doc := post(t, h, "/api/sample", big)
	assert.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode, "%v", doc)
	// The page and every asset carry the Content-Security-Policy; the page
	// has no inline script.
	for _, p := range []string{"/", "/assets/js/app.js", "/assets/vendor/d3.min.js", "/api/nope"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		csp := rec.Header().Get("Content-Security-Policy")
		assert.Contains(t, csp, "script-src 'self'", p)
		assert.NotContains(t, csp, "unsafe-inline", p)
		assert.NotContains(t, csp, "unsafe-eval", p)
	}
}

func TestNoInlineScript(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	page := rec.Body.String()
	for _, tag := range strings.Split(page, "<script")[1:] {
		assert.Contains(t, strings.SplitN(tag, ">", 2)[0], "src=", "every script is a file")
		assert.True(t, strings.HasPrefix(strings.SplitN(tag, ">", 2)[1], "</script>"), "no inline code")
	}
}

func TestPanicIsOneLine422(t *testing.T) {
	h := endpoint("boom", func(context.Context, struct{}) (any, error) { panic("kaboom\nsecond line") })
	res, doc := post(t, h, "/", `{}`)
	assert.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	assert.Equal(t, "boom: internal error (kaboom)", doc["error"])
}

// A client that goes away cancels its request's work: the race stops
// between steps instead of running its budget (5·10⁶ Newton steps with a
// Hessian each: minutes). httptest's Close waits for every handler.
func TestCancelledRequestStops(t *testing.T) {
	arrived := make(chan struct{})
	inner := Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		inner.ServeHTTP(w, r)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	body := `{"expr": "x^2 - y^2 + sin(x*y)", "lo": [-2, -2], "hi": [2, 2], "start": [0.5, 0.5], "steps": 5000000, "methods": [{"name": "newton"}]}`
	req, err := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/race", strings.NewReader(body))
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	<-arrived
	start := time.Now()
	cancel()
	require.Error(t, <-done)
	srv.Close()
	t.Logf("the handler returned %v after the client left", time.Since(start))
}

// Many tabs at once: concurrent requests all succeed with the same answer.
func TestConcurrentRequests(t *testing.T) {
	h := Handler()
	body := `{"expr": "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "lo": [-5, -5], "hi": [5, 5], "seed": 1}`
	var wg sync.WaitGroup
	out := make([]string, 8)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/critical", strings.NewReader(body)))
			out[i] = rec.Body.String()
		}()
	}
	wg.Wait()
	for _, o := range out {
		assert.Equal(t, out[0], o)
	}
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out[0]), &doc))
	// Himmelblau has 9 critical points in [−5, 5]²: 4 minima, 4 saddles, 1 maximum.
	assert.Len(t, doc["points"], 9)
}
