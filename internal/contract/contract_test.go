package contract_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/internal/specvalidate"
	"github.com/sessionkit/sessions/openapi"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// liveGate, set by the live run's file (build tag "live"), ends the test
// binary before any test when the live run has nothing to do.
var liveGate func() bool

func TestMain(m *testing.M) {
	if liveGate != nil && liveGate() {
		os.Exit(0)
	}
	goleak.VerifyTestMain(m)
}

// services are the wrapper types whose methods implement each spec.
var services = map[string]reflect.Type{
	zendeskSpec: reflect.TypeFor[*zendesk.SessionsService](),
	gameSpec:    reflect.TypeFor[*gameserver.SessionsService](),
}

func loadSpec(t *testing.T, spec string) *openapi3.T {
	t.Helper()
	docs := map[string]func() []byte{zendeskSpec: openapi.Zendesk, gameSpec: openapi.Gameserver}
	data, ok := docs[spec]
	if !ok {
		t.Fatalf("no document %s in package openapi", spec)
	}
	doc, err := specvalidate.LoadData(context.Background(), spec, data())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// operations maps each operationId of spec to its documented error statuses.
func operations(t *testing.T, spec string) map[string][]int {
	t.Helper()
	ops := map[string][]int{}
	for _, op := range specvalidate.Operations(loadSpec(t, spec)) {
		var statuses []int
		for _, code := range op.Operation.Responses.Keys() {
			if n, err := strconv.Atoi(code); err == nil && n >= 400 {
				statuses = append(statuses, n)
			}
		}
		ops[op.Operation.OperationID] = statuses
	}
	return ops
}

func TestEveryOperationIsCovered(t *testing.T) {
	cases := map[string]contractCase{}
	for _, c := range allCases() {
		key := c.spec + " " + c.op
		if _, dup := cases[key]; dup {
			t.Errorf("%s has two contract cases", key)
		}
		cases[key] = c
	}
	for spec, svc := range services {
		ops := operations(t, spec)
		for op := range ops {
			c, ok := cases[spec+" "+op]
			if !ok {
				t.Errorf("%s: operation %s has no contract case (and so no proven wrapper method)", spec, op)
				continue
			}
			if _, ok := svc.MethodByName(c.method); !ok && notServiceMethods[c.method] == nil {
				t.Errorf("%s: operation %s: %s has no method %s", spec, op, svc, c.method)
			}
		}
		for _, c := range allCases() {
			if _, ok := ops[c.op]; c.spec == spec && !ok {
				t.Errorf("%s: contract case for %s, which the spec does not have", spec, c.op)
			}
		}
	}
}

// wantBody is what an error body served for a case decodes to; nil when
// the body is not ours (Prism serves the spec's examples) and any non-empty
// code or message will do.
type wantBody struct{ code, message string }

// checkAPIError asserts that err is the typed error for a documented status.
func checkAPIError(t *testing.T, spec string, err error, status int, want *wantBody) {
	t.Helper()
	if err == nil {
		t.Errorf("status %d: no error", status)
		return
	}
	e, ok := errors.AsType[*zendesk.APIError](err)
	if !ok {
		t.Errorf("status %d: error %T (%v) is not an *APIError", status, err, err)
		return
	}
	if e.StatusCode != status {
		t.Errorf("status %d: APIError.StatusCode = %d", status, e.StatusCode)
	}
	if want := sentinelFor(status); !errors.Is(err, want) {
		t.Errorf("status %d: errors.Is(err, %v) is false", status, want)
	}
	switch {
	case want != nil && (e.Code != want.code || e.Message != want.message):
		t.Errorf("status %d: decoded code %q message %q, want %q %q (body %q)", status, e.Code, e.Message, want.code, want.message, e.Body)
	case want == nil && e.Message == "" && e.Code == "":
		t.Errorf("status %d: the error body decoded to no code and no message: %q", status, e.Body)
	}
	if e.Attempts != 1 {
		t.Errorf("status %d: %d attempts with retries off", status, e.Attempts)
	}
	if spec == zendeskSpec && e.RequestID == "" {
		t.Errorf("status %d: no request id (X-Zendesk-Request-Id)", status)
	}
}
