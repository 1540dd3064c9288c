package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// Limits on what an error body contributes to an *APIError.
const (
	maxMessageBytes = 512 // APIError.Message
	maxCodeBytes    = 128 // APIError.Code
)

// Invalid returns an *InvalidArgumentError of the API called api: the one
// constructor of argument errors, for the wrappers and the engine.
func Invalid(api, name string, value any, reason string) error {
	return &sessionkit.InvalidArgumentError{API: api, Name: name, Value: value, Reason: reason}
}

// invalid returns an *InvalidArgumentError of no API yet (see API.named).
func invalid(name string, value any, reason string) error { return Invalid("", name, value, reason) }

// named sets a's name on the error types of sessionkit in err's chain that
// have none yet, and returns err.
func (a *API) named(err error) error {
	if err == nil || a == nil {
		return err
	}
	if e, ok := errors.AsType[*sessionkit.InvalidArgumentError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*sessionkit.ResponseTooLargeError](err); ok && e.API == "" {
		e.API = a.Name
	}
	if e, ok := errors.AsType[*sessionkit.RedirectError](err); ok && e.API == "" {
		e.API = a.Name
	}
	return err
}

// NewAPIError builds an *APIError of api from a response with status >=
// 400 as a call would (newAPIError), the sent header taken from
// resp.Request when set. A nil resp gives an *APIError with StatusCode 0.
func (a *API) NewAPIError(resp *http.Response) *sessionkit.APIError {
	var sent http.Header
	if resp != nil && resp.Request != nil {
		sent = resp.Request.Header
	}
	return a.newAPIError(resp, sent)
}

// newAPIError reads at most 64 KiB of resp's body into an *APIError,
// drains and closes it, and decodes Code and Message with a.ErrorBody;
// sent is the request's header (see safeHeader).
func (a *API) newAPIError(resp *http.Response, sent http.Header) *sessionkit.APIError {
	e := &sessionkit.APIError{API: a.Name, Attempts: 1}
	if resp == nil {
		e.Message = "no response"
		return e
	}
	e.StatusCode = resp.StatusCode
	e.Header = safeHeader(resp.Header, sent)
	if req := resp.Request; req != nil {
		e.Method, e.URL = req.Method, redactURL(req.URL)
	}
	if resp.Body != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = drainAndClose(resp.Body)
		if len(body) > 0 {
			e.Body = body
		}
	}
	ct := resp.Header.Get("Content-Type")
	if a.ErrorBody != nil {
		e.Code, e.Message = a.ErrorBody(ct, e.Body)
	}
	if e.Code == "" && e.Message == "" {
		e.Message = textOf(ct, e.Body)
	}
	e.Code, e.Message = oneLine(e.Code, maxCodeBytes), oneLine(e.Message, maxMessageBytes)
	e.RequestID, e.RateLimit = a.requestID(resp.Header), a.RateLimit.parse(resp.Header).RateLimit
	if d, ok := sessionkit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	return e
}

// endedError is a call ended by its caller's context. errors.Is sees only
// the context's error, never an SDK sentinel such as ErrConnection, so a
// switch on the SDK's sentinels does not misfile a caller's cancellation;
// the last attempt's error stays reachable with errors.As.
type endedError struct {
	msg    string
	ctxErr error
	last   error
}

// ended is the error of a call that ctxErr ended while doing what; last is
// the last attempt's error, if any.
func ended(what, ctxErr, last error) error {
	msg := what.Error()
	if !errors.Is(what, ctxErr) {
		msg += ": " + ctxErr.Error()
	}
	if last != nil {
		msg += "; last attempt: " + last.Error()
	}
	return &endedError{msg: msg, ctxErr: ctxErr, last: last}
}

func (e *endedError) Error() string { return e.msg }

// Unwrap returns the context's error, and only it.
func (e *endedError) Unwrap() error { return e.ctxErr }

// As finds target in the last attempt's error.
func (e *endedError) As(target any) bool { return e.last != nil && errors.As(e.last, target) }

// secretSafe reduces a decoder's error for a body that may carry a secret
// (Op.SecretBody) to where and what went wrong: encoding/json's errors can
// quote the input; the decoders' own quote no body and are kept.
func secretSafe(err error) error {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Errorf("the body is not valid JSON (at byte %d)", se.Offset)
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		kind, _, _ := strings.Cut(te.Value, " ") // "number 12345" would quote it
		return fmt.Errorf("field %q: a JSON %s does not fit a Go %s", te.Field, kind, te.Type)
	}
	if _, ok := errors.AsType[*strconv.NumError](err); ok {
		return errors.New("a field does not hold a valid number")
	}
	if strings.HasPrefix(err.Error(), "json: ") {
		return errors.New("the body does not decode as JSON")
	}
	return err
}
