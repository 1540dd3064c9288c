package bench

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

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
		t = &http.Transport{DialContext: (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext}
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
	base, zAuth, gAuth string
	hc                 *http.Client
}

// NewFloor returns a Floor for the server at base that sends through hc.
func NewFloor(base string, hc *http.Client) *Floor {
	zAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(benchEmail+"/token:"+benchToken))
	return &Floor{base: base, zAuth: zAuth, gAuth: "token " + benchKey, hc: hc}
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

// floorUser is the floor's game-server session user.
type floorUser struct {
	IP        string  `json:"ip"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// floorGameSession is the floor's get-session answer.
type floorGameSession struct {
	SessionID    string      `json:"session_id"`
	CustomID     string      `json:"custom_id"`
	Status       string      `json:"status"`
	Ready        bool        `json:"ready"`
	Linked       bool        `json:"linked"`
	Kind         string      `json:"kind"`
	UserCount    int         `json:"user_count"`
	AppVersion   int64       `json:"app_version"`
	CreateTime   string      `json:"create_time"`
	Elapsed      int         `json:"elapsed"`
	SessionUsers []floorUser `json:"session_users"`
	SessionIPs   []struct {
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

// do sends method to u with auth and, when body is not empty, the JSON
// body. A 200 is decoded into v; a 204 is expected when v is nil. The body
// is drained either way, so the connection is reused.
func (f *Floor) do(ctx context.Context, method, u, auth, body string, v any) error {
	var rb io.Reader
	if body != "" {
		rb = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rb)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := f.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	want := http.StatusOK
	if v == nil {
		want = http.StatusNoContent
	}
	if resp.StatusCode == want && v != nil {
		err = json.NewDecoder(resp.Body).Decode(v)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return err
}

// ListAll is the floor's paging loop over ListSessions: it returns how
// many sessions it saw, holding one page at a time.
func (f *Floor) ListAll(ctx context.Context) (int, error) {
	n := 0
	first := f.base + "/api/v2/sessions?page%5Bsize%5D=100"
	for u := first; ; {
		var page struct {
			Sessions []floorSession `json:"sessions"`
			Meta     struct {
				HasMore     bool    `json:"has_more"`
				AfterCursor *string `json:"after_cursor"`
			} `json:"meta"`
		}
		if err := f.do(ctx, http.MethodGet, u, f.zAuth, "", &page); err != nil {
			return n, err
		}
		n += len(page.Sessions)
		if !page.Meta.HasMore || page.Meta.AfterCursor == nil {
			return n, nil
		}
		u = first + "&page%5Bafter%5D=" + url.QueryEscape(*page.Meta.AfterCursor)
	}
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
