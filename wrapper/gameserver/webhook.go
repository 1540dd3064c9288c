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
	"net/url"
	"reflect"
	"slices"
	"strings"

	ggen "github.com/sessionkit/sessions/gen/gameserver"
	"github.com/sessionkit/sessions/wrapper/internal/core"
)

// DefaultWebhookMaxBytes is the largest webhook body a WebhookHandler reads
// unless WithWebhookMaxBytes says otherwise: far more than any session body.
const DefaultWebhookMaxBytes = 1 << 20

const minWebhookTokenLen = 16 // the shortest token WithWebhookToken accepts

// SessionEvent is one webhook delivery: the session the API POSTed to the
// session's webhook_url when it became linked, unprocessable or failed.
//
// The API's documentation says the body is the get-session one (users,
// deployment, create_time); the body observed on the wire carries only the
// list-sessions fields. Both decode into Session, fields the body did not
// carry left zero. Nothing signs the body: confirm with Get when it matters.
type SessionEvent struct {
	Session Session // the session as the body described it
	// DeploymentRequestID is the body's deployment_request_id, or else the
	// request id of its deployment; "" when it had neither.
	DeploymentRequestID string
	// Full is true for the get-session body (it had a create_time or a
	// deployment), false for the short one.
	Full bool
	// Body is the body as received, for fields Session does not hold. It
	// holds the webhook URL, token included, so it prints as its length only.
	Body json.RawMessage
}

// Linked reports whether the event says the session is linked to a
// deployment (or ready).
func (e SessionEvent) Linked() bool { return e.Session.Linked || e.Session.Ready }

// Failed reports whether the event says the session will never be ready:
// it has an error, or (the short body has no error field) its status is
// StatusUnprocessable or StatusError.
func (e SessionEvent) Failed() bool {
	return e.Session.Error != "" ||
		strings.EqualFold(e.Session.Status, StatusUnprocessable) ||
		strings.EqualFold(e.Session.Status, StatusError)
}

// WebhookOption configures a WebhookHandler. Options print without secrets.
type WebhookOption struct {
	printsAs
	apply func(*webhookConfig)
}

type webhookConfig struct {
	token     core.Secret
	hasToken  bool
	maxBytes  int64
	notifiers []*ReadyNotifier
}

// WithWebhookToken makes the handler accept only requests that carry token
// (compared in constant time), as the last segment of the URL path
// (/hooks/edgegap/<token>) or as the query parameter "token"; others are
// answered 403. Put the same URL in CreateRequest.WebhookURL. The token must
// be at least 16 characters, without '/', '?', '#', '&', '=' or spaces
// (NewWebhookToken makes a good one).
func WithWebhookToken(token string) WebhookOption {
	return WebhookOption{"gameserver.WithWebhookToken([REDACTED])", func(c *webhookConfig) {
		c.token, c.hasToken = core.Secret(token), true
	}}
}

// NewWebhookToken returns a random token for WithWebhookToken: 26
// characters (130 bits), safe in a URL path or query.
func NewWebhookToken() string { return rand.Text() }

// WithWebhookMaxBytes sets the largest body the handler reads
// (DefaultWebhookMaxBytes by default); a larger one is answered 413. n must
// be > 0.
func WithWebhookMaxBytes(n int64) WebhookOption {
	return WebhookOption{printsAs(fmt.Sprintf("gameserver.WithWebhookMaxBytes(%d)", n)), func(c *webhookConfig) {
		c.maxBytes = n
	}}
}

// WithWebhookNotifier makes the handler tell n about every event it
// accepts, before calling its function, so that waits given
// WithReadyNotifier(n) end as soon as the webhook arrives. n must not be nil.
func WithWebhookNotifier(n *ReadyNotifier) WebhookOption {
	return WebhookOption{"gameserver.WithWebhookNotifier(...)", func(c *webhookConfig) {
		c.notifiers = append(c.notifiers, n)
	}}
}

// WebhookHandler returns an http.Handler, to serve at the URL given in
// CreateRequest.WebhookURL, that calls fn with each session webhook,
// decoded, and answers:
//   - 204 No Content when fn returned nil;
//   - 405 to a method other than POST;
//   - 403 when WithWebhookToken is set and the request lacks the token;
//   - 415 when the Content-Type is present and not JSON;
//   - 413 when the body is larger than the limit (WithWebhookMaxBytes);
//   - 400 when the body is not a JSON session (see DecodeSessionEvent);
//   - 500 when fn returned an error (its text is not sent).
//
// fn runs before the answer, with the request's context: keep it short, as
// the API gives up after about 10 seconds and does not retry. A proxy or a
// replay can bring an event twice: fn must tolerate duplicates.
//
// Anyone who can reach the URL can post to it, so the handler reads at most
// the limit, decodes once and keeps nothing after answering. Time is the
// server's to bound: serve it from an http.Server with ReadHeaderTimeout,
// ReadTimeout and MaxHeaderBytes set (see the example), which
// http.ListenAndServe does not. The handler prints without its token. A
// nil fn, a bad token, a limit <= 0 or a nil notifier is an
// *InvalidArgumentError.
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
	switch {
	case c.hasToken && c.token == "":
		return nil, invalid("WithWebhookToken token", nil, "must not be empty")
	case c.hasToken && len(c.token) < minWebhookTokenLen:
		return nil, invalid("WithWebhookToken token", nil, fmt.Sprintf("must be at least %d characters to be unguessable (see NewWebhookToken)", minWebhookTokenLen))
	case c.hasToken && strings.ContainsAny(c.token.Reveal(), "/?#&= \t\r\n"):
		return nil, invalid("WithWebhookToken token", nil, "must not contain '/', '?', '#', '&', '=' or spaces")
	case c.maxBytes <= 0:
		return nil, invalid("WithWebhookMaxBytes n", c.maxBytes, "must be > 0")
	case slices.Contains(c.notifiers, nil):
		return nil, invalid("WithWebhookNotifier notifier", nil, "must not be nil")
	}
	token, notifiers := "no token", "notifiers"
	if c.hasToken {
		token = "token " + redactedText
	}
	if len(c.notifiers) == 1 {
		notifiers = "notifier"
	}
	desc := fmt.Sprintf("gameserver.WebhookHandler(%s, max %d bytes, %d %s)", token, c.maxBytes, len(c.notifiers), notifiers)
	return &webhookHandler{printsAs(desc), fn, c}, nil
}

type webhookHandler struct {
	printsAs // its options, never its token
	fn       func(context.Context, SessionEvent) error
	cfg      webhookConfig
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

// tokenOK reports whether the request carries the token.
func (h *webhookHandler) tokenOK(r *http.Request) bool {
	want := []byte(h.cfg.token.Reveal())
	last := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	pathOK := subtle.ConstantTimeCompare([]byte(last), want)
	queryOK := subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), want)
	return pathOK|queryOK == 1
}

// isJSONType reports whether a Content-Type is application/json or +json.
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
// message, which names what is wrong without quoting the body (it may hold
// the webhook URL's token) and stays short however large the body.
type WebhookBodyError struct {
	Reason string // what is wrong with the body
	Err    error  // the JSON decoder's error, if any; its message may quote the body
}

// Error returns e.g. "gameserver webhook: the body is not a JSON session:
// field \"ready\" is a JSON string, want a boolean".
func (e *WebhookBodyError) Error() string { return "gameserver webhook: " + e.Reason }

// Unwrap returns the decoder's error.
func (e *WebhookBodyError) Unwrap() error { return e.Err }

// webhookDecodeError describes a JSON decoding failure without quoting the
// body.
func webhookDecodeError(err error) *WebhookBodyError {
	reason := "it cannot be decoded"
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		// The scanner's message quotes at most one character.
		reason = fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())
	} else if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		got, _, _ := strings.Cut(te.Value, " ") // "number 1e999": never the literal
		what := "the body"
		// The path as the body names it, without the type webhookBody embeds.
		if field := strings.TrimPrefix(te.Field, "SessionGet."); field != "" {
			what = fmt.Sprintf("field %q", keptText(field))
		}
		reason = fmt.Sprintf("%s is a JSON %s, want %s", what, got, jsonKind(te.Type.Kind()))
	}
	return &WebhookBodyError{Reason: "the body is not a JSON session: " + reason, Err: err}
}

// jsonKind names what JSON value a Go kind decodes from.
func jsonKind(k reflect.Kind) string {
	switch {
	case k == reflect.Bool:
		return "a boolean"
	case k == reflect.String:
		return "a string"
	case k >= reflect.Int && k <= reflect.Uint64:
		return "an integer in range"
	case k == reflect.Float32 || k == reflect.Float64:
		return "a number in range"
	case k == reflect.Slice || k == reflect.Array:
		return "an array"
	}
	return "an object"
}

// DecodeSessionEvent decodes a webhook body, in either of the API's shapes,
// as WebhookHandler does: for receivers of your own. Unknown fields and
// statuses are accepted; a body that is not a JSON object, has a field of
// the wrong type or no session_id is a *WebhookBodyError.
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
	ev := SessionEvent{
		Session:             sessionFromGen(&w),
		DeploymentRequestID: b.DeploymentRequestID,
		Full:                b.CreateTime != nil || w.Deployment != nil,
		Body:                json.RawMessage(body),
	}
	if ev.DeploymentRequestID == "" && ev.Session.Deployment != nil {
		ev.DeploymentRequestID = ev.Session.Deployment.RequestID
	}
	return ev, nil
}

// redactedText is what a token-bearing part of a webhook URL prints as.
const redactedText = "[REDACTED]"

// redactWebhookURL renders a webhook URL without the parts that can carry
// its token: the userinfo, every query value (and a query key that is long
// or has no value), the fragment, the last path segment (where
// WithWebhookToken reads it) and any long one; long is minWebhookTokenLen
// or more. What is left says which receiver the URL names. A URL that does
// not parse prints as [REDACTED].
func redactWebhookURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return redactedText
	}
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.Opaque != "" {
		// "user:token@host" without "//" parses as an opaque URL.
		b.WriteString(redactedText)
		return b.String()
	}
	if u.Host != "" || u.User != nil {
		b.WriteString("//")
		if u.User != nil {
			b.WriteString(redactedText + "@")
		}
		b.WriteString(u.Host)
	}
	segments := strings.Split(u.EscapedPath(), "/")
	for i, seg := range segments {
		if seg != "" && (i == len(segments)-1 || len(seg) >= minWebhookTokenLen) {
			segments[i] = redactedText
		}
	}
	b.WriteString(strings.Join(segments, "/"))
	if u.RawQuery != "" || u.ForceQuery {
		pairs := strings.Split(u.RawQuery, "&")
		for i, pair := range pairs {
			key, value, hasValue := strings.Cut(pair, "=")
			if len(key) >= minWebhookTokenLen || (!hasValue && key != "") {
				pairs[i] = redactedText
			} else if hasValue && value != "" {
				pairs[i] = key + "=" + redactedText
			}
		}
		b.WriteString("?" + strings.Join(pairs, "&"))
	}
	if u.Fragment != "" {
		b.WriteString("#" + redactedText)
	}
	return b.String()
}

// printRedacted writes v — a method-free copy of a value of the type
// called name, its webhook URLs already redacted — as f's verb and flags
// ask; %#v names the type name, not the copy's.
func printRedacted(f fmt.State, verb rune, v any, name string) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if verb == 'v' && f.Flag('#') {
		if _, fields, ok := strings.Cut(s, "{"); ok {
			s = name + "{" + fields
		}
	}
	_, _ = io.WriteString(f, s)
}

// logValue is how slog prints a value holding a webhook URL: as %+v does.
func logValue(v fmt.Formatter) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }

// Format prints the session as fmt would, every verb and flag alike,
// except that WebhookURL shows only what names the receiver: its token (see
// redactWebhookURL) is [REDACTED]. encoding/json still encodes the URL
// whole: it is data.
func (s Session) Format(f fmt.State, verb rune) {
	type session Session // no methods: printed field by field
	c := session(s)
	c.WebhookURL = redactWebhookURL(s.WebhookURL)
	printRedacted(f, verb, c, "gameserver.Session")
}

// LogValue makes slog print the session as %+v does.
func (s Session) LogValue() slog.Value { return logValue(s) }

// Format prints the summary as Session.Format does.
func (s SessionSummary) Format(f fmt.State, verb rune) {
	type summary SessionSummary
	c := summary(s)
	c.WebhookURL = redactWebhookURL(s.WebhookURL)
	printRedacted(f, verb, c, "gameserver.SessionSummary")
}

// LogValue makes slog print the summary as %+v does.
func (s SessionSummary) LogValue() slog.Value { return logValue(s) }

// Format prints the created session as Session.Format does.
func (c CreatedSession) Format(f fmt.State, verb rune) {
	type created CreatedSession
	p := created(c)
	p.WebhookURL = redactWebhookURL(c.WebhookURL)
	printRedacted(f, verb, p, "gameserver.CreatedSession")
}

// LogValue makes slog print the created session as %+v does.
func (c CreatedSession) LogValue() slog.Value { return logValue(c) }

// Format prints the request as Session.Format does.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	type request CreateRequest
	p := request(r)
	p.WebhookURL = redactWebhookURL(r.WebhookURL)
	printRedacted(f, verb, p, "gameserver.CreateRequest")
}

// LogValue makes slog print the request as %+v does.
func (r CreateRequest) LogValue() slog.Value { return logValue(r) }

// Format prints the event as Session.Format does, its Body as its length.
func (e SessionEvent) Format(f fmt.State, verb rune) {
	type event struct {
		Session             Session
		DeploymentRequestID string
		Full                bool
		Body                redactedBody
	}
	printRedacted(f, verb, event{e.Session, e.DeploymentRequestID, e.Full, redactedBody(len(e.Body))}, "gameserver.SessionEvent")
}

// LogValue makes slog print the event as %+v does.
func (e SessionEvent) LogValue() slog.Value { return logValue(e) }

// redactedBody is a webhook body printed as its length.
type redactedBody int

// Format writes e.g. "[REDACTED 312 bytes]" for every verb.
func (b redactedBody) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "[REDACTED %d bytes]", int(b))
}
