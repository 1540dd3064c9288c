package bench

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	gsgen "github.com/sessionkit/sessions/gen/gameserver"
	zgen "github.com/sessionkit/sessions/gen/zendesk"
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

const (
	benchEmail = "agent@example.com"
	benchToken = "bench-token"
	benchKey   = "bench-key"
)

// FloorHTTPClient returns an *http.Client with the transport settings of
// the wrappers' default client (wrapper/internal/core/httpclient.go): a
// clone of net/http's default transport with a 10 s TLS-handshake timeout,
// a 2 min response-header timeout and 100 idle connections (per host too),
// kept 90 s.
func FloorHTTPClient() *http.Client {
	var t *http.Transport
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t = dt.Clone()
	} else {
		t = &http.Transport{DialContext: (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns: 100, IdleConnTimeout: 90 * time.Second}
	}
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 2 * time.Minute
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 100
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: t}
}

// Floor is the hand-written client: net/http and encoding/json, nothing
// else, doing what a careful user would write by hand.
type Floor struct {
	base      string
	hc        *http.Client
	zAuth     string
	gAuth     string
	showURL   string
	getURL    string
	listFirst string
}

// NewFloor returns a Floor for the server at base.
func NewFloor(base string) *Floor {
	return &Floor{
		base:      base,
		hc:        FloorHTTPClient(),
		zAuth:     ZendeskAuth(),
		gAuth:     GameServerAuth(),
		showURL:   base + "/api/v2/users/3/sessions/8589934592",
		getURL:    base + "/v1/session/950dd2eaff09-S",
		listFirst: base + "/api/v2/sessions?page%5Bsize%5D=100",
	}
}

// Close closes the floor's idle connections.
func (f *Floor) Close() { f.hc.CloseIdleConnections() }

// floorSession is the floor's Zendesk session.
type floorSession struct {
	ID              int64     `json:"id"`
	UserID          int64     `json:"user_id"`
	AuthenticatedAt time.Time `json:"authenticated_at"`
	LastSeenAt      time.Time `json:"last_seen_at"`
	URL             string    `json:"url"`
}

// floorGameSession is the floor's get-session answer.
type floorGameSession struct {
	SessionID    string `json:"session_id"`
	CustomID     string `json:"custom_id"`
	Status       string `json:"status"`
	Ready        bool   `json:"ready"`
	Linked       bool   `json:"linked"`
	Kind         string `json:"kind"`
	UserCount    int    `json:"user_count"`
	AppVersion   int64  `json:"app_version"`
	CreateTime   string `json:"create_time"`
	Elapsed      int    `json:"elapsed"`
	SessionUsers []struct {
		IP        string  `json:"ip"`
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	} `json:"session_users"`
	SessionIPs []struct {
		IP string `json:"ip"`
	} `json:"session_ips"`
	Deployment *struct {
		RequestID string `json:"request_id"`
		PublicIP  string `json:"public_ip"`
		Status    string `json:"status"`
		FQDN      string `json:"fqdn"`
		Ready     bool   `json:"ready"`
		Ports     map[string]struct {
			External int    `json:"external"`
			Internal int    `json:"internal"`
			Protocol string `json:"protocol"`
			Name     string `json:"name"`
			Link     string `json:"link"`
		} `json:"ports"`
		Location *struct {
			City      string  `json:"city"`
			Country   string  `json:"country"`
			Latitude  float64 `json:"latitude"`
			Longitude float64 `json:"longitude"`
		} `json:"location"`
		Tags []string `json:"tags"`
	} `json:"deployment"`
}

// get sends a GET with auth and decodes a 200 JSON answer into v.
func (f *Floor) get(ctx context.Context, u, auth string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	resp, err := f.hc.Do(req)
	return decodeOK(resp, err, v)
}

// ShowSession is the floor's ShowSession.
func (f *Floor) ShowSession(ctx context.Context) (int64, error) {
	var body struct {
		Session floorSession `json:"session"`
	}
	err := f.get(ctx, f.showURL, f.zAuth, &body)
	return body.Session.ID, err
}

// GetSession is the floor's get-session.
func (f *Floor) GetSession(ctx context.Context) (string, error) {
	var body floorGameSession
	err := f.get(ctx, f.getURL, f.gAuth, &body)
	return body.SessionID, err
}

// ListAll is the floor's paging loop over ListSessions: it returns how
// many sessions it saw, holding one page at a time.
func (f *Floor) ListAll(ctx context.Context) (int, error) {
	n := 0
	u := f.listFirst
	for {
		var page struct {
			Sessions []floorSession `json:"sessions"`
			Meta     struct {
				HasMore     bool    `json:"has_more"`
				AfterCursor *string `json:"after_cursor"`
			} `json:"meta"`
		}
		if err := f.get(ctx, u, f.zAuth, &page); err != nil {
			return n, err
		}
		n += len(page.Sessions)
		if !page.Meta.HasMore || page.Meta.AfterCursor == nil {
			return n, nil
		}
		u = f.listFirst + "&page%5Bafter%5D=" + url.QueryEscape(*page.Meta.AfterCursor)
	}
}

// Generated is the generated clients alone, over the floor's HTTP client:
// the request builders of gen/, the response decoded into gen's types.
type Generated struct {
	z  *zgen.Client
	g  *gsgen.Client
	hc *http.Client
}

// NewGenerated returns the generated clients for the server at base.
func NewGenerated(base string) (*Generated, error) {
	hc := FloorHTTPClient()
	zAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(benchEmail+"/token:"+benchToken))
	z, err := zgen.NewClient(base, zgen.WithHTTPClient(hc), zgen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", zAuth)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	g, err := gsgen.NewClient(base, gsgen.WithHTTPClient(hc), gsgen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "token "+benchKey)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	return &Generated{z: z, g: g, hc: hc}, nil
}

// Close closes the generated clients' idle connections.
func (g *Generated) Close() { g.hc.CloseIdleConnections() }

// decodeOK decodes a 200 answer into v, as a hand-written client does,
// and drains the body so the connection is reused.
func decodeOK(resp *http.Response, err error, v any) error {
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(v)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

// ShowSession is ShowSession through gen/zendesk alone.
func (g *Generated) ShowSession(ctx context.Context) (int64, error) {
	var body zgen.SessionResponse
	resp, err := g.z.ShowSession(ctx, 3, 8589934592)
	if err := decodeOK(resp, err, &body); err != nil {
		return 0, err
	}
	s, err := body.Session.AsSession() // an absent session does not decode

	return s.Id, err
}

// GetSession is get-session through gen/gameserver alone.
func (g *Generated) GetSession(ctx context.Context) (string, error) {
	var body gsgen.SessionGet
	resp, err := g.g.GetSession(ctx, "950dd2eaff09-S")
	err = decodeOK(resp, err, &body)
	return body.SessionID, err
}

// Wrappers is the two wrappers' clients with their default HTTP client.
type Wrappers struct {
	Z *zendesk.Client
	G *gameserver.Client
}

// NewWrappers returns the wrappers' clients for the server at base.
func NewWrappers(base string) (*Wrappers, error) {
	z, err := zendesk.NewClient("acme", zendesk.WithBaseURL(base), zendesk.WithAPIToken(benchEmail, benchToken))
	if err != nil {
		return nil, err
	}
	g, err := gameserver.NewClient(gameserver.WithBaseURL(base), gameserver.WithAPIToken(benchKey))
	if err != nil {
		return nil, err
	}
	return &Wrappers{Z: z, G: g}, nil
}

// Close closes the wrappers' idle connections.
func (w *Wrappers) Close() {
	w.Z.CloseIdleConnections()
	w.G.CloseIdleConnections()
}

// ShowSession is ShowSession through the zendesk wrapper.
func (w *Wrappers) ShowSession(ctx context.Context) (int64, error) {
	s, err := w.Z.Sessions.Get(ctx, 3, 8589934592)
	return s.ID, err
}

// GetSession is get-session through the gameserver wrapper.
func (w *Wrappers) GetSession(ctx context.Context) (string, error) {
	s, err := w.G.Sessions.Get(ctx, "950dd2eaff09-S")
	if err != nil {
		return "", err
	}
	return s.ID, nil
}

// ListAll lists every session through the zendesk wrapper's Pager.
func (w *Wrappers) ListAll(ctx context.Context) (int, error) {
	n := 0
	for _, err := range w.Z.Sessions.List(nil).All(ctx) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// noContentOK checks for a 204 answer and drains its body, as a
// hand-written client does.
func noContentOK(resp *http.Response, err error) error {
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// ZendeskAuth is the Authorization value of the benchmark's Zendesk
// credentials, for peers measured beside the wrappers.
func ZendeskAuth() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(benchEmail+"/token:"+benchToken))
}

// GameServerAuth is the Authorization value of the benchmark's game-server
// key, for peers measured beside the wrappers.
func GameServerAuth() string { return "token " + benchKey }

// DecodeGameSession decodes a get-session answer into the floor's type, so
// that a peer measured beside the wrappers does the floor's decoding work,
// and returns its session id.
func DecodeGameSession(r io.Reader) (string, error) {
	var body floorGameSession
	err := json.NewDecoder(r).Decode(&body)
	return body.SessionID, err
}

// DecodeZendeskSession decodes a ShowSession answer into the floor's type
// and returns its session id.
func DecodeZendeskSession(r io.Reader) (int64, error) {
	var body struct {
		Session floorSession `json:"session"`
	}
	err := json.NewDecoder(r).Decode(&body)
	return body.Session.ID, err
}
