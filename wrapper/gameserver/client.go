package gameserver

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// Client is a client of the game-server Sessions API. Build it with
// NewClient; it is safe for concurrent use and never prints its API key.
type Client struct {
	// Sessions holds the API's operations on sessions.
	Sessions *SessionsService

	engine *core.Engine
}

// SessionsService is the API's session operations, and WaitReady on top
// of them: reach it through Client.Sessions. Every method takes per-call
// options.
type SessionsService struct {
	engine *core.Engine
	poll   pollInterval // the client's default polling
}

// NewClient returns a client of the game-server API configured by opts
// (WithAPIToken for the credentials; without it, the live API answers
// 401). An invalid option is an *InvalidArgumentError naming it.
func NewClient(opts ...Option) (*Client, error) {
	st := settings{Settings: core.NewSettings(api()), poll: pollInterval{first: DefaultPollInterval, max: DefaultMaxPollInterval}}
	if err := st.apply(opts); err != nil {
		return nil, err
	}
	e, err := core.NewEngine(st.Settings)
	if err != nil {
		return nil, err
	}
	return &Client{Sessions: &SessionsService{engine: e, poll: st.poll}, engine: e}, nil
}

// do sends one call of op, unless the service, argErr or an option fails.
func (s *SessionsService) do(ctx context.Context, opts []Option, argErr error, op *core.Op,
	build func(base string) (*http.Request, error), decode core.Decoder) error {
	call, _, err := s.call(forCall, opts, argErr)
	if err != nil {
		return err
	}
	return call.Do(ctx, op, build, decode)
}

// call returns what a call (for use) with opts is sent with: the client's
// own, shared, without options; otherwise a copy changed by opts; and this
// package's own settings.
func (s *SessionsService) call(use use, opts []Option, argErr error) (*core.Call, settings, error) {
	switch {
	case s == nil || s.engine.Client() == nil:
		return nil, settings{}, invalid("gameserver.SessionsService", nil, "is not initialised: use NewClient")
	case argErr != nil:
		return nil, settings{}, argErr
	case len(opts) == 0:
		return s.engine.Client(), settings{poll: s.poll}, nil
	}
	st := settings{Settings: s.engine.CallSettings(), use: use, poll: s.poll}
	if err := st.apply(opts); err != nil {
		return nil, settings{}, err
	}
	return s.engine.Call(&st.Settings), st, nil
}

// DefaultBaseURL is the API's base URL when no WithBaseURL is given.
const DefaultBaseURL = "https://api.edgegap.com"

// userAgent is the SDK's User-Agent product; WithUserAgent prepends the
// caller's.
const userAgent = "sessionkit-go-gameserver/0.1"

// api is what the engine needs to know of the game-server API.
func api() core.API {
	return core.API{
		Name:           "gameserver",
		DefaultBaseURL: DefaultBaseURL,
		UserAgent:      userAgent,
		ErrorBody:      decodeErrorBody,
		RequestID: func(h http.Header) string {
			if v := h.Get("X-Request-Id"); v != "" {
				return v
			}
			return h.Get("Request-Id")
		},
		RateLimit: rateLimitHeaders,
	}
}

// rateLimitHeaders are the API's rate-limit headers, RateLimit-* first.
var rateLimitHeaders = core.RateLimitHeaders{
	Limit:     []string{"Ratelimit-Limit", "X-Ratelimit-Limit"},
	Remaining: []string{"Ratelimit-Remaining", "X-Ratelimit-Remaining"},
	Reset:     []string{"Ratelimit-Reset", "X-Ratelimit-Reset"},
}

// decodeErrorBody reads the API's error body, {"message": "..."}; FastAPI
// validation errors ({"detail": ...}) and {"error": "..."} are understood
// too. Anything else is left to the engine, which keeps the text.
func decodeErrorBody(_ string, body []byte) (code, message string) {
	var b struct {
		Message string          `json:"message"`
		Error   string          `json:"error"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", ""
	}
	var detail string // a JSON string's text, or else the JSON ("" when absent)
	if json.Unmarshal(b.Detail, &detail) != nil {
		detail = string(b.Detail)
	}
	return "", cmp.Or(b.Message, b.Error, detail)
}
