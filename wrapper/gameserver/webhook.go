package gameserver

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"reflect"
	"strings"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// DefaultWebhookMaxBytes is the largest webhook body a WebhookHandler reads
// unless WithWebhookMaxBytes says otherwise: far more than any session body.
const DefaultWebhookMaxBytes = 1 << 20

// minWebhookTokenLen is the shortest token WithWebhookToken accepts.
const minWebhookTokenLen = 16

// SessionEvent is one webhook delivery: the session the API POSTed to the
// session's webhook_url when it became linked, unprocessable or failed.
//
// The API sends one of two bodies. Its documentation says the body is the
// get-session one (users, deployment, create_time); the body observed on the
// wire carries only the list-sessions fields (session_id, status, ready,
// linked, kind, user_count, webhook_url, deployment_request_id). Both decode
// into Session; fields the body did not carry are zero, and Full says which
// body it was. Nothing signs the body: confirm with Get when it matters.
type SessionEvent struct {
	// Session is the session as the body described it.
	Session Session
	// DeploymentRequestID is the id of the deployment the session is
	// linked to: the body's deployment_request_id, or else the request id of
	// its deployment; "" when it had neither.
	DeploymentRequestID string
	// Full is true when the body was the get-session one (it had a
	// create_time or a deployment), false for the short one.
	Full bool
	// Body is the body as received, for fields Session does not hold. It
	// holds the webhook URL as sent, token included, so it prints as its
	// length only (see Format), and a ReadyNotifier never keeps it.
	Body json.RawMessage
}

// Linked reports whether the event says the session is linked to a
// deployment (or ready).
func (e SessionEvent) Linked() bool { return e.Session.Linked || e.Session.Ready }

// Failed reports whether the event says the session will never be ready:
// it has an error, or its status is StatusUnprocessable or StatusError (the
// short body has no error field).
func (e SessionEvent) Failed() bool {
	return e.Session.Error != "" ||
		strings.EqualFold(e.Session.Status, StatusUnprocessable) ||
		strings.EqualFold(e.Session.Status, StatusError)
}

// decisive reports whether a waiter should act on the event.
func (e SessionEvent) decisive() bool { return e.Linked() || e.Failed() }

// WebhookOption configures a WebhookHandler. Options print without secrets.
type WebhookOption struct {
	desc  string
	apply func(*webhookConfig)
}

// String describes the option, never its token.
func (o WebhookOption) String() string { return o.desc }

type webhookConfig struct {
	token     core.Secret
	hasToken  bool
	maxBytes  int64
	notifiers []*ReadyNotifier
}

// WithWebhookToken makes the handler accept only requests that carry token,
// either as the last segment of the URL path (/hooks/edgegap/<token>) or as
// the query parameter "token" (/hooks/edgegap?token=<token>); others are
// answered 403 and the function is not called. Put the same URL, token
// included, in CreateRequest.WebhookURL. The comparison takes constant time.
// The token must be at least 16 characters (NewWebhookToken makes a good
// one); an empty or shorter one makes WebhookHandler fail.
func WithWebhookToken(token string) WebhookOption {
	return WebhookOption{desc: "gameserver.WithWebhookToken([REDACTED])", apply: func(c *webhookConfig) {
		c.token, c.hasToken = core.Secret(token), true
	}}
}

// NewWebhookToken returns a new random token for WithWebhookToken: 26
// characters of crypto/rand output (130 bits), safe in a URL path or query.
func NewWebhookToken() string { return rand.Text() }

// WithWebhookMaxBytes sets the largest body the handler reads
// (DefaultWebhookMaxBytes by default); a larger one is answered 413 and the
// function is not called. n must be > 0.
func WithWebhookMaxBytes(n int64) WebhookOption {
	return WebhookOption{desc: fmt.Sprintf("gameserver.WithWebhookMaxBytes(%d)", n), apply: func(c *webhookConfig) {
		c.maxBytes = n
	}}
}

// WithWebhookNotifier makes the handler tell n about every event it
// accepts, before calling its function, so that waits given
// WithReadyNotifier(n) end as soon as the webhook arrives. nil is an error.
func WithWebhookNotifier(n *ReadyNotifier) WebhookOption {
	return WebhookOption{desc: "gameserver.WithWebhookNotifier(...)", apply: func(c *webhookConfig) {
		c.notifiers = append(c.notifiers, n)
	}}
}

// WebhookHandler returns an http.Handler that receives the API's session
// webhooks and calls fn with each, decoded. Serve it at the URL given in
// CreateRequest.WebhookURL.
//
// The handler answers:
//   - 204 No Content when fn returned nil;
//   - 405 to a method other than POST;
//   - 403 when WithWebhookToken is set and the request lacks the token;
//   - 415 when the Content-Type is present and not JSON;
//   - 413 when the body is larger than the limit (WithWebhookMaxBytes);
//   - 400 when the body is not a JSON session (no session_id, a field of
//     the wrong type);
//   - 500 when fn returned an error (its text is not sent).
//
// fn is called only for a body that decoded; unknown fields and unknown
// statuses are accepted. fn runs before the answer is sent, with the
// request's context: keep it short (hand the event to a queue) so the API,
// which gives up after about 10 seconds and does not retry, gets its answer
// quickly. The API sends each webhook once, but a proxy, a replay or the
// caller's own resends can bring the same event twice: fn must tolerate
// duplicates. The body is not signed; protect the URL with WithWebhookToken
// and confirm with Get before acting on anything that matters.
//
// Anyone who can reach the URL can post to it, so the handler costs a
// bounded amount whatever it is sent: it reads at most the limit (1 MiB by
// default) of a body, decodes it once and keeps nothing after answering; a
// ReadyNotifier keeps a few fields of each event, never the body (see
// ReadyNotifier), and a wait polls at most a few times more however many
// events arrive (see WithReadyNotifier). Time is the server's to bound: serve
// the handler from an http.Server with ReadHeaderTimeout, ReadTimeout and
// MaxHeaderBytes set (see the example), or a client that trickles its
// headers or body holds a connection, and its goroutine, for as long as it
// likes; http.ListenAndServe and a zero http.Server set none of them.
//
// The handler prints (with every fmt verb, and in slog) as a description
// of its options, never its token.
//
// WebhookHandler fails with an *InvalidArgumentError for a nil fn, an empty
// or short token, a limit <= 0 or a nil notifier.
func WebhookHandler(fn func(ctx context.Context, ev SessionEvent) error, opts ...WebhookOption) (http.Handler, error) {
	if fn == nil {
		return nil, invalid("WebhookHandler fn", nil, "must not be nil")
	}
	c := webhookConfig{maxBytes: DefaultWebhookMaxBytes}
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&c)
		}
	}
	if c.hasToken && c.token == "" {
		return nil, invalid("WithWebhookToken token", nil, "must not be empty")
	}
	if c.hasToken && len(c.token) < minWebhookTokenLen {
		return nil, invalid("WithWebhookToken token", nil, fmt.Sprintf("must be at least %d characters to be unguessable (see NewWebhookToken)", minWebhookTokenLen))
	}
	if c.hasToken && strings.ContainsAny(c.token.Reveal(), "/?#&= \t\r\n") {
		return nil, invalid("WithWebhookToken token", nil, "must not contain '/', '?', '#', '&', '=' or spaces")
	}
	if c.maxBytes <= 0 {
		return nil, invalid("WithWebhookMaxBytes n", c.maxBytes, "must be > 0")
	}
	for _, n := range c.notifiers {
		if n == nil {
			return nil, invalid("WithWebhookNotifier notifier", nil, "must not be nil")
		}
	}
	return &webhookHandler{fn: fn, cfg: c}, nil
}

type webhookHandler struct {
	fn  func(context.Context, SessionEvent) error
	cfg webhookConfig
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "gameserver webhook: only POST is accepted", http.StatusMethodNotAllowed)
		return
	}
	if h.cfg.hasToken && !h.tokenOK(r) {
		http.Error(w, "gameserver webhook: missing or wrong token", http.StatusForbidden)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !isJSONType(ct) {
		http.Error(w, "gameserver webhook: the body must be application/json", http.StatusUnsupportedMediaType)
		return
	}
	if r.ContentLength > h.cfg.maxBytes {
		http.Error(w, "gameserver webhook: body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "gameserver webhook: body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "gameserver webhook: reading the body failed", http.StatusBadRequest)
		return
	}
	ev, err := DecodeSessionEvent(body)
	if err != nil {
		// The message names what is wrong, never quoting the body.
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, n := range h.cfg.notifiers {
		n.Notify(ev)
	}
	if err := h.fn(r.Context(), ev); err != nil {
		http.Error(w, "gameserver webhook: the receiver failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// tokenOK reports whether the request carries the token, comparing in
// constant time.
func (h *webhookHandler) tokenOK(r *http.Request) bool {
	want := []byte(h.cfg.token.Reveal())
	last := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	pathOK := subtle.ConstantTimeCompare([]byte(last), want)
	queryOK := subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), want)
	return pathOK|queryOK == 1
}

// isJSONType reports whether a Content-Type is JSON (application/json or a
// +json type).
func isJSONType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// webhookBody holds what the short body has beyond get-session's fields.
type webhookBody struct {
	ggen.SessionGet
	DeploymentRequestID string  `json:"deployment_request_id"`
	CreateTime          *string `json:"create_time"`
}

// WebhookBodyError reports a webhook body that is not a session event:
// DecodeSessionEvent returns it, and WebhookHandler answers 400 with its
// message. The message names what is wrong (not JSON, which field has the
// wrong type, no session_id) without quoting the body, which may hold the
// webhook URL's token, and stays short however large the body.
type WebhookBodyError struct {
	// Reason says what is wrong with the body.
	Reason string
	// Err is the JSON decoder's error, when there was one. Its own message
	// may quote part of the body.
	Err error
}

// Error returns e.g. "gameserver webhook: the body is not a JSON session:
// field \"ready\" is a JSON string, want a boolean".
func (e *WebhookBodyError) Error() string { return "gameserver webhook: " + e.Reason }

// Unwrap returns the decoder's error.
func (e *WebhookBodyError) Unwrap() error { return e.Err }

// webhookDecodeError describes a JSON decoding failure without quoting the
// body.
func webhookDecodeError(err error) *WebhookBodyError {
	const notSession = "the body is not a JSON session: "
	var reason string
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		// The scanner's message quotes at most one character.
		reason = fmt.Sprintf("%sinvalid JSON at byte %d: %s", notSession, se.Offset, se.Error())
	} else if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		got, _, _ := strings.Cut(te.Value, " ") // "number 1e999": never the literal
		what := "the body"
		if field := jsonFieldPath(te.Field); field != "" {
			what = fmt.Sprintf("field %q", keptText(field))
		}
		reason = fmt.Sprintf("%s%s is a JSON %s, want %s", notSession, what, got, jsonKind(te.Type.Kind()))
	} else {
		reason = notSession + "it cannot be decoded"
	}
	return &WebhookBodyError{Reason: reason, Err: err}
}

// jsonFieldPath is a decoder's field path as the body names it: without
// the Go name of the wire type webhookBody embeds.
func jsonFieldPath(path string) string {
	t := reflect.TypeFor[webhookBody]()
	for i := range t.NumField() {
		if f := t.Field(i); f.Anonymous {
			path = strings.TrimPrefix(path, f.Name+".")
		}
	}
	return path
}

// jsonKind names what JSON value a Go kind decodes from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer in range"
	case reflect.Float32, reflect.Float64:
		return "a number in range"
	case reflect.Slice, reflect.Array:
		return "an array"
	default:
		return "an object"
	}
}

// DecodeSessionEvent decodes a webhook body, in either of the API's shapes
// (see SessionEvent), as WebhookHandler does: for receivers of your own
// (a queue consumer, a serverless function). Unknown fields are ignored; a
// body that is not a JSON object, has a field of the wrong type or no
// session_id is a *WebhookBodyError.
func DecodeSessionEvent(body []byte) (SessionEvent, error) {
	var b webhookBody
	if err := json.Unmarshal(body, &b); err != nil {
		return SessionEvent{}, webhookDecodeError(err)
	}
	if b.SessionID == "" {
		return SessionEvent{}, &WebhookBodyError{Reason: "the body has no session_id"}
	}
	w := b.SessionGet
	if b.CreateTime != nil {
		w.CreateTime = *b.CreateTime
	}
	full := b.CreateTime != nil || w.Deployment != nil
	ev := SessionEvent{
		Session:             sessionFromGen(&w),
		DeploymentRequestID: b.DeploymentRequestID,
		Full:                full,
		Body:                json.RawMessage(body),
	}
	if ev.DeploymentRequestID == "" && ev.Session.Deployment != nil {
		ev.DeploymentRequestID = ev.Session.Deployment.RequestID
	}
	return ev, nil
}

// String describes the handler's options, e.g.
// "gameserver.WebhookHandler(token [REDACTED], max 1048576 bytes, 1 notifier)":
// never its token.
func (h *webhookHandler) String() string {
	token := "no token"
	if h.cfg.hasToken {
		token = "token " + redactedText
	}
	notifiers := "notifiers"
	if len(h.cfg.notifiers) == 1 {
		notifiers = "notifier"
	}
	return fmt.Sprintf("gameserver.WebhookHandler(%s, max %d bytes, %d %s)", token, h.cfg.maxBytes, len(h.cfg.notifiers), notifiers)
}

// GoString is String, so %#v shows no token either.
func (h *webhookHandler) GoString() string { return h.String() }

// Format writes String for every verb and flag.
func (h *webhookHandler) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, h.String()) }

// LogValue makes slog print String.
func (h *webhookHandler) LogValue() slog.Value { return slog.StringValue(h.String()) }
