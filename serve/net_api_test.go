package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNetBadRequests(t *testing.T) {
	h := Handler()
	w1 := `[0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05]`
	cases := []struct {
		path, body string
		field      string
	}{
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "net": {"preset": "nope"}}`, "net.preset"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "net": {"csv": "a,b,y\n0,0,x\n"}}`, "net.csv"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "net": {"hidden": [500]}}`, "net.hidden"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "net": {"preset": "w3"}}`, "net.hidden"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "net": {"loss": "hinge"}}`, "net.loss"},
		{"/api/net/train", `{"method": {"name": "sgd"}, "steps": 10}`, "methods[0].name"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 0}`, "steps"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 100000, "every": 1}`, "every"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "init": "zeros"}`, "init"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "grid": 1000}`, "grid"},
		{"/api/net/train", `{"method": {"name": "gd"}, "steps": 10, "bogus": 1}`, "bogus"},
		{"/api/net/point", `{"params": [1, 2]}`, "params"},
		{"/api/net/symmetry", `{"params": ` + w1 + `, "op": "rotate", "layer": 1}`, "op"},
		{"/api/net/symmetry", `{"params": ` + w1 + `, "op": "permute", "layer": 2, "perm": [1, 0]}`, "layer"},
		{"/api/net/symmetry", `{"params": ` + w1 + `, "op": "permute", "layer": 1, "perm": [0, 0]}`, "perm"},
		{"/api/net/symmetry", `{"net": {"act": "relu"}, "params": ` + w1 + `, "op": "flip", "layer": 1}`, "unit"},
		{"/api/net/race", `{"methods": [], "steps": 10}`, "methods"},
		{"/api/net/race", `{"methods": [{"name": "gd"}, {"name": "adam", "beta1": 2}], "steps": 10}`, "methods[1].beta1"},
		{"/api/net/plane", `{"params": ` + w1 + `, "mode": "pca"}`, "path"},
		{"/api/net/plane", `{"params": ` + w1 + `, "mode": "hex"}`, "mode"},
		{"/api/net/plane", `{"params": ` + w1 + `, "grid": 1}`, "grid"},
		{"/api/net/barrier", `{"a": ` + w1 + `, "b": [1]}`, "b"},
		{"/api/net/orbits", `{"n": 1000}`, "n"},
		{"/api/net/orbits", `{"steps": -1}`, "steps"},
		{"/api/net/restarts", `{"n": 1000}`, "n"},
		{"/api/net/restarts", `{"method": {"name": "sfn"}}`, "methods[0].name"},
		{"/api/net/restarts", `{"net": {"hidden": [32, 32]}}`, "net.hidden"},
		{"/api/net/barrier", `{"a": ` + w1 + `, "b": ` + w1 + `, "n": 1}`, "n"},
	}
	for _, c := range cases {
		t.Run(c.path+" "+c.body, func(t *testing.T) {
			res, doc := post(t, h, c.path, c.body)
			assert.Equal(t, http.StatusBadRequest, res.StatusCode, "%v", doc)
			msg, _ := doc["error"].(string)
			assert.NotContains(t, msg, "\n", "one line")
			assert.Equal(t, c.field, doc["field"], "%v", doc)
		})
	}
}

// The training stream: JSON lines, the info first, a frame per Every
// steps, the end last; its final loss is docs/WORKLOADS.md's W1 reference.
func TestNetTrainStream(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest("POST", "/api/net/train", strings.NewReader(`{"method": {"name": "gd", "lr": 0.5}, "steps": 10000, "every": 1000}`)))
	require.Equal(t, 200, rec.Code)
	assert.Equal(t, "application/x-ndjson", rec.Header().Get("Content-Type"))
	body := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	require.Len(t, body, 1+11+1, "info, steps 0, 1000, …, 10000, done")
	for _, line := range body {
		var l map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(line), &l))
		require.Len(t, l, 1, "one key per line")
	}
	assert.True(t, strings.HasPrefix(body[0], `{"info":`))
	assert.True(t, strings.HasPrefix(body[1], `{"frame":`))
	var end struct {
		Done struct {
			FinalLoss float64 `json:"final_loss"`
		} `json:"done"`
	}
	require.NoError(t, json.Unmarshal([]byte(body[len(body)-1]), &end))
	const w1, relTol = 0.00102746942975, 1e-9 // docs/WORKLOADS.md W1: agree to 1e-9 relative
	assert.InEpsilon(t, w1, end.Done.FinalLoss, relTol)
}

// A client that leaves a training stream stops the run: the handler
// returns (httptest's Close waits for it) instead of training 10⁹ steps.
func TestNetTrainStreamCancelled(t *testing.T) {
	srv := httptest.NewServer(Handler())
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/net/train",
		strings.NewReader(`{"method": {"name": "gd"}, "steps": 1000000000, "every": 1000000}`))
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(line, `{"info":`))
	cancel()
	res.Body.Close()
	srv.Close()
}
