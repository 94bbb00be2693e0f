package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServe starts `saddle serve` on a free loopback port, fetches the
// page and an endpoint, and stops it like Ctrl-C does (its context).
func TestServe(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(&env{ctx: ctx, stdout: pw, stderr: &errb}, []string{"serve", "--addr", "127.0.0.1:0", "--json"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "stderr: %s", errb.String())
	var addr struct{ URL string }
	require.NoError(t, json.Unmarshal([]byte(line), &addr))
	require.True(t, strings.HasPrefix(addr.URL, "http://127.0.0.1:"), addr.URL)
	res, err := http.Get(addr.URL)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "script-src 'self'")
	res, err = http.Post(addr.URL+"api/critical", "application/json", strings.NewReader(`{"expr": "x^2 - y^2", "lo": [-1, -1], "hi": [1, 1]}`))
	require.NoError(t, err)
	var doc struct {
		Points []struct{ Kind string }
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&doc))
	res.Body.Close()
	require.Len(t, doc.Points, 1)
	assert.Equal(t, "saddle", doc.Points[0].Kind)
	cancel()
	assert.Equal(t, 0, <-done, "stderr: %s", errb.String())
}
