package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/saddle-dev/saddle/optim/explore"
)

// maxBody bounds a request body: a formula (≤ 10 000 characters) and a
// few dozen settings fit in far less.
const maxBody = 64 << 10

// apiError is the JSON body of every error response.
type apiError struct {
	Msg    string `json:"error"`
	Field  string `json:"field,omitempty"`
	Column int    `json:"column,omitempty"`
}

// endpoint makes a JSON endpoint of fn: it decodes the body into a Req
// (unknown fields refused), calls fn with the request's context (cancelled
// when the client goes away) and writes its result as JSON. An
// *explore.InputError is a 400 naming its field, any other error a 422,
// a panic in fn a 422 with one line; nothing is a 5xx.
func endpoint[Req any](name string, fn func(ctx context.Context, req Req) (any, error)) http.Handler {
	return sizedEndpoint(name, maxBody, fn)
}

// sizedEndpoint is endpoint with a body limit of limit bytes.
func sizedEndpoint[Req any](name string, limit int64, fn func(ctx context.Context, req Req) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, ok := decode[Req](w, r, name, limit)
		if !ok {
			return
		}
		res, err := call(r.Context(), name, fn, req)
		if err != nil {
			failed(w, r, name, err)
			return
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(res); err != nil {
			writeError(w, http.StatusUnprocessableEntity, apiError{Msg: name + ": the result cannot be written as JSON: " + err.Error()})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes()) // a failed write means the client left
	})
}

// decode reads r's body (at most limit bytes) as one JSON value into a Req,
// unknown fields refused; on failure it writes the 4xx and returns false.
func decode[Req any](w http.ResponseWriter, r *http.Request, name string, limit int64) (Req, bool) {
	var req Req
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, decodeStatus(err), apiError{Msg: name + ": " + decodeMessage(err), Field: decodeField(err)})
		return req, false
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, apiError{Msg: name + ": the body holds more than one JSON value"})
		return req, false
	}
	// Read the body to its end, so that the server notices a client that
	// goes away (and cancels r's context) while the work runs.
	_, _ = io.Copy(io.Discard, r.Body)
	return req, true
}

// failed writes the error of a request's work: an *explore.InputError is a
// 400 naming its field, any other error a 422; nothing when the client is
// gone.
func failed(w http.ResponseWriter, r *http.Request, name string, err error) {
	if r.Context().Err() != nil {
		return // the client is gone: nobody reads an answer
	}
	if ie := explore.AsInput(err); ie != nil {
		writeError(w, http.StatusBadRequest, apiError{Msg: name + ": " + ie.Error(), Field: ie.Field, Column: ie.Column})
		return
	}
	writeError(w, http.StatusUnprocessableEntity, apiError{Msg: name + ": " + err.Error()})
}

// call runs fn, turning a panic into an error of one line.
func call[Req any](ctx context.Context, name string, fn func(context.Context, Req) (any, error), req Req) (res any, err error) {
	defer func() {
		if p := recover(); p != nil {
			msg := strings.SplitN(fmt.Sprint(p), "\n", 2)[0]
			res, err = nil, fmt.Errorf("internal error (%s)", msg)
		}
	}()
	return fn(ctx, req)
}

func decodeStatus(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

func decodeMessage(err error) string {
	var mbe *http.MaxBytesError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &mbe):
		return fmt.Sprintf("the body exceeds %d bytes", mbe.Limit)
	case errors.Is(err, io.EOF):
		return "empty body: send a JSON object"
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: %s is not a %s", te.Field, te.Value, te.Type)
	case errors.As(err, &se):
		return fmt.Sprintf("the body is not JSON (at byte %d): %v", se.Offset, err)
	}
	return "bad JSON body: " + err.Error()
}

func decodeField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field
	}
	if s, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return strings.Trim(s, `"`)
	}
	return ""
}

func writeError(w http.ResponseWriter, status int, e apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(e) // a failed write means the client left
}
